// Feeds as Vietnamese outlets publish them: RSS 2.0 with CDATA and HTML descriptions, RSS 1.0,
// Atom; the times they write; and what is not a feed at all (an HTML page, broken XML).
#include "news/feed.h"

#include <gtest/gtest.h>

#include "news/url.h"

namespace loa::news {
namespace {

TEST(FeedTest, ReadsRss2WithCdataAndHtml) {
  const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Báo Hải Phòng - Thời sự</title>
  <link>https://baohaiphong.vn/thoi-su</link>
  <item>
    <title><![CDATA[Hải Phòng đón đoàn phóng viên   quốc tế]]></title>
    <link>https://baohaiphong.vn/hai-phong-don-doan-phong-vien-quoc-te-123.html</link>
    <guid isPermaLink="false">bhp-123</guid>
    <pubDate>Tue, 01 Dec 2026 08:30:00 +0700</pubDate>
    <description><![CDATA[<p><img src="a.jpg"/>Sáng 1/12, Sở Ngoại vụ&nbsp;đón <b>12</b> phóng viên &amp; biên tập viên.</p>]]></description>
    <dc:creator>Minh Anh</dc:creator>
  </item>
  <item>
    <title>Tin thứ hai</title>
    <link>https://baohaiphong.vn/tin-2.html</link>
    <pubDate>not a date</pubDate>
  </item>
</channel>
</rss>)";
  auto feed = parse_feed(rss);
  ASSERT_TRUE(feed) << feed.status().to_string();
  EXPECT_EQ(feed->format, "rss");
  EXPECT_EQ(feed->title, "Báo Hải Phòng - Thời sự");
  ASSERT_EQ(feed->items.size(), 2u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.title, "Hải Phòng đón đoàn phóng viên quốc tế");
  EXPECT_EQ(a.id, "bhp-123");
  EXPECT_EQ(a.published, "2026-12-01T01:30:00Z");
  EXPECT_EQ(a.summary, "Sáng 1/12, Sở Ngoại vụ đón 12 phóng viên & biên tập viên.");
  EXPECT_EQ(a.author, "Minh Anh");
  // A time the feed writes wrongly is left unknown, not guessed; the id falls back to the link.
  EXPECT_FALSE(feed->items[1].published);
  EXPECT_EQ(feed->items[1].id, "https://baohaiphong.vn/tin-2.html");
}

TEST(FeedTest, ReadsAtomAndRss1) {
  const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Cổng Thông tin điện tử thành phố</title>
  <link rel="self" href="https://haiphong.gov.vn/atom.xml"/>
  <link href="https://haiphong.gov.vn/"/>
  <entry>
    <title type="html">Kế hoạch &lt;b&gt;chuyển đổi số&lt;/b&gt; năm 2026</title>
    <link rel="alternate" type="text/html" href="https://haiphong.gov.vn/tin/ke-hoach-cds"/>
    <link rel="enclosure" href="https://haiphong.gov.vn/a.pdf"/>
    <id>tag:haiphong.gov.vn,2026:1</id>
    <updated>2026-11-30T10:00:00.500+07:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Nội dung <em>chính</em>.</p></div></content>
    <author><name>Văn phòng UBND</name></author>
  </entry>
</feed>)";
  auto feed = parse_feed(atom);
  ASSERT_TRUE(feed) << feed.status().to_string();
  EXPECT_EQ(feed->format, "atom");
  EXPECT_EQ(feed->link, "https://haiphong.gov.vn/");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].title, "Kế hoạch chuyển đổi số năm 2026");
  EXPECT_EQ(feed->items[0].link, "https://haiphong.gov.vn/tin/ke-hoach-cds");
  EXPECT_EQ(feed->items[0].published, "2026-11-30T03:00:00Z");
  EXPECT_EQ(feed->items[0].summary, "Nội dung chính.");
  EXPECT_EQ(feed->items[0].author, "Văn phòng UBND");

  const std::string rdf = R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.vn/"><title>X</title><link>https://x.vn/</link></channel>
  <item rdf:about="https://x.vn/1"><title>Một</title><link>https://x.vn/1</link>
    <dc:date>2026-12-01</dc:date></item>
</rdf:RDF>)";
  auto r = parse_feed(rdf);
  ASSERT_TRUE(r) << r.status().to_string();
  EXPECT_EQ(r->format, "rdf");
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].published, "2026-12-01T00:00:00Z");
}

TEST(FeedTest, RefusesWhatIsNotAFeedWithTheReason) {
  auto html = parse_feed("<!DOCTYPE html><html><head><title>Trang chủ</title></head></html>");
  ASSERT_FALSE(html);
  EXPECT_NE(html.status().message().find("HTML page"), std::string::npos);
  auto sloppy_html = parse_feed("<html><body><p>Không đóng thẻ<br></body></html>");
  ASSERT_FALSE(sloppy_html);
  EXPECT_NE(sloppy_html.status().message().find("HTML page"), std::string::npos);
  auto broken = parse_feed("<rss><channel><item><title>Cắt ngang");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.status().message().find("broken at byte"), std::string::npos)
      << broken.status().message();
  EXPECT_FALSE(parse_feed("   \n"));
  auto other = parse_feed("<opml/>");
  ASSERT_FALSE(other);
  EXPECT_NE(other.status().message().find("<opml>"), std::string::npos);
  FeedLimits small;
  small.max_items = 1;
  EXPECT_EQ(parse_feed("<rss><channel><item><link>a</link></item><item><link>b</link></item>"
                       "</channel></rss>",
                       small)
                .status()
                .code(),
            StatusCode::kResourceExhausted);
}

TEST(FeedTest, ReadsTheTimesFeedsWrite) {
  EXPECT_EQ(parse_feed_time("Tue, 01 Dec 2026 08:30:00 +0700"), "2026-12-01T01:30:00Z");
  EXPECT_EQ(parse_feed_time("01 Dec 2026 00:10 GMT"), "2026-12-01T00:10:00Z");
  EXPECT_EQ(parse_feed_time("Wed, 02 Dec 26 06:00:00 EST"), "2026-12-02T11:00:00Z");
  EXPECT_EQ(parse_feed_time("2026-01-01T03:00:00+07:00"), "2025-12-31T20:00:00Z");
  EXPECT_EQ(parse_feed_time("2026-12-01T08:30:00Z"), "2026-12-01T08:30:00Z");
  EXPECT_EQ(parse_feed_time(" 2026-12-01 08:30:00 "), "2026-12-01T08:30:00Z");
  EXPECT_FALSE(parse_feed_time("hôm qua"));
  EXPECT_FALSE(parse_feed_time("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_feed_time("Tue, 01 Foo 2026 08:30:00 +0700"));
  EXPECT_FALSE(parse_feed_time("2026-12-01T08:30:00+99:00"));
}

TEST(FeedTest, NewsSitemapsAreFeedsAndIndexesAreNamed) {
  const std::string sitemap = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://baohaiphong.vn/tin-a-1.html</loc>
    <news:news><news:publication><news:name>Báo Hải Phòng</news:name></news:publication>
      <news:publication_date>2026-12-01T08:30:00+07:00</news:publication_date>
      <news:title>Hải Phòng đón khách quốc tế</news:title></news:news></url>
  <url><loc>https://baohaiphong.vn/tin-b-2.html</loc><lastmod>2026-12-01</lastmod></url>
</urlset>)";
  auto feed = parse_feed(sitemap);
  ASSERT_TRUE(feed) << feed.status().to_string();
  EXPECT_EQ(feed->format, "sitemap");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].title, "Hải Phòng đón khách quốc tế");
  EXPECT_EQ(feed->items[0].published, "2026-12-01T01:30:00Z");
  EXPECT_EQ(feed->items[1].link, "https://baohaiphong.vn/tin-b-2.html");
  EXPECT_EQ(feed->items[1].published, "2026-12-01T00:00:00Z");
  auto index =
      parse_feed("<sitemapindex><sitemap><loc>https://x.vn/s1.xml</loc></sitemap></sitemapindex>");
  ASSERT_FALSE(index);
  EXPECT_NE(index.status().message().find("sitemap index"), std::string::npos);
  // A zone-less time at a given offset (a Vietnamese page's metadata).
  EXPECT_EQ(parse_feed_time("2026-12-01T08:30:00", 7 * 3600), "2026-12-01T01:30:00Z");
}

TEST(FeedTest, HtmlToTextDropsMarkupAndScripts) {
  EXPECT_EQ(html_to_text("a<script>var x = '<b>';</script>b<style>p{}</style>c"), "abc");
  EXPECT_EQ(html_to_text("&#7889;&#x110;&quot;&unknown;"), "ốĐ\"&unknown;");
  EXPECT_EQ(html_to_text("x<br/>y"), "x\ny");
}

TEST(UrlTest, CanonicalAddressesDropTrackingAndCase) {
  EXPECT_EQ(canonical_url("HTTPS://BaoHaiPhong.vn:443/tin-a.html?utm_source=fb&id=7#top"),
            "https://baohaiphong.vn/tin-a.html?id=7");
  EXPECT_EQ(canonical_url("http://user:pw@x.vn:80?fbclid=1&gclid=2"), "http://x.vn/");
  EXPECT_EQ(canonical_url("https://x.vn/A/B?b=2&a=1&zarsrc=30"), "https://x.vn/A/B?b=2&a=1");
  EXPECT_EQ(canonical_url("https://x.vn:8443/p"), "https://x.vn:8443/p");
  EXPECT_FALSE(canonical_url("ftp://x.vn/a"));
  EXPECT_FALSE(canonical_url("/relative/path"));
  EXPECT_FALSE(canonical_url("https:///nohost"));
  EXPECT_EQ(url_host("https://WWW.Dantri.com.vn/xa-hoi.htm"), "dantri.com.vn");
  EXPECT_EQ(url_host("not a url"), "");
}

}  // namespace
}  // namespace loa::news
