// Creating users: validation messages, organisation lookup, audit in the same transaction.
#include "work/users.h"

#include <gtest/gtest.h>

#include "store/audit.h"
#include "store/users.h"
#include "support/test_db.h"
#include "work/demo.h"

namespace loa::work {
namespace {

TEST(ValidateNewUserTest, NamesTheFieldAtFault) {
  NewUser ok{"minh.tran", "", "dk-cat-hai", "member", "12345678"};
  EXPECT_TRUE(validate_new_user(ok));
  auto with = [&](auto change) {
    NewUser u = ok;
    change(u);
    return validate_new_user(u).message();
  };
  EXPECT_NE(with([](NewUser& u) { u.username = "Minh Trần"; }).find("username"), std::string::npos);
  EXPECT_NE(with([](NewUser& u) { u.username = "ab"; }).find("username"), std::string::npos);
  EXPECT_NE(with([](NewUser& u) { u.role = "boss"; }).find("role"), std::string::npos);
  EXPECT_NE(with([](NewUser& u) { u.password = "short"; }).find("password"), std::string::npos);
}

TEST(CreateUserTest, UnknownOrganisationAndDuplicateNames) {
  loa::testing::TestDb db;
  ManualClock clock(1'763'900'000);
  ASSERT_TRUE(seed_demo_data(*db, clock));
  auto unknown = create_user(*db, clock, {"newbie", "", "no-such-org", "member", "12345678"},
                             Actor::command_line());
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.status().message().find("no-such-org"), std::string::npos);
  auto dup = create_user(*db, clock, {"admin", "", "skhcn-hp", "admin", "12345678"},
                         Actor::command_line());
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);

  auto before = store::list_audit(*db, 1000)->size();
  auto id = create_user(*db, clock, {"newbie", "Người mới", "xa-thanh-mien", "member", "12345678"},
                        Actor::command_line());
  ASSERT_TRUE(id);
  auto audit = store::list_audit(*db, 1000);
  ASSERT_EQ(audit->size(), before + 1);
  EXPECT_EQ(audit->front().action, "user.create");
  EXPECT_NE(audit->front().after_json->find("xa-thanh-mien"), std::string::npos);
  EXPECT_EQ(audit->front().after_json->find("12345678"), std::string::npos);  // no password
  EXPECT_EQ(store::find_user(*db, *id)->display_name, "Người mới");
}

}  // namespace
}  // namespace loa::work

namespace loa::work {
namespace {

TEST(CreateUserTest, StoresDisplayNameInNfcAndRejectsBadUtf8) {
  loa::testing::TestDb db;
  ManualClock clock(1'763'900'000);
  ASSERT_TRUE(seed_demo_data(*db, clock));
  auto id = create_user(*db, clock,
                        {"hoa.le",
                         "Le\xCC\x82 Thi\xCC\xA3 Ho\xCC\x80"
                         "a",
                         "p-le-chan", "member", "12345678"},
                        Actor::command_line());
  ASSERT_TRUE(id) << id.status().to_string();
  EXPECT_EQ(store::find_user(*db, *id)->display_name, "Lê Thị Hòa");
  auto bad = create_user(*db, clock, {"bad.name", "Tr\xE1n", "p-le-chan", "member", "12345678"},
                         Actor::command_line());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace loa::work
