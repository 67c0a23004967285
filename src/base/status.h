// File: base/status.h
//
// Expected failures travel as values, not exceptions (see docs/ARCHITECTURE.md, "Errors").
// A Status is a code plus a human-readable message naming what was wrong and where;
// Result<T> carries either a value or a non-OK Status (g++ 12 has no std::expected).
//
//   Result<User> user = users.find_by_name(db, "coordinator");
//   if (!user) return user.status();
//   use(*user);
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace loa {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // the caller's input is malformed or out of range
  kNotFound,            // the named record does not exist
  kAlreadyExists,       // a record with that key exists already
  kUnauthenticated,     // no valid session or wrong credentials
  kPermissionDenied,    // signed in, but not allowed to do this
  kFailedPrecondition,  // the system is not in a state where this can be done
  kResourceExhausted,   // rate limit, size limit
  kUnavailable,         // a dependency (database, disk) cannot be reached now
  kConflict,            // someone else changed the record since the caller read it
  kInternal,            // a bug or an unexpected failure
};

// Stable machine-readable name of a code, used in JSON error bodies and logs.
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status invalid_argument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status not_found(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status already_exists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status permission_denied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status failed_precondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status resource_exhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
inline Status internal_error(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(state_).is_ok() && "a Result holding a Status must hold an error");
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return is_ok(); }

  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  // On a temporary, the value is moved out (not referenced), so `for (x : *f())` is safe.
  T value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace loa

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define LOA_RETURN_IF_ERROR(expr)                 \
  do {                                            \
    ::loa::Status loa_status_ = (expr);           \
    if (!loa_status_.is_ok()) return loa_status_; \
  } while (false)
