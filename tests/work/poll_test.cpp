// Polling a local web site: a feed to stored articles (pages extracted and kept, syndicated
// copies in one story, robots.txt obeyed), conditional GET, adaptive intervals, back-off and
// the health view's reasons.
#include "work/poll.h"

#include <gtest/gtest.h>

#include "store/articles.h"
#include "support/test_db.h"
#include "support/web_site.h"

namespace loa::work {
namespace {

using loa::testing::TestDb;
using loa::testing::WebPage;
using loa::testing::WebSite;

constexpr std::int64_t kStart = 1796000000;  // 2026-11-30
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;

const char* kStory =
    "<p>Sáng nay, Ủy ban nhân dân thành phố Hải Phòng tổ chức hội nghị tổng kết công tác thông "
    "tin đối ngoại năm 2026 và triển khai nhiệm vụ năm 2027 với sự tham dự của lãnh đạo các sở, "
    "ban, ngành và đại diện các cơ quan báo chí trung ương và địa phương.</p>"
    "<p>Theo báo cáo, trong năm qua các cơ quan đã phối hợp thực hiện hàng trăm tin bài, phóng "
    "sự giới thiệu tiềm năng, thế mạnh của thành phố cảng, thu hút đầu tư vào các khu công "
    "nghiệp và phát triển du lịch biển đảo Cát Bà, Đồ Sơn.</p>"
    "<p>Phát biểu chỉ đạo, Phó Chủ tịch thành phố đề nghị các đơn vị tiếp tục đổi mới nội dung, "
    "hình thức tuyên truyền, tăng cường ứng dụng công nghệ số và kịp thời phản bác thông tin "
    "sai lệch trên không gian mạng.</p>";

std::string page(const std::string& title, const std::string& lead, const std::string& body) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title><meta property=\"article:published_time\" "
         "content=\"2026-12-01T08:30:00+07:00\"></head><body><nav><a href=\"/\">Trang chủ</a>"
         "</nav><article><h1>" +
         title + "</h1><p><b>" + lead + "</b></p>" + body +
         "</article><div class=\"tin-lien-quan\"><a href=\"/x.html\">Tin khác</a></div>"
         "</body></html>";
}

std::string rss(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
      "<title>Báo Thử</title><link>http://example/</link>";
  for (const auto& [link, title] : items) {
    x += "<item><title>";
    x += title;
    x += "</title><link>";
    x += link;
    x += "</link><description>Tóm tắt: ";
    x += title;
    x += "</description><pubDate>Tue, 01 Dec 2026 08:30:00 +0700</pubDate></item>";
  }
  return x + "</channel></rss>";
}

struct Polling : ::testing::Test {
  TestDb db;
  WebSite site;
  ManualClock clock{kStart};
  PollSettings settings;

  Polling() {
    settings.host_gap_seconds = 0;
    settings.limits.timeout_seconds = 2;
  }

  std::int64_t add_source(const std::string& target, const std::string& kind = "feed",
                          int poll_seconds = 900) {
    store::SourceRow s;
    s.name = "Báo Thử " + target;
    s.url = site.url(target);
    s.kind = kind;
    s.poll_seconds = poll_seconds;
    s.created_at = format_utc(clock.now_unix());
    auto id = store::insert_source(*db, s);
    EXPECT_TRUE(id) << id.status().message();
    return id ? *id : 0;
  }

  store::SourceRow source(std::int64_t id) {
    auto s = store::find_source(*db, id);
    EXPECT_TRUE(s) << s.status().message();
    return s ? *s : store::SourceRow{};
  }

  std::int64_t story_of(const std::string& target) {
    auto st = db->prepare("SELECT COALESCE(story_id, 0) FROM articles WHERE url = ?");
    st->bind(1, site.url(target));
    auto row = st->step();
    return row && *row ? st->column_int(0) : -1;
  }
};

TEST_F(Polling, AFeedBecomesArticlesWithTheirPagesAndStories) {
  site.put("/robots.txt", {200, "text/plain", "User-agent: *\nDisallow: /rieng/\n"});
  site.put("/rss", {200,
                    "application/rss+xml",
                    rss({{site.url("/bai-1.html?utm_source=rss"), "Tổng kết thông tin đối ngoại"},
                         {site.url("/bai-2.html"), "Hải Phòng tổng kết thông tin đối ngoại"},
                         {site.url("/rieng/bai-3.html"), "Bài trong khu vực cấm"}}),
                    {{"ETag", "\"v1\""}}});
  site.put("/bai-1.html", {200, "text/html; charset=utf-8",
                           page("Tổng kết thông tin đối ngoại", "Báo Thử đưa tin.", kStory)});
  // A syndicated copy: another outlet's lead over the same story.
  site.put("/bai-2.html", {200, "text/html; charset=utf-8",
                           page("Hải Phòng tổng kết thông tin đối ngoại",
                                "Theo Cổng thông tin điện tử thành phố.", kStory)});
  const auto id = add_source("/rss");
  Poller poller(*db, clock, settings);

  auto report = poller.poll_due();
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->polled, 1);
  EXPECT_EQ(report->failed, 0);
  EXPECT_EQ(report->added, 3);
  EXPECT_EQ(site.hits("/rieng/bai-3.html"), 0);  // robots.txt said no
  EXPECT_EQ(site.hits("/robots.txt"), 1);        // read once for the host

  // The first page: the text from the page (not the feed's summary), tracking removed, the
  // page kept compressed.
  auto st = db->prepare("SELECT id, text, published_at FROM articles WHERE url = ?");
  st->bind(1, site.url("/bai-1.html"));
  ASSERT_TRUE(*st->step());
  const auto first = st->column_int(0);
  EXPECT_NE(st->column_text(1).find("thành phố cảng"), std::string::npos) << st->column_text(1);
  EXPECT_EQ(st->column_text(1).find("Trang chủ"), std::string::npos);
  EXPECT_EQ(st->column_text(2), "2026-12-01T01:30:00Z");
  auto kept = store::find_article_page(*db, first);
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->html, page("Tổng kết thông tin đối ngoại", "Báo Thử đưa tin.", kStory));
  EXPECT_EQ((*kept)->encoding, "utf-8");

  // The copy is in the first one's story; the disallowed one has only the feed's summary.
  EXPECT_EQ(story_of("/bai-1.html"), first);
  EXPECT_EQ(story_of("/bai-2.html"), first);
  auto third = db->prepare("SELECT text FROM articles WHERE url = ?");
  third->bind(1, site.url("/rieng/bai-3.html"));
  ASSERT_TRUE(*third->step());
  EXPECT_EQ(third->column_text(0), "Tóm tắt: Bài trong khu vực cấm");
  auto missing = store::find_article_page(*db, first + 2);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);

  // New articles: the interval halves; the source is healthy.
  auto s = source(id);
  EXPECT_EQ(s.interval_seconds, 450);
  EXPECT_EQ(s.next_poll_at, format_utc(kStart + 450));
  EXPECT_EQ(s.etag, "\"v1\"");
  EXPECT_EQ(s.articles_added, 3);
  EXPECT_EQ(source_health(*db, s, clock.now_unix())->state, "ok");

  // Not due yet: nothing fetched.
  auto early = poller.poll_due();
  ASSERT_TRUE(early);
  EXPECT_EQ(early->polled, 0);

  // Due, unchanged: 304 through the ETag, the interval lengthens by half.
  clock.advance(450);
  auto unchanged = poller.poll_due();
  ASSERT_TRUE(unchanged);
  ASSERT_EQ(unchanged->sources.size(), 1u);
  EXPECT_TRUE(unchanged->sources[0].not_modified);
  EXPECT_EQ(site.requests().back().if_none_match, "\"v1\"");
  EXPECT_EQ(source(id).interval_seconds, 675);

  // The feed updates: only the new item is fetched.
  site.put("/rss", {200,
                    "application/rss+xml",
                    rss({{site.url("/bai-4.html"), "Đón đoàn khách quốc tế"},
                         {site.url("/bai-1.html"), "Tổng kết thông tin đối ngoại"}}),
                    {{"ETag", "\"v2\""}}});
  site.put("/bai-4.html", {200, "text/html",
                           page("Đón đoàn khách quốc tế", "Tin ngắn.",
                                "<p>Thành phố đón đoàn khách quốc tế đến "
                                "thăm và làm việc tại cảng Lạch Huyện.</p>")});
  clock.advance(675);
  auto updated = poller.poll_due();
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->added, 1);
  EXPECT_EQ(site.hits("/bai-1.html?utm_source=rss"), 1);  // fetched by the first poll only
  EXPECT_EQ(site.hits("/bai-1.html"), 0);
  EXPECT_EQ(*store::count_articles(*db), 4);
  EXPECT_NE(story_of("/bai-4.html"), first);
}

TEST_F(Polling, FailuresBackOffWithTheReasonAndDoNotDisturbOtherSources) {
  site.put("/robots.txt", {404, "text/plain", "none"});
  site.put("/trang", {200, "text/html", "<html><body><h1>Trang chủ</h1></body></html>"});
  site.put("/ban", {503, "text/plain", "busy", {{"Retry-After", "7200"}}});
  site.put("/cham", {200, "application/rss+xml", rss({}), {}, std::chrono::milliseconds(4000)});
  site.put("/hong", {200, "application/rss+xml", "<rss><channel><item><title>x</tit"});
  site.put("/tot", {200, "application/rss+xml", rss({{site.url("/a.html"), "Tin tốt"}})});
  const auto html = add_source("/trang");
  const auto busy = add_source("/ban");
  const auto slow = add_source("/cham");
  const auto broken = add_source("/hong");
  const auto good = add_source("/tot");
  Poller poller(*db, clock, settings);
  auto report = poller.poll_due();
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->polled, 5);
  EXPECT_EQ(report->failed, 4);
  EXPECT_EQ(report->added, 1);  // the good one (its page 404s: the feed's summary is kept)

  auto h = source(html);
  EXPECT_EQ(h.failures, 1);
  ASSERT_TRUE(h.last_error);
  EXPECT_NE(h.last_error->find("web page, not a feed"), std::string::npos) << *h.last_error;
  EXPECT_EQ(h.next_poll_at, format_utc(kStart + 1800));  // 900 s × 2
  auto health = source_health(*db, h, clock.now_unix());
  ASSERT_TRUE(health);
  EXPECT_EQ(health->state, "failing");
  EXPECT_NE(health->reason.find("web page"), std::string::npos);

  auto b = source(busy);
  EXPECT_NE(b.last_error->find("HTTP 503"), std::string::npos);
  EXPECT_EQ(b.last_status, 503);
  EXPECT_EQ(b.next_poll_at, format_utc(kStart + 7200));  // the server's Retry-After

  auto s = source(slow);
  EXPECT_NE(s.last_error->find("2 s in all"), std::string::npos) << *s.last_error;
  EXPECT_NE(source(broken).last_error->find("not a feed"), std::string::npos);
  EXPECT_EQ(source(good).failures, 0);

  // Failing again: the delay doubles again; a success clears the failures.
  clock.advance(1800);
  ASSERT_TRUE(poller.poll_source(html));
  EXPECT_EQ(source(html).failures, 2);
  EXPECT_EQ(source(html).next_poll_at, format_utc(kStart + 1800 + 3600));
  site.put("/trang", {200, "application/rss+xml", rss({})});
  ASSERT_TRUE(poller.poll_source(html));
  EXPECT_EQ(source(html).failures, 0);
  EXPECT_FALSE(source(html).last_error);
}

TEST_F(Polling, RobotsThatForbidOrDoNotAnswerStopThePoll) {
  site.put("/robots.txt", {200, "text/plain", "User-agent: Loa\nDisallow: /\n"});
  site.put("/rss", {200, "application/rss+xml", rss({})});
  const auto id = add_source("/rss");
  Poller poller(*db, clock, settings);
  ASSERT_TRUE(poller.poll_due());
  EXPECT_EQ(site.hits("/rss"), 0);
  EXPECT_NE(source(id).last_error->find("does not allow /rss"), std::string::npos);

  // A robots.txt that fails (5xx) means nothing may be fetched, and it is asked again within
  // the hour rather than the day.
  WebSite other;
  other.put("/robots.txt", {500, "text/plain", "oops"});
  other.put("/rss", {200, "application/rss+xml", rss({})});
  store::SourceRow s;
  s.name = "Khác";
  s.url = other.url("/rss");
  s.created_at = format_utc(kStart);
  const auto second = *store::insert_source(*db, s);
  Poller fresh(*db, clock, settings);
  ASSERT_TRUE(fresh.poll_source(second));
  EXPECT_EQ(other.hits("/rss"), 0);
  other.put("/robots.txt", {404, "text/plain", ""});
  clock.advance(3600);
  ASSERT_TRUE(fresh.poll_source(second));
  EXPECT_EQ(other.hits("/rss"), 1);
  EXPECT_EQ(source(second).failures, 0);
}

TEST_F(Polling, ASectionPageIsScannedForArticleLinks) {
  site.put("/robots.txt", {404, "text/plain", ""});
  site.put("/thoi-su", {200, "text/html",
                        "<html><body><ul><li><a href=\"/thoi-su/hoi-nghi-tong-ket-12345.html\">"
                        "Hội nghị</a></li><li><a href=\"/lien-he\">Liên hệ</a></li></ul>"
                        "</body></html>"});
  site.put("/thoi-su/hoi-nghi-tong-ket-12345.html",
           {200, "text/html", page("Hội nghị tổng kết", "Tin.", kStory)});
  const auto id = add_source("/thoi-su", "page");
  Poller poller(*db, clock, settings);
  auto r = poller.poll_source(id);
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->added, 1) << (r->error ? *r->error : "");
  EXPECT_EQ(site.hits("/lien-he"), 0);
}

TEST_F(Polling, AFeedThatStoppedProducingIsSilent) {
  const auto id = add_source("/rss", "feed", 600);
  // Ten articles ten minutes apart, the last one two days ago; polls still succeed.
  for (int i = 0; i < 10; ++i) {
    store::ArticleRow a;
    a.source_id = id;
    a.outlet = "Báo Thử";
    a.url = site.url("/old-" + std::to_string(i) + ".html");
    a.title = "Tin " + std::to_string(i);
    a.fetched_at = format_utc(kStart - 2 * kDay - std::int64_t{10 - i} * 600);
    ASSERT_TRUE(store::insert_article(*db, a));
  }
  store::PollRecord ok;
  ok.polled_at = format_utc(kStart);
  ok.answered = true;
  ok.status = 304;
  ok.interval_seconds = 600;
  ok.next_poll_at = format_utc(kStart + 600);
  ASSERT_TRUE(store::record_poll(*db, id, ok));
  auto db_source = source(id);
  db_source.last_new_at = format_utc(kStart - 2 * kDay - 600);
  auto health = source_health(*db, db_source, kStart);
  ASSERT_TRUE(health);
  EXPECT_EQ(health->state, "silent");
  EXPECT_EQ(health->expected_gap_seconds, 600);
  EXPECT_NE(health->reason.find("usually one every 10 minutes"), std::string::npos)
      << health->reason;
  // Two hours of quiet is not unusual yet (the threshold is at least six hours).
  auto recent = source_health(*db, db_source, kStart - 2 * kDay + 2 * kHour);
  EXPECT_EQ(recent->state, "ok");
}

TEST(PollIntervals, AdaptWithinBounds) {
  store::SourceRow s;
  s.poll_seconds = 900;
  EXPECT_EQ(next_interval(s, true), 450);
  s.interval_seconds = 100;
  EXPECT_EQ(next_interval(s, true), 60);  // one minute at the busiest
  s.interval_seconds = 3000;
  EXPECT_EQ(next_interval(s, false), 3600);  // 4 × 900 at the quietest
  s.poll_seconds = 3 * 3600;
  s.interval_seconds = 6 * 3600;
  EXPECT_EQ(next_interval(s, false), 6 * 3600);
  s.interval_seconds = 600;
  EXPECT_EQ(backoff_seconds(s, 1, std::nullopt), 1200);
  EXPECT_EQ(backoff_seconds(s, 20, std::nullopt), 6 * 3600);
  EXPECT_EQ(backoff_seconds(s, 1, 86400 * 5), 86400);
}

}  // namespace
}  // namespace loa::work
