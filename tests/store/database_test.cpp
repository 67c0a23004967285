// The SQLite layer: statements, transactions, migrations, backup, database URLs.
#include "store/database.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrations.h"
#include "store/pool.h"
#include "support/test_db.h"

namespace loa::store {
namespace {

using loa::testing::TempDir;
using loa::testing::TestDb;

TEST(DatabaseTest, OpensInWalModeWithForeignKeys) {
  TestDb db;
  auto st = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(st);
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_text(0), "wal");
  auto fk = db->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(*fk->step());
  EXPECT_EQ(fk->column_int(0), 1);
}

TEST(DatabaseTest, BindsAndReadsEveryType) {
  TestDb db;
  ASSERT_TRUE(db->exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n TEXT)"));
  auto insert = db->prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
  ASSERT_TRUE(insert);
  insert->bind_all(std::int64_t{7}, 2.5, std::string("Đặc khu Cát Hải"),
                   std::optional<std::string>{});
  ASSERT_TRUE(insert->run());
  auto select = db->prepare("SELECT i, d, s, n FROM t");
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int(0), 7);
  EXPECT_DOUBLE_EQ(select->column_double(1), 2.5);
  EXPECT_EQ(select->column_text(2), "Đặc khu Cát Hải");
  EXPECT_FALSE(select->column_optional_text(3).has_value());
  EXPECT_FALSE(*select->step());
}

TEST(DatabaseTest, CachedStatementIsResetForReuse) {
  TestDb db;
  for (int i = 0; i < 3; ++i) {
    auto st = db->prepare("SELECT ? + 1");
    st->bind(1, i);
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->column_int(0), i + 1);
  }
  // The same SQL checked out twice at once gets two independent statements.
  auto a = db->prepare("SELECT ?");
  auto b = db->prepare("SELECT ?");
  a->bind(1, 1);
  b->bind(1, 2);
  ASSERT_TRUE(*a->step());
  ASSERT_TRUE(*b->step());
  EXPECT_EQ(a->column_int(0), 1);
  EXPECT_EQ(b->column_int(0), 2);
}

TEST(DatabaseTest, ErrorsBecomeStatusesNamingTheStatement) {
  TestDb db;
  auto bad = db->prepare("SELEC nonsense");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
  EXPECT_NE(bad.status().message().find("SELEC nonsense"), std::string::npos);
  ASSERT_TRUE(db->exec("CREATE TABLE u (k TEXT UNIQUE)"));
  ASSERT_TRUE(db->exec("INSERT INTO u VALUES ('a')"));
  EXPECT_EQ(db->exec("INSERT INTO u VALUES ('a')").code(), StatusCode::kAlreadyExists);
}

TEST(TransactionTest, RollsBackUnlessCommitted) {
  TestDb db;
  ASSERT_TRUE(db->exec("CREATE TABLE t (x INTEGER)"));
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.begin());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)"));
  }  // no commit
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.begin());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(tx.commit());
  }
  auto st = db->prepare("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_text(0), "2");
}

TEST(TransactionTest, NestedOnesAreSavepoints) {
  TestDb db;
  ASSERT_TRUE(db->exec("CREATE TABLE t (x INTEGER)"));
  auto all = [&] {
    auto st = db->prepare("SELECT COALESCE(group_concat(x), '') FROM t");
    EXPECT_TRUE(*st->step());
    return st->column_text(0);
  };
  {
    Transaction outer(*db);
    ASSERT_TRUE(outer.begin());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)"));
    {
      Transaction inner(*db);
      ASSERT_TRUE(inner.begin());
      ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)"));
    }  // the inner one's work alone is undone
    {
      Transaction inner(*db);
      ASSERT_TRUE(inner.begin());
      ASSERT_TRUE(db->exec("INSERT INTO t VALUES (3)"));
      ASSERT_TRUE(inner.commit());
    }
    EXPECT_TRUE(db->in_transaction());
    ASSERT_TRUE(outer.commit());
  }
  EXPECT_FALSE(db->in_transaction());
  EXPECT_EQ(all(), "1,3");
  {
    Transaction outer(*db);
    ASSERT_TRUE(outer.begin());
    Transaction inner(*db);
    ASSERT_TRUE(inner.begin());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (4)"));
    ASSERT_TRUE(inner.commit());
  }  // the outer one not committed: the inner one's work goes with it
  EXPECT_EQ(all(), "1,3");
}

TEST(MigrationsTest, AppliesOnceAndRecordsVersion) {
  TempDir dir;
  auto db = Database::open(dir.file("m.db"));
  ASSERT_TRUE(db);
  auto first = migrate(**db);
  ASSERT_TRUE(first) << first.status().to_string();
  EXPECT_EQ(first->from_version, 0);
  EXPECT_GE(first->applied, 1);
  auto second = migrate(**db);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->applied, 0);
  EXPECT_EQ(*schema_version(**db), first->to_version);
}

TEST(MigrationsTest, FailedMigrationLeavesNothingHalfDone) {
  TempDir dir;
  auto db = Database::open(dir.file("m.db"));
  std::vector<Migration> broken = {
      {1, "0001_ok", "CREATE TABLE a (x INTEGER);"},
      {2, "0002_broken", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"}};
  auto r = migrate(**db, broken);
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("0002_broken"), std::string::npos);
  EXPECT_EQ(*schema_version(**db), 1);
  EXPECT_FALSE((*db)->exec("SELECT * FROM b"));  // table b was rolled back with its migration
}

// Schema 4 rebuilds the organisations table that users, tasks and aliases refer to: the rows
// that refer to it must survive, foreign keys must hold, and they must be on again after.
TEST(MigrationsTest, RebuildingAReferencedTableKeepsWhatRefersToIt) {
  TempDir dir;
  auto db = Database::open(dir.file("m.db"));
  ASSERT_TRUE(db);
  const auto& all = sqlite_migrations();
  ASSERT_GE(all.size(), 4u);
  const std::vector<Migration> up_to_3(all.begin(), all.begin() + 3);
  ASSERT_TRUE(migrate(**db, up_to_3));
  ASSERT_TRUE((*db)->exec(
      "INSERT INTO organisations (id, code, name, kind, level, created_at) VALUES "
      "(1, 'ca', 'Công an thành phố', 'other', 'province', 'x'), "
      "(2, 'btg', 'Ban Tuyên giáo Thành ủy', 'party', 'province', 'x');"
      "INSERT INTO organisation_aliases VALUES (1, 'CATP', 'abbreviation');"
      "INSERT INTO users (username, display_name, organisation_id, role, password_hash, "
      "created_at, updated_at) VALUES ('u', 'U', 1, 'member', 'h', 'x', 'x');"));
  auto r = migrate(**db);
  ASSERT_TRUE(r) << r.status().to_string();
  auto st = (*db)->prepare(
      "SELECT (SELECT kind FROM organisations WHERE id = 1), "
      "(SELECT kind FROM organisations WHERE id = 2), "
      "(SELECT COUNT(*) FROM organisation_aliases), (SELECT COUNT(*) FROM users), "
      "(SELECT version FROM organisations WHERE id = 1)");
  ASSERT_TRUE(st && *st->step());
  EXPECT_EQ(st->column_text(0), "police");
  EXPECT_EQ(st->column_text(1), "party_board");
  EXPECT_EQ(st->column_int(2), 1);
  EXPECT_EQ(st->column_int(3), 1);
  EXPECT_EQ(st->column_int(4), 1);
  // Foreign keys are enforced again: a user of a missing organisation is refused.
  EXPECT_FALSE((*db)->exec(
      "INSERT INTO users (username, display_name, organisation_id, role, password_hash, "
      "created_at, updated_at) VALUES ('v', 'V', 99, 'member', 'h', 'x', 'x')"));
}

TEST(MigrationsTest, MigrationThatBreaksAReferenceIsRolledBack) {
  TempDir dir;
  auto db = Database::open(dir.file("m.db"));
  std::vector<Migration> migrations = {
      {1, "0001_tables",
       "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id));"
       "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1);"},
      {2, "0002_drops_parent_row", "DELETE FROM p;"}};
  auto r = migrate(**db, migrations);
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("0002_drops_parent_row"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(*schema_version(**db), 1);
}

TEST(MigrationsTest, RefusesDatabaseNewerThanProgram) {
  TestDb db;
  ASSERT_TRUE(db->exec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')"));
  auto r = migrate(*db);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(BackupTest, CopiesWholeDatabase) {
  TestDb db;
  ASSERT_TRUE(db->exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('Hải Phòng')"));
  std::string copy = db.dir.file("copy.db");
  ASSERT_TRUE(db->backup_to(copy));
  auto restored = Database::open(copy);
  ASSERT_TRUE(restored);
  auto st = (*restored)->prepare("SELECT x FROM t");
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_text(0), "Hải Phòng");
}

TEST(PoolTest, LeasesAreReturnedAndShareOneFile) {
  TempDir dir;
  auto pool = Pool::open(dir.file("p.db"), 2);
  ASSERT_TRUE(pool);
  {
    auto a = (*pool)->acquire();
    auto b = (*pool)->acquire();
    ASSERT_TRUE(a->exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (5)"));
    auto st = b->prepare("SELECT x FROM t");
    ASSERT_TRUE(st);
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->column_int(0), 5);
  }
  auto again = (*pool)->acquire();  // would block forever if leases were not returned
  EXPECT_TRUE(again->exec("SELECT 1"));
}

TEST(DatabaseUrlTest, AcceptsPathsAndSqliteUrls) {
  EXPECT_EQ(*sqlite_path_from_url("var/loa.db"), "var/loa.db");
  EXPECT_EQ(*sqlite_path_from_url("sqlite:///srv/loa.db"), "/srv/loa.db");
  EXPECT_EQ(*sqlite_path_from_url("sqlite:data.db"), "data.db");
  auto pg = sqlite_path_from_url("postgresql://loa@localhost/loa");
  ASSERT_FALSE(pg);
  EXPECT_NE(pg.status().message().find("PostgreSQL"), std::string::npos);
  EXPECT_FALSE(sqlite_path_from_url(""));
  EXPECT_FALSE(sqlite_path_from_url("mysql://x"));
}

}  // namespace
}  // namespace loa::store
