// SQL for saved searches and task evidence.
#include "store/saved_searches.h"

namespace loa::store {

namespace {

constexpr const char* kColumns =
    "id, user_id, name, params_json, alert, email, seen_article_id, last_alert_at, alerts, "
    "created_at, updated_at";

SavedSearchRow read_saved_search(const Statement& st) {
  SavedSearchRow s;
  s.id = st.column_int(0);
  s.user_id = st.column_int(1);
  s.name = st.column_text(2);
  s.params_json = st.column_text(3);
  s.alert = st.column_int(4) != 0;
  s.email = st.column_int(5) != 0;
  s.seen_article_id = st.column_int(6);
  s.last_alert_at = st.column_optional_text(7);
  s.alerts = static_cast<int>(st.column_int(8));
  s.created_at = st.column_text(9);
  s.updated_at = st.column_text(10);
  return s;
}

Status name_taken(const Status& s, const std::string& name) {
  if (s.code() == StatusCode::kAlreadyExists)
    return already_exists("a saved search named '" + name + "' exists already");
  return s;
}

}  // namespace

Result<std::int64_t> insert_saved_search(Database& db, const SavedSearchRow& s) {
  auto st = db.prepare(
      "INSERT INTO saved_searches (user_id, name, params_json, alert, email, seen_article_id, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(s.user_id, s.name, s.params_json, s.alert, s.email, s.seen_article_id, s.created_at,
               s.updated_at);
  if (auto r = st->run(); !r) return name_taken(r, s.name);
  return db.last_insert_id();
}

Status update_saved_search(Database& db, const SavedSearchRow& s) {
  auto st = db.prepare(
      "UPDATE saved_searches SET name = ?, params_json = ?, alert = ?, email = ?, "
      "seen_article_id = ?, updated_at = ? WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(s.name, s.params_json, s.alert, s.email, s.seen_article_id, s.updated_at, s.id);
  if (auto r = st->run(); !r) return name_taken(r, s.name);
  if (db.changes() == 0) return not_found("no saved search " + std::to_string(s.id));
  return {};
}

Status delete_saved_search(Database& db, std::int64_t id) {
  auto st = db.prepare("DELETE FROM saved_searches WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return not_found("no saved search " + std::to_string(id));
  return {};
}

Result<SavedSearchRow> find_saved_search(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM saved_searches WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no saved search " + std::to_string(id));
  return read_saved_search(*st);
}

Result<std::vector<SavedSearchRow>> list_saved_searches(Database& db, std::int64_t user_id) {
  auto st = db.prepare(std::string("SELECT ") + kColumns +
                       " FROM saved_searches WHERE user_id = ? ORDER BY name, id");
  if (!st) return st.status();
  st->bind(1, user_id);
  return collect_rows(*st, read_saved_search);
}

Result<std::vector<SavedSearchRow>> saved_searches_behind(Database& db, std::int64_t newest) {
  auto st = db.prepare(
      "SELECT s.id, s.user_id, s.name, s.params_json, s.alert, s.email, s.seen_article_id, "
      "s.last_alert_at, s.alerts, s.created_at, s.updated_at FROM saved_searches s "
      "JOIN users u ON u.id = s.user_id WHERE s.alert = 1 AND u.active = 1 AND "
      "s.seen_article_id < ? ORDER BY s.id");
  if (!st) return st.status();
  st->bind(1, newest);
  return collect_rows(*st, read_saved_search);
}

Status mark_saved_search_seen(Database& db, std::int64_t id, std::int64_t seen, bool alerted,
                              const std::string& at) {
  auto st = db.prepare(
      "UPDATE saved_searches SET seen_article_id = max(seen_article_id, ?), "
      "last_alert_at = CASE WHEN ? THEN ? ELSE last_alert_at END, "
      "alerts = alerts + CASE WHEN ? THEN 1 ELSE 0 END WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(seen, alerted, at, alerted, id);
  return st->run();
}

Result<std::int64_t> newest_article_id(Database& db) {
  auto st = db.prepare("SELECT COALESCE(MAX(id), 0) FROM articles");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

Status insert_task_article(Database& db, const TaskArticleRow& row) {
  auto st = db.prepare(
      "INSERT INTO task_articles (task_id, article_id, update_id, attached_by, attached_at) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(row.task_id, row.article_id, row.update_id, row.attached_by, row.attached_at);
  if (auto r = st->run(); !r) {
    if (r.code() == StatusCode::kAlreadyExists)
      return already_exists("article " + std::to_string(row.article_id) + " is evidence of task " +
                            std::to_string(row.task_id) + " already");
    return r;
  }
  return {};
}

Result<std::vector<TaskArticleRow>> task_articles(Database& db, std::int64_t task_id) {
  auto st = db.prepare(
      "SELECT task_id, article_id, update_id, attached_by, attached_at FROM task_articles "
      "WHERE task_id = ? ORDER BY attached_at, article_id");
  if (!st) return st.status();
  st->bind(1, task_id);
  return collect_rows(*st, [](const Statement& s) {
    return TaskArticleRow{s.column_int(0), s.column_int(1), s.column_optional_int(2),
                          s.column_optional_int(3), s.column_text(4)};
  });
}

Result<std::vector<std::int64_t>> article_tasks(Database& db, std::int64_t article_id) {
  auto st = db.prepare("SELECT task_id FROM task_articles WHERE article_id = ? ORDER BY task_id");
  if (!st) return st.status();
  st->bind(1, article_id);
  return collect_rows(*st, [](const Statement& s) { return s.column_int(0); });
}

}  // namespace loa::store
