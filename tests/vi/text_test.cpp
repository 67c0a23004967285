// UTF-8 validity, NFC and accent-insensitive folding of Vietnamese.
#include "vi/text.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace loa::vi {
namespace {

TEST(ViTextTest, ValidatesUtf8) {
  EXPECT_TRUE(is_valid_utf8("Hải Phòng"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("H\xE1i"));        // truncated sequence
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

TEST(ViTextTest, ComposesToNfc) {
  // "Hòa" typed with a combining grave accent (NFD), as macOS and some PDFs produce it.
  EXPECT_EQ(*to_nfc("Ho\xCC\x80"
                    "a"),
            "H\xC3\xB2"
            "a");
  EXPECT_EQ(*to_nfc("Đà Nẵng"), "Đà Nẵng");  // already NFC: unchanged
  EXPECT_FALSE(to_nfc("bad \xFF byte"));
  EXPECT_FALSE(to_nfc("Đà Nẵng \xED\xA0\x80"));  // a surrogate after NFC-stable text
  // Code points NFC replaces although nothing combines with them (singletons): the quick
  // scan must not pass them through.
  EXPECT_EQ(*to_nfc("a\xE2\x80\x80"
                    "b"),  // U+2000 en quad → U+2002 en space
            "a\xE2\x80\x82"
            "b");
  EXPECT_EQ(*to_nfc("10 \xE2\x84\xAB"), "10 \xC3\x85");  // U+212B ångström sign → Å
  // A base letter of the stable ranges followed by a combining mark is still composed.
  EXPECT_EQ(*to_nfc("Ninh \xC6\xA1\xCC\x81"), "Ninh \xE1\xBB\x9B");  // ơ + ◌́ → ớ
  // Text in other scripts goes through the full composition, unchanged when NFC.
  EXPECT_EQ(*to_nfc("東京 한국"), "東京 한국");
}

TEST(ViTextTest, FoldsMarksCaseAndD) {
  EXPECT_EQ(fold("Đà Nẵng"), "da nang");
  EXPECT_EQ(fold("Sở Văn hóa, Thể thao và Du lịch"), "so van hoa, the thao va du lich");
  EXPECT_EQ(fold("Ho\xCC\x80"
                 "a"),
            fold("Hòa"));  // NFD and NFC fold alike
  EXPECT_EQ(fold("ĐẶC KHU CÁT HẢI"), "dac khu cat hai");
  EXPECT_EQ(fold("45-NQ/TW"), "45-nq/tw");
  EXPECT_EQ(fold("a\xFF"
                 "b"),
            "ab");  // invalid bytes dropped, the rest kept
}

// Every Vietnamese vowel with every tone, in both cases, in NFC and NFD.
constexpr std::string_view kVowels[] = {"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
                                        "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
                                        "AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
                                        "OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ"};
constexpr char kBaseOf[] = "aaaeeiooouuyaaaeeiooouuy";

std::vector<std::string> letters_of(std::string_view row) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < row.size();) {
    std::size_t n = 1;
    while (i + n < row.size() && (static_cast<unsigned char>(row[i + n]) & 0xC0) == 0x80) ++n;
    out.emplace_back(row.substr(i, n));
    i += n;
  }
  return out;
}

std::string nfd(std::string_view s) {
  utf8proc_uint8_t* raw = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                        static_cast<utf8proc_ssize_t>(s.size()), &raw,
                        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE));
  std::string out(reinterpret_cast<char*>(raw), static_cast<std::size_t>(n));
  std::free(raw);
  return out;
}

TEST(ViTextTest, EveryVowelWithEveryToneFoldsLowersAndNormalises) {
  int checked = 0;
  for (std::size_t row = 0; row < std::size(kVowels); ++row) {
    const auto letters = letters_of(kVowels[row]);
    ASSERT_EQ(letters.size(), 6u) << kVowels[row];
    const auto lower_row = letters_of(kVowels[row % 12]);
    const auto upper_row = letters_of(kVowels[row % 12 + 12]);
    for (std::size_t tone = 0; tone < 6; ++tone) {
      const std::string& l = letters[tone];
      EXPECT_EQ(fold(l), std::string(1, kBaseOf[row])) << l;
      EXPECT_EQ(fold(nfd(l)), std::string(1, kBaseOf[row])) << l;
      EXPECT_EQ(lower(l), lower_row[tone]) << l;
      EXPECT_EQ(upper(l), upper_row[tone]) << l;
      EXPECT_EQ(*normalize(nfd(l)), l) << l;  // NFD in, NFC out
      EXPECT_EQ(*to_nfc(nfd(l)), l);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 144);
}

TEST(ViTextTest, FoldsAllFormsOfD) {
  EXPECT_EQ(fold("đ"), "d");
  EXPECT_EQ(fold("Đ"), "d");
  EXPECT_EQ(fold("\u00D0"), "d");  // Ð, the Icelandic eth that old fonts use for Đ
  EXPECT_EQ(lower("ĐỒNG"), "đồng");
  EXPECT_EQ(upper("Sở Văn hóa, Thể thao và Du lịch"), "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
  EXPECT_EQ(*normalize("\u00D0\u00F0"), "Đđ");
}

TEST(ViTextTest, NormalisesTonePlacementToTheTraditionalConvention) {
  EXPECT_EQ(*normalize("hoà"), "hòa");
  EXPECT_EQ(*normalize("thuý"), "thúy");
  EXPECT_EQ(*normalize("Khoẻ"), "Khỏe");
  EXPECT_EQ(*normalize("HOÀ BÌNH"), "HÒA BÌNH");
  EXPECT_EQ(*normalize("Thanh Hoá, Quảng Hoà, Thuỵ Khuê"), "Thanh Hóa, Quảng Hòa, Thụy Khuê");
  // Already conventional or not Vietnamese: left alone.
  EXPECT_EQ(*normalize("hòa hoàn toán quý già gìn giữa mười khuỷu ngoái"),
            "hòa hoàn toán quý già gìn giữa mười khuỷu ngoái");
  EXPECT_EQ(*normalize("café Noël"), "café Noël");
}

TEST(ViTextTest, NormalisesQuotesDashesSpacesAndControls) {
  EXPECT_EQ(*normalize("“Kế hoạch” ‘số 1’"), "\"Kế hoạch\" 'số 1'");
  EXPECT_EQ(*normalize("45–NQ/TW — 2021‒2025 −5"), "45-NQ/TW - 2021-2025 -5");
  EXPECT_EQ(*normalize("a\u00A0\u00A0b\u2003c\td  \n"), "a b c d\n");
  EXPECT_EQ(*normalize("dòng 1\r\ndòng 2\rdòng 3\u2028dòng 4"), "dòng 1\ndòng 2\ndòng 3\ndòng 4");
  const char controls[] =
      "a\0b\x01"
      "c\u200B"
      "d\uFEFF"
      "e\u00AD"
      "f";
  EXPECT_EQ(*normalize(std::string_view(controls, sizeof controls - 1)), "abcdef");
  EXPECT_EQ(*normalize(""), "");
}

TEST(ViTextTest, NormalisesEverythingAtOnceWhereReplacementsShiftTheText) {
  // Unchanged spans are copied lazily: tones to move and letters to compose that come after
  // replacements of another length (quotes 3 → 1 byte, spaces dropped) must still be found.
  EXPECT_EQ(*normalize("\u00A0\u00A0Ho\u0300a  \u201Cthu\u00FD\u201D\u200B  \n  x"),
            "H\u00F2a \"th\u00FAy\"\nx");
  EXPECT_EQ(*normalize("“hoà” và ‘thuý’ — \u00D0ồng Hoà\r\n\u2003Khoẻ  "),
            "\"hòa\" và 'thúy' - Đồng Hòa\nKhỏe");
  EXPECT_EQ(*normalize("  \t \n\n a  b \n"), "\n\na b\n");
  EXPECT_EQ(*normalize("x \x01 y"), "x y");
  EXPECT_EQ(*normalize("Đà Nẵng\n"), "Đà Nẵng\n");  // nothing to change: the same text
  // Words composed to NFC, with tones to move before, inside and after them.
  EXPECT_EQ(*normalize("thuý Hoa\u0300 “thuý” Khoe\u0309 hoà"), "thúy Hòa \"thúy\" Khỏe hòa");
}

TEST(ViTextTest, NormaliseNamesTheBadByte) {
  auto r = normalize("dòng 1\ndòng \xFF 2");
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("0xFF"), std::string::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xC3"), 2u);
  EXPECT_EQ(first_invalid_utf8("Hải"), std::nullopt);
}

TEST(ViTextTest, CapitalizesTheFirstLetterOnly) {
  EXPECT_EQ(capitalize("đặc khu Cát Hải"), "Đặc khu Cát Hải");
  EXPECT_EQ(capitalize("ủy ban"), "Ủy ban");
  EXPECT_EQ(capitalize("thực hiện"), "Thực hiện");
  EXPECT_EQ(capitalize("Sở"), "Sở");
  EXPECT_EQ(capitalize("2025 năm"), "2025 năm");
  EXPECT_EQ(capitalize(""), "");
}

TEST(ViTextTest, DetectsLegacyEncodings) {
  // "Cộng hòa xã hội chủ nghĩa Việt Nam" typed in TCVN3 and in VNI, read as Windows-1252.
  EXPECT_EQ(detect_legacy_encoding("Céng hoµ x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do - "
                                   "H¹nh phóc. Hµ Néi, ngµy th¸ng n¨m"),
            LegacyEncoding::kTcvn3);
  EXPECT_EQ(detect_legacy_encoding("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam, Ñoäc laäp - Töï "
                                   "do - Haïnh phuùc"),
            LegacyEncoding::kVni);
  EXPECT_EQ(detect_legacy_encoding("Cộng hòa xã hội chủ nghĩa Việt Nam « trích » ®"),
            LegacyEncoding::kNone);
  EXPECT_EQ(legacy_encoding_name(LegacyEncoding::kVni), "VNI");
}

TEST(ViTextTest, LegacySignsNowAndThenAreNotALegacyEncoding) {
  // A Unicode article that names "FSC®-COC" and "Vinamilk®" (as real news does), often.
  std::string unicode;
  for (int i = 0; i < 50; ++i) {
    unicode += "Vinamilk® đạt chứng nhận FSC®-COC cho bao bì giấy, sản phẩm Sữa tươi® mới.\n";
  }
  EXPECT_EQ(detect_legacy_encoding(unicode), LegacyEncoding::kNone);
  // Accent-free text (OCR from a Latin-only engine, or typed without accents), one long line
  // with a few such signs in it.
  std::string plain;
  for (int i = 0; i < 2000; ++i) plain += "cong tac thong tin doi ngoai cua thanh pho nam 2025 ";
  plain.insert(1000, "FSC®-COC ");
  plain.insert(50000, "Samsung® ");
  plain.insert(90000, "fsc®-coc ");
  EXPECT_EQ(detect_legacy_encoding(plain), LegacyEncoding::kNone);
  // Two such signs in one line of a hundred words: too few for Vietnamese in TCVN3.
  std::string line;
  for (int i = 0; i < 12; ++i) line += "cong tac thong tin doi ngoai cua thanh pho ";
  EXPECT_EQ(detect_legacy_encoding("Samsung® va FSC®-COC " + line), LegacyEncoding::kNone);
  // A TCVN3 or VNI paragraph pasted into a Unicode text is still found.
  const std::string pasted_tcvn3 =
      unicode + "Céng hoµ x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do - H¹nh phóc\n" + unicode;
  EXPECT_EQ(detect_legacy_encoding(pasted_tcvn3), LegacyEncoding::kTcvn3);
  const std::string pasted_vni =
      unicode + "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam, Ñoäc laäp - Töï do\n" + unicode;
  EXPECT_EQ(detect_legacy_encoding(pasted_vni), LegacyEncoding::kVni);
  // … and a long legacy text on one line, measured by stretches of 200 words.
  std::string long_tcvn3;
  for (int i = 0; i < 100; ++i) long_tcvn3 += "Céng hoµ x· héi chñ nghÜa ViÖt Nam ";
  EXPECT_EQ(detect_legacy_encoding(long_tcvn3), LegacyEncoding::kTcvn3);
}

}  // namespace
}  // namespace loa::vi
