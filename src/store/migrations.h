// File: store/migrations.h
//
// Numbered schema migrations, one SQL file each under store/migrations/<dialect>/
// (0001_initial.sql, 0002_...), compiled into the binary by cmake/embed_sql.cmake.
// `migrate` applies, in order and each in its own transaction, every migration whose
// number is above the database's recorded version (table schema_migrations).
// A database newer than this binary is refused rather than touched.
#pragma once

#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct Migration {
  int number;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& sqlite_migrations();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  int applied = 0;
};

Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations);
inline Result<MigrationReport> migrate(Database& db) { return migrate(db, sqlite_migrations()); }

// The highest migration number recorded in the database (0 for a new database).
Result<int> schema_version(Database& db);

}  // namespace loa::store
