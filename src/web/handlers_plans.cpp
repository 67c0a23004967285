// Plans: upload (import), list with search and filters, detail with the citation graph,
// correction of a draft, activation. docs/API.md describes the shapes.
#include "store/plans.h"
#include "store/tasks.h"
#include "web/handlers.h"
#include "work/cascade.h"
#include "work/plans.h"

namespace loa::web {

namespace {

// Members see the plans of their organisation and those giving it tasks; the other roles
// see every plan of the province.
bool sees_everything(const Call& call) { return call.user->role != work::Role::kMember; }

// The plan if the caller may see it; not_found otherwise (its existence is not revealed).
Result<store::PlanRow> visible_plan(Call& call, std::int64_t id) {
  auto plan = store::find_plan(call.db, id);
  if (!plan) return plan.status();
  if (!sees_everything(call)) {
    auto visible = store::plan_visible_to(call.db, id, call.user->organisation_id);
    if (!visible) return visible.status();
    if (!*visible) return not_found("no plan with id " + std::to_string(id));
  }
  return plan;
}

Json summary_json(const store::PlanRow& p) {
  return {
      {"id", p.id},
      {"organisation_id", p.organisation_id},
      {"status", p.status},
      {"document_id", optional_json(p.document_id)},
      {"type", optional_json(p.doc_type)},
      {"issuer", optional_json(p.issuer)},
      {"issued_on", optional_json(p.issued_on)},
      {"year", optional_json(p.year)},
      {"title", p.title},
      {"period", p.period_from ? Json{{"from", *p.period_from}, {"to", optional_json(p.period_to)}}
                               : Json(nullptr)},
      {"source_name", p.source_name},
      {"source_format", p.source_format},
      {"source_ocr", p.source_ocr},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at},
      {"activated_at", optional_json(p.activated_at)}};
}

Json links_json(const std::vector<store::PlanLink>& links, std::int64_t except) {
  Json out = Json::array();
  for (const auto& l : links)
    if (l.plan_id != except)
      out.push_back({{"id", l.plan_id},
                     {"title", l.title},
                     {"document_id", optional_json(l.document_id)},
                     {"status", l.status}});
  return out;
}

Result<Json> detail_json(Call& call, const store::PlanRow& p) {
  Json out = summary_json(p);
  out["structure"] = Json::parse(p.structure_json, nullptr, false);
  out["source_text"] = p.source_text;
  out["review"] = Json::parse(p.review_json, nullptr, false);
  auto citations = store::list_plan_citations(call.db, p.id);
  if (!citations) return citations.status();
  Json cited = Json::array();
  for (const auto& c : *citations) {
    auto stored = store::plans_with_document_id(call.db, c.document_id);
    if (!stored) return stored.status();
    cited.push_back({{"id", c.document_id},
                     {"basis", c.basis},
                     {"date", optional_json(c.cited_date)},
                     {"issuer", optional_json(c.issuer)},
                     {"plans", links_json(*stored, p.id)}});
  }
  out["citations"] = cited;
  Json implemented_by = Json::array();
  if (p.document_id) {
    auto implementing = store::plans_implementing(call.db, *p.document_id);
    if (!implementing) return implementing.status();
    implemented_by = links_json(*implementing, p.id);
    // How far each takes up this plan's topics and duties (the detail: /cascade of the child).
    const Json parent = Json::parse(p.structure_json, nullptr, false);
    for (auto& link : implemented_by) {
      auto child = store::find_plan(call.db, link["id"].get<std::int64_t>());
      if (!child) return child.status();
      const Json structure = Json::parse(child->structure_json, nullptr, false);
      if (!parent.is_object() || !structure.is_object()) continue;
      const Json c = work::coverage_json(work::cover(parent, structure));
      link["coverage"] = {{"topics_total", c["topics_total"]},
                          {"topics_covered", c["topics_covered"]},
                          {"topics_partial", c["topics_partial"]},
                          {"duties_total", c["duties_total"]},
                          {"duties_covered", c["duties_covered"]}};
    }
  }
  out["implemented_by"] = implemented_by;
  auto tasks = store::list_plan_tasks(call.db, p.id);
  if (!tasks) return tasks.status();
  Json task_list = Json::array();
  for (const auto& t : *tasks)
    task_list.push_back({{"id", t.id},
                         {"assignment_no", t.assignment_no},
                         {"task_no", t.task_no},
                         {"organisation_id", optional_json(t.organisation_id)},
                         {"agency", t.agency},
                         {"role", t.role},
                         {"text", t.text},
                         {"due", optional_json(t.due)},
                         {"status", t.status}});
  out["tasks"] = task_list;
  return out;
}

}  // namespace

Response handle_import_plan(Call& call) {
  const std::string name = call.request.query_param("name");
  if (name.empty()) {
    return error_response(400, "invalid_argument",
                          "give the file's name as ?name=… (it tells a .md from a .txt)");
  }
  const work::PlanUpload upload{name, call.request.body};
  auto read = work::read_plan(&call.db, upload, call.app.repairer);
  if (!read) return error_response(read.status());
  if (auto refused = work::refusal(read->plan)) {
    // Say so, and give back the text the reader saw.
    return json_response(422, {{"error", {{"code", refused->code}, {"message", refused->message}}},
                               {"text", read->text.text},
                               {"looks_like_plan", read->plan.looks_like_plan},
                               {"secrecy", optional_json(read->plan.secrecy)}});
  }
  auto id = work::store_plan(call.db, call.app.clock, *read, name, call.user->organisation_id,
                             call.actor());
  if (!id) return error_response(id.status());
  auto plan = store::find_plan(call.db, *id);
  if (!plan) return error_response(plan.status());
  auto detail = detail_json(call, *plan);
  if (!detail) return error_response(detail.status());
  return json_response(201, *detail);
}

Response handle_list_plans(Call& call) {
  store::PlanFilter f;
  if (auto q = call.request.query_param("q"); !q.empty()) f.query = q;
  if (auto s = call.request.query_param("status"); !s.empty()) {
    if (s != "draft" && s != "active" && s != "archived")
      return error_response(400, "invalid_argument",
                            "status must be draft, active or archived, not '" + s + "'");
    f.status = s;
  }
  auto year = query_number(call, "year", 1900, 2999);
  auto limit = query_number(call, "limit", 1, 500);
  auto offset = query_number(call, "offset", 0, 1000000);
  for (const auto* r : {&year, &limit, &offset})
    if (!*r) return error_response(r->status());
  if (*year) f.year = static_cast<int>(**year);
  if (*limit) f.limit = static_cast<int>(**limit);
  if (*offset) f.offset = static_cast<int>(**offset);
  if (!sees_everything(call)) f.visible_to_organisation = call.user->organisation_id;
  auto plans = store::list_plans(call.db, f);
  if (!plans) return error_response(plans.status());
  Json list = Json::array();
  for (const auto& p : *plans) list.push_back(summary_json(p));
  return json_response(200, {{"plans", list}});
}

Response handle_get_plan(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto plan = visible_plan(call, *id);
  if (!plan) return error_response(plan.status());
  auto detail = detail_json(call, *plan);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

// GET /api/v1/plans/:id/cascade — the plans this one implements (its basis, when stored
// here) and which of their topics and reporting duties this plan takes up.
Response handle_plan_cascade(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto plan = visible_plan(call, *id);
  if (!plan) return error_response(plan.status());
  auto parents = work::plan_cascade(call.db, *id);
  if (!parents) return error_response(parents.status());
  Json list = Json::array();
  for (const auto& parent : *parents) {
    if (!visible_plan(call, parent.plan_id)) continue;  // a member sees the plans she may read
    Json entry = work::coverage_json(parent.coverage);
    entry["plan"] = {{"id", parent.plan_id},
                     {"title", parent.title},
                     {"document_id", optional_json(parent.document_id)},
                     {"status", parent.status}};
    list.push_back(std::move(entry));
  }
  return json_response(200, {{"plan_id", *id}, {"parents", list}});
}

Response handle_update_plan(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto plan = visible_plan(call, *id);
  if (!plan) return error_response(plan.status());
  const auto structure = nlohmann::ordered_json::parse(body->dump());
  Status s = work::update_plan(call.db, call.app.clock, *id, structure, call.actor());
  if (!s) return error_response(s);
  auto updated = store::find_plan(call.db, *id);
  if (!updated) return error_response(updated.status());
  auto detail = detail_json(call, *updated);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

Response handle_activate_plan(Call& call) {
  auto id = path_id(call, "plan");
  if (!id) return error_response(id.status());
  auto plan = visible_plan(call, *id);
  if (!plan) return error_response(plan.status());
  auto created = work::activate_plan(call.db, call.app.clock, *id, call.actor());
  if (!created) return error_response(created.status());
  auto updated = store::find_plan(call.db, *id);
  if (!updated) return error_response(updated.status());
  auto detail = detail_json(call, *updated);
  if (!detail) return error_response(detail.status());
  return json_response(200, *detail);
}

}  // namespace loa::web
