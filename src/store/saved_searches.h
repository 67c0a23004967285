// File: store/saved_searches.h
//
// SQL for saved searches of the press (work/alerts.h raises their alerts) and for articles
// attached to tasks as evidence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct SavedSearchRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string params_json = "{}";  // the parameters of GET /api/v1/news
  bool alert = true;               // new matches raise an in-app notification
  bool email = false;              // … that is e-mailed too
  std::int64_t seen_article_id = 0;
  std::optional<std::string> last_alert_at;
  int alerts = 0;
  std::string created_at;
  std::string updated_at;
};

// already_exists when the user has a saved search of that name.
Result<std::int64_t> insert_saved_search(Database& db, const SavedSearchRow& s);
// Name, parameters, alert and email (and seen_article_id when the parameters change).
Status update_saved_search(Database& db, const SavedSearchRow& s);
Status delete_saved_search(Database& db, std::int64_t id);
Result<SavedSearchRow> find_saved_search(Database& db, std::int64_t id);
Result<std::vector<SavedSearchRow>> list_saved_searches(Database& db, std::int64_t user_id);
// Saved searches that alert, of active users, that have not looked at articles up to
// `newest` yet.
Result<std::vector<SavedSearchRow>> saved_searches_behind(Database& db, std::int64_t newest);
// After a look at the articles up to `seen`: `alerted` when an alert went out at `at`.
Status mark_saved_search_seen(Database& db, std::int64_t id, std::int64_t seen, bool alerted,
                              const std::string& at);
// The newest article's id (0 without articles).
Result<std::int64_t> newest_article_id(Database& db);

struct TaskArticleRow {
  std::int64_t task_id = 0;
  std::int64_t article_id = 0;
  std::optional<std::int64_t> update_id;
  std::optional<std::int64_t> attached_by;
  std::string attached_at;
};
// already_exists when the article is the task's evidence already.
Status insert_task_article(Database& db, const TaskArticleRow& row);
Result<std::vector<TaskArticleRow>> task_articles(Database& db, std::int64_t task_id);
// The tasks an article is evidence of.
Result<std::vector<std::int64_t>> article_tasks(Database& db, std::int64_t article_id);

}  // namespace loa::store
