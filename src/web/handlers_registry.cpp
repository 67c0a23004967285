// The organisation registry: the tree, as of a date, with aliases and successor links; and
// its keeping by administrators (edit, end, delete, spreadsheet export and import).

#include "base/dates.h"
#include "doc/spreadsheet.h"
#include "store/organisations.h"
#include "web/handlers.h"
#include "work/organisations.h"

namespace loa::web {

namespace {

Json organisation_json(const store::Organisation& o) {
  Json aliases = Json::array();
  Json entries = Json::array();
  for (const auto& a : o.aliases) {
    aliases.push_back(a.text);
    entries.push_back({{"alias", a.text}, {"kind", a.kind}});
  }
  return {{"id", o.id},
          {"code", o.code},
          {"name", o.name},
          {"short_name", optional_json(o.short_name)},
          {"kind", o.kind},
          {"level", o.level},
          {"parent_id", optional_json(o.parent_id)},
          {"valid_from", optional_json(o.valid_from)},
          {"valid_to", optional_json(o.valid_to)},
          {"aliases", aliases},
          {"alias_entries", entries},
          {"version", o.version}};
}

Json successor_json(const store::Successor& l) {
  return {{"predecessor_id", l.predecessor_id},
          {"successor_id", l.successor_id},
          {"scope", l.scope},
          {"effective_on", l.effective_on}};
}

Result<std::optional<std::string>> as_of_param(const Call& call) {
  std::string date = call.request.query_param("as_of");
  if (date.empty()) return std::optional<std::string>();
  if (!valid_iso_date(date))
    return invalid_argument("as_of must be a date in the form YYYY-MM-DD, not '" + date + "'");
  return std::optional<std::string>(date);
}

// An optional text member: absent or null → nullopt.
Result<std::optional<std::string>> optional_text(const Json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::optional<std::string>();
  if (!body[name].is_string()) return invalid_argument(std::string(name) + " must be text or null");
  return std::optional<std::string>(body[name].get<std::string>());
}

Json usage_json(const store::OrganisationUsage& u) {
  return {{"tasks", u.tasks},
          {"report_requests", u.report_requests},
          {"plans", u.plans},
          {"users", u.users},
          {"files", u.files},
          {"children", u.children},
          {"successor_links", u.successor_links},
          {"other", u.other},
          {"deletable", !u.any()}};
}

// The organisation as stored, with its successor links and what refers to it.
Response full_organisation(Call& call, std::int64_t id, int status) {
  auto org = store::find_organisation(call.db, id);
  if (!org) return error_response(org.status());
  auto links = store::list_organisation_successors(call.db);
  if (!links) return error_response(links.status());
  auto usage = store::organisation_usage(call.db, id);
  if (!usage) return error_response(usage.status());
  Json out = organisation_json(*org);
  Json successors = Json::array();
  Json predecessors = Json::array();
  for (const auto& l : *links) {
    if (l.predecessor_id == id) successors.push_back(successor_json(l));
    if (l.successor_id == id) predecessors.push_back(successor_json(l));
  }
  out["successors"] = successors;
  out["predecessors"] = predecessors;
  out["usage"] = usage_json(*usage);
  return json_response(status, out);
}

}  // namespace

Response handle_list_organisations(Call& call) {
  auto as_of = as_of_param(call);
  if (!as_of) return error_response(as_of.status());
  auto orgs = store::list_organisations(call.db, *as_of);
  if (!orgs) return error_response(orgs.status());
  auto links = store::list_organisation_successors(call.db);
  if (!links) return error_response(links.status());
  Json list = Json::array();
  for (const auto& o : *orgs) list.push_back(organisation_json(o));
  Json successors = Json::array();
  for (const auto& l : *links) successors.push_back(successor_json(l));
  return json_response(
      200, {{"as_of", optional_json(*as_of)}, {"organisations", list}, {"successors", successors}});
}

Response handle_get_organisation(Call& call) {
  auto id = path_id(call, "organisation");
  if (!id) return error_response(id.status());
  return full_organisation(call, *id, 200);
}

Response handle_create_organisation(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  work::NewOrganisation org;
  auto name = string_member(*body, "name");
  if (!name) return error_response(name.status());
  org.name = *name;
  for (auto [field, target] : {std::pair{"kind", &org.kind}, std::pair{"level", &org.level}}) {
    if (!body->contains(field)) continue;
    auto value = string_member(*body, field);
    if (!value) return error_response(value.status());
    *target = *value;
  }
  auto short_name = optional_text(*body, "short_name");
  if (!short_name) return error_response(short_name.status());
  org.short_name = *short_name;
  if (body->contains("parent_id") && !(*body)["parent_id"].is_null()) {
    if (!(*body)["parent_id"].is_number_integer())
      return error_response(400, "invalid_argument", "parent_id must be a number or null");
    org.parent_id = (*body)["parent_id"].get<std::int64_t>();
  }
  auto id = work::create_organisation(call.db, call.app.clock, org, call.actor());
  if (!id) return error_response(id.status());
  return full_organisation(call, *id, 201);
}

// PUT /api/v1/organisations/:id — the whole editable record, with the version it started from.
Response handle_update_organisation(Call& call) {
  auto id = path_id(call, "organisation");
  if (!id) return error_response(id.status());
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  const Json& b = *body;
  work::OrganisationEdit edit;
  edit.org.id = *id;
  if (!b.contains("version") || !b["version"].is_number_integer())
    return error_response(400, "invalid_argument",
                          "version (the version you started editing from) is required");
  edit.org.version = b["version"].get<std::int64_t>();
  for (auto [field, target] : {std::pair{"name", &edit.org.name}, std::pair{"kind", &edit.org.kind},
                               std::pair{"level", &edit.org.level}}) {
    auto value = string_member(b, field);
    if (!value) return error_response(value.status());
    *target = *value;
  }
  for (auto [field, target] :
       {std::pair{"short_name", &edit.org.short_name},
        std::pair{"valid_from", &edit.org.valid_from}, std::pair{"valid_to", &edit.org.valid_to}}) {
    auto value = optional_text(b, field);
    if (!value) return error_response(value.status());
    *target = *value;
  }
  if (b.contains("parent_id") && !b["parent_id"].is_null()) {
    if (!b["parent_id"].is_number_integer())
      return error_response(400, "invalid_argument", "parent_id must be a number or null");
    edit.org.parent_id = b["parent_id"].get<std::int64_t>();
  }
  if (b.contains("aliases")) {
    if (!b["aliases"].is_array())
      return error_response(400, "invalid_argument", "aliases must be a list");
    for (const auto& a : b["aliases"]) {
      if (!a.is_object() || !a.contains("alias") || !a["alias"].is_string() ||
          (a.contains("kind") && !a["kind"].is_string()))
        return error_response(400, "invalid_argument",
                              "each alias must be {\"alias\": text, \"kind\": text}");
      std::string kind = a.value("kind", "other");
      edit.org.aliases.push_back({a["alias"].get<std::string>(), kind});
    }
  } else {
    auto current = store::find_organisation(call.db, *id);
    if (!current) return error_response(current.status());
    edit.org.aliases = current->aliases;
  }
  if (b.contains("successors")) {
    if (!b["successors"].is_array())
      return error_response(400, "invalid_argument", "successors must be a list");
    for (const auto& l : b["successors"]) {
      if (!l.is_object() || !l.contains("successor_id") || !l["successor_id"].is_number_integer() ||
          !l.contains("effective_on") || !l["effective_on"].is_string() ||
          (l.contains("scope") && !l["scope"].is_string()))
        return error_response(400, "invalid_argument",
                              "each successor must be {\"successor_id\": number, \"scope\": "
                              "text, \"effective_on\": \"YYYY-MM-DD\"}");
      edit.successors.push_back({*id, l["successor_id"].get<std::int64_t>(),
                                 l.value("scope", "all"), l["effective_on"].get<std::string>()});
    }
  } else {
    auto links = store::list_organisation_successors(call.db);
    if (!links) return error_response(links.status());
    for (const auto& l : *links)
      if (l.predecessor_id == *id) edit.successors.push_back(l);
  }
  Status s = work::update_organisation(call.db, call.app.clock, edit, call.actor());
  if (!s) return error_response(s);
  return full_organisation(call, *id, 200);
}

// DELETE /api/v1/organisations/:id — only for a body nothing refers to; 409 with `usage`
// otherwise, so the screen can offer to end its validity instead.
Response handle_delete_organisation(Call& call) {
  auto id = path_id(call, "organisation");
  if (!id) return error_response(id.status());
  Status s = work::delete_organisation(call.db, call.app.clock, *id, call.actor());
  if (s) {
    Response r;
    r.status = 204;
    return r;
  }
  if (s.code() != StatusCode::kConflict) return error_response(s);
  auto usage = store::organisation_usage(call.db, *id);
  if (!usage) return error_response(usage.status());
  return json_response(409, {{"error", {{"code", "in_use"}, {"message", s.message()}}},
                             {"usage", usage_json(*usage)},
                             {"suggestion", "end_validity"}});
}

// GET /api/v1/organisations/export?format=csv|xlsx&as_of=YYYY-MM-DD
Response handle_export_organisations(Call& call) {
  auto as_of = as_of_param(call);
  if (!as_of) return error_response(as_of.status());
  std::string format = call.request.query_param("format");
  if (format.empty()) format = "xlsx";
  if (format != "csv" && format != "xlsx")
    return error_response(400, "invalid_argument",
                          "format must be csv or xlsx, not '" + format + "'");
  auto table = work::export_registry(call.db, *as_of);
  if (!table) return error_response(table.status());
  const std::string name = "loa-co-cau-to-chuc" + (*as_of ? "-" + **as_of : "");
  if (format == "csv")
    return download_response(doc::write_csv(*table), "text/csv; charset=utf-8", name + ".csv");
  auto xlsx = doc::write_xlsx(*table, "Cơ cấu tổ chức");
  if (!xlsx) return error_response(xlsx.status());
  return download_response(std::move(*xlsx),
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           name + ".xlsx");
}

// POST /api/v1/organisations/import[?dry_run=1] — the file (CSV or XLSX) is the body.
Response handle_import_organisations(Call& call) {
  if (call.request.body.empty())
    return error_response(400, "invalid_argument", "send the CSV or XLSX file as the body");
  auto table = doc::read_table(call.request.body);
  if (!table) return error_response(table.status());
  const bool dry_run = call.request.query_param("dry_run") == "1";
  auto result = work::import_registry(call.db, call.app.clock, *table, dry_run, call.actor());
  if (!result) return error_response(result.status());
  const Json out = {{"created", result->created},
                    {"updated", result->updated},
                    {"unchanged", result->unchanged},
                    {"errors", result->errors},
                    {"ignored_columns", result->ignored_columns},
                    {"applied", result->applied},
                    {"dry_run", dry_run}};
  return json_response(result->errors.empty() ? 200 : 422, out);
}

}  // namespace loa::web
