// File: work/users.h
//
// Creating user accounts with their checks (name form, password length, role, organisation),
// in one transaction with the audit record.
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::work {

inline constexpr std::size_t kMinPasswordLength = 8;

struct NewUser {
  std::string username;      // 3–64 of a–z, 0–9, '.', '_', '-'
  std::string display_name;  // defaults to the username
  std::string organisation_code;
  std::string role;  // admin | coordinator | member | leader
  std::string password;
};

// Checks `user` without touching the database; the message names the field at fault.
Status validate_new_user(const NewUser& user);
Result<std::int64_t> create_user(store::Database& db, const Clock& clock, const NewUser& user,
                                 const Actor& actor);

}  // namespace loa::work
