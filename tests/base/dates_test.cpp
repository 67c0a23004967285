// Dates as Vietnam counts them.
#include "base/dates.h"

#include <gtest/gtest.h>

#include "base/vn_format.h"

namespace loa {
namespace {

TEST(DatesTest, VietnameseDateOfAStoredTime) {
  EXPECT_EQ(vietnam_date_text("2026-11-20T01:00:00Z"), "20/11/2026");
  EXPECT_EQ(vietnam_date_text("2026-11-19T17:00:00Z"), "20/11/2026");  // midnight in Hà Nội
  EXPECT_EQ(vietnam_date_text("2026-11-19T16:59:59Z"), "19/11/2026");
  EXPECT_EQ(vietnam_date_text("20/11/2026"), "");
  EXPECT_EQ(vietnam_date_text(""), "");
}

TEST(VnFormatTest, NumbersDatesAndShares) {
  EXPECT_EQ(group_thousands(12500000), "12.500.000");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(-1500), "-1.500");
  EXPECT_EQ(dmy("2026-12-03"), "03/12/2026");
  EXPECT_EQ(dmy("12/2026"), "12/2026");
  EXPECT_EQ(percent(0.625), "62,5%");
  EXPECT_EQ(percent(0.5), "50%");
  EXPECT_EQ(percent(1), "100%");
  EXPECT_EQ(percent(2.0 / 3), "66,7%");
}

}  // namespace
}  // namespace loa
