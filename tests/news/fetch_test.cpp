// Fetching from a local web site: conditional GET, redirects, and the bounds a hostile or
// broken server meets (endless redirects, non-http redirects, huge answers, gzip bombs,
// slow answers, closed ports).
#include "news/fetch.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/web_site.h"

namespace loa::news {
namespace {

using loa::testing::WebPage;
using loa::testing::WebSite;
using namespace std::chrono_literals;

TEST(Fetch, AnswersWithBodyTypeAndValidatorsAndSendsItsName) {
  WebSite site;
  site.put("/rss", {200,
                    "application/rss+xml; charset=utf-8",
                    "<rss/>",
                    {{"ETag", "\"v1\""}, {"Last-Modified", "Tue, 01 Dec 2026 08:00:00 GMT"}}});
  auto r = fetch({.url = site.url("/rss")});
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<rss/>");
  EXPECT_EQ(r->content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(r->etag, "\"v1\"");
  EXPECT_EQ(r->last_modified, "Tue, 01 Dec 2026 08:00:00 GMT");
  EXPECT_EQ(r->final_url, site.url("/rss"));
  ASSERT_EQ(site.requests().size(), 1u);
  EXPECT_TRUE(site.requests()[0].user_agent.starts_with("Loa/"));
  EXPECT_FALSE(site.requests()[0].accept_encoding.empty());  // asks for compression

  // The next poll sends the validator and gets 304 without a body.
  auto again = fetch({.url = site.url("/rss"), .etag = r->etag});
  ASSERT_TRUE(again) << again.status().message();
  EXPECT_TRUE(again->not_modified());
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(site.requests().back().if_none_match, "\"v1\"");
}

TEST(Fetch, FollowsAFewRedirectsButNotEndlessOnesNorToOtherSchemes) {
  WebSite site;
  site.put("/a", {301, "text/plain", "", {{"Location", "/b"}}});
  site.put("/b", {302, "text/plain", "", {{"Location", "/c"}}});
  site.put("/c", {200, "text/html", "<p>here</p>"});
  auto r = fetch({.url = site.url("/a")});
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->body, "<p>here</p>");
  EXPECT_EQ(r->final_url, site.url("/c"));

  site.put("/loop1", {302, "text/plain", "", {{"Location", "/loop2"}}});
  site.put("/loop2", {302, "text/plain", "", {{"Location", "/loop1"}}});
  auto loop = fetch({.url = site.url("/loop1")});
  ASSERT_FALSE(loop);
  EXPECT_EQ(loop.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(loop.status().message().find("more than 5 redirects"), std::string::npos);
  EXPECT_LE(site.hits("/loop1") + site.hits("/loop2"), 6);

  site.put("/away", {302, "text/plain", "", {{"Location", "file:///etc/passwd"}}});
  auto away = fetch({.url = site.url("/away")});
  ASSERT_FALSE(away);
  EXPECT_NE(away.status().message().find("not http(s)"), std::string::npos);

  auto ftp = fetch({.url = "ftp://127.0.0.1/x"});
  ASSERT_FALSE(ftp);
  EXPECT_EQ(ftp.status().code(), StatusCode::kInvalidArgument);
}

TEST(Fetch, StopsAtTheSizeCapEvenWhenTheAnswerIsCompressed) {
  WebSite site;
  site.put("/huge", {200, "text/html", std::string(3 << 20, 'x')});
  auto huge = fetch({.url = site.url("/huge"), .max_bytes = 1 << 20});
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(huge.status().message().find("over 1 MiB"), std::string::npos);

  // 32 KiB on the wire, 32 MiB of zeros once decompressed.
  std::ifstream in(std::string(LOA_SOURCE_DIR) + "/tests/news/pages/zeros-32MiB.gz",
                   std::ios::binary);
  std::stringstream bomb;
  bomb << in.rdbuf();
  ASSERT_LT(bomb.str().size(), 64u << 10);
  site.put("/bomb", {200, "text/html", bomb.str(), {{"Content-Encoding", "gzip"}}});
  auto r = fetch({.url = site.url("/bomb"), .max_bytes = 1 << 20});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);

  // Under the cap, a compressed answer arrives decompressed.
  auto ok = fetch({.url = site.url("/bomb")});  // 8 MiB cap: still over
  EXPECT_FALSE(ok);
  auto big_enough = fetch({.url = site.url("/bomb"), .max_bytes = 40 << 20});
  ASSERT_TRUE(big_enough) << big_enough.status().message();
  EXPECT_EQ(big_enough->body.size(), 32u << 20);
}

TEST(Fetch, GivesUpOnSlowServersAndClosedPorts) {
  WebSite site;
  site.put("/slow", {200, "text/html", "late", {}, 3000ms});
  const auto start = std::chrono::steady_clock::now();
  auto r = fetch({.url = site.url("/slow"), .timeout_seconds = 1});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("1 s in all"), std::string::npos) << r.status().message();
  EXPECT_LT(took, 2500ms);

  unsigned short closed = 0;
  {
    WebSite gone;
    closed = gone.port();
  }
  auto refused = fetch({.url = "http://127.0.0.1:" + std::to_string(closed) + "/rss"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(refused.status().message().find("127.0.0.1"), std::string::npos);
}

TEST(Fetch, HttpErrorsAreAnswersWithRetryAfter) {
  WebSite site;
  site.put("/busy", {503, "text/plain", "busy", {{"Retry-After", "120"}}});
  auto r = fetch({.url = site.url("/busy")});
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->status, 503);
  ASSERT_TRUE(r->retry_after_seconds);
  EXPECT_EQ(*r->retry_after_seconds, 120);

  auto missing = fetch({.url = site.url("/nothing-here")});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_FALSE(missing->retry_after_seconds);
}

}  // namespace
}  // namespace loa::news
