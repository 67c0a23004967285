// File: work/auth.h
//
// Signing in and out, and recognising a signed-in user from a session token.
//
//   AuthService auth(system_clock(), {});
//   Result<LoginResult> r = auth.login(db, "coordinator", password, actor);
//   // r->token goes into an HttpOnly cookie; r->user.csrf_token to the page.
//   Result<SignedInUser> me = auth.authenticate(db, token_from_cookie);
//
// Rate limiting: after `max_failures_per_user` failed attempts for one username, or
// `max_failures_per_address` from one address, within `failure_window` seconds, further
// attempts are refused without checking the password. Attempts are counted in the
// database so every server node sees them.
//
// Recognised sessions are cached in memory for `session_cache_seconds`, so reads that come
// with a session cost no database round trips; the database stays the system of record.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "work/audit.h"
#include "work/roles.h"

namespace loa::work {

struct AuthConfig {
  std::int64_t session_ttl_seconds = std::int64_t{12} * 3600;
  std::int64_t max_failures_per_user = 5;
  std::int64_t max_failures_per_address = 20;
  std::int64_t failure_window_seconds = std::int64_t{15} * 60;
  // How long a recognised session is remembered in this process before the database is asked
  // again. Sign-out on this node takes effect at once; on other nodes within this time.
  std::int64_t session_cache_seconds = 5;
};

struct SignedInUser {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kMember;
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  std::string csrf_token;
  std::int64_t session_expires_at = 0;

  Actor actor() const { return Actor{id, username, organisation_id, {}, {}, {}}; }
};

struct LoginResult {
  std::string token;  // secret: for the cookie only
  SignedInUser user;
};

class AuthService {
 public:
  AuthService(const Clock& clock, AuthConfig config) : clock_(clock), config_(config) {}

  Result<LoginResult> login(store::Database& db, const std::string& username,
                            const std::string& password, const Actor& context);
  Result<SignedInUser> authenticate(store::Database& db, const std::string& token);
  // Ends the session of `token`; signing out of an already ended session is not an error.
  Status logout(store::Database& db, const std::string& token, const Actor& actor);

  const AuthConfig& config() const { return config_; }

 private:
  Status record_failure(store::Database& db, const std::string& username, const Actor& context,
                        const std::string& reason);

  struct CachedSession {
    SignedInUser user;
    std::int64_t cached_at;
  };
  std::optional<SignedInUser> cached(const std::string& hash, std::int64_t now);
  void remember(const std::string& hash, const SignedInUser& user, std::int64_t now);

  const Clock& clock_;
  AuthConfig config_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // by token hash
};

}  // namespace loa::work
