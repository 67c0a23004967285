// Reading documents: DOCX built here (numbering, tables, tracked changes), and every kind of
// bad file a coordinator might upload — each refused with a message that names the problem.
#include "doc/reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "doc/docx.h"
#include "support/temp_dir.h"

namespace loa::doc {
namespace {

// A .docx with the given parts, written with libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(zip, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const auto size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

constexpr const char* kNumbering = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>)xml";

std::string paragraph(const std::string& text, int num = 0, int level = 0) {
  std::string p = "<w:p>";
  if (num > 0)
    p += "<w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" +
         std::to_string(num) + "\"/></w:numPr></w:pPr>";
  return p + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string document(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body + "</w:body></w:document>";
}

TEST(DocxTest, WritesOutNumberingTablesAndKeepsOnlyTheFinalText) {
  const std::string body =
      // The header: a two-column table, as Vietnamese documents lay it out.
      "<w:tbl><w:tr><w:tc>" + paragraph("ỦY BAN NHÂN DÂN") + paragraph("ĐẶC KHU CÁT HẢI") +
      "</w:tc><w:tc>" + paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "</w:tc></w:tr></w:tbl>" +
      paragraph("MỤC ĐÍCH, YÊU CẦU", 1, 0) + paragraph("Mục đích", 1, 1) +
      paragraph("Chủ trì, phối hợp", 1, 2) + paragraph("Phối hợp", 1, 2) +
      paragraph("Yêu cầu", 1, 1) + paragraph("TỔ CHỨC", 1, 0) +
      paragraph("Một gạch đầu dòng", 2, 0) +
      // Tracked changes: the deletion is gone, the insertion stays; a tab is a space.
      "<w:p><w:r><w:t>Sở </w:t></w:r><w:del><w:r><w:delText>Thông tin</w:delText></w:r></w:del>"
      "<w:ins><w:r><w:t>Văn hóa</w:t></w:r></w:ins><w:r><w:tab/><w:t>chủ trì</w:t></w:r></w:p>";
  auto text = read_docx(
      make_zip({{"word/document.xml", document(body)}, {"word/numbering.xml", kNumbering}}));
  ASSERT_TRUE(text) << text.status().message();
  EXPECT_EQ(*text,
            "ỦY BAN NHÂN DÂN\nĐẶC KHU CÁT HẢI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\na) Chủ trì, phối hợp\nb) Phối hợp\n2. Yêu cầu\n"
            "II. TỔ CHỨC\n- Một gạch đầu dòng\nSở Văn hóa chủ trì\n");
}

TEST(DocxTest, RefusesWhatIsNotAWordDocument) {
  auto not_zip = read_docx("PK\x03\x04 this is not really a zip archive");
  ASSERT_FALSE(not_zip);
  EXPECT_NE(not_zip.status().message().find("damaged"), std::string::npos);

  auto no_document = read_docx(make_zip({{"hello.txt", "xin chào"}}));
  ASSERT_FALSE(no_document);
  EXPECT_NE(no_document.status().message().find("word/document.xml"), std::string::npos);

  auto broken_xml = read_docx(make_zip({{"word/document.xml", "<w:document><w:body>"}}));
  ASSERT_FALSE(broken_xml);
  EXPECT_NE(broken_xml.status().message().find("not well-formed"), std::string::npos);
}

TEST(DocxTest, StopsAZipBombAtTheLimit) {
  // 4 MiB of text that compresses to a few KiB; the limit is 1 MiB.
  const std::string huge = document(paragraph(std::string(4U << 20, 'a')));
  const std::string zip = make_zip({{"word/document.xml", huge}});
  EXPECT_LT(zip.size(), 64U << 10);
  auto text = read_docx(zip, 1U << 20);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(text.status().message().find("inflates to more than 1 MiB"), std::string::npos);
}

class ReaderTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(ReaderTest, ReadsByContentNotByName) {
  // A .docx renamed .txt is still read as a Word document.
  const std::string zip =
      make_zip({{"word/document.xml", document(paragraph("Kế hoạch số 62/KH-UBND"))}});
  auto d = read_document(write("plan.txt", zip), nullptr);
  ASSERT_TRUE(d) << d.status().message();
  EXPECT_EQ(d->format, "docx");
  EXPECT_EQ(d->text, "Kế hoạch số 62/KH-UBND\n");

  // Text is normalised: NFC, one tone placement, typographic quotes.
  auto t = read_document(write("plan.md", "Hoà bình “mới”\r\n"), nullptr);
  ASSERT_TRUE(t) << t.status().message();
  EXPECT_EQ(t->format, "markdown");
  EXPECT_EQ(t->text, "Hòa bình \"mới\"\n");
  EXPECT_FALSE(t->ocr);
}

TEST_F(ReaderTest, RefusesBadFilesWithAClearMessage) {
  auto missing = read_document(dir_.file("nothing.pdf"), nullptr);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  auto folder = read_document(dir_.path(), nullptr);
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.status().message().find("folder"), std::string::npos);

  auto binary = read_document(write("x.txt", std::string("Kế hoạch\0\1\2", 14)), nullptr);
  ASSERT_FALSE(binary);
  EXPECT_NE(binary.status().message().find("NUL byte at offset 12"), std::string::npos);

  auto legacy = read_document(write("old.txt", "Céng hoµ x· héi chñ nghÜa ViÖt Nam"), nullptr);
  ASSERT_FALSE(legacy);
  EXPECT_NE(legacy.status().message().find("TCVN3"), std::string::npos);

  auto invalid = read_document(write("bad.txt", "Kế hoạch\n\xC3\x28 số 62\n"), nullptr);
  ASSERT_FALSE(invalid);
  EXPECT_NE(invalid.status().message().find("line 2"), std::string::npos);

  // An encrypted Office file (or an old .doc) is an OLE container, not a zip.
  auto ole = read_document(write("secret.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                                                    std::string(512, '\0')),
                           nullptr);
  ASSERT_FALSE(ole);
  EXPECT_NE(ole.status().message().find("password-protected"), std::string::npos);

  auto corrupt_pdf = read_document(write("broken.pdf", "%PDF-1.4\nnothing else"), nullptr);
  ASSERT_FALSE(corrupt_pdf);

  ReadLimits small;
  small.max_bytes = 16;
  auto big = read_document(write("big.txt", std::string(100, 'a')), nullptr, small);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
}

TEST_F(ReaderTest, RefusesAPdfWithTooManyPages) {
  // A PDF of three blank pages, written by hand (poppler rebuilds the missing xref table).
  std::string pdf =
      "%PDF-1.4\n"
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >> endobj\n";
  for (int i = 3; i <= 5; ++i)
    pdf += std::to_string(i) +
           " 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n";
  pdf += "trailer << /Root 1 0 R >>\n%%EOF\n";
  ReadLimits limits;
  limits.max_pages = 2;
  auto d = read_document(write("three.pdf", pdf), nullptr, limits);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(d.status().message().find("3 pages"), std::string::npos);
}

TEST_F(ReaderTest, RefusesAPasswordProtectedPdf) {
  if (std::system("command -v qpdf >/dev/null && command -v pango-view >/dev/null") != 0)
    GTEST_SKIP() << "qpdf or pango-view missing (scripts/setup installs them)";
  const std::string text = write("kh.txt", "Kế hoạch tuyên truyền năm 2026\n");
  const std::string plain = dir_.file("kh.pdf");
  const std::string locked = dir_.file("locked.pdf");
  ASSERT_EQ(std::system(
                ("pango-view --no-display -o '" + plain + "' '" + text + "' 2>/dev/null").c_str()),
            0);
  ASSERT_EQ(
      std::system(("qpdf --encrypt secret owner 256 -- '" + plain + "' '" + locked + "'").c_str()),
      0);
  auto d = read_document(locked, nullptr);
  ASSERT_FALSE(d);
  EXPECT_NE(d.status().message().find("password-protected"), std::string::npos)
      << d.status().message();
  EXPECT_TRUE(read_document(plain, nullptr)) << "the same PDF without a password reads";
}

TEST(DamageTest, TellsOcrOutputFromCleanText) {
  EXPECT_TRUE(measure_damage("Tuyén truyén vé céng tac d6i ngoai cua thanh phé Hai Phong nim 2025, "
                             "tao niém tin, déng thuén cda can bg, dang vién va Nhan dan trong chi "
                             "dao, diéu hanh cia Thanh ty")
                  .looks_damaged());
  EXPECT_TRUE(measure_damage("Tuyen truyen ve cong tac doi ngoai cua thanh pho Hai Phong nam 2025, "
                             "tao niem tin, dong thuan cua can bo, dang vien va Nhan dan trong chi "
                             "dao, dieu hanh cua Thanh uy")
                  .looks_damaged());
  EXPECT_FALSE(measure_damage("Tuyên truyền về công tác đối ngoại của thành phố Hải Phòng năm "
                              "2025, tạo niềm tin, đồng thuận của cán bộ, đảng viên và Nhân dân "
                              "trong chỉ đạo, điều hành của Thành ủy, UBND, HĐND")
                   .looks_damaged());
}

}  // namespace
}  // namespace loa::doc
