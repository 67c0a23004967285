// Administration: user accounts and the audit log (admin role only; see app.cpp).
#include "store/audit.h"
#include "store/users.h"
#include "web/handlers.h"
#include "work/users.h"

namespace loa::web {

namespace {
Json optional_json(const auto& value) { return value ? Json(*value) : Json(nullptr); }
}  // namespace

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

Response handle_list_audit(Call& call) {
  int limit = 100;
  if (std::string raw = call.request.query_param("limit"); !raw.empty()) {
    try {
      std::size_t used = 0;
      limit = std::stoi(raw, &used);
      if (used != raw.size()) limit = -1;
    } catch (const std::exception&) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      return error_response(400, "invalid_argument", "limit must be a number from 1 to 1000");
    }
  }
  auto rows = store::list_audit(call.db, limit);
  if (!rows) return error_response(rows.status());
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
