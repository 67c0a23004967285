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

// Brings the ranked search index (store/ranked_index.h) up to date after a command stored
// articles. Not a failure when it cannot (another process is writing it, a full disk): the
// articles are stored and searches use FTS5 until the index catches up; a warning says so.
void update_ranked_index(store::Database& db);

}  // namespace loa::app
