// The press: the stream and search, one article, the coordinator's decisions on topics and
// risk flags, the monitoring dashboard, sources with their health. docs/API.md describes the
// shapes.
#include "base/dates.h"
#include "store/analysis.h"
#include "store/articles.h"
#include "store/sources.h"
#include "vi/text.h"
#include "web/handlers.h"
#include "work/alerts.h"
#include "work/news.h"
#include "work/poll.h"
#include "work/sources.h"

namespace loa::web {

namespace {

// The search and filters of GET /api/v1/news, checked.
Result<store::ArticleSearch> search_from(const Call& call) {
  return work::news_search_from(
      [&call](std::string_view name) { return call.request.query_param(name); });
}

Json source_json(store::Database& db, const store::SourceRow& s, std::int64_t now) {
  Json out = {{"id", s.id},
              {"name", s.name},
              {"url", s.url},
              {"kind", s.kind},
              {"language", s.language},
              {"organisation_id", optional_json(s.organisation_id)},
              {"poll_seconds", s.poll_seconds},
              {"interval_seconds", s.current_interval()},
              {"last_polled_at", optional_json(s.last_polled_at)},
              {"last_new_at", optional_json(s.last_new_at)},
              {"next_poll_at", optional_json(s.next_poll_at)},
              {"last_status", optional_json(s.last_status)},
              {"failures", s.failures},
              {"last_error", optional_json(s.last_error)},
              {"articles", s.articles_added},
              {"active", s.active}};
  auto health = work::source_health(db, s, now);
  out["health"] = health ? health->state : "unknown";
  out["health_reason"] = health ? health->reason : health.status().message();
  return out;
}

Result<Json> article_detail(Call& call, std::int64_t id) {
  auto detail = store::find_article(call.db, id);
  if (!detail) return detail.status();
  store::ArticleSearch one;
  one.ids = {id};
  one.one_per_story = false;
  auto page = work::search_news(call.db, one);
  if (!page) return page.status();
  if (page->items.empty()) return not_found("no article " + std::to_string(id));
  Json out = work::news_item_json(page->items[0]);
  // The story's other copies, also when this article is a copy itself.
  if (detail->hit.story_id != id) {
    auto members = store::story_members(call.db, {detail->hit.story_id});
    if (!members) return members.status();
    Json copies = Json::array();
    auto head = store::find_article(call.db, detail->hit.story_id);
    if (head)
      copies.push_back({{"id", head->hit.id},
                        {"url", head->hit.url},
                        {"outlet", head->hit.outlet},
                        {"published", optional_json(head->hit.published_at)}});
    for (const auto& m : *members) {
      if (m.id == id) continue;
      copies.push_back({{"id", m.id},
                        {"url", m.url},
                        {"outlet", m.outlet},
                        {"published", optional_json(m.published_at)}});
    }
    out["duplicates"] = copies;
  }
  out.erase("snippet");
  out["text"] = detail->text;
  out["author"] = optional_json(detail->author);
  out["language"] = detail->language;
  out["category_by"] = optional_json(detail->category_by);
  out["places"] = Json::parse(detail->places_json, nullptr, false);
  out["risk_terms"] = Json::parse(detail->risk_terms_json, nullptr, false);
  out["risk_by"] = optional_json(detail->risk_by);
  out["story_id"] = detail->hit.story_id;
  out["source"] = detail->hit.source_id ? Json{{"id", *detail->hit.source_id},
                                               {"name", optional_json(detail->source_name)}}
                                        : Json(nullptr);
  out["page"] = detail->page_url ? Json{{"url", *detail->page_url},
                                        {"encoding", optional_json(detail->page_encoding)},
                                        {"bytes", optional_json(detail->page_bytes)}}
                                 : Json(nullptr);
  out["can"] = {{"decide", work::role_allows(call.user->role, work::Permission::kManageNews)}};
  return out;
}

Result<bool> decision(const Json& body, const char* yes, const char* no) {
  auto d = string_member(body, "decision");
  if (!d) return d.status();
  if (*d == yes) return true;
  if (*d == no) return false;
  return invalid_argument(std::string("decision must be '") + yes + "' or '" + no + "', not '" +
                          *d + "'");
}

}  // namespace

// GET /api/v1/news — the stream (no q: newest first) or a search, with filters.
Response handle_list_news(Call& call) {
  auto search = search_from(call);
  if (!search) return error_response(search.status());
  auto page = work::search_news(call.db, *search);
  if (!page) return error_response(page.status());
  Json results = Json::array();
  for (const auto& item : page->items) results.push_back(work::news_item_json(item));
  return json_response(200, {{"results", results},
                             {"total", page->total},
                             {"total_estimated", page->total_estimated},
                             {"limit", search->limit},
                             {"offset", search->offset}});
}

// GET /api/v1/news/:id — one article whole.
Response handle_get_news(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto detail = article_detail(call, *id);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

// POST /api/v1/news/:id/topics {"plan_id", "topic_no", "decision": "confirm"|"reject"}
Response handle_decide_news_topic(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  const Json& b = *body;
  if (!b.contains("plan_id") || !b["plan_id"].is_number_integer() || !b.contains("topic_no") ||
      !b["topic_no"].is_number_integer())
    return error_response(400, "invalid_argument", "plan_id and topic_no must be whole numbers");
  if (b["topic_no"].get<std::int64_t>() < 1 || b["topic_no"].get<std::int64_t>() > 1000)
    return error_response(400, "invalid_argument", "topic_no must be from 1 to 1000");
  auto confirmed = decision(b, "confirm", "reject");
  if (!confirmed) return error_response(confirmed.status());
  auto s = work::decide_article_topic(call.db, call.app.clock, call.actor(), *id,
                                      b["plan_id"].get<std::int64_t>(), b["topic_no"].get<int>(),
                                      *confirmed);
  if (!s) return error_response(s);
  auto detail = article_detail(call, *id);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

// POST /api/v1/news/:id/risk {"decision": "confirm"|"dismiss", "kind"?: "negative"|…}
Response handle_decide_news_risk(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto confirmed = decision(*body, "confirm", "dismiss");
  if (!confirmed) return error_response(confirmed.status());
  std::optional<std::string> kind;
  if (body->contains("kind") && !(*body)["kind"].is_null()) {
    auto k = string_member(*body, "kind");
    if (!k) return error_response(k.status());
    kind = *k;
  }
  auto s = work::decide_article_risk(call.db, call.app.clock, call.actor(), *id, *confirmed, kind);
  if (!s) return error_response(s);
  auto detail = article_detail(call, *id);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

// POST /api/v1/news/:id/category {"category": "sport"} — a person's correction.
Response handle_set_news_category(Call& call) {
  auto id = path_id(call, "article");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto category = string_member(*body, "category");
  if (!category) return error_response(category.status());
  Status s = work::set_article_category(call.db, call.app.clock, call.actor(), *id, *category);
  if (!s) return error_response(s);
  auto detail = article_detail(call, *id);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

// GET /api/v1/news/dashboard?from=&to= — coverage per topic, outlet and week, flagged items,
// top stories by outlets (default: the last 30 days, Vietnam's dates).
Response handle_news_dashboard(Call& call) {
  const std::int64_t now = call.app.clock.now_unix();
  std::string from = call.request.query_param("from");
  std::string to = call.request.query_param("to");
  if (to.empty()) to = vietnam_today(now);
  if (from.empty()) from = iso_from_day(day_number(to).value_or(0) - 29);
  const auto from_day = day_number(from);
  const auto to_day = day_number(to);
  if (!from_day || !to_day)
    return error_response(400, "invalid_argument", "from and to must be ISO dates (YYYY-MM-DD)");
  if (*to_day < *from_day)
    return error_response(400, "invalid_argument", "from must not be after to");
  auto counts = store::dashboard_counts(call.db, format_utc(vietnam_day_start(*from_day)),
                                        format_utc(vietnam_day_start(*to_day + 1)));
  if (!counts) return error_response(counts.status());

  Json topics = Json::array();
  std::map<std::int64_t, std::pair<std::string, std::vector<std::string>>> plans;
  auto active = store::active_plan_structures(call.db);
  if (!active) return error_response(active.status());
  for (const auto& p : *active)
    plans[p.plan_id] = {p.title, work::plan_topic_titles(p.structure_json)};
  std::map<std::string, std::int64_t> covered;
  for (const auto& c : counts->per_topic) covered[c.key] = c.count;
  for (const auto& [plan_id, plan] : plans) {  // every active topic, covered or not
    for (std::size_t i = 0; i < plan.second.size(); ++i) {
      const std::string key = std::to_string(plan_id) + ":" + std::to_string(i + 1);
      topics.push_back({{"plan_id", plan_id},
                        {"plan_title", plan.first},
                        {"topic_no", i + 1},
                        {"title", plan.second[i]},
                        {"stories", covered.contains(key) ? covered[key] : 0}});
    }
  }
  auto rows = [](const std::vector<store::CountRow>& list, const char* name) {
    Json out = Json::array();
    for (const auto& r : list) out.push_back({{name, r.key}, {"articles", r.count}});
    return out;
  };
  store::ArticleSearch flagged;
  flagged.flagged_only = true;
  flagged.from = from;
  flagged.to = to;
  flagged.limit = 10;
  flagged.order = store::ArticleSearch::Order::kNewest;
  auto flagged_page = work::search_news(call.db, flagged);
  if (!flagged_page) return error_response(flagged_page.status());
  Json flagged_items = Json::array();
  for (const auto& item : flagged_page->items) flagged_items.push_back(work::news_item_json(item));
  store::ArticleSearch heads;
  for (const auto& [story, outlets] : counts->top_stories) heads.ids.push_back(story);
  Json top = Json::array();
  if (!heads.ids.empty()) {
    heads.limit = 10;
    auto page = work::search_news(call.db, heads);
    if (!page) return error_response(page.status());
    for (const auto& [story, outlets] : counts->top_stories) {
      for (const auto& item : page->items) {
        if (item.article.id != story) continue;
        Json j = work::news_item_json(item);
        j["outlets"] = outlets;
        top.push_back(std::move(j));
      }
    }
  }
  return json_response(200, {{"from", from},
                             {"to", to},
                             {"per_topic", topics},
                             {"per_outlet", rows(counts->per_outlet, "outlet")},
                             {"per_week", rows(counts->per_week, "week")},
                             {"flagged", flagged_items},
                             {"flagged_total", flagged_page->total},
                             {"top_stories", top}});
}

// GET /api/v1/news/sources — every source with its health.
Response handle_list_news_sources(Call& call) {
  auto sources = store::list_sources(call.db);
  if (!sources) return error_response(sources.status());
  const std::int64_t now = call.app.clock.now_unix();
  Json out = Json::array();
  for (const auto& s : *sources) out.push_back(source_json(call.db, s, now));
  return json_response(200, {{"sources", out}});
}

// POST /api/v1/news/sources {"name", "url", "kind", "poll_seconds", "language",
// "organisation_id"}
Response handle_create_news_source(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  const Json& b = *body;
  work::SourceInput in;
  auto name = string_member(b, "name");
  if (!name) return error_response(name.status());
  in.name = *name;
  auto url = string_member(b, "url");
  if (!url) return error_response(url.status());
  in.url = *url;
  if (b.contains("kind")) {
    if (!b["kind"].is_string()) return error_response(400, "invalid_argument", "kind must be text");
    in.kind = b["kind"].get<std::string>();
  }
  if (b.contains("language")) {
    if (!b["language"].is_string())
      return error_response(400, "invalid_argument", "language must be text");
    in.language = b["language"].get<std::string>();
  }
  if (b.contains("poll_seconds")) {
    if (!b["poll_seconds"].is_number_integer())
      return error_response(400, "invalid_argument", "poll_seconds must be a whole number");
    const auto seconds = b["poll_seconds"].get<std::int64_t>();
    if (seconds < 60 || seconds > 86400)
      return error_response(400, "invalid_argument",
                            "poll_seconds " + std::to_string(seconds) + " is outside 60 … 86400");
    in.poll_seconds = static_cast<int>(seconds);
  }
  if (b.contains("organisation_id") && !b["organisation_id"].is_null()) {
    if (!b["organisation_id"].is_number_integer())
      return error_response(400, "invalid_argument", "organisation_id must be a whole number");
    in.organisation_id = b["organisation_id"].get<std::int64_t>();
  }
  auto id = work::add_source(call.db, call.app.clock, call.actor(), in);
  if (!id) return error_response(id.status());
  auto row = store::find_source(call.db, *id);
  if (!row) return error_response(row.status());
  return json_response(201, source_json(call.db, *row, call.app.clock.now_unix()));
}

// POST /api/v1/news/sources/:id/poll — read the source at the next look (seconds away).
Response handle_poll_news_source(Call& call) {
  auto id = path_id(call, "source");
  if (!id) return error_response(id.status());
  auto s = work::poll_source_soon(call.db, call.app.clock, call.actor(), *id);
  if (!s) return error_response(s);
  auto row = store::find_source(call.db, *id);
  if (!row) return error_response(row.status());
  return json_response(202, source_json(call.db, *row, call.app.clock.now_unix()));
}

}  // namespace loa::web
