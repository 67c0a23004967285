// File: app/database.h
//
// The database the commands use: --db, else $LOA_DATABASE_URL, else var/loa.db.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/database.h"

namespace loa::app {

std::string default_database();

// Opens the database named by `url`, creating its folder, and brings its schema up to date
// (printing what it applied unless `quiet`).
Result<std::unique_ptr<store::Database>> open_database(const std::string& url, bool quiet);

}  // namespace loa::app
