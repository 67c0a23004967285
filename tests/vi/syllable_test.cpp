// Vietnamese letters and syllable structure, checked against Debian's hunspell-vi word list.
#include "vi/syllable.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace loa::vi {
namespace {

TEST(ViSyllableTest, SplitsAndComposesLetters) {
  const Letter e = split_letter(U'Ế');
  EXPECT_EQ(e.base, U'ê');
  EXPECT_EQ(e.tone, Tone::kAcute);
  EXPECT_TRUE(e.upper);
  EXPECT_EQ(compose_letter(U'ư', Tone::kTilde, false), U'ữ');
  EXPECT_EQ(compose_letter(U'a', Tone::kDot, true), U'Ạ');
  EXPECT_EQ(split_letter(U'Đ').base, U'đ');
  EXPECT_EQ(split_letter(U'q').base, U'q');
  EXPECT_EQ(split_letter(U'é').tone, Tone::kAcute);
}

TEST(ViSyllableTest, AcceptsVietnameseSyllables) {
  for (const char* s : {"nghiêng", "Nguyễn", "quốc", "giữa",   "gì",    "khuỷu", "người", "thuở",
                        "hoạch",   "uyên",   "oái",  "ĐẢNG",   "ủy",    "kế",    "ghế",   "yêu",
                        "quyết",   "a",      "ở",    "truyền", "thông", "đường"}) {
    EXPECT_TRUE(is_valid_syllable(std::string_view(s))) << s;
  }
}

TEST(ViSyllableTest, RejectsImpossibleSyllables) {
  for (const char* s : {"ngha", "ce", "ka", "ci", "ghu", "hoàt", "mat", "xyz", "bánh2", "tuyén",
                        "nhitng", "dugc", "clia", "UBND", "", "ààa", "quu", "strong", "báó"}) {
    EXPECT_FALSE(is_valid_syllable(std::string_view(s))) << "accepted: " << s;
  }
}

TEST(ViSyllableTest, PlacesTonesByTheTraditionalConvention) {
  EXPECT_EQ(place_tone(std::string_view("hoà")), "hòa");
  EXPECT_EQ(place_tone(std::string_view("thuý")), "thúy");
  EXPECT_EQ(place_tone(std::string_view("HOẠ")), "HỌA");
  EXPECT_EQ(place_tone(std::string_view("hoàn")), "hoàn");  // coda: on the last vowel
  EXPECT_EQ(place_tone(std::string_view("hòan")), "hoàn");
  EXPECT_EQ(place_tone(std::string_view("mừơi")), "mười");    // ươ: on ơ
  EXPECT_EQ(place_tone(std::string_view("ngoài")), "ngoài");  // three vowels: the middle
  EXPECT_EQ(place_tone(std::string_view("quí")), "quí");
  EXPECT_EQ(place_tone(std::string_view("gìn")), "gìn");
  EXPECT_EQ(place_tone(std::string_view("Hoà")), "Hòa");
  EXPECT_EQ(place_tone(std::string_view("abcà")), "abcà");  // not a syllable: unchanged
}

// Every entry of Debian's hunspell-vi dictionary that is a Vietnamese syllable (it also lists
// acronyms and loan words such as "UBND", "email") must be accepted, and its tone placement
// (the dictionary writes the newer "hoà" style) must map onto the traditional one.
TEST(ViSyllableTest, AgreesWithHunspellVi) {
  const std::filesystem::path dic = "/usr/share/hunspell/vi_VN.dic";
  if (!std::filesystem::exists(dic)) GTEST_SKIP() << "hunspell-vi not installed: " << dic;
  std::ifstream in(dic);
  std::string line;
  std::getline(in, line);  // entry count
  int accepted = 0, rejected = 0, moved = 0;
  while (std::getline(in, line)) {
    if (is_valid_syllable(std::string_view(line))) {
      ++accepted;
      const std::string placed = place_tone(std::string_view(line));
      EXPECT_TRUE(is_valid_syllable(std::string_view(placed))) << line;
      moved += placed != line ? 1 : 0;
    } else {
      ++rejected;
    }
  }
  EXPECT_GT(accepted, 6500);
  EXPECT_LT(rejected, 45);  // acronyms and loans: ABC, UBND, email, internet, tivi, …
  EXPECT_GT(moved, 50);     // hoà → hòa and the like
  EXPECT_LT(moved, 100);
}

}  // namespace
}  // namespace loa::vi
