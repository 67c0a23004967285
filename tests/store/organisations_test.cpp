// The organisation registry rows: insert, aliases, successors, listing as of a date.
#include "store/organisations.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace loa::store {
namespace {

Organisation org(std::string code, std::string name, std::string from,
                 std::optional<std::string> to = std::nullopt) {
  Organisation o;
  o.code = std::move(code);
  o.name = std::move(name);
  o.kind = "department";
  o.level = "province";
  o.valid_from = std::move(from);
  o.valid_to = std::move(to);
  return o;
}

TEST(OrganisationsTest, ListsAsOfDateWithAliases) {
  loa::testing::TestDb db;
  auto old_id = insert_organisation(
      *db, org("stttt", "Sở Thông tin và Truyền thông", "2008-04-01", "2025-02-28"), "now");
  auto new_id = insert_organisation(
      *db, org("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "2025-03-01"), "now");
  ASSERT_TRUE(old_id && new_id);
  ASSERT_TRUE(add_organisation_alias(*db, *old_id, "Sở TT&TT", "abbreviation"));
  ASSERT_TRUE(add_organisation_successor(*db, {*old_id, *new_id, "báo chí", "2025-03-01"}));

  auto all = list_organisations(*db, std::nullopt);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  auto in_2024 = list_organisations(*db, "2024-12-31");
  ASSERT_EQ(in_2024->size(), 1u);
  EXPECT_EQ((*in_2024)[0].code, "stttt");
  EXPECT_EQ((*in_2024)[0].aliases, std::vector<std::string>{"Sở TT&TT"});
  auto on_last_day = list_organisations(*db, "2025-02-28");
  ASSERT_EQ(on_last_day->size(), 1u);
  auto in_2025 = list_organisations(*db, "2025-07-01");
  ASSERT_EQ(in_2025->size(), 1u);
  EXPECT_EQ((*in_2025)[0].code, "svhttdl");

  auto links = list_organisation_successors(*db);
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].scope, "báo chí");
}

TEST(OrganisationsTest, RejectsBadRowsWithoutStoringThem) {
  loa::testing::TestDb db;
  ASSERT_TRUE(insert_organisation(*db, org("a", "A", "2020-01-01"), "now"));
  auto dup = insert_organisation(*db, org("a", "A again", "2020-01-01"), "now");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  Organisation bad_kind = org("b", "B", "2020-01-01");
  bad_kind.kind = "ministry of silly walks";
  EXPECT_EQ(insert_organisation(*db, bad_kind, "now").status().code(),
            StatusCode::kInvalidArgument);
  auto ends_before_start = org("c", "C", "2025-01-01", "2024-01-01");
  EXPECT_FALSE(insert_organisation(*db, ends_before_start, "now"));
  EXPECT_EQ(*count_organisations(*db), 1);
  EXPECT_EQ(find_organisation_by_code(*db, "zzz").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace loa::store
