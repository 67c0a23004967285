// The organisation registry: the tree, as of a date, with aliases and successor links.

#include "base/dates.h"
#include "store/organisations.h"
#include "web/handlers.h"
#include "work/organisations.h"

namespace loa::web {

namespace {
Json organisation_json(const store::Organisation& o) {
  return {{"id", o.id},
          {"code", o.code},
          {"name", o.name},
          {"short_name", o.short_name ? Json(*o.short_name) : Json(nullptr)},
          {"kind", o.kind},
          {"level", o.level},
          {"parent_id", o.parent_id ? Json(*o.parent_id) : Json(nullptr)},
          {"valid_from", o.valid_from ? Json(*o.valid_from) : Json(nullptr)},
          {"valid_to", o.valid_to ? Json(*o.valid_to) : Json(nullptr)},
          {"aliases", o.aliases}};
}

}  // namespace

Response handle_list_organisations(Call& call) {
  std::optional<std::string> as_of;
  if (std::string date = call.request.query_param("as_of"); !date.empty()) {
    if (!valid_iso_date(date)) {
      return error_response(400, "invalid_argument",
                            "as_of must be a date in the form YYYY-MM-DD, not '" + date + "'");
    }
    as_of = date;
  }
  auto orgs = store::list_organisations(call.db, as_of);
  if (!orgs) return error_response(orgs.status());
  auto links = store::list_organisation_successors(call.db);
  if (!links) return error_response(links.status());
  Json list = Json::array();
  for (const auto& o : *orgs) list.push_back(organisation_json(o));
  Json successors = Json::array();
  for (const auto& l : *links) {
    successors.push_back({{"predecessor_id", l.predecessor_id},
                          {"successor_id", l.successor_id},
                          {"scope", l.scope},
                          {"effective_on", l.effective_on}});
  }
  return json_response(200, {{"as_of", as_of ? Json(*as_of) : Json(nullptr)},
                             {"organisations", list},
                             {"successors", successors}});
}

Response handle_get_organisation(Call& call) {
  const std::string& raw = call.params.at("id");
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(raw, &used);
    if (used != raw.size()) throw std::invalid_argument(raw);
  } catch (const std::exception&) {
    return error_response(400, "invalid_argument",
                          "organisation id must be a number, not '" + raw + "'");
  }
  auto org = store::find_organisation(call.db, id);
  if (!org) return error_response(org.status());
  return json_response(200, organisation_json(*org));
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
  if (body->contains("parent_id") && !(*body)["parent_id"].is_null()) {
    if (!(*body)["parent_id"].is_number_integer())
      return error_response(400, "invalid_argument", "parent_id must be a number or null");
    org.parent_id = (*body)["parent_id"].get<std::int64_t>();
  }
  auto id = work::create_organisation(call.db, call.app.clock, org, call.actor());
  if (!id) return error_response(id.status());
  auto created = store::find_organisation(call.db, *id);
  if (!created) return error_response(created.status());
  return json_response(201, organisation_json(*created));
}

}  // namespace loa::web
