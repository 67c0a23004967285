// File: work/alerts.h
//
// Saved searches of the press and the alerts they raise. A saved search keeps the query and
// filters of the news stream (the parameters of GET /api/v1/news); after each poll the
// scheduler looks at the articles stored since the search last looked and, when some match,
// notifies its owner in the app (and by e-mail when asked) — once per batch, naming the
// first few titles. A story's later copies do not alert again.
//
//   auto search = work::news_search_from([&](std::string_view n) { return params(n); });
//   auto report = work::raise_alerts(db, clock);   // after new articles are stored
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "store/articles.h"
#include "store/database.h"
#include "store/saved_searches.h"
#include "work/audit.h"

namespace loa::work {

// A named parameter's value ("" when absent).
using NewsParam = std::function<std::string(std::string_view name)>;

// The search and filters of the news stream, checked: q, outlet, category, language, from,
// to, source_id, plan_id + topic_no, flagged, about_city, all_copies, order, limit, offset.
// invalid_argument names the parameter.
Result<store::ArticleSearch> news_search_from(const NewsParam& param);

// What a person saves: a name, the filters (a JSON object of the parameters above except
// order/limit/offset/all_copies; strings, numbers or booleans) and how to be told.
struct SavedSearchInput {
  std::string name;
  nlohmann::json params = nlohmann::json::object();
  bool alert = true;
  bool email = false;
};
// invalid_argument naming the field.
Result<SavedSearchInput> parse_saved_search(const nlohmann::json& body);

// The saved search's filters as parameters, canonical (strings, known names only).
nlohmann::json saved_search_json(const store::SavedSearchRow& row);

// Created for user_id, audited; alerts only for articles stored from now on.
Result<std::int64_t> create_saved_search(store::Database& db, const Clock& clock,
                                         const Actor& actor, std::int64_t user_id,
                                         const SavedSearchInput& input);
// Only by its owner (not_found for others' searches).
Status update_saved_search(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t user_id, std::int64_t id, const SavedSearchInput& input);
Status delete_saved_search(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t user_id, std::int64_t id);

struct AlertReport {
  int searches = 0;      // saved searches looked at
  int alerts = 0;        // notifications raised
  int articles = 0;      // matching articles they announced
  int risk_alerts = 0;   // notifications of flagged articles to coordinators
  int deliverables = 0;  // articles proposed as deliverables of press contracts
};
// Looks at the articles stored since each alerting saved search last looked; and tells every
// coordinator, once, of each article about the province flagged as possibly false or
// negative in the last day (so such items reach them first, without a saved search); and
// proposes the new articles that prove items of press contracts (work/cooperation.h).
Result<AlertReport> raise_alerts(store::Database& db, const Clock& clock);

}  // namespace loa::work
