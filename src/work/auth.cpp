// Sign-in with argon2id, database-backed sessions and rate limiting.
#include "work/auth.h"

#include <nlohmann/json.hpp>

#include "store/organisations.h"
#include "store/sessions.h"
#include "store/users.h"
#include "work/passwords.h"

namespace loa::work {

namespace {
constexpr std::size_t kMaxUsernameBytes = 64;
constexpr std::size_t kMaxPasswordBytes = 1024;

// A hash to verify against when the username does not exist, so the answer takes as long
// as for a real account and does not tell which usernames exist.
const std::string& dummy_hash() {
  static const std::string hash = *hash_password("loa: no such user");
  return hash;
}

Result<SignedInUser> signed_in_user(store::Database& db, const store::UserRow& user,
                                    const std::string& csrf, std::int64_t expires_at) {
  auto org = store::find_organisation(db, user.organisation_id);
  if (!org) return org.status();
  auto role = parse_role(user.role);
  if (!role) return internal_error("user '" + user.username + "' has unknown role " + user.role);
  return SignedInUser{user.id,   user.username, user.display_name, *role, org->id,
                      org->name, csrf,          expires_at};
}
}  // namespace

Status AuthService::record_failure(store::Database& db, const std::string& username,
                                   const Actor& context, const std::string& reason) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  // A refused (rate-limited) attempt is audited but not counted: counting it would let anyone
  // keep an account locked for ever by retrying, and lock its owner out past the window.
  if (reason != "rate_limited") {
    LOA_RETURN_IF_ERROR(store::record_login_attempt(db, username, context.remote_addr.value_or(""),
                                                    clock_.now_unix(), false));
  }
  Actor actor = context;
  actor.username = username;
  LOA_RETURN_IF_ERROR(
      record_change(db, clock_, actor,
                    {"auth.login_failed", "session", std::nullopt, std::nullopt,
                     nlohmann::json{{"username", username}, {"reason", reason}}.dump()}));
  return tx.commit();
}

Result<LoginResult> AuthService::login(store::Database& db, const std::string& username,
                                       const std::string& password, const Actor& context) {
  if (username.empty() || password.empty()) {
    return invalid_argument("username and password are both required");
  }
  if (username.size() > kMaxUsernameBytes || password.size() > kMaxPasswordBytes) {
    return invalid_argument("username or password is too long");
  }
  const std::int64_t now = clock_.now_unix();
  const std::string address = context.remote_addr.value_or("");
  auto failures = store::count_recent_login_failures(db, username, address,
                                                     now - config_.failure_window_seconds);
  if (!failures) return failures.status();
  if (failures->for_username >= config_.max_failures_per_user ||
      failures->from_address >= config_.max_failures_per_address) {
    LOA_RETURN_IF_ERROR(record_failure(db, username, context, "rate_limited"));
    return resource_exhausted("too many failed sign-in attempts; try again in " +
                              std::to_string(config_.failure_window_seconds / 60) + " minutes");
  }

  auto user = store::find_user_by_username(db, username);
  if (!user && user.status().code() != StatusCode::kNotFound) return user.status();
  const bool password_ok = verify_password(user ? user->password_hash : dummy_hash(), password);
  if (!user || !password_ok || !user->active) {
    LOA_RETURN_IF_ERROR(record_failure(db, username, context,
                                       !user          ? "unknown_user"
                                       : !password_ok ? "wrong_password"
                                                      : "inactive"));
    return unauthenticated("wrong username or password");
  }

  LoginResult result;
  result.token = random_token();
  const std::string csrf = random_token();
  const std::int64_t expires_at = now + config_.session_ttl_seconds;
  auto signed_in = signed_in_user(db, *user, csrf, expires_at);
  if (!signed_in) return signed_in.status();
  result.user = std::move(*signed_in);

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  (void)store::delete_expired_sessions(db, now);
  store::SessionRow session{token_hash(result.token), user->id,          csrf, now, expires_at,
                            context.remote_addr,      context.user_agent};
  LOA_RETURN_IF_ERROR(store::insert_session(db, session));
  LOA_RETURN_IF_ERROR(store::record_login_attempt(db, username, address, now, true));
  Actor actor = result.user.actor();
  actor.remote_addr = context.remote_addr;
  actor.request_id = context.request_id;
  LOA_RETURN_IF_ERROR(record_change(
      db, clock_, actor,
      {"auth.login", "session", session.token_hash.substr(0, 12), std::nullopt,
       nlohmann::json{{"user_id", user->id}, {"expires_at", format_utc(expires_at)}}.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return result;
}

std::optional<SignedInUser> AuthService::cached(const std::string& hash, std::int64_t now) {
  std::lock_guard lock(cache_mutex_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) return std::nullopt;
  if (now - it->second.cached_at >= config_.session_cache_seconds ||
      now >= it->second.user.session_expires_at) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second.user;
}

void AuthService::remember(const std::string& hash, const SignedInUser& user, std::int64_t now) {
  if (config_.session_cache_seconds <= 0) return;
  std::lock_guard lock(cache_mutex_);
  constexpr std::size_t kMaxCached = 50'000;  // bounded whatever clients send
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[hash] = CachedSession{user, now};
}

Result<SignedInUser> AuthService::authenticate(store::Database& db, const std::string& token) {
  if (token.empty()) return unauthenticated("not signed in");
  const std::int64_t now = clock_.now_unix();
  const std::string hash = token_hash(token);
  if (auto hit = cached(hash, now)) return *hit;
  auto session = store::find_live_session(db, hash, now);
  if (!session) return session.status();
  auto user = store::find_user(db, session->user_id);
  if (!user) return user.status();
  if (!user->active) return unauthenticated("account is disabled");
  auto signed_in = signed_in_user(db, *user, session->csrf_token, session->expires_at);
  if (signed_in) remember(hash, *signed_in, now);
  return signed_in;
}

Status AuthService::logout(store::Database& db, const std::string& token, const Actor& actor) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  const std::string hash = token_hash(token);
  {
    std::lock_guard lock(cache_mutex_);
    cache_.erase(hash);
  }
  auto deleted = store::delete_session(db, hash);
  if (!deleted) return deleted.status();
  if (*deleted) {
    LOA_RETURN_IF_ERROR(record_change(
        db, clock_, actor,
        {"auth.logout", "session", hash.substr(0, 12),
         nlohmann::json{{"user_id", actor.user_id.value_or(0)}}.dump(), std::nullopt}));
  }
  return tx.commit();
}

}  // namespace loa::work
