// Saved searches and their alerts.
#include "work/alerts.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "base/dates.h"
#include "store/notifications.h"
#include "vi/text.h"
#include "work/cooperation.h"
#include "work/input.h"

namespace loa::work {

namespace {

using Json = nlohmann::json;

// The parameters a saved search keeps (the stream's filters, not its paging or order).
constexpr std::array<std::string_view, 11> kFilterParams = {
    "q",         "outlet",  "category", "language", "from",      "to",
    "source_id", "plan_id", "topic_no", "flagged",  "about_city"};
constexpr std::size_t kMaxName = 200;
constexpr int kTitlesInAlert = 5;
constexpr std::size_t kMaxSavedSearches = 50;  // per person: each is matched after every poll

bool is_on(const std::string& v) { return v == "1" || v == "true"; }

NewsParam json_params(const Json& params) {
  return [&params](std::string_view name) -> std::string {
    auto it = params.find(std::string(name));
    if (it == params.end() || !it->is_string()) return "";
    return it->get<std::string>();
  };
}

// The filters as canonical strings; invalid_argument names the filter.
Result<Json> canonical_params(const Json& params) {
  if (!params.is_object()) return invalid_argument("params must be an object of filters");
  Json out = Json::object();
  for (const auto& [key, value] : params.items()) {
    if (std::find(kFilterParams.begin(), kFilterParams.end(), key) == kFilterParams.end())
      return invalid_argument("params." + key + " is not a filter of the news stream");
    if (value.is_null()) continue;
    std::string text;
    if (value.is_string())
      text = value.get<std::string>();
    else if (value.is_number_integer())
      text = std::to_string(value.get<std::int64_t>());
    else if (value.is_boolean())
      text = value.get<bool>() ? "1" : "";
    else
      return invalid_argument("params." + key + " must be text, a whole number or true/false");
    if (key == "flagged" || key == "about_city") text = is_on(text) ? "1" : "";
    if (!text.empty()) out[key] = text;
  }
  auto search = news_search_from(json_params(out));
  if (!search) return invalid_argument("params: " + search.status().message());
  if (out.contains("q")) out["q"] = search->query;  // NFC
  return out;
}

}  // namespace

Result<store::ArticleSearch> news_search_from(const NewsParam& param) {
  store::ArticleSearch s;
  auto q = vi::normalize(param("q"));
  if (!q) return invalid_argument("q: " + q.status().message());
  s.query = *q;
  if (s.query.size() > 1000) return invalid_argument("q is longer than 1000 bytes");
  for (auto [name, target] : {std::pair{"outlet", &s.outlet},
                              {"category", &s.category},
                              {"language", &s.language},
                              {"from", &s.from},
                              {"to", &s.to}}) {
    auto v = vi::normalize(param(name));
    if (!v) return invalid_argument(std::string(name) + ": " + v.status().message());
    if (!v->empty()) *target = *v;
  }
  for (const auto* date : {&s.from, &s.to}) {
    if (*date && !valid_iso_date(**date))
      return invalid_argument("the date '" + **date + "' is not an ISO date (YYYY-MM-DD)");
  }
  auto source = parse_whole_number("source_id", param("source_id"), 1, INT64_MAX >> 1);
  if (!source) return source.status();
  s.source_id = *source;
  auto plan = parse_whole_number("plan_id", param("plan_id"), 1, INT64_MAX >> 1);
  if (!plan) return plan.status();
  auto topic = parse_whole_number("topic_no", param("topic_no"), 1, 1000);
  if (!topic) return topic.status();
  if (plan->has_value() != topic->has_value())
    return invalid_argument("plan_id and topic_no go together");
  s.plan_id = *plan;
  if (*topic) s.topic_no = static_cast<int>(**topic);
  auto limit = parse_whole_number("limit", param("limit"), 1, 200);
  if (!limit) return limit.status();
  s.limit = static_cast<int>(limit->value_or(50));
  auto offset = parse_whole_number("offset", param("offset"), 0, 1000000);
  if (!offset) return offset.status();
  s.offset = static_cast<int>(offset->value_or(0));
  const std::string order = param("order");
  if (order == "newest" || (order.empty() && s.query.empty()))
    s.order = store::ArticleSearch::Order::kNewest;
  else if (order.empty() || order == "relevance")
    s.order = store::ArticleSearch::Order::kRelevance;
  else
    return invalid_argument("order must be 'newest' or 'relevance', not '" + order + "'");
  s.flagged_only = is_on(param("flagged"));
  s.relevant_only = is_on(param("about_city"));
  s.one_per_story = !is_on(param("all_copies"));
  return s;
}

Result<SavedSearchInput> parse_saved_search(const Json& body) {
  if (!body.is_object()) return invalid_argument("the body must be a JSON object");
  SavedSearchInput in;
  bool named = false;
  for (const auto& [key, value] : body.items()) {
    if (key == "name") {
      auto name = clean_text(value, "name", kMaxName);
      if (!name) return name.status();
      auto normal = vi::normalize(*name);
      if (!normal) return invalid_argument("name: " + normal.status().message());
      in.name = *normal;
      named = true;
    } else if (key == "params") {
      auto params = canonical_params(value);
      if (!params) return params.status();
      in.params = *params;
    } else if (key == "alert" || key == "email") {
      if (!value.is_boolean()) return invalid_argument(key + " must be true or false");
      (key == "alert" ? in.alert : in.email) = value.get<bool>();
    } else {
      return invalid_argument("unknown field '" + key + "'");
    }
  }
  if (!named || in.name.empty()) return invalid_argument("name is required");
  return in;
}

Json saved_search_json(const store::SavedSearchRow& row) {
  Json params = Json::parse(row.params_json, nullptr, false);
  if (!params.is_object()) params = Json::object();
  return {{"id", row.id},
          {"name", row.name},
          {"params", params},
          {"alert", row.alert},
          {"email", row.email},
          {"alerts", row.alerts},
          {"last_alert_at", row.last_alert_at ? Json(*row.last_alert_at) : Json(nullptr)},
          {"created_at", row.created_at},
          {"updated_at", row.updated_at}};
}

Result<std::int64_t> create_saved_search(store::Database& db, const Clock& clock,
                                         const Actor& actor, std::int64_t user_id,
                                         const SavedSearchInput& input) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto own = store::list_saved_searches(db, user_id);
  if (!own) return own.status();
  if (own->size() >= kMaxSavedSearches)
    return failed_precondition("at most " + std::to_string(kMaxSavedSearches) +
                               " saved searches per person: delete one first");
  auto newest = store::newest_article_id(db);
  if (!newest) return newest.status();
  store::SavedSearchRow row;
  row.user_id = user_id;
  row.name = input.name;
  row.params_json = input.params.dump();
  row.alert = input.alert;
  row.email = input.email;
  row.seen_article_id = *newest;
  row.created_at = row.updated_at = format_utc(clock.now_unix());
  auto id = store::insert_saved_search(db, row);
  if (!id) return id.status();
  row.id = *id;
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"saved_search.create", "saved_search", std::to_string(*id),
                                     std::nullopt, saved_search_json(row).dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

namespace {

Result<store::SavedSearchRow> own_saved_search(store::Database& db, std::int64_t user_id,
                                               std::int64_t id) {
  auto row = store::find_saved_search(db, id);
  if (!row) return row.status();
  if (row->user_id != user_id) return not_found("no saved search " + std::to_string(id));
  return row;
}

}  // namespace

Status update_saved_search(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t user_id, std::int64_t id, const SavedSearchInput& input) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto row = own_saved_search(db, user_id, id);
  if (!row) return row.status();
  const Json before = saved_search_json(*row);
  const std::string params = input.params.dump();
  if (params != row->params_json) {
    // Other filters: alert from now on, not for what the old ones let pass.
    auto newest = store::newest_article_id(db);
    if (!newest) return newest.status();
    row->seen_article_id = *newest;
  }
  row->name = input.name;
  row->params_json = params;
  row->alert = input.alert;
  row->email = input.email;
  row->updated_at = format_utc(clock.now_unix());
  LOA_RETURN_IF_ERROR(store::update_saved_search(db, *row));
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"saved_search.update", "saved_search", std::to_string(id),
                                     before.dump(), saved_search_json(*row).dump()}));
  return tx.commit();
}

Status delete_saved_search(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t user_id, std::int64_t id) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto row = own_saved_search(db, user_id, id);
  if (!row) return row.status();
  LOA_RETURN_IF_ERROR(store::delete_saved_search(db, id));
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"saved_search.delete", "saved_search", std::to_string(id),
                                     saved_search_json(*row).dump(), std::nullopt}));
  return tx.commit();
}

namespace {

// The alert for `total` new matches, the newest first in `hits`.
store::NotificationRow alert_for(const store::SavedSearchRow& s,
                                 const std::vector<store::ArticleHit>& hits, std::int64_t total,
                                 std::int64_t newest, const std::string& now) {
  store::NotificationRow n;
  n.user_id = s.user_id;
  n.kind = "news.alert";
  n.title = "Tin mới cho “" + s.name + "”: " + std::to_string(total) + " bài";
  for (const auto& h : hits) {
    n.body += "- " + h.title + " (" + h.outlet;
    if (h.published_at) n.body += ", " + vietnam_date_text(*h.published_at);
    n.body += ")\n";
  }
  if (total > static_cast<std::int64_t>(hits.size()))
    n.body +=
        "… và " + std::to_string(total - static_cast<std::int64_t>(hits.size())) + " bài khác\n";
  n.link = total == 1 && !hits.empty() ? "/monitoring/" + std::to_string(hits.front().id)
                                       : "/monitoring?saved=" + std::to_string(s.id);
  n.key = "saved:" + std::to_string(s.id) + ":" + std::to_string(newest);
  n.created_at = now;
  n.email = s.email;
  return n;
}

}  // namespace

namespace {

constexpr std::int64_t kRiskAlertWindow = std::int64_t{24} * 3600;

Status raise_risk_alerts(store::Database& db, const Clock& clock, AlertReport& report) {
  auto flagged = store::flagged_since(db, format_utc(clock.now_unix() - kRiskAlertWindow));
  if (!flagged) return flagged.status();
  if (flagged->empty()) return {};
  auto coordinators = store::role_recipients(db, {"coordinator"});
  if (!coordinators) return coordinators.status();
  const std::string now = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  for (const auto& a : *flagged) {
    for (const auto& c : *coordinators) {
      store::NotificationRow n;
      n.user_id = c.user_id;
      n.kind = "news.risk";
      n.title = (a.risk == "false_information" ? "Tin có dấu hiệu sai sự thật: "
                                               : "Tin tiêu cực cần lưu ý: ") +
                a.title;
      n.body = a.outlet;
      if (a.published_at) n.body += ", " + vietnam_date_text(*a.published_at);
      n.link = "/monitoring/" + std::to_string(a.id);
      n.key = "risk:" + std::to_string(a.id);
      n.created_at = now;
      auto id = store::insert_notification(db, n);
      if (!id) return id.status();
      if (*id) ++report.risk_alerts;
    }
  }
  return tx.commit();
}

}  // namespace

Result<AlertReport> raise_alerts(store::Database& db, const Clock& clock) {
  AlertReport report;
  LOA_RETURN_IF_ERROR(raise_risk_alerts(db, clock, report));
  auto newest = store::newest_article_id(db);
  if (!newest) return newest.status();
  auto behind = store::saved_searches_behind(db, *newest);
  if (!behind) return behind.status();
  const std::string now = format_utc(clock.now_unix());
  for (const auto& s : *behind) {
    ++report.searches;
    const Json params = Json::parse(s.params_json, nullptr, false);
    auto search = news_search_from(json_params(params.is_object() ? params : Json::object()));
    store::Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    bool alerted = false;
    if (!search) {
      // Filters that no longer hold (a plan deleted …): skip the batch, keep the search.
      spdlog::warn(R"({{"msg":"saved search skipped","id":{},"error":"{}"}})", s.id,
                   search.status().message());
    } else {
      search->after_id = s.seen_article_id;
      search->up_to_id = *newest;
      search->order = store::ArticleSearch::Order::kNewest;
      search->limit = kTitlesInAlert;
      search->offset = 0;
      auto total = store::count_matching_articles(db, *search);
      if (!total) return total.status();
      if (*total > 0) {
        auto hits = store::search_articles(db, *search);
        if (!hits) return hits.status();
        auto id = store::insert_notification(db, alert_for(s, *hits, *total, *newest, now));
        if (!id) return id.status();
        alerted = id->has_value();
        if (alerted) {
          ++report.alerts;
          report.articles += static_cast<int>(*total);
        }
      }
    }
    LOA_RETURN_IF_ERROR(store::mark_saved_search_seen(db, s.id, *newest, alerted, now));
    LOA_RETURN_IF_ERROR(tx.commit());
  }
  auto proposed = propose_deliverables(db, clock, std::nullopt);
  if (!proposed) return proposed.status();
  report.deliverables = *proposed;
  return report;
}

}  // namespace loa::work
