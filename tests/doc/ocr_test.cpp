// Scanned documents: pages rendered from clean Vietnamese text (pango-view, DejaVu Serif),
// read back with tesseract's Vietnamese model, as images, as an image-only PDF and as a PDF
// with a text layer. Skipped when pango-view or the tesseract model is missing.
#include "doc/ocr.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.h"
#include "vi/text.h"

namespace loa::doc {
namespace {

constexpr const char* kText =
    "Kế hoạch hợp tác truyền thông với các cơ quan báo chí\n"
    "tuyên truyền, quảng bá về thành phố Hải Phòng năm 2025.\n"
    "Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với\n"
    "Ủy ban nhân dân các xã, phường, đặc khu Cát Hải.\n";

bool tools_present() {
  return std::system("command -v pango-view >/dev/null 2>&1") == 0 &&
         std::filesystem::exists("/usr/share/tesseract-ocr/5/tessdata/vie.traineddata");
}

#define REQUIRE_TOOLS() \
  if (!tools_present()) GTEST_SKIP() << "pango-view or tesseract-ocr-vie missing (scripts/setup)"

// Renders kText with pango-view to `out` (.png or .pdf).
void render(const testing::TempDir& dir, const std::string& out) {
  std::ofstream(dir.file("text.txt")) << kText;
  const std::string cmd =
      "pango-view --no-display --font='DejaVu Serif 12' --dpi=300 "
      "--width=450 --margin=40 -o '" +
      out + "' '" + dir.file("text.txt") + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// A one-page PDF holding only the grey image `png`: what a scanner produces.
void image_pdf(const std::string& png, const std::string& out) {
  Pix* colour = pixRead(png.c_str());
  ASSERT_NE(colour, nullptr);
  Pix* grey = pixConvertTo8(colour, 0);
  const int w = static_cast<int>(pixGetWidth(grey)), h = static_cast<int>(pixGetHeight(grey));
  std::string pixels;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(grey, x, y, &v);
      pixels.push_back(static_cast<char>(v));
    }
  }
  pixDestroy(&grey);
  pixDestroy(&colour);
  const double pw = w * 72.0 / 300, ph = h * 72.0 / 300;  // points at 300 dpi
  std::ostringstream content;
  content << "q " << pw << " 0 0 " << ph << " 0 0 cm /Im0 Do Q";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(pw) + " " +
          std::to_string(ph) + "] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
          std::to_string(h) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
          std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream",
      "<< /Length " + std::to_string(content.str().size()) + " >>\nstream\n" + content.str() +
          "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  std::ofstream(out, std::ios::binary) << pdf;
}

// Share of the expected words found, in order-insensitive fashion (a coarse check: the
// benchmark measures the word error rate).
double words_found(const std::string& got) {
  const std::string normal = vi::lower(*vi::normalize(got));
  std::istringstream expected(vi::lower(kText));
  std::string word;
  int total = 0, found = 0;
  while (expected >> word) {
    while (!word.empty() && std::string(".,").find(word.back()) != std::string::npos)
      word.pop_back();
    ++total;
    found += normal.find(word) != std::string::npos ? 1 : 0;
  }
  return static_cast<double>(found) / total;
}

TEST(OcrTest, ReadsARenderedPage) {
  REQUIRE_TOOLS();
  testing::TempDir dir;
  render(dir, dir.file("page.png"));
  auto pages = read_scanned(dir.file("page.png"));
  ASSERT_TRUE(pages) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_TRUE((*pages)[0].recognised);
  EXPECT_GT((*pages)[0].confidence, 0.8F);
  EXPECT_GT(words_found((*pages)[0].text), 0.95) << (*pages)[0].text;
}

TEST(OcrTest, RecognisesAPdfWithoutTextLayer) {
  REQUIRE_TOOLS();
  testing::TempDir dir;
  render(dir, dir.file("page.png"));
  image_pdf(dir.file("page.png"), dir.file("scan.pdf"));
  auto pages = read_scanned(dir.file("scan.pdf"));
  ASSERT_TRUE(pages) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_TRUE((*pages)[0].recognised);
  EXPECT_GT(words_found((*pages)[0].text), 0.95) << (*pages)[0].text;
}

TEST(OcrTest, UsesTheTextLayerWhenThereIsOne) {
  REQUIRE_TOOLS();
  testing::TempDir dir;
  render(dir, dir.file("typed.pdf"));
  auto pages = read_scanned(dir.file("typed.pdf"));
  ASSERT_TRUE(pages) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_FALSE((*pages)[0].recognised);
  EXPECT_GT(words_found((*pages)[0].text), 0.99) << (*pages)[0].text;
  OcrOptions force;
  force.force_ocr = true;
  auto recognised = read_scanned(dir.file("typed.pdf"), force);
  ASSERT_TRUE(recognised) << recognised.status().message();
  EXPECT_TRUE((*recognised)[0].recognised);
}

TEST(OcrTest, BadFilesGetClearErrors) {
  testing::TempDir dir;
  EXPECT_EQ(read_scanned(dir.file("absent.png")).status().code(), StatusCode::kNotFound);
  std::ofstream(dir.file("notes.txt")) << "không phải ảnh";
  auto text = read_scanned(dir.file("notes.txt"));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(text.status().message().find("notes.txt"), std::string::npos);
  std::ofstream(dir.file("broken.pdf")) << "%PDF-1.4\nthis is not a PDF body";
  auto broken = read_scanned(dir.file("broken.pdf"));
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.status().message().find("broken.pdf"), std::string::npos);
  if (std::filesystem::exists("/usr/share/tesseract-ocr/5/tessdata/vie.traineddata")) {
    OcrOptions klingon;
    klingon.language = "tlh";
    render(dir, dir.file("page.png"));
    auto missing = read_scanned(dir.file("page.png"), klingon);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  }
}

}  // namespace
}  // namespace loa::doc
