// File: store/users.h
//
// User accounts: one organisation and one role each; the password only as an argon2id hash.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct UserRow {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::int64_t organisation_id = 0;
  std::string role;
  std::string password_hash;
  bool active = true;
  std::string created_at;
  std::string updated_at;
};

Result<std::int64_t> insert_user(Database& db, const UserRow& user);
Result<UserRow> find_user(Database& db, std::int64_t id);
Result<UserRow> find_user_by_username(Database& db, const std::string& username);
Result<std::vector<UserRow>> list_users(Database& db);

}  // namespace loa::store
