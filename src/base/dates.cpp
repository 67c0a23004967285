// ISO dates ↔ day numbers with the C++20 calendar.
#include "base/dates.h"

#include <chrono>
#include <cstdio>

#include "base/clock.h"

namespace loa {

namespace {
constexpr std::int64_t kVietnamOffset = std::int64_t{7} * 3600;  // UTC+7, all year
}  // namespace

namespace {

std::string format(const std::chrono::year_month_day& ymd) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()) % 10000,
                static_cast<unsigned>(ymd.month()) % 100, static_cast<unsigned>(ymd.day()) % 100);
  return out;
}

}  // namespace

std::optional<std::int64_t> day_number(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < lengths[i]; ++k) {
      const char c = iso[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900 || parts[0] > 2999) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                        std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string iso_from_day(std::int64_t day) {
  return format(std::chrono::year_month_day(
      std::chrono::sys_days(std::chrono::days(static_cast<std::int32_t>(day)))));
}

bool valid_iso_date(std::string_view iso) { return day_number(iso).has_value(); }

std::int64_t vietnam_day_start(std::int64_t day) { return day * 86400 - kVietnamOffset; }

std::string vietnam_today(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kVietnamOffset;
  std::int64_t day = local / 86400;
  if (local % 86400 < 0) --day;
  return iso_from_day(day);
}

std::string vietnam_date_text(std::string_view utc_time) {
  auto at = parse_utc(utc_time);
  if (!at) return "";
  const std::string day = vietnam_today(*at);
  return day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
}

int weekday(std::int64_t day) {
  // 1970-01-01 was a Thursday (3 counting Monday as 0).
  return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

std::string month_end(int year, int month) {
  const std::chrono::year_month_day_last last{std::chrono::year(year) /
                                              std::chrono::month(static_cast<unsigned>(month)) /
                                              std::chrono::last};
  return format(std::chrono::year_month_day(last));
}

}  // namespace loa
