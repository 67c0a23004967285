// The tokenizer on the shapes of text Loa reads: plans, citations, addresses, OCR output.
#include "vi/tokenizer.h"

#include <gtest/gtest.h>

#include <string>

namespace loa::vi {
namespace {

std::string kinds(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += std::string(t.text) + "/" + std::string(token_kind_name(t.kind));
  }
  return out;
}

TEST(ViTokenizerTest, SplitsSyllablesNumbersAndPunctuation) {
  EXPECT_EQ(kinds("Kế hoạch năm 2025."),
            "Kế/syllable hoạch/syllable năm/syllable 2025/number ./punctuation");
  EXPECT_EQ(kinds("1.000.000 đồng, 3,5%"),
            "1.000.000/number đồng/syllable ,/punctuation 3,5/number %/punctuation");
  EXPECT_EQ(kinds("ngày 20/6/2022; giai đoạn 2021-2025"),
            "ngày/syllable 20/6/2022/number ;/punctuation giai/syllable đoạn/syllable "
            "2021-2025/number");
}

TEST(ViTokenizerTest, KeepsDocumentNumbersWhole) {
  EXPECT_EQ(kinds("Nghị quyết số 45-NQ/TW"),
            "Nghị/syllable quyết/syllable số/syllable 45-NQ/TW/document_number");
  EXPECT_EQ(kinds("Luật 35/2021/QH15, Quyết định 1511/QĐ-TTg và 09/2017/NĐ-CP."),
            "Luật/syllable 35/2021/QH15/document_number ,/punctuation Quyết/syllable "
            "định/syllable 1511/QĐ-TTg/document_number và/syllable "
            "09/2017/NĐ-CP/document_number ./punctuation");
  EXPECT_EQ(kinds("(147/KH-UBND)"), "(/punctuation 147/KH-UBND/document_number )/punctuation");
}

TEST(ViTokenizerTest, KeepsUrlsAndEmailsWhole) {
  EXPECT_EQ(kinds("Xem https://haiphong.gov.vn/tin-tuc?id=3. Gửi so.vhttdl@haiphong.gov.vn."),
            "Xem/syllable https://haiphong.gov.vn/tin-tuc?id=3/url ./punctuation Gửi/syllable "
            "so.vhttdl@haiphong.gov.vn/email ./punctuation");
  EXPECT_EQ(kinds("(www.baohaiphong.vn)"), "(/punctuation www.baohaiphong.vn/url )/punctuation");
}

TEST(ViTokenizerTest, TellsSyllablesFromOtherWords) {
  EXPECT_EQ(kinds("UBND thành phố COVID-19 H5N1"),
            "UBND/word thành/syllable phố/syllable COVID/word -/punctuation 19/number "
            "H5N1/word");
  // OCR damage: letters and digits mixed stay one token for the repair step.
  EXPECT_EQ(kinds("d6i ngoai 1am x3 hdi"), "d6i/word ngoai/syllable 1am/word x3/word hdi/word");
}

TEST(ViTokenizerTest, OffsetsPointIntoTheText) {
  const std::string text = "  Hải\u00A0Phòng\n(2025)";
  const auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 5u);
  for (const Token& t : tokens) EXPECT_EQ(text.substr(t.offset, t.text.size()), t.text);
  EXPECT_EQ(tokens[1].text, "Phòng");
}

TEST(ViTokenizerTest, SurvivesBadInput) {
  EXPECT_EQ(kinds(std::string("a\xFF\xFE"
                              "b",
                              4)),
            "a/syllable b/word");
  EXPECT_EQ(kinds(std::string("x\0y", 3)), "x/word y/syllable");
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" \n\t ").empty());
  const std::string long_line(1 << 20, 'a');
  EXPECT_EQ(tokenize(long_line).size(), 1u);
}

}  // namespace
}  // namespace loa::vi
