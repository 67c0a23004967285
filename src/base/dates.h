// File: base/dates.h
//
// Calendar dates as Loa stores them: ISO "2025-12-10" text, compared as text, computed on as
// day numbers (days since 1970-01-01). "Today" is Vietnam's (UTC+7): a deadline of 10
// December ends at midnight in Hải Phòng, not in Greenwich.
//
//   auto day = day_number("2025-12-10");          // 20432
//   iso_from_day(*day + 7);                       // "2025-12-17"
//   vietnam_today(clock.now_unix());              // "2026-11-24" at 18:00 UTC on the 23rd
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loa {

// Days since 1970-01-01 of a valid ISO date (year 1900–2999); nullopt otherwise.
std::optional<std::int64_t> day_number(std::string_view iso);
std::string iso_from_day(std::int64_t day);
bool valid_iso_date(std::string_view iso);

// The date in Vietnam (UTC+7) at a Unix time.
std::string vietnam_today(std::int64_t unix_seconds);

// The date in Vietnam of a stored UTC time ("2026-11-20T01:00:00Z"), written as Vietnamese
// documents write dates: "20/11/2026"; "" when `utc_time` is not such a time.
std::string vietnam_date_text(std::string_view utc_time);

// The Unix time at which a day (a day number) starts in Vietnam: 17:00 UTC the day before.
std::int64_t vietnam_day_start(std::int64_t day);

// 0 = Monday … 6 = Sunday.
int weekday(std::int64_t day);

// The last day of a month, "2025-02" → "2025-02-28".
std::string month_end(int year, int month);

}  // namespace loa
