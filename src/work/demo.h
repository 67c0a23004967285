// File: work/demo.h
//
// The demo database of `loa serve --demo`: the Hải Phòng organisation tree (data/demo/
// haiphong.json, compiled in) and one user per role. Seeds only an empty database, so
// running it twice, or on a real database, changes nothing.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"

namespace loa::work {

struct DemoAccount {
  std::string username;
  std::string role;
  std::string organisation;
};

struct DemoSeed {
  bool seeded = false;  // false when the database already had organisations
  std::vector<DemoAccount> accounts;
  std::string password;  // the one password of every demo account
};

Result<DemoSeed> seed_demo_data(store::Database& db, const Clock& clock);

// The compiled-in demo data file (JSON text).
const char* demo_data_json();

}  // namespace loa::work
