// The real clock and the UTC timestamp format.
#include "base/clock.h"

#include <ctime>

#include "base/dates.h"

namespace loa {

namespace {
class SystemClock final : public Clock {
 public:
  std::int64_t now_unix() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};
}  // namespace

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

std::string format_utc(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::int64_t> parse_utc(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  const auto day = day_number(text.substr(0, 10));
  if (!day) return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    const char a = text[at];
    const char b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const std::int64_t h = two(11);
  const std::int64_t m = two(14);
  const std::int64_t s = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return std::nullopt;
  return *day * 86400 + h * 3600 + m * 60 + s;
}

}  // namespace loa
