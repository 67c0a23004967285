// UTF-8 validity, NFC and accent-insensitive folding of Vietnamese.
#include "vi/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace loa::vi
