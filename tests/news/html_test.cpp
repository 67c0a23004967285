// Article extraction on saved pages (tests/news/pages): the text without menus, share bars,
// related news or comments; metadata; encodings; section pages.
#include "news/html.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <fstream>
#include <sstream>

namespace loa::news {
namespace {

std::string page(const std::string& name) {
  std::ifstream in(std::string(LOA_SOURCE_DIR) + "/tests/news/pages/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t o_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &o_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - o_left);
  return out;
}

TEST(Extract, PortalArticleKeepsTheStoryAndDropsTheFurniture) {
  const std::string html = page("portal-article.html");
  ASSERT_FALSE(html.empty()) << "fixture missing";
  auto a = extract_article(html, "text/html; charset=utf-8",
                           "https://baohaiphong.vn/hai-phong-khoi-cong-412345.html?zarsrc=30");
  ASSERT_TRUE(a) << a.status().to_string();
  EXPECT_EQ(a->title, "Hải Phòng khởi công tuyến đường ven sông Lạch Tray");
  EXPECT_EQ(a->published, "2026-11-30T01:15:00Z");
  EXPECT_EQ(a->author, "Minh Hằng");
  EXPECT_EQ(a->language, "vi");
  EXPECT_EQ(a->encoding, "utf-8");
  EXPECT_EQ(
      a->canonical_url,
      "https://baohaiphong.vn/hai-phong-khoi-cong-tuyen-duong-ven-song-lach-tray-412345.html");
  // Every paragraph of the story, in order, one per line.
  for (const char* kept :
       {"Sáng 30/11, Ủy ban nhân dân thành phố Hải Phòng tổ chức lễ khởi công",
        "Tuyến đường dài 6,5 km", "Phát biểu tại lễ khởi công",
        "Chủ đầu tư cam kết hoàn thành dự án trong 24 tháng", "Dự kiến, khi hoàn thành"})
    EXPECT_NE(a->text.find(kept), std::string::npos) << kept << "\n" << a->text;
  EXPECT_LT(a->text.find("Tuyến đường dài"), a->text.find("Dự kiến, khi hoàn thành"));
  for (const char* dropped :
       {"Thời sự", "Trang chủ", "Chia sẻ", "Tin liên quan", "Thông xe cầu Rào 2", "Bạn đọc",
        "Giá vàng", "Cơ quan chủ quản", "Xem thêm", "not text", "color: red", "Giao thông",
        "nghi thức khởi công", "Minh Hằng", "Thứ hai, 30/11/2026"})
    EXPECT_EQ(a->text.find(dropped), std::string::npos) << dropped << "\n" << a->text;
  EXPECT_EQ(std::count(a->text.begin(), a->text.end(), '\n'), 4) << a->text;
}

TEST(Extract, NewsSiteLayoutWithZonelessTimeAndMetaAuthor) {
  const std::string html = page("news-site-article.html");
  auto a =
      extract_article(html, "text/html", "https://tin.example.vn/cang-lach-huyen-4790000.html");
  ASSERT_TRUE(a) << a.status().to_string();
  EXPECT_EQ(a->title, "Cảng Lạch Huyện đón tàu container lớn nhất từ trước đến nay");
  // A zone-less time on a Vietnamese page is Vietnam's time (UTC+7).
  EXPECT_EQ(a->published, "2026-11-28T14:40:00Z");
  EXPECT_EQ(a->author, "Lê Tân");
  EXPECT_EQ(a->language, "vi");  // from og:locale vi_VN
  EXPECT_EQ(a->canonical_url, "https://tin.example.vn/cang-lach-huyen-4790000.html");
  EXPECT_NE(a->text.find("Theo Cảng vụ Hàng hải Hải Phòng"), std::string::npos) << a->text;
  EXPECT_NE(a->text.find("tiết kiệm từ 5 đến 7 ngày"), std::string::npos) << a->text;
  for (const char* dropped : {"Trang nhất", "Cảng Nam Đình Vũ", "Bản quyền", "Twitter"})
    EXPECT_EQ(a->text.find(dropped), std::string::npos) << dropped << "\n" << a->text;
}

TEST(Extract, NoTimeInTheMetadataMeansNoTime) {
  const std::string html =
      "<html lang='vi'><head><title>Tin</title></head><body><article><h1>Tin</h1>"
      "<p>Thứ hai, 30/11/2026 08:15 — ngày này chỉ nằm trong chữ của trang, không có trong "
      "siêu dữ liệu, nên không được đoán ra.</p></article></body></html>";
  auto a = extract_article(html, "text/html", "https://x.vn/tin-1.html");
  ASSERT_TRUE(a) << a.status().to_string();
  EXPECT_FALSE(a->published.has_value());
}

TEST(Decode, Windows1258DeclaredInMetaOrHeaderOrGuessed) {
  const std::string utf8 = page("portal-article.html");
  std::string declared = utf8;
  declared.replace(declared.find("<meta charset=\"utf-8\">"), 22,
                   "<meta charset=\"windows-1258\">");
  const std::string legacy = encode(declared, "WINDOWS-1258");
  ASSERT_NE(legacy, declared);

  auto by_meta = extract_article(legacy, "text/html", "https://baohaiphong.vn/a-412345.html");
  ASSERT_TRUE(by_meta) << by_meta.status().to_string();
  EXPECT_EQ(by_meta->encoding, "windows-1258");
  EXPECT_EQ(by_meta->title, "Hải Phòng khởi công tuyến đường ven sông Lạch Tray");
  EXPECT_NE(by_meta->text.find("Ủy ban nhân dân thành phố Hải Phòng"), std::string::npos);

  // The HTTP header wins over the page.
  auto by_header =
      decode_page(encode("<p>Đà Nẵng</p>", "WINDOWS-1258"), "text/html; charset=Windows-1258");
  ASSERT_TRUE(by_header);
  EXPECT_EQ(by_header->text, "<p>Đà Nẵng</p>");

  // Nothing declared and not UTF-8: a statistical guess, still readable.
  std::string undeclared = utf8;
  undeclared.erase(undeclared.find("<meta charset=\"utf-8\">"), 22);
  auto guessed = decode_page(encode(undeclared, "WINDOWS-1258"), "");
  ASSERT_TRUE(guessed);
  EXPECT_NE(guessed->encoding, "utf-8");
  EXPECT_NE(guessed->text.find("Hải Phòng"), std::string::npos) << guessed->encoding;
}

TEST(Decode, BrokenBytesBecomeReplacementCharactersNotFailures) {
  auto d = decode_page(std::string("<p>Hà N\xE1\xBB\x99i \xFF\xFE t\xC3</p>"),
                       "text/html; charset=utf-8");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->text, "<p>Hà Nội \xEF\xBF\xBD\xEF\xBF\xBD t\xEF\xBF\xBD</p>");
  auto bom = decode_page("\xEF\xBB\xBF<p>Huế</p>", "");
  ASSERT_TRUE(bom);
  EXPECT_EQ(bom->text, "<p>Huế</p>");
}

TEST(Extract, RefusesWhatIsNotAReadablePage) {
  auto pdf = extract_article("%PDF-1.7", "application/pdf", "https://x.vn/a.pdf");
  ASSERT_FALSE(pdf);
  EXPECT_NE(pdf.status().message().find("application/pdf"), std::string::npos);
  auto empty = extract_article("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
                               "text/html", "https://x.vn/");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.status().message().find("no article text"), std::string::npos);
  ExtractLimits small;
  small.max_bytes = 1000;
  auto huge = extract_article(std::string(5000, 'a'), "text/html", "https://x.vn/", small);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.status().code(), StatusCode::kResourceExhausted);
  // Deeply nested and unclosed markup is parsed, not crashed on.
  std::string nested;
  for (int i = 0; i < 20000; ++i) nested += "<div><span>";
  nested += "<p>Đoạn văn đủ dài để được coi là nội dung của bài báo, có dấu phẩy, và chữ.</p>";
  auto deep = extract_article(nested, "text/html", "https://x.vn/");
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.status().message().find("levels deep"), std::string::npos);
}

TEST(SectionPage, LinksToArticlesOfTheSameSite) {
  const auto links = article_links(page("section-page.html"), "https://baohaiphong.vn/thoi-su");
  const std::vector<std::string> expected = {
      "https://baohaiphong.vn/hai-phong-khoi-cong-tuyen-duong-ven-song-lach-tray-412345.html",
      "https://baohaiphong.vn/thoi-su/hoi-nghi-thanh-uy-lan-thu-10-412346.html",
      "https://baohaiphong.vn/xa-hoi/ra-quan-tuyen-truyen-cai-cach-hanh-chinh-412400"};
  EXPECT_EQ(links, expected);
}

TEST(ResolveUrl, RelativeForms) {
  EXPECT_EQ(resolve_url("https://a.vn/x/y.html", "z.html"), "https://a.vn/x/z.html");
  EXPECT_EQ(resolve_url("https://a.vn/x/y.html", "../z.html"), "https://a.vn/z.html");
  EXPECT_EQ(resolve_url("https://a.vn/x/y.html", "/z"), "https://a.vn/z");
  EXPECT_EQ(resolve_url("https://a.vn/x/y.html", "//b.vn/q"), "https://b.vn/q");
  EXPECT_EQ(resolve_url("https://a.vn/x/y.html", "http://c.vn/"), "http://c.vn/");
  EXPECT_EQ(resolve_url("not a url", "z"), "");
}

}  // namespace
}  // namespace loa::news
