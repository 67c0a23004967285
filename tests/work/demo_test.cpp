// The demo database: the Hải Phòng tree after the 2025 reform, one user per role, idempotent.
#include "work/demo.h"

#include <gtest/gtest.h>

#include "store/organisations.h"
#include "store/users.h"
#include "support/test_db.h"
#include "work/auth.h"

namespace loa::work {
namespace {

TEST(DemoTest, SeedsTreeAndOneUserPerRoleOnce) {
  loa::testing::TestDb db;
  ManualClock clock(1'763'900'000);
  auto first = seed_demo_data(*db, clock);
  ASSERT_TRUE(first) << first.status().to_string();
  EXPECT_TRUE(first->seeded);
  auto count = *store::count_organisations(*db);
  EXPECT_GE(count, 20);

  std::set<std::string> roles;
  for (const auto& u : *store::list_users(*db)) roles.insert(u.role);
  EXPECT_EQ(roles, (std::set<std::string>{"admin", "coordinator", "leader", "member"}));

  auto second = seed_demo_data(*db, clock);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->seeded);
  EXPECT_EQ(*store::count_organisations(*db), count);
}

TEST(DemoTest, TreeReflectsThe2025Reform) {
  loa::testing::TestDb db;
  ManualClock clock(1'763'900'000);
  ASSERT_TRUE(seed_demo_data(*db, clock));
  auto names_on = [&](const char* date) {
    std::set<std::string> names;
    for (const auto& o : *store::list_organisations(*db, std::string(date))) names.insert(o.name);
    return names;
  };
  auto now = names_on("2025-11-01");
  EXPECT_TRUE(now.count("Sở Văn hóa, Thể thao và Du lịch"));
  EXPECT_TRUE(now.count("Sở Khoa học và Công nghệ"));
  EXPECT_TRUE(now.count("Đặc khu Cát Hải"));
  EXPECT_TRUE(now.count("Xã Thanh Miện"));
  EXPECT_FALSE(now.count("Sở Thông tin và Truyền thông"));
  EXPECT_FALSE(now.count("Huyện Thanh Miện"));
  auto before = names_on("2024-06-01");
  EXPECT_TRUE(before.count("Sở Thông tin và Truyền thông"));
  EXPECT_FALSE(before.count("Đặc khu Cát Hải"));

  // STTTT's work went to two successors with different scopes.
  auto stttt = store::find_organisation_by_code(*db, "stttt-hp");
  int successors = 0;
  for (const auto& l : *store::list_organisation_successors(*db)) {
    if (l.predecessor_id == stttt->id) ++successors;
  }
  EXPECT_EQ(successors, 2);
}

TEST(DemoTest, DemoAccountsCanSignIn) {
  loa::testing::TestDb db;
  ManualClock clock(1'763'900'000);
  auto seed = seed_demo_data(*db, clock);
  ASSERT_TRUE(seed);
  AuthService auth(clock, {});
  auto login = auth.login(*db, "coordinator", seed->password, Actor{});
  ASSERT_TRUE(login) << login.status().to_string();
  EXPECT_EQ(login->user.organisation_name, "Sở Văn hóa, Thể thao và Du lịch");
}

}  // namespace
}  // namespace loa::work
