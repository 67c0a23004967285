// File: app/database.cpp
#include "app/database.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "store/migrations.h"
#include "store/ranked_index.h"

namespace loa::app {

std::string default_database() {
  const char* env = std::getenv("LOA_DATABASE_URL");
  return env && *env ? env : "var/loa.db";
}

Result<std::unique_ptr<store::Database>> open_database(const std::string& url, bool quiet) {
  auto path = store::sqlite_path_from_url(url);
  if (!path) return path.status();
  std::error_code ec;
  auto parent = std::filesystem::path(*path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto db = store::Database::open(*path);
  if (!db) return db.status();
  auto report = store::migrate(**db);
  if (!report) return report.status();
  if (!quiet && report->applied > 0) {
    std::cout << "Database " << *path << ": schema " << report->from_version << " -> "
              << report->to_version << " (" << report->applied << " migration(s) applied)\n";
  }
  return db;
}

void update_ranked_index(store::Database& db) {
  auto left = store::sync_ranked_index(db);
  if (!left)
    std::cerr << "loa: warning: search index not updated (searches read every match meanwhile): "
              << left.status().message() << "\n";
}

}  // namespace loa::app
