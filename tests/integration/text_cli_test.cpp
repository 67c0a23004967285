// `loa text …` through the real binary: normal form, folding, tokens, OCR repair, bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/loa_process.h"
#include "support/temp_dir.h"

namespace loa::testing {
namespace {

TEST(TextCliTest, NormalizeFoldAndTokens) {
  auto n = run_loa({"text", "normalize"}, "Hoà\u00A0bình “Thuý”  \r\nĐÀ NẴNG\n");
  ASSERT_EQ(n.exit_code, 0) << n.err;
  EXPECT_EQ(n.out, "Hòa bình \"Thúy\"\nĐÀ NẴNG\n");
  TempDir dir;
  std::ofstream(dir.file("in.txt")) << "Đà Nẵng, Hải Phòng\n";
  auto f = run_loa({"text", "fold", dir.file("in.txt")});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_EQ(f.out, "da nang, hai phong\n");
  auto t = run_loa({"text", "tokens"}, "Luật 35/2021/QH15.");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, "syllable\tLuật\ndocument_number\t35/2021/QH15\npunctuation\t.\n");
}

TEST(TextCliTest, BadInputGetsAClearMessage) {
  auto bad = run_loa({"text", "normalize"}, "dòng một\ndòng \xFF hai\n");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("not valid UTF-8"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("line 2"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());

  auto tcvn3 = run_loa({"text", "normalize"}, "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n");
  EXPECT_EQ(tcvn3.exit_code, 1);
  EXPECT_NE(tcvn3.err.find("TCVN3"), std::string::npos) << tcvn3.err;

  TempDir dir;
  for (const char* cmd : {"fold", "restore"}) {
    auto folder = run_loa({"text", cmd, dir.path()});
    EXPECT_EQ(folder.exit_code, 1) << cmd;
    EXPECT_NE(folder.err.find("is a folder"), std::string::npos) << folder.err;
  }
  auto train_folder = run_loa({"text", "train-lm", "-o", dir.file("m.lm"), dir.path()});
  EXPECT_EQ(train_folder.exit_code, 1);
  EXPECT_NE(train_folder.err.find("is a folder"), std::string::npos) << train_folder.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("m.lm")));

  auto missing = run_loa({"text", "fold", "/no/such/file.txt"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("/no/such/file.txt"), std::string::npos);

  auto no_model = run_loa({"text", "restore", "--model", "/no/such.lm"}, "thanh pho\n");
  EXPECT_EQ(no_model.exit_code, 1);
  EXPECT_NE(no_model.err.find("/no/such.lm"), std::string::npos) << no_model.err;

  auto usage = run_loa({"text", "restore", "--format", "pdf"}, "");
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(TextCliTest, HundredMegabyteLineIsFoldedInBoundedPieces) {
  std::string line;
  line.reserve(100u << 20);
  while (line.size() < (100u << 20)) line += "Đà Nẵng ";
  auto r = run_loa({"text", "fold"}, line);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.size(), line.size() / 12 * 8);  // "Đà Nẵng " is 12 bytes, "da nang " 8
  EXPECT_TRUE(r.out.starts_with("da nang da nang "));
}

TEST(TextCliTest, RestoreKeepsLinesAndReportsConfidence) {
  if (!model_built()) GTEST_SKIP() << "no language model beside " << LOA_BINARY;
  auto r = run_loa({"text", "restore"}, "KE HOACH\nTuyén truyén vé d6i ngoai\n\nnim 2025\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "KẾ HOẠCH\nTuyên truyền về đối ngoại\n\nnăm 2025\n");
  EXPECT_NE(r.err.find("restored 8 word(s)"), std::string::npos) << r.err;

  auto j = run_loa({"text", "restore", "--format", "json"}, "Uy ban nhan dan\n");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["text"], "Ủy ban nhân dân\n");
  ASSERT_EQ(doc["words"].size(), 4u);
  EXPECT_EQ(doc["words"][0]["original"], "Uy");
  EXPECT_EQ(doc["words"][0]["text"], "Ủy");
  EXPECT_GT(doc["words"][0]["confidence"].get<double>(), 0.5);

  // The city's place names (the gazetteer) are read as written.
  auto places = run_loa({"text", "restore"}, "Du khach den Bach Long Vi va Cat Ba\n");
  ASSERT_EQ(places.exit_code, 0) << places.err;
  EXPECT_EQ(places.out, "Du khách đến Bạch Long Vĩ và Cát Bà\n");

  auto marked =
      run_loa({"text", "restore", "--format", "marked", "--review-below", "1"}, "Uy ban\n");
  ASSERT_EQ(marked.exit_code, 0) << marked.err;
  EXPECT_EQ(marked.out, "⟦Ủy⟧ ⟦ban⟧\n");
}

TEST(TextCliTest, RestoreHandlesALongLine) {
  if (!model_built()) GTEST_SKIP() << "no language model beside " << LOA_BINARY;
  // A 2.4 MB line, longer than the 1 MiB pieces the input is read in: numbers, which the
  // repair leaves alone, with words at both ends.
  std::string line = "thanh pho Hai Phong ";
  while (line.size() < (12u << 18) * 2) line += "1.000.000 2.000 ";
  line += "Uy ban nhan dan\n";
  auto r = run_loa({"text", "restore"}, line);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("thành phố Hải Phòng 1.000.000 2.000")) << r.out.substr(0, 80);
  EXPECT_TRUE(r.out.ends_with("2.000 Ủy ban nhân dân\n")) << r.out.substr(r.out.size() - 80);
  EXPECT_EQ(r.out.size(), line.size() + 10);  // 10 more bytes of accents, nothing lost
}

}  // namespace
}  // namespace loa::testing
