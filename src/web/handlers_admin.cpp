// Administration: user accounts and the audit log (admin role only; see app.cpp).
#include "base/dates.h"
#include "doc/spreadsheet.h"
#include "store/audit.h"
#include "store/users.h"
#include "web/handlers.h"
#include "work/users.h"

namespace loa::web {

Response handle_list_users(Call& call) {
  auto users = store::list_users(call.db);
  if (!users) return error_response(users.status());
  Json list = Json::array();
  for (const auto& u : *users) {
    list.push_back({{"id", u.id},
                    {"username", u.username},
                    {"display_name", u.display_name},
                    {"organisation_id", u.organisation_id},
                    {"role", u.role},
                    {"active", u.active},
                    {"created_at", u.created_at}});
  }
  return json_response(200, {{"users", list}});
}

Response handle_create_user(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  work::NewUser user;
  for (auto [field, target] :
       {std::pair{"username", &user.username}, std::pair{"organisation", &user.organisation_code},
        std::pair{"role", &user.role}, std::pair{"password", &user.password}}) {
    auto value = string_member(*body, field);
    if (!value) return error_response(value.status());
    *target = *value;
  }
  if (body->contains("display_name")) {
    auto name = string_member(*body, "display_name");
    if (!name) return error_response(name.status());
    user.display_name = *name;
  }
  auto id = work::create_user(call.db, call.app.clock, user, call.actor());
  if (!id) return error_response(id.status());
  return json_response(201, {{"id", *id}, {"username", user.username}});
}

// GET /api/v1/audit?user=&action=&entity=&entity_id=&from=&to=&before=&limit=&format=csv
Response handle_list_audit(Call& call) {
  store::AuditFilter f;
  for (auto [key, target] : {std::pair{"user", &f.username},
                             {"action", &f.action},
                             {"entity", &f.entity},
                             {"entity_id", &f.entity_id}}) {
    if (std::string v = call.request.query_param(key); !v.empty()) *target = v;
  }
  for (auto [key, target] : {std::pair{"from", &f.from}, {"to", &f.to}}) {
    std::string v = call.request.query_param(key);
    if (v.empty()) continue;
    if (!valid_iso_date(v))
      return error_response(
          400, "invalid_argument",
          std::string(key) + " must be a date such as 2026-11-23, not '" + v + "'");
    *target = v;
  }
  const bool csv = call.request.query_param("format") == "csv";
  auto limit = query_number(call, "limit", 1, csv ? 100000 : 1000);
  if (!limit) return error_response(limit.status());
  auto before = query_number(call, "before", 1, INT64_MAX >> 1);
  if (!before) return error_response(before.status());
  f.limit = static_cast<int>(limit->value_or(csv ? 100000 : 100));
  f.before_id = *before;
  auto rows = store::list_audit(call.db, f);
  if (!rows) return error_response(rows.status());
  if (csv) {
    doc::Table table{{"id", "at", "username", "organisation_id", "action", "entity", "entity_id",
                      "before", "after", "remote_addr", "request_id"}};
    for (const auto& a : *rows) {
      table.push_back({std::to_string(a.id), a.at, a.username.value_or(""),
                       a.organisation_id ? std::to_string(*a.organisation_id) : "", a.action,
                       a.entity, a.entity_id.value_or(""), a.before_json.value_or(""),
                       a.after_json.value_or(""), a.remote_addr.value_or(""),
                       a.request_id.value_or("")});
    }
    return download_response(doc::write_csv(table), "text/csv; charset=utf-8", "loa-audit.csv");
  }
  Json list = Json::array();
  for (const auto& a : *rows) {
    list.push_back({{"id", a.id},
                    {"at", a.at},
                    {"user_id", optional_json(a.user_id)},
                    {"username", optional_json(a.username)},
                    {"organisation_id", optional_json(a.organisation_id)},
                    {"action", a.action},
                    {"entity", a.entity},
                    {"entity_id", optional_json(a.entity_id)},
                    {"before", a.before_json ? Json::parse(*a.before_json) : Json(nullptr)},
                    {"after", a.after_json ? Json::parse(*a.after_json) : Json(nullptr)},
                    {"remote_addr", optional_json(a.remote_addr)},
                    {"request_id", optional_json(a.request_id)}});
  }
  return json_response(200, {{"entries", list}});
}

}  // namespace loa::web
