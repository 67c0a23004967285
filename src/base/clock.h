// File: base/clock.h
//
// The seam through which code reads the time, so tests can move it (LevelDB's Env idea).
// Production code takes a `Clock&` and is given `system_clock()`; tests pass a ManualClock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loa {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual std::int64_t now_unix() const = 0;
};

Clock& system_clock();

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start) : now_(start) {}
  std::int64_t now_unix() const override { return now_; }
  void advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::int64_t now_;
};

// "2026-11-23T11:33:03Z" for a Unix time; the form timestamps take in the database and API.
std::string format_utc(std::int64_t unix_seconds);
// The inverse of format_utc; nullopt for anything not of that exact form.
std::optional<std::int64_t> parse_utc(std::string_view text);

}  // namespace loa
