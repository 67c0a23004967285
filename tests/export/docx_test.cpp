// The official layout of generated Word files (Nghị định 30/2020), read back from their XML,
// and their rendering by LibreOffice into PDF (page count and text by pdftotext).
#include "export/docx.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>

#include "doc/zip_archive.h"
#include "export/pdf.h"
#include "support/temp_dir.h"

namespace loa::office {
namespace {

OfficialDocument sample() {
  OfficialDocument d;
  d.governing = {"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"};
  d.issuer = {"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"};
  d.number = "Số: 15/BC-SVHTTDL";
  d.place_and_date = place_and_date("Hải Phòng", "2026-12-03");
  d.type_name = "BÁO CÁO";
  d.subject = "Kết quả thực hiện Kế hoạch thông tin đối ngoại năm 2026";
  d.body.push_back(heading("I. KẾT QUẢ THỰC HIỆN"));
  d.body.push_back(
      body("Năm 2026, các cơ quan báo chí đã đăng 37 tin, bài về các chủ đề của Kế hoạch."));
  d.body.push_back(bullet("Báo Hải Phòng: 21 tin, bài;"));
  Table t;
  t.columns = {{"TT", 8, true}, {"Cơ quan báo chí"}, {"Số tin, bài", 20, true}};
  t.rows = {{"1", "Báo Hải Phòng", "21"},
            {"2", "Đài Phát thanh và Truyền hình Hải Phòng", "16"},
            {"", "Tổng cộng", "37"}};
  t.last_row_total = true;
  d.body.push_back(t);
  d.body.push_back(BarChart{"Tin, bài theo cơ quan báo chí",
                            {"Báo Hải Phòng", "Đài PT-TH Hải Phòng"},
                            {{"Số tin, bài", {21, 16}}}});
  d.body.push_back(caption("Biểu đồ 1. Tin, bài theo cơ quan báo chí"));
  for (int i = 0; i < 30; ++i)
    d.body.push_back(body("Đoạn văn thứ " + std::to_string(i + 1) +
                          " kéo dài báo cáo sang trang sau để kiểm tra số trang ở đầu trang."));
  d.recipients = {"UBND thành phố (để b/c)", "Sở Tài chính", "Lưu: VT, TTBC"};
  d.signature = {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"};
  d.title = d.subject;
  d.author = "Loa";
  return d;
}

std::string part(const std::string& docx, const char* name) {
  auto zip = doc::ZipArchive::open(docx, ".docx");
  EXPECT_TRUE(zip.is_ok()) << zip.status().message();
  if (!zip) return {};
  auto p = zip->part(name, 16u << 20);
  EXPECT_TRUE(p.is_ok() && p->has_value()) << name;
  return p.is_ok() && p->has_value() ? **p : std::string();
}

TEST(DocxTest, DatesAsTheDecreeWritesThem) {
  EXPECT_EQ(place_and_date("Hải Phòng", "2026-12-03"), "Hải Phòng, ngày 03 tháng 12 năm 2026");
  EXPECT_EQ(place_and_date("Cát Hải", "2026-02-15"), "Cát Hải, ngày 15 tháng 02 năm 2026");
  EXPECT_EQ(place_and_date("Cát Hải", "2026-03-15"), "Cát Hải, ngày 15 tháng 3 năm 2026");
}

TEST(DocxTest, PageFontsMottoAndSignatureFollowTheDecree) {
  auto docx = write_docx(sample());
  ASSERT_TRUE(docx.is_ok()) << docx.status().message();

  pugi::xml_document styles;
  ASSERT_TRUE(styles.load_string(part(*docx, "word/styles.xml").c_str()));
  auto fonts = styles.select_node("//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts").node();
  EXPECT_STREQ(fonts.attribute("w:ascii").value(), "Times New Roman");
  EXPECT_STREQ(fonts.attribute("w:hAnsi").value(), "Times New Roman");
  EXPECT_STREQ(styles.select_node("//w:docDefaults//w:sz").node().attribute("w:val").value(), "28");

  pugi::xml_document document;
  const std::string xml = part(*docx, "word/document.xml");
  ASSERT_TRUE(document.load_string(xml.c_str()));
  auto sect = document.select_node("//w:body/w:sectPr").node();
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:w").value(), "11906");  // A4
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:h").value(), "16838");
  auto margins = sect.child("w:pgMar");
  EXPECT_EQ(margins.attribute("w:top").as_int(), 1134);   // 20 mm
  EXPECT_EQ(margins.attribute("w:left").as_int(), 1701);  // 30 mm
  EXPECT_EQ(margins.attribute("w:right").as_int(), 850);  // 15 mm
  EXPECT_EQ(margins.attribute("w:bottom").as_int(), 1134);
  EXPECT_TRUE(sect.child("w:titlePg")) << "no page number on the first page";

  // The motto: 12 pt bold upper case, then 13 pt bold.
  auto motto = document.select_node("//w:r[w:t='CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']").node();
  ASSERT_TRUE(motto);
  EXPECT_TRUE(motto.child("w:rPr").child("w:b"));
  EXPECT_STREQ(motto.child("w:rPr").child("w:sz").attribute("w:val").value(), "24");
  auto slogan = document.select_node("//w:r[w:t='Độc lập - Tự do - Hạnh phúc']").node();
  ASSERT_TRUE(slogan);
  EXPECT_STREQ(slogan.child("w:rPr").child("w:sz").attribute("w:val").value(), "26");
  // Place and date in italics; the type name bold.
  auto date = document.select_node("//w:r[w:t='Hải Phòng, ngày 03 tháng 12 năm 2026']").node();
  ASSERT_TRUE(date);
  EXPECT_TRUE(date.child("w:rPr").child("w:i"));
  EXPECT_TRUE(document.select_node("//w:r[w:t='BÁO CÁO']/w:rPr/w:b"));
  // Nơi nhận: 12 pt bold italic, its lines 11 pt; the signature block bold.
  auto recipients = document.select_node("//w:r[w:t='Nơi nhận:']").node();
  ASSERT_TRUE(recipients);
  EXPECT_TRUE(recipients.child("w:rPr").child("w:b"));
  EXPECT_TRUE(recipients.child("w:rPr").child("w:i"));
  EXPECT_STREQ(recipients.child("w:rPr").child("w:sz").attribute("w:val").value(), "24");
  auto last = document.select_node("//w:r[w:t='- Lưu: VT, TTBC.']").node();
  ASSERT_TRUE(last);
  EXPECT_STREQ(last.child("w:rPr").child("w:sz").attribute("w:val").value(), "22");
  for (const char* s : {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"})
    EXPECT_TRUE(document.select_node(("//w:r[w:t='" + std::string(s) + "']/w:rPr/w:b").c_str()))
        << s;
  // The chart is a DrawingML chart part with its figures.
  EXPECT_NE(xml.find("c:chart"), std::string::npos);
  const std::string chart = part(*docx, "word/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:v>21</c:v>"), std::string::npos);
  EXPECT_NE(chart.find("Đài PT-TH Hải Phòng"), std::string::npos);
  // The page number field in the header.
  EXPECT_NE(part(*docx, "word/header1.xml").find("PAGE"), std::string::npos);
}

// pdftotext's text of the PDF, with `-layout` off: words in reading order.
std::string pdf_text(const std::string& pdf, const testing::TempDir& dir, int* pages) {
  const std::string file = dir.file("out.pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string text = dir.file("out.txt");
  const std::string cmd = "pdftotext -enc UTF-8 '" + file + "' '" + text + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(text);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *pages = 0;
  for (char c : all) *pages += c == '\f';
  return all;
}

TEST(DocxTest, LibreOfficeRendersItAsPdf) {
  if (std::system("command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") !=
      0)
    GTEST_SKIP() << "soffice or pdftotext missing (scripts/setup installs "
                    "libreoffice-writer-nogui and poppler-utils)";
  auto docx = write_docx(sample());
  ASSERT_TRUE(docx.is_ok());
  auto pdf = docx_to_pdf(*docx);
  ASSERT_TRUE(pdf.is_ok()) << pdf.status().message();
  ASSERT_TRUE(pdf->starts_with("%PDF-"));
  if (const char* keep = std::getenv("LOA_KEEP_PDF")) std::ofstream(keep, std::ios::binary) << *pdf;
  testing::TempDir dir;
  int pages = 0;
  const std::string text = pdf_text(*pdf, dir, &pages);
  EXPECT_EQ(pages, 3) << text;
  // Page numbers at the top from page 2 on.
  const std::size_t second = text.find('\f') + 1;
  EXPECT_EQ(text.substr(second, 2), "2\n");
  EXPECT_FALSE(text.starts_with("1\n"));
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Số: 15/BC-SVHTTDL", "Hải Phòng, ngày 03 tháng 12 năm 2026", "BÁO CÁO",
                        "Đài Phát thanh và Truyền hình Hải Phòng", "Tin, bài theo cơ quan báo chí",
                        "Nơi nhận:", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(DocxTest, AMissingConverterIsNamed) {
  auto docx = write_docx(sample());
  ASSERT_TRUE(docx.is_ok());
  auto pdf = docx_to_pdf(*docx, {.soffice = "/nonexistent/soffice", .timeout_seconds = 5});
  ASSERT_FALSE(pdf.is_ok());
  EXPECT_NE(pdf.status().message().find("libreoffice-writer-nogui"), std::string::npos)
      << pdf.status().message();
}

}  // namespace
}  // namespace loa::office
