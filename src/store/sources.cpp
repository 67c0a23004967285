// SQL for sources and hosts.
#include "store/sources.h"

namespace loa::store {

namespace {

constexpr const char* kColumns =
    "id, organisation_id, name, url, kind, language, poll_seconds, interval_seconds, "
    "COALESCE(etag, ''), COALESCE(last_modified, ''), last_polled_at, last_ok_at, last_new_at, "
    "next_poll_at, last_status, failures, last_error, polls, articles_added, active, created_at";

SourceRow read_source(const Statement& st) {
  SourceRow s;
  s.id = st.column_int(0);
  s.organisation_id = st.column_optional_int(1);
  s.name = st.column_text(2);
  s.url = st.column_text(3);
  s.kind = st.column_text(4);
  s.language = st.column_text(5);
  s.poll_seconds = static_cast<int>(st.column_int(6));
  if (auto v = st.column_optional_int(7)) s.interval_seconds = static_cast<int>(*v);
  s.etag = st.column_text(8);
  s.last_modified = st.column_text(9);
  s.last_polled_at = st.column_optional_text(10);
  s.last_ok_at = st.column_optional_text(11);
  s.last_new_at = st.column_optional_text(12);
  s.next_poll_at = st.column_optional_text(13);
  if (auto v = st.column_optional_int(14)) s.last_status = static_cast<int>(*v);
  s.failures = static_cast<int>(st.column_int(15));
  s.last_error = st.column_optional_text(16);
  s.polls = static_cast<int>(st.column_int(17));
  s.articles_added = static_cast<int>(st.column_int(18));
  s.active = st.column_int(19) != 0;
  s.created_at = st.column_text(20);
  return s;
}

}  // namespace

Result<std::int64_t> insert_source(Database& db, const SourceRow& s) {
  auto st = db.prepare(
      "INSERT INTO sources (organisation_id, name, url, kind, language, poll_seconds, active, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(s.organisation_id, s.name, s.url, s.kind, s.language, s.poll_seconds, s.active,
               s.created_at);
  if (auto r = st->run(); !r) {
    if (r.code() == StatusCode::kAlreadyExists)
      return already_exists("the address " + s.url + " is a source already");
    return r;
  }
  return db.last_insert_id();
}

Result<SourceRow> find_source(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM sources WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no source " + std::to_string(id));
  return read_source(*st);
}

Result<std::vector<SourceRow>> list_sources(Database& db) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM sources ORDER BY name, id");
  if (!st) return st.status();
  return collect_rows(*st, read_source);
}

Result<std::vector<std::int64_t>> due_sources(Database& db, const std::string& now) {
  auto st = db.prepare(
      "SELECT id FROM sources WHERE active = 1 AND kind <> 'file' AND "
      "(next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at IS NOT NULL, "
      "next_poll_at, id");
  if (!st) return st.status();
  st->bind(1, now);
  return collect_rows(*st, [](const Statement& s) { return s.column_int(0); });
}

Result<std::optional<std::string>> next_poll_due(Database& db) {
  auto st = db.prepare(
      "SELECT CASE WHEN count(*) > count(next_poll_at) THEN '' ELSE MIN(next_poll_at) END "
      "FROM sources WHERE active = 1 AND kind <> 'file'");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return st->column_optional_text(0);
}

Status record_poll(Database& db, std::int64_t id, const PollRecord& p) {
  auto st = db.prepare(
      "UPDATE sources SET last_polled_at = ?1, polls = polls + 1, last_status = ?2, "
      "interval_seconds = ?3, next_poll_at = ?4, "
      "etag = CASE WHEN ?5 THEN NULLIF(?6, '') ELSE etag END, "
      "last_modified = CASE WHEN ?5 THEN NULLIF(?7, '') ELSE last_modified END, "
      "last_ok_at = CASE WHEN ?5 THEN ?1 ELSE last_ok_at END, "
      "last_new_at = CASE WHEN ?8 > 0 THEN ?1 ELSE last_new_at END, "
      "articles_added = articles_added + ?8, "
      "failures = CASE WHEN ?9 IS NULL THEN 0 ELSE failures + 1 END, last_error = ?9 "
      "WHERE id = ?10");
  if (!st) return st.status();
  st->bind_all(p.polled_at, p.status, p.interval_seconds, p.next_poll_at, p.answered, p.etag,
               p.last_modified, p.added, p.error, id);
  return st->run();
}

Result<std::vector<std::string>> recent_article_times(Database& db, std::int64_t source_id,
                                                      int limit) {
  auto st = db.prepare(
      "SELECT fetched_at FROM articles WHERE source_id = ? ORDER BY fetched_at DESC LIMIT ?");
  if (!st) return st.status();
  st->bind_all(source_id, limit);
  return collect_rows(*st, [](const Statement& s) { return s.column_text(0); });
}

Result<std::optional<HostRobots>> find_host_robots(Database& db, const std::string& host) {
  auto st = db.prepare(
      "SELECT host, robots_status, COALESCE(robots_txt, ''), robots_fetched_at FROM hosts "
      "WHERE host = ?");
  if (!st) return st.status();
  st->bind(1, host);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<HostRobots>();
  return std::optional<HostRobots>(HostRobots{st->column_text(0),
                                              static_cast<int>(st->column_int(1)),
                                              st->column_text(2), st->column_text(3)});
}

Status save_host_robots(Database& db, const HostRobots& r) {
  auto st = db.prepare(
      "INSERT INTO hosts (host, robots_status, robots_txt, robots_fetched_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(host) DO UPDATE SET robots_status = excluded.robots_status, "
      "robots_txt = excluded.robots_txt, robots_fetched_at = excluded.robots_fetched_at");
  if (!st) return st.status();
  st->bind_all(r.host, r.status, r.robots_txt, r.fetched_at);
  return st->run();
}

}  // namespace loa::store
