// Sign-in: passwords, sessions, expiry, rate limiting, audit records.
#include "work/auth.h"

#include <gtest/gtest.h>

#include "store/audit.h"
#include "store/organisations.h"
#include "support/test_db.h"
#include "work/passwords.h"
#include "work/users.h"

namespace loa::work {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Organisation org;
    org.code = "svhttdl-hp";
    org.name = "Sở Văn hóa, Thể thao và Du lịch";
    org.kind = "department";
    org.level = "province";
    org.valid_from = "2025-03-01";
    ASSERT_TRUE(store::insert_organisation(*db_, org, "now"));
    auto id = create_user(*db_, clock_,
                          {"huong", "Nguyễn Thị Hương", "svhttdl-hp", "coordinator", kPassword},
                          Actor::command_line());
    ASSERT_TRUE(id) << id.status().to_string();
  }

  std::vector<std::string> audit_actions() {
    std::vector<std::string> actions;
    for (const auto& row : *store::list_audit(*db_, 100)) actions.push_back(row.action);
    return actions;
  }

  static constexpr const char* kPassword = "mật-khẩu-đủ-dài";
  loa::testing::TestDb db_;
  ManualClock clock_{1'763'900'000};
  AuthService auth_{clock_, AuthConfig{}};
  Actor from_{std::nullopt, std::nullopt, std::nullopt, "10.0.0.7", "req-1", "test"};
};

TEST_F(AuthTest, PasswordHashIsArgon2idAndVerifies) {
  auto hash = hash_password("bí mật");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*hash, "bí mật"));
  EXPECT_FALSE(verify_password(*hash, "bi mat"));
  EXPECT_NE(*hash, *hash_password("bí mật"));  // salted
}

TEST_F(AuthTest, LoginCreatesSessionThatAuthenticates) {
  auto login = auth_.login(*db_, "huong", kPassword, from_);
  ASSERT_TRUE(login) << login.status().to_string();
  EXPECT_EQ(login->user.role, Role::kCoordinator);
  EXPECT_EQ(login->user.organisation_name, "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_GE(login->token.size(), 40u);
  EXPECT_FALSE(login->user.csrf_token.empty());

  auto me = auth_.authenticate(*db_, login->token);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->username, "huong");
  EXPECT_EQ(me->csrf_token, login->user.csrf_token);
  EXPECT_FALSE(auth_.authenticate(*db_, login->token + "x"));
  EXPECT_FALSE(auth_.authenticate(*db_, ""));
}

TEST_F(AuthTest, DatabaseKeepsOnlyTokenHash) {
  auto login = auth_.login(*db_, "huong", kPassword, from_);
  ASSERT_TRUE(login);
  auto st = db_->prepare("SELECT token_hash FROM sessions");
  ASSERT_TRUE(*st->step());
  EXPECT_NE(st->column_text(0), login->token);
  EXPECT_EQ(st->column_text(0), token_hash(login->token));
}

TEST_F(AuthTest, SessionExpires) {
  auto login = auth_.login(*db_, "huong", kPassword, from_);
  ASSERT_TRUE(login);
  clock_.advance(auth_.config().session_ttl_seconds - 1);
  EXPECT_TRUE(auth_.authenticate(*db_, login->token));
  clock_.advance(1);
  auto expired = auth_.authenticate(*db_, login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGiveSameAnswer) {
  auto wrong = auth_.login(*db_, "huong", "sai mật khẩu", from_);
  auto unknown = auth_.login(*db_, "nobody", "sai mật khẩu", from_);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  EXPECT_EQ(audit_actions(),
            (std::vector<std::string>{"auth.login_failed", "auth.login_failed", "user.create"}));
}

TEST_F(AuthTest, RateLimitsRepeatedFailuresThenForgetsThem) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_.login(*db_, "huong", "wrong", from_).status().code(),
              StatusCode::kUnauthenticated);
  }
  // Even the right password is refused while the limit holds.
  auto limited = auth_.login(*db_, "huong", kPassword, from_);
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  // Refused attempts near the end of the window do not extend the lock.
  clock_.advance(auth_.config().failure_window_seconds - 1);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_.login(*db_, "huong", kPassword, from_).status().code(),
              StatusCode::kResourceExhausted);
  }
  clock_.advance(2);
  EXPECT_TRUE(auth_.login(*db_, "huong", kPassword, from_));
}

TEST_F(AuthTest, LogoutEndsSessionAndIsAudited) {
  auto login = auth_.login(*db_, "huong", kPassword, from_);
  ASSERT_TRUE(login);
  Actor actor = login->user.actor();
  ASSERT_TRUE(auth_.logout(*db_, login->token, actor));
  EXPECT_FALSE(auth_.authenticate(*db_, login->token));
  EXPECT_TRUE(auth_.logout(*db_, login->token, actor));  // again: not an error
  auto actions = audit_actions();
  EXPECT_EQ(actions.front(), "auth.logout");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.logout"), 1);
}

TEST_F(AuthTest, RejectsEmptyAndOversizedInput) {
  EXPECT_EQ(auth_.login(*db_, "", "x", from_).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(auth_.login(*db_, "huong", std::string(5000, 'a'), from_).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace loa::work

namespace loa::work {
namespace {

// Two server nodes share one database; each caches recognised sessions for a few seconds.
TEST_F(AuthTest, SessionCacheIsShortLivedAcrossNodes) {
  AuthService other_node(clock_, AuthConfig{});
  auto login = auth_.login(*db_, "huong", kPassword, from_);
  ASSERT_TRUE(login);
  ASSERT_TRUE(other_node.authenticate(*db_, login->token));  // now cached on the other node
  ASSERT_TRUE(auth_.logout(*db_, login->token, login->user.actor()));
  EXPECT_FALSE(auth_.authenticate(*db_, login->token));      // this node forgets at once
  EXPECT_TRUE(other_node.authenticate(*db_, login->token));  // the other within the cache time
  clock_.advance(other_node.config().session_cache_seconds);
  EXPECT_FALSE(other_node.authenticate(*db_, login->token));
}

}  // namespace
}  // namespace loa::work
