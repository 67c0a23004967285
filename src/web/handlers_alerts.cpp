// Saved searches of the press (their alerts are raised by the scheduler, work/alerts.h) and
// articles as tasks' evidence (work/evidence.h). docs/API.md describes the shapes.
#include "base/dates.h"
#include "vi/text.h"
#include "web/handlers.h"
#include "work/alerts.h"
#include "work/evidence.h"
#include "work/news.h"

namespace loa::web {

namespace {

Json reasons_json(const std::vector<work::EvidenceReason>& reasons) {
  Json out = Json::array();
  for (const auto& r : reasons) out.push_back({{"kind", r.kind}, {"detail", r.detail}});
  return out;
}

Json article_brief(const store::ArticleHit& a) {
  return {{"id", a.id},
          {"url", a.url},
          {"title", a.title},
          {"outlet", a.outlet},
          {"published", optional_json(a.published_at)},
          {"snippet", a.snippet},
          {"category", optional_json(a.category)},
          {"risk", optional_json(a.risk)}};
}

}  // namespace

// GET /api/v1/news/searches — the caller's saved searches.
Response handle_list_saved_searches(Call& call) {
  auto rows = store::list_saved_searches(call.db, call.user->id);
  if (!rows) return error_response(rows.status());
  Json out = Json::array();
  for (const auto& r : *rows) out.push_back(work::saved_search_json(r));
  return json_response(200, {{"searches", out}});
}

// POST /api/v1/news/searches {"name", "params": {"q", "outlet", …}, "alert", "email"}
Response handle_create_saved_search(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto input = work::parse_saved_search(*body);
  if (!input) return error_response(input.status());
  auto id = work::create_saved_search(call.db, call.app.clock, call.actor(), call.user->id, *input);
  if (!id) return error_response(id.status());
  auto row = store::find_saved_search(call.db, *id);
  if (!row) return error_response(row.status());
  return json_response(201, work::saved_search_json(*row));
}

// PUT /api/v1/news/searches/:id — the whole saved search again.
Response handle_update_saved_search(Call& call) {
  auto id = path_id(call, "saved search");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto input = work::parse_saved_search(*body);
  if (!input) return error_response(input.status());
  Status s =
      work::update_saved_search(call.db, call.app.clock, call.actor(), call.user->id, *id, *input);
  if (!s) return error_response(s);
  auto row = store::find_saved_search(call.db, *id);
  if (!row) return error_response(row.status());
  return json_response(200, work::saved_search_json(*row));
}

// DELETE /api/v1/news/searches/:id
Response handle_delete_saved_search(Call& call) {
  auto id = path_id(call, "saved search");
  if (!id) return error_response(id.status());
  Status s = work::delete_saved_search(call.db, call.app.clock, call.actor(), call.user->id, *id);
  if (!s) return error_response(s);
  Response r;
  r.status = 204;
  return r;
}

// GET /api/v1/news/:id/tasks — the tasks the caller may attach the article to, best first.
Response handle_news_tasks(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto limit = query_number(call, "limit", 1, 200);
  if (!limit) return error_response(limit.status());
  auto suggestions =
      work::tasks_for_article(call.db, *call.user, *id, static_cast<int>(limit->value_or(20)));
  if (!suggestions) return error_response(suggestions.status());
  const std::string today = vietnam_today(call.app.clock.now_unix());
  Json out = Json::array();
  for (const auto& s : *suggestions) {
    Json t = task_json(s.task, today);
    t["score"] = s.score;
    t["reasons"] = reasons_json(s.reasons);
    t["attached"] = s.attached;
    out.push_back(t);
  }
  return json_response(200, {{"tasks", out}});
}

// POST /api/v1/news/:id/evidence {"task_id", "note"} — the article as the task's evidence.
Response handle_attach_news(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  const Json& b = *body;
  if (!b.contains("task_id") || !b["task_id"].is_number_integer() ||
      b["task_id"].get<std::int64_t>() < 1)
    return error_response(400, "invalid_argument", "task_id must be a task's id");
  std::string note;
  if (b.contains("note") && !b["note"].is_null()) {
    if (!b["note"].is_string()) return error_response(400, "invalid_argument", "note must be text");
    auto clean = vi::normalize(b["note"].get<std::string>());
    if (!clean) return error_response(400, "invalid_argument", "note: " + clean.status().message());
    if (clean->size() > 4000)
      return error_response(400, "invalid_argument", "note is longer than 4000 bytes");
    note = *clean;
  }
  const auto task_id = b["task_id"].get<std::int64_t>();
  auto update =
      work::attach_article(call.db, call.app.clock, *call.user, call.actor(), task_id, *id, note);
  if (!update) return error_response(update.status());
  return json_response(201, {{"task_id", task_id}, {"article_id", *id}, {"update_id", *update}});
}

// GET /api/v1/tasks/:id/evidence — the articles attached, and suggestions.
Response handle_task_evidence(Call& call) {
  auto id = path_id(call, "task");
  if (!id) return error_response(id.status());
  auto attached = work::task_evidence(call.db, *call.user, *id);
  if (!attached) return error_response(attached.status());
  auto suggested = work::articles_for_task(call.db, *call.user, *id, 10);
  if (!suggested) return error_response(suggested.status());
  Json articles = Json::array();
  for (const auto& a : *attached) articles.push_back(article_brief(a));
  Json suggestions = Json::array();
  for (const auto& s : *suggested) {
    Json a = article_brief(s.article);
    a["score"] = s.score;
    a["reasons"] = reasons_json(s.reasons);
    suggestions.push_back(a);
  }
  return json_response(200, {{"articles", articles}, {"suggestions", suggestions}});
}

}  // namespace loa::web
