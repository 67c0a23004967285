// The working-day calendar.
#include "work/calendar.h"

#include <nlohmann/json.hpp>

#include "base/dates.h"

namespace loa::work {

const char* vietnam_calendar_json();  // data/calendar/vn-holidays.json, embedded

Result<WorkCalendar> WorkCalendar::from_json(std::string_view json_text) {
  const auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid_argument("calendar: not a JSON object");
  WorkCalendar c;
  if (j.contains("yearly")) {
    for (std::size_t i = 0; i < j["yearly"].size(); ++i) {
      const auto& v = j["yearly"][i];
      if (!v.is_string() || !valid_iso_date("2000-" + v.get<std::string>()))
        return invalid_argument("calendar: yearly[" + std::to_string(i) + "] is not a MM-DD date");
      c.yearly_.insert(v.get<std::string>());
    }
  }
  for (const char* key : {"days_off", "working_days"}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_object())
      return invalid_argument(std::string("calendar: ") + key + " must be an object");
    for (const auto& [year, days] : j[key].items()) {
      for (std::size_t i = 0; i < days.size(); ++i) {
        const auto day =
            days[i].is_string() ? day_number(days[i].get<std::string>()) : std::nullopt;
        if (!day) {
          return invalid_argument(std::string("calendar: ") + key + "." + year + "[" +
                                  std::to_string(i) + "] is not a date such as 2026-02-16");
        }
        (std::string_view(key) == "days_off" ? c.days_off_ : c.work_days_).insert(*day);
      }
    }
  }
  return c;
}

const WorkCalendar& WorkCalendar::vietnam() {
  static const WorkCalendar calendar = [] {
    auto c = from_json(vietnam_calendar_json());
    return c ? *c : WorkCalendar();
  }();
  return calendar;
}

bool WorkCalendar::is_working_day(std::int64_t day) const {
  if (work_days_.count(day)) return true;
  if (weekday(day) >= 5 || days_off_.count(day)) return false;
  return !yearly_.count(iso_from_day(day).substr(5));
}

bool WorkCalendar::is_working_day(const std::string& iso) const {
  auto day = day_number(iso);
  return day && is_working_day(*day);
}

int WorkCalendar::working_days_between(std::int64_t from, std::int64_t to) const {
  int n = 0;
  if (to >= from) {
    for (std::int64_t d = from + 1; d <= to; ++d) n += is_working_day(d) ? 1 : 0;
    return n;
  }
  for (std::int64_t d = to + 1; d <= from; ++d) n -= is_working_day(d) ? 1 : 0;
  return n;
}

}  // namespace loa::work
