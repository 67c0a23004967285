// SQL for user accounts.
#include "store/users.h"

namespace loa::store {

namespace {
constexpr const char* kColumns =
    "SELECT id, username, display_name, organisation_id, role, password_hash, active, "
    "created_at, updated_at FROM users ";

UserRow read_user(const Statement& st) {
  return UserRow{st.column_int(0),      st.column_text(1), st.column_text(2),
                 st.column_int(3),      st.column_text(4), st.column_text(5),
                 st.column_int(6) != 0, st.column_text(7), st.column_text(8)};
}

template <typename Key>
Result<UserRow> find_one(Database& db, const char* where, const Key& key, const std::string& what) {
  auto st = db.prepare(std::string(kColumns) + where);
  if (!st) return st.status();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no user " + what);
  return read_user(*st);
}
}  // namespace

Result<std::int64_t> insert_user(Database& db, const UserRow& u) {
  auto st = db.prepare(
      "INSERT INTO users (username, display_name, organisation_id, role, password_hash, active, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(u.username, u.display_name, u.organisation_id, u.role, u.password_hash, u.active,
               u.created_at, u.updated_at);
  Status s = st->run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return already_exists("a user named '" + u.username + "' already exists");
  }
  LOA_RETURN_IF_ERROR(s);
  return db.last_insert_id();
}

Result<UserRow> find_user(Database& db, std::int64_t id) {
  return find_one(db, "WHERE id = ?", id, "with id " + std::to_string(id));
}

Result<UserRow> find_user_by_username(Database& db, const std::string& username) {
  return find_one(db, "WHERE username = ?", username, "named '" + username + "'");
}

Result<std::vector<UserRow>> list_users(Database& db) {
  auto st = db.prepare(std::string(kColumns) + "ORDER BY username");
  if (!st) return st.status();
  std::vector<UserRow> users;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    users.push_back(read_user(*st));
  }
  return users;
}

}  // namespace loa::store
