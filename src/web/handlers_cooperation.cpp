// Media cooperation: programmes, their steps, contracts and deliverables (work/cooperation.h).
// docs/API.md describes the shapes.
#include "base/dates.h"
#include "news/url.h"
#include "store/articles.h"
#include "web/handlers.h"
#include "work/cooperation.h"
#include "work/poll.h"

namespace loa::web {

namespace {

std::string today(const Call& call) { return vietnam_today(call.app.clock.now_unix()); }

Response programme_response(Call& call, int status, std::int64_t id) {
  auto out = work::programme_json(call.db, *call.user, id, today(call));
  if (!out) return error_response(out.status());
  return json_response(status, *out);
}

Response contract_response(Call& call, int status, std::int64_t id) {
  auto out = work::contract_json(call.db, *call.user, id, today(call));
  if (!out) return error_response(out.status());
  return json_response(status, *out);
}

Json kinds_json() {
  Json out = Json::array();
  for (const auto& k : work::deliverable_kinds())
    out.push_back({{"key", k.key}, {"label", k.label}});
  return out;
}

// The article an offer names: by id, or by address, fetched through the monitoring pipeline
// when Loa has not stored it yet.
Result<std::int64_t> offered_article(Call& call, const Json& b, const store::ContractRow& c) {
  if (b.contains("article_id") && !b["article_id"].is_null()) {
    if (!b["article_id"].is_number_integer() || b["article_id"].get<std::int64_t>() < 1)
      return invalid_argument("article_id must be an article's id");
    return b["article_id"].get<std::int64_t>();
  }
  if (!b.contains("url") || !b["url"].is_string() || b["url"].get<std::string>().empty())
    return invalid_argument("name the article: url (its address) or article_id");
  const std::string url = b["url"].get<std::string>();
  auto canonical = news::canonical_url(url);
  if (!canonical) return invalid_argument("url: '" + url + "' is not an http(s) address");
  auto stored = store::find_article_id(call.db, *canonical);
  if (!stored) return stored.status();
  if (*stored) return **stored;
  LOA_RETURN_IF_ERROR(work::check_outlet_address(call.db, c.outlet_id, *canonical));
  work::PollSettings settings;
  settings.limits.connect_timeout_seconds = 5;
  settings.limits.timeout_seconds = 15;
  work::Poller poller(call.db, call.app.clock, settings);
  return poller.fetch_article(url, c.outlet_name);
}

}  // namespace

// GET /api/v1/cooperation/programmes[?year=2026]
Response handle_list_programmes(Call& call) {
  auto year = query_number(call, "year", 2000, 2100);
  if (!year) return error_response(year.status());
  std::optional<int> y;
  if (*year) y = static_cast<int>(**year);
  auto rows = work::programmes_json(call.db, *call.user, y);
  if (!rows) return error_response(rows.status());
  return json_response(200, {{"programmes", *rows}, {"kinds", kinds_json()}});
}

// POST /api/v1/cooperation/programmes
Response handle_create_programme(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto id = work::create_programme(call.db, call.app.clock, *call.user, call.actor(), *body);
  if (!id) return error_response(id.status());
  return programme_response(call, 201, *id);
}

// GET /api/v1/cooperation/programmes/:id
Response handle_get_programme(Call& call) {
  auto id = path_id(call, "programme");
  if (!id) return error_response(id.status());
  return programme_response(call, 200, *id);
}

// PUT /api/v1/cooperation/programmes/:id
Response handle_update_programme(Call& call) {
  auto id = path_id(call, "programme");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s = work::update_programme(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!s) return error_response(s);
  return programme_response(call, 200, *id);
}

// POST /api/v1/cooperation/programmes/:id/steps {"action", "version", "comment", …}
Response handle_programme_step(Call& call) {
  auto id = path_id(call, "programme");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s = work::programme_step(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!s) return error_response(s);
  return programme_response(call, 200, *id);
}

// POST /api/v1/cooperation/programmes/:id/contracts
Response handle_create_contract(Call& call) {
  auto id = path_id(call, "programme");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto contract =
      work::create_contract(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!contract) return error_response(contract.status());
  // Articles published since the contract started may prove it already.
  auto proposed = work::propose_deliverables(call.db, call.app.clock, *contract);
  if (!proposed) return error_response(proposed.status());
  return contract_response(call, 201, *contract);
}

// GET /api/v1/cooperation/contracts — the contracts the caller may see.
Response handle_list_contracts(Call& call) {
  auto rows = work::contracts_json(call.db, *call.user, today(call));
  if (!rows) return error_response(rows.status());
  return json_response(200, {{"contracts", *rows}});
}

// GET /api/v1/cooperation/contracts/:id
Response handle_get_contract(Call& call) {
  auto id = path_id(call, "contract");
  if (!id) return error_response(id.status());
  return contract_response(call, 200, *id);
}

// POST /api/v1/cooperation/contracts/:id/match — look for deliverables now.
Response handle_match_contract(Call& call) {
  auto id = path_id(call, "contract");
  if (!id) return error_response(id.status());
  auto contract = work::visible_contract(call.db, *call.user, *id);
  if (!contract) return error_response(contract.status());
  auto proposed = work::propose_deliverables(call.db, call.app.clock, *id);
  if (!proposed) return error_response(proposed.status());
  auto out = work::contract_json(call.db, *call.user, *id, today(call));
  if (!out) return error_response(out.status());
  (*out)["proposed_now"] = *proposed;
  return json_response(200, *out);
}

// POST /api/v1/cooperation/contracts/:id/deliverables {"item_id", "url" | "article_id"}
Response handle_offer_deliverable(Call& call) {
  auto id = path_id(call, "contract");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  const Json& b = *body;
  if (!b.contains("item_id") || !b["item_id"].is_number_integer())
    return error_response(400, "invalid_argument", "item_id must be the contract item's id");
  auto contract = work::visible_contract(call.db, *call.user, *id);
  if (!contract) return error_response(contract.status());
  auto article = offered_article(call, b, *contract);
  if (!article) return error_response(article.status());
  auto deliverable = work::offer_deliverable(call.db, call.app.clock, *call.user, call.actor(), *id,
                                             b["item_id"].get<std::int64_t>(), *article);
  if (!deliverable) return error_response(deliverable.status());
  auto out = work::contract_json(call.db, *call.user, *id, today(call));
  if (!out) return error_response(out.status());
  (*out)["deliverable_id"] = *deliverable;
  return json_response(201, *out);
}

// POST /api/v1/cooperation/deliverables/:id/decision {"decision": "accept"|"reject", "comment"}
Response handle_decide_deliverable(Call& call) {
  auto id = path_id(call, "deliverable");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  Status s =
      work::decide_deliverable(call.db, call.app.clock, *call.user, call.actor(), *id, *body);
  if (!s) return error_response(s);
  auto d = store::find_deliverable(call.db, *id);
  if (!d) return error_response(d.status());
  return contract_response(call, 200, d->contract_id);
}

}  // namespace loa::web
