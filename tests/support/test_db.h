// File: tests/support/test_db.h
// A migrated SQLite database in a temporary directory, for unit tests of store/ and work/.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/database.h"
#include "store/migrations.h"
#include "support/temp_dir.h"

namespace loa::testing {

struct TestDb {
  TempDir dir;
  std::unique_ptr<store::Database> db;

  TestDb() {
    auto opened = store::Database::open(dir.file("test.db"));
    if (!opened) throw std::runtime_error(opened.status().to_string());
    db = std::move(*opened);
    auto report = store::migrate(*db);
    if (!report) throw std::runtime_error(report.status().to_string());
  }
  store::Database& operator*() { return *db; }
  store::Database* operator->() { return db.get(); }
  std::string path() const { return dir.file("test.db"); }
};

}  // namespace loa::testing
