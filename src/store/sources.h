// File: store/sources.h
//
// Where articles come from: an outlet's feeds, news sitemaps and section pages, with what
// polling learnt of each (validators for conditional GET, the adapted interval, failures and
// why), and robots.txt per host.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct SourceRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> organisation_id;
  std::string name;
  std::string url;
  std::string kind = "feed";  // feed | sitemap | page | file
  std::string language = "vi";
  int poll_seconds = 900;               // as configured
  std::optional<int> interval_seconds;  // as adapted by polling
  std::string etag;
  std::string last_modified;
  std::optional<std::string> last_polled_at;
  std::optional<std::string> last_ok_at;
  std::optional<std::string> last_new_at;
  std::optional<std::string> next_poll_at;
  std::optional<int> last_status;
  int failures = 0;
  std::optional<std::string> last_error;
  int polls = 0;
  int articles_added = 0;
  bool active = true;
  std::string created_at;

  int current_interval() const { return interval_seconds.value_or(poll_seconds); }
};

// already_exists when the address is a source already.
Result<std::int64_t> insert_source(Database& db, const SourceRow& source);
Result<SourceRow> find_source(Database& db, std::int64_t id);
Result<std::vector<SourceRow>> list_sources(Database& db);
// Active sources whose next poll is due at `now` (or never polled), earliest first.
// When the next source falls due: its next_poll_at, "" when one is due at once (never polled),
// nullopt without active sources.
Result<std::optional<std::string>> next_poll_due(Database& db);
Result<std::vector<std::int64_t>> due_sources(Database& db, const std::string& now);

// What one poll found, written in one statement.
struct PollRecord {
  std::string polled_at;
  bool answered = false;  // a usable answer (200 or 304)
  std::optional<int> status;
  std::string etag;  // kept as they were when not answered
  std::string last_modified;
  int added = 0;
  int interval_seconds = 0;
  std::string next_poll_at;
  std::optional<std::string> error;  // set: failures + 1; unset: failures back to 0
};
Status record_poll(Database& db, std::int64_t source_id, const PollRecord& poll);

// Times of a source's newest articles (fetched_at), newest first.
Result<std::vector<std::string>> recent_article_times(Database& db, std::int64_t source_id,
                                                      int limit);

struct HostRobots {
  std::string host;
  int status = 0;
  std::string robots_txt;
  std::string fetched_at;
};
Result<std::optional<HostRobots>> find_host_robots(Database& db, const std::string& host);
Status save_host_robots(Database& db, const HostRobots& robots);

}  // namespace loa::store
