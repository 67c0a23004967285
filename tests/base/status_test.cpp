// Status and Result: values, errors and the early-return macro.
#include "base/status.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace loa {
namespace {

Status fails_when(bool fail) {
  LOA_RETURN_IF_ERROR(fail ? invalid_argument("bad") : Status::ok());
  return not_found("reached the end");
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::ok().is_ok());
  Status s = not_found("no organisation with code 'x'");
  EXPECT_FALSE(s);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.to_string(), "not_found: no organisation with code 'x'");
}

TEST(StatusTest, ReturnIfErrorStopsEarly) {
  EXPECT_EQ(fails_when(true).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fails_when(false).code(), StatusCode::kNotFound);
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().is_ok());
  Result<int> bad = permission_denied("no");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.status().code(), StatusCode::kPermissionDenied);
}

TEST(ClockTest, FormatsUtc) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1751328000), "2025-07-01T00:00:00Z");
  ManualClock clock(100);
  clock.advance(20);
  EXPECT_EQ(clock.now_unix(), 120);
}

}  // namespace
}  // namespace loa
