// `loa news ingest` and `loa search` through the real binary: a feed file and a JSON Lines
// file go in (each address once, bad lines refused with their numbers and nothing stored),
// and the search answers in the documented JSON shape, accents optional.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/loa_process.h"
#include "support/temp_dir.h"
#include "support/web_site.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo Hải Phòng</title><link>https://baohaiphong.vn/</link>
<item><title>Đà Nẵng và Hải Phòng hợp tác du lịch</title>
<link>https://baohaiphong.vn/hop-tac-du-lich.html?utm_source=rss</link>
<pubDate>Mon, 30 Nov 2026 09:00:00 +0700</pubDate>
<description>Hai thành phố ký kết hợp tác phát triển du lịch biển.</description></item>
<item><title>Giá bán nhà ở xã hội</title><link>https://baohaiphong.vn/nha-o-xa-hoi.html</link>
<description>Công bố giá bán căn hộ.</description></item>
</channel></rss>)";

TEST(NewsCliTest, IngestFeedAndJsonLinesThenSearch) {
  TempDir dir;
  const std::string db = dir.file("loa.db");
  std::ofstream(dir.file("feed.xml")) << kFeed;
  auto feed = run_loa({"news", "ingest", "--db", db, dir.file("feed.xml")});
  ASSERT_EQ(feed.exit_code, 0) << feed.err;
  EXPECT_NE(feed.out.find("2 article(s), 2 new"), std::string::npos) << feed.out;

  // The same story by its canonical address, and a new one.
  std::ofstream(dir.file("articles.jsonl"))
      << R"({"url": "https://baohaiphong.vn/hop-tac-du-lich.html", "title": "Bản sao", "text": "x"})"
      << "\n\n"
      << R"({"url": "https://dantri.com.vn/ban-tin.htm", "title": "Người bạn của nông dân", )"
      << R"("text": "Ngân hàng đồng hành cùng nông dân.", "published": "2026-12-01T07:00:00+07:00", )"
      << R"("outlet": "Dân trí"})"
      << "\n";
  auto lines = run_loa({"news", "ingest", "--db", db, dir.file("articles.jsonl")});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_NE(lines.out.find("2 article(s), 1 new, 1 already stored"), std::string::npos)
      << lines.out;

  auto found = run_loa({"search", "--db", db, "--json", "da nang"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  const Json r = Json::parse(found.out);
  EXPECT_EQ(r["total"], 1);
  EXPECT_EQ(r["total_estimated"], false);  // every match came: counted
  // The ranked search index was built beside the database as the articles were stored.
  EXPECT_TRUE(std::filesystem::is_directory(db + ".ranked"));
  ASSERT_EQ(r["results"].size(), 1U);
  const Json& hit = r["results"][0];
  EXPECT_EQ(hit["url"], "https://baohaiphong.vn/hop-tac-du-lich.html");
  EXPECT_EQ(hit["title"], "Đà Nẵng và Hải Phòng hợp tác du lịch");
  EXPECT_EQ(hit["outlet"], "Báo Hải Phòng");
  EXPECT_EQ(hit["published"], "2026-11-30T02:00:00Z");
  EXPECT_NE(hit["snippet"].get<std::string>().find("["), std::string::npos);
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_TRUE(hit["topics"].is_array() && hit["duplicates"].is_array());

  // "bạn" does not find "bán"; without accents both.
  EXPECT_EQ(Json::parse(run_loa({"search", "--db", db, "--json", "bạn"}).out)["total"], 1);
  EXPECT_EQ(Json::parse(run_loa({"search", "--db", db, "--json", "ban"}).out)["total"], 2);
  auto text = run_loa({"search", "--db", db, "nong dan"});
  EXPECT_NE(text.out.find("Người bạn của nông dân"), std::string::npos) << text.out;

  // Bad lines: each named, nothing stored.
  std::ofstream(dir.file("bad.jsonl"))
      << R"({"url": "https://x.vn/a", "title": "Tốt", "text": "t"})"
      << "\n"
      << R"({"url": "ftp://x.vn/b", "title": "B"})"
      << "\n"
      << "not json\n"
      << R"({"url": "https://x.vn/c", "title": "C", "published": "hôm qua"})"
      << "\n";
  auto bad = run_loa({"news", "ingest", "--db", db, dir.file("bad.jsonl")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("line 2: url 'ftp://x.vn/b' is not an http(s) address"), std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("line 3: not valid JSON"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("line 4: published"), std::string::npos) << bad.err;
  EXPECT_EQ(Json::parse(run_loa({"search", "--db", db, "--json", "tot"}).out)["total"], 0);

  auto html = run_loa({"news", "ingest", "--db", db, dir.file("page.html")});
  EXPECT_EQ(html.exit_code, 1);
  std::ofstream(dir.file("page.html")) << "<!DOCTYPE html><html><body>Trang chủ</body></html>";
  html = run_loa({"news", "ingest", "--db", db, dir.file("page.html")});
  EXPECT_EQ(html.exit_code, 1);
  EXPECT_NE(html.err.find("HTML page"), std::string::npos) << html.err;
  auto query = run_loa({"search", "--db", db, "\"unclosed"});
  EXPECT_EQ(query.exit_code, 1);
  EXPECT_NE(query.err.find("not a valid expression"), std::string::npos) << query.err;
}

std::string one_item_feed(const std::string& link, const std::string& title) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Báo Thử</title>"
         "<item><title>" +
         title + "</title><link>" + link + "</link></item></channel></rss>";
}

std::string article_page(const std::string& title, const std::string& text) {
  return "<html lang=\"vi\"><head><title>" + title + "</title></head><body><article><h1>" + title +
         "</h1><p>" + text + "</p></article></body></html>";
}

// Sources from the command line, polled by `loa news poll`, by `loa worker --once`, and by
// `loa serve` in the background, from a local web site.
TEST(NewsCliTest, SourcesArePolledByCommandWorkerAndServer) {
  TempDir dir;
  const std::string db = dir.file("loa.db");
  WebSite site;
  site.put("/rss", {200, "application/rss+xml",
                    one_item_feed(site.url("/ha-tang.html"), "Đầu tư hạ tầng cảng biển")});
  site.put("/ha-tang.html",
           {200, "text/html",
            article_page("Đầu tư hạ tầng cảng biển",
                         "Thành phố Hải Phòng đầu tư mở rộng hạ tầng cảng Lạch Huyện, tạo động "
                         "lực phát triển kinh tế biển.")});

  auto added = run_loa({"news", "source", "add", "--db", db, "--name", "Báo Thử", "--every", "60",
                        site.url("/rss")});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto again = run_loa({"news", "source", "add", "--db", db, "--name", "Lại", site.url("/rss")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("is a source already"), std::string::npos) << again.err;
  auto bad = run_loa(
      {"news", "source", "add", "--db", db, "--name", "X", "--every", "5", "https://x.vn/rss"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("outside 60"), std::string::npos) << bad.err;

  auto polled = run_loa({"news", "poll", "--db", db, "--host-gap", "0"});
  ASSERT_EQ(polled.exit_code, 0) << polled.err;
  EXPECT_NE(polled.out.find("Báo Thử: 1 listed, 1 new"), std::string::npos) << polled.out;
  auto found = Json::parse(run_loa({"search", "--db", db, "--json", "lach huyen"}).out);
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["results"][0]["url"], site.url("/ha-tang.html"));
  EXPECT_EQ(found["results"][0]["outlet"], "Báo Thử");
  auto none = run_loa({"news", "poll", "--db", db});
  EXPECT_NE(none.out.find("No source is due"), std::string::npos) << none.out;

  // A source that fails: the worker says which and why, and the list shows it failing.
  site.put("/trang", {200, "text/html", article_page("Trang chủ", "Không phải nguồn tin")});
  ASSERT_EQ(run_loa({"news", "source", "add", "--db", db, "--name", "Trang", site.url("/trang")})
                .exit_code,
            0);
  auto worker = run_loa({"worker", "--once", "--db", db, "--host-gap", "0"});
  EXPECT_EQ(worker.exit_code, 1);
  EXPECT_NE(worker.out.find("Sources polled: 1; new articles: 0; sources failing: 1"),
            std::string::npos)
      << worker.out;
  EXPECT_NE(worker.out.find("Trang: the address answers with a web page, not a feed"),
            std::string::npos)
      << worker.out;
  const Json sources = Json::parse(run_loa({"news", "sources", "--db", db, "--json"}).out);
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0]["name"], "Báo Thử");
  EXPECT_EQ(sources[0]["health"], "ok");
  EXPECT_EQ(sources[0]["articles"], 1);
  EXPECT_EQ(sources[0]["interval_seconds"], 60);
  EXPECT_EQ(sources[1]["health"], "failing");
  EXPECT_NE(sources[1]["reason"].get<std::string>().find("not a feed"), std::string::npos);

  // The server polls in the background: a source added while it runs is read within seconds.
  LoaServer server(db, {"--poll-every", "1", "--host-gap", "0", "--scheduler-every", "0"});
  site.put("/rss2", {200, "application/rss+xml",
                     one_item_feed(site.url("/le-hoi.html"), "Lễ hội hoa phượng đỏ")});
  site.put("/le-hoi.html", {200, "text/html",
                            article_page("Lễ hội hoa phượng đỏ",
                                         "Lễ hội hoa phượng đỏ thu hút du khách đến Hải Phòng.")});
  ASSERT_EQ(run_loa({"news", "source", "add", "--db", db, "--name", "Báo Hai", site.url("/rss2")})
                .exit_code,
            0);
  int total = 0;
  for (int i = 0; i < 100 && total == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total = Json::parse(run_loa({"search", "--db", db, "--json", "hoa phuong"}).out)["total"];
  }
  EXPECT_EQ(total, 1) << server.log();
}

}  // namespace
}  // namespace loa::testing
