// robots.txt (RFC 9309): group choice, longest match, wildcards, fetch outcomes.
#include "news/robots.h"

#include <gtest/gtest.h>

namespace loa::news {
namespace {

TEST(Robots, OurGroupWinsOverTheStarGroupAndSeveralOfOursMerge) {
  const char* text =
      "# outlet robots\n"
      "User-agent: *\n"
      "Disallow: /\n"
      "\n"
      "User-agent: Googlebot\n"
      "Allow: /\n"
      "\n"
      "User-agent: LOA\n"
      "Disallow: /tim-kiem\n"
      "User-agent: other\n"
      "Disallow: /other-only\n"
      "\n"
      "user-agent: loa/2.0\n"
      "disallow: /admin   # staff\n"
      "Crawl-delay: 2.5\n"
      "Sitemap: https://baohaiphong.vn/sitemap.xml\n";
  auto r = RobotsRules::parse(text, "Loa");
  EXPECT_TRUE(r.allowed("/tin-tuc/abc.html"));
  EXPECT_FALSE(r.allowed("/tim-kiem?q=x"));
  EXPECT_FALSE(r.allowed("/admin/x"));
  EXPECT_TRUE(r.allowed("/other-only"));
  ASSERT_TRUE(r.crawl_delay_seconds());
  EXPECT_DOUBLE_EQ(*r.crawl_delay_seconds(), 2.5);
  ASSERT_EQ(r.sitemaps().size(), 1u);
  EXPECT_EQ(r.sitemaps()[0], "https://baohaiphong.vn/sitemap.xml");

  // A crawler not named falls back to "*".
  auto other = RobotsRules::parse(text, "SomeBot");
  EXPECT_FALSE(other.allowed("/tin-tuc/abc.html"));
  EXPECT_TRUE(other.allowed("/robots.txt"));
}

TEST(Robots, LongestMatchDecidesAndAllowWinsATie) {
  auto r = RobotsRules::parse(
      "User-agent: *\n"
      "Disallow: /folder\n"
      "Allow: /folder/page\n"
      "Disallow: /same\n"
      "Allow: /same\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "Disallow:\n",
      "Loa");
  EXPECT_FALSE(r.allowed("/folder/other"));
  EXPECT_TRUE(r.allowed("/folder/page.html"));
  EXPECT_TRUE(r.allowed("/same/x"));
  EXPECT_FALSE(r.allowed("/files/plan.pdf"));
  EXPECT_TRUE(r.allowed("/files/plan.pdf?download=1"));  // "$": the end of the address
  EXPECT_FALSE(r.allowed("/search/a?b=1&q=2"));
  EXPECT_TRUE(r.allowed("/"));
  EXPECT_TRUE(r.allowed(""));
}

TEST(Robots, PercentEncodingIsComparedNormalised) {
  auto r = RobotsRules::parse(
      "User-agent: *\n"
      "Disallow: /thời-sự\n"   // raw UTF-8 in the file
      "Disallow: /%7Ejoe/\n",  // an unreserved character encoded
      "Loa");
  EXPECT_FALSE(r.allowed("/th%E1%BB%9Di-s%E1%BB%B1/bai-1"));
  EXPECT_FALSE(r.allowed("/th%e1%bb%9di-s%e1%bb%b1/bai-1"));
  EXPECT_FALSE(r.allowed("/~joe/index.html"));
  EXPECT_TRUE(r.allowed("/kinh-te"));
}

TEST(Robots, TheFetchOutcomeDecidesWhenThereIsNoFile) {
  EXPECT_TRUE(RobotsRules::from_fetch(404, "", "Loa").allowed("/anything"));
  EXPECT_TRUE(RobotsRules::from_fetch(403, "", "Loa").allowed("/anything"));
  EXPECT_FALSE(RobotsRules::from_fetch(503, "", "Loa").allowed("/anything"));
  EXPECT_FALSE(RobotsRules::from_fetch(0, "", "Loa").allowed("/anything"));
  EXPECT_FALSE(
      RobotsRules::from_fetch(200, "User-agent: *\nDisallow: /\n", "Loa").allowed("/anything"));
  // Garbage is no rules at all.
  EXPECT_TRUE(RobotsRules::from_fetch(200, "<html><body>Not found</body></html>", "Loa")
                  .allowed("/anything"));
}

TEST(Robots, PathologicalPatternsStayFast) {
  std::string text = "User-agent: *\n";
  for (int i = 0; i < 500; ++i) text += "Disallow: /*a*a*a*a*a*a*a*a*b" + std::to_string(i) + "\n";
  auto r = RobotsRules::parse(text, "Loa");
  const std::string path = "/" + std::string(2000, 'a');
  EXPECT_TRUE(r.allowed(path));  // bounded: each pattern is matched in O(pattern × path)
}

}  // namespace
}  // namespace loa::news
