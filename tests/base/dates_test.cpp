// Dates as Vietnam counts them.
#include "base/dates.h"

#include <gtest/gtest.h>

namespace loa {
namespace {

TEST(DatesTest, VietnameseDateOfAStoredTime) {
  EXPECT_EQ(vietnam_date_text("2026-11-20T01:00:00Z"), "20/11/2026");
  EXPECT_EQ(vietnam_date_text("2026-11-19T17:00:00Z"), "20/11/2026");  // midnight in Hà Nội
  EXPECT_EQ(vietnam_date_text("2026-11-19T16:59:59Z"), "19/11/2026");
  EXPECT_EQ(vietnam_date_text("20/11/2026"), "");
  EXPECT_EQ(vietnam_date_text(""), "");
}

}  // namespace
}  // namespace loa
