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
  EXPECT_EQ((*in_2024)[0].aliases, (std::vector<Alias>{{"Sở TT&TT", "abbreviation"}}));
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
TEST(OrganisationsTest, UpdatesOnlyFromTheCurrentVersion) {
  loa::testing::TestDb db;
  auto id = insert_organisation(*db, org("a", "Sở A", "2020-01-01"), "now");
  ASSERT_TRUE(id);
  auto stored = find_organisation(*db, *id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  Organisation edit = *stored;
  edit.name = "Sở A mới";
  ASSERT_TRUE(update_organisation(*db, edit, "later"));
  EXPECT_EQ(find_organisation(*db, *id)->version, 2);
  edit.name = "Sở A (stale)";  // still version 1
  Status stale = update_organisation(*db, edit, "later");
  EXPECT_EQ(stale.code(), StatusCode::kConflict);
  EXPECT_NE(stale.message().find("version 2"), std::string::npos) << stale.message();
  EXPECT_EQ(find_organisation(*db, *id)->name, "Sở A mới");
}

TEST(OrganisationsTest, CountsWhatRefersToAnOrganisationBeforeDeleting) {
  loa::testing::TestDb db;
  auto parent = insert_organisation(*db, org("p", "UBND", "2020-01-01"), "now");
  Organisation child_row = org("c", "Sở C", "2020-01-01");
  child_row.parent_id = *parent;
  auto child = insert_organisation(*db, child_row, "now");
  ASSERT_TRUE(parent && child);
  ASSERT_TRUE(replace_organisation_aliases(*db, *child, {{"SC", "abbreviation"}, {"C", "other"}}));
  EXPECT_EQ(find_organisation(*db, *child)->aliases.size(), 2u);
  auto usage = organisation_usage(*db, *parent);
  ASSERT_TRUE(usage);
  EXPECT_EQ(usage->children, 1);
  EXPECT_TRUE(usage->any());
  auto child_usage = organisation_usage(*db, *child);
  EXPECT_FALSE(child_usage->any());
  ASSERT_TRUE(delete_organisation(*db, *child));
  EXPECT_EQ(find_organisation(*db, *child).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(delete_organisation(*db, *child).code(), StatusCode::kNotFound);
  EXPECT_FALSE(organisation_usage(*db, *parent)->any());
}

}  // namespace loa::store
