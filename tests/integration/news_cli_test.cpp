// `loa news ingest` and `loa search` through the real binary: a feed file and a JSON Lines
// file go in (each address once, bad lines refused with their numbers and nothing stored),
// and the search answers in the documented JSON shape, accents optional.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/loa_process.h"
#include "support/temp_dir.h"

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

}  // namespace
}  // namespace loa::testing
