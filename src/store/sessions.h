// File: store/sessions.h
//
// Signed-in sessions (keyed by a hash of the cookie token) and the sign-in attempts
// that login rate limiting counts. Times are Unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct SessionRow {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::string> remote_addr;
  std::optional<std::string> user_agent;
};

Status insert_session(Database& db, const SessionRow& session);
// The session with that token hash if it has not expired at `now`.
Result<SessionRow> find_live_session(Database& db, const std::string& token_hash, std::int64_t now);
// True if a session was deleted.
Result<bool> delete_session(Database& db, const std::string& token_hash);
// Removes sessions that expired before `now`; returns how many.
Result<int> delete_expired_sessions(Database& db, std::int64_t now);

Status record_login_attempt(Database& db, const std::string& username,
                            const std::string& remote_addr, std::int64_t at, bool succeeded);
struct RecentFailures {
  std::int64_t for_username = 0;
  std::int64_t from_address = 0;
};
// Failed attempts since `since` for that username, and from that address.
Result<RecentFailures> count_recent_login_failures(Database& db, const std::string& username,
                                                   const std::string& remote_addr,
                                                   std::int64_t since);

}  // namespace loa::store
