// Applies numbered migrations and records them in schema_migrations.
#include "store/migrations.h"

#include "base/clock.h"

namespace loa::store {

namespace {
Status ensure_migrations_table(Database& db) {
  return db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  version INTEGER PRIMARY KEY,"
      "  name TEXT NOT NULL,"
      "  applied_at TEXT NOT NULL)");
}
}  // namespace

Result<int> schema_version(Database& db) {
  LOA_RETURN_IF_ERROR(ensure_migrations_table(db));
  auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return static_cast<int>(st->column_int(0));
}

Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations) {
  auto version = schema_version(db);
  if (!version) return version.status();
  MigrationReport report{*version, *version, 0};
  int newest_known = migrations.empty() ? 0 : migrations.back().number;
  if (*version > newest_known) {
    return failed_precondition("database schema version " + std::to_string(*version) +
                               " is newer than this program knows (" +
                               std::to_string(newest_known) + "); upgrade loa");
  }
  for (const Migration& m : migrations) {
    if (m.number <= report.to_version) continue;
    // SQLite's way to rebuild a table that others reference: foreign keys off (outside any
    // transaction), rebuild, then check every reference before committing.
    LOA_RETURN_IF_ERROR(db.exec("PRAGMA foreign_keys = OFF"));
    struct Restore {
      Database& db;
      ~Restore() { (void)db.exec("PRAGMA foreign_keys = ON"); }
    } restore{db};
    Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    Status s = db.exec(m.sql);
    if (!s) return Status(s.code(), std::string("migration ") + m.name + " failed: " + s.message());
    {
      auto check = db.prepare("PRAGMA foreign_key_check");
      if (!check) return check.status();
      auto broken = check->step();
      if (!broken) return broken.status();
      if (*broken) {
        return internal_error(std::string("migration ") + m.name + " left table " +
                              check->column_text(0) + " row " + check->column_text(1) +
                              " referring to a missing " + check->column_text(2) + " row");
      }
    }
    auto record =
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    if (!record) return record.status();
    record->bind_all(m.number, m.name, format_utc(system_clock().now_unix()));
    LOA_RETURN_IF_ERROR(record->run());
    LOA_RETURN_IF_ERROR(tx.commit());
    report.to_version = m.number;
    ++report.applied;
  }
  return report;
}

}  // namespace loa::store
