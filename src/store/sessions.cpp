// SQL for sessions and sign-in attempts.
#include "store/sessions.h"

namespace loa::store {

namespace {
// Runs a one-row, one-column integer query bound to `args`.
template <typename... Args>
Result<std::int64_t> query_count(Database& db, const char* sql, const Args&... args) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind_all(args...);
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}
}  // namespace

Status insert_session(Database& db, const SessionRow& s) {
  auto st = db.prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "remote_addr, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.remote_addr,
               s.user_agent);
  return st->run();
}

Result<SessionRow> find_live_session(Database& db, const std::string& token_hash,
                                     std::int64_t now) {
  auto st = db.prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, expires_at, remote_addr, user_agent "
      "FROM sessions WHERE token_hash = ? AND expires_at > ?");
  if (!st) return st.status();
  st->bind_all(token_hash, now);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return unauthenticated("no such session, or it has expired");
  return SessionRow{st->column_text(0),         st->column_int(1), st->column_text(2),
                    st->column_int(3),          st->column_int(4), st->column_optional_text(5),
                    st->column_optional_text(6)};
}

Result<bool> delete_session(Database& db, const std::string& token_hash) {
  auto st = db.prepare("DELETE FROM sessions WHERE token_hash = ?");
  if (!st) return st.status();
  st->bind(1, token_hash);
  LOA_RETURN_IF_ERROR(st->run());
  return db.changes() > 0;
}

Result<int> delete_expired_sessions(Database& db, std::int64_t now) {
  auto st = db.prepare("DELETE FROM sessions WHERE expires_at <= ?");
  if (!st) return st.status();
  st->bind(1, now);
  LOA_RETURN_IF_ERROR(st->run());
  return db.changes();
}

Status record_login_attempt(Database& db, const std::string& username,
                            const std::string& remote_addr, std::int64_t at, bool succeeded) {
  auto st = db.prepare(
      "INSERT INTO login_attempts (username, remote_addr, at, succeeded) VALUES (?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(username, remote_addr, at, succeeded);
  return st->run();
}

Result<RecentFailures> count_recent_login_failures(Database& db, const std::string& username,
                                                   const std::string& remote_addr,
                                                   std::int64_t since) {
  auto by_user = query_count(
      db, "SELECT COUNT(*) FROM login_attempts WHERE username = ? AND at >= ? AND succeeded = 0",
      username, since);
  if (!by_user) return by_user.status();
  auto by_addr = query_count(
      db, "SELECT COUNT(*) FROM login_attempts WHERE remote_addr = ? AND at >= ? AND succeeded = 0",
      remote_addr, since);
  if (!by_addr) return by_addr.status();
  return RecentFailures{*by_user, *by_addr};
}

}  // namespace loa::store
