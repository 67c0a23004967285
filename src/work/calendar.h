// File: work/calendar.h
//
// Which days offices work: Monday to Friday, less the public holidays and the days off the
// Government announces, plus any Saturday it makes a working day in exchange. Reminders count
// in working days ("7 working days before 10 December"). The holidays come from a JSON file
// (data/calendar/vn-holidays.json, compiled in; `--calendar FILE` replaces it):
//   {"yearly": ["01-01", "04-30", …], "days_off": {"2026": ["2026-02-16", …]},
//    "working_days": {"2026": []}}
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::work {

class WorkCalendar {
 public:
  // Monday to Friday, no holidays.
  WorkCalendar() = default;
  // invalid_argument naming the entry that is not a date.
  static Result<WorkCalendar> from_json(std::string_view json_text);
  // The compiled-in Vietnamese calendar.
  static const WorkCalendar& vietnam();

  bool is_working_day(std::int64_t day) const;
  bool is_working_day(const std::string& iso) const;
  // Working days from `from` (exclusive) to `to` (inclusive): 0 when equal, negative when
  // `to` is earlier.
  int working_days_between(std::int64_t from, std::int64_t to) const;

 private:
  std::set<std::string> yearly_;      // "MM-DD"
  std::set<std::int64_t> days_off_;   // day numbers
  std::set<std::int64_t> work_days_;  // weekend days worked
};

}  // namespace loa::work
