// Loads the demo organisation tree and accounts into an empty database.
#include "work/demo.h"

#include <map>
#include <nlohmann/json.hpp>

#include "store/organisations.h"
#include "vi/text.h"
#include "work/audit.h"
#include "work/users.h"

namespace loa::work {

namespace {
std::optional<std::string> optional_string(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<std::string>();
}

Status load_organisations(store::Database& db, const Clock& clock, const nlohmann::json& data) {
  std::map<std::string, std::int64_t> ids;
  const std::string now = format_utc(clock.now_unix());
  for (const auto& o : data.at("organisations")) {
    store::Organisation org;
    org.code = o.at("code").get<std::string>();
    auto name = vi::to_nfc(o.at("name").get<std::string>());
    if (!name) return invalid_argument("demo data: name of '" + org.code + "' is not UTF-8");
    org.name = *name;
    org.short_name = optional_string(o, "short_name");
    org.kind = o.at("kind").get<std::string>();
    org.level = o.at("level").get<std::string>();
    if (auto parent = optional_string(o, "parent")) {
      auto it = ids.find(*parent);
      if (it == ids.end())
        return invalid_argument("demo data: parent '" + *parent + "' of '" + org.code +
                                "' must come before it");
      org.parent_id = it->second;
    }
    org.valid_from = optional_string(o, "valid_from");
    org.valid_to = optional_string(o, "valid_to");
    auto id = store::insert_organisation(db, org, now);
    if (!id)
      return Status(id.status().code(),
                    "demo data, organisation '" + org.code + "': " + id.status().message());
    ids[org.code] = *id;
    if (o.contains("aliases")) {
      for (const auto& alias : o["aliases"]) {
        LOA_RETURN_IF_ERROR(store::add_organisation_alias(db, *id, alias.at(0).get<std::string>(),
                                                          alias.at(1).get<std::string>()));
      }
    }
  }
  for (const auto& s : data.at("successors")) {
    auto from = ids.find(s.at("predecessor").get<std::string>());
    auto to = ids.find(s.at("successor").get<std::string>());
    if (from == ids.end() || to == ids.end()) {
      return invalid_argument("demo data: successor link names an unknown organisation");
    }
    LOA_RETURN_IF_ERROR(store::add_organisation_successor(
        db, {from->second, to->second, s.at("scope").get<std::string>(),
             s.at("effective_on").get<std::string>()}));
  }
  return record_change(db, clock, Actor::command_line(),
                       {"registry.seed_demo", "organisation", std::nullopt, std::nullopt,
                        nlohmann::json{{"organisations", ids.size()}}.dump()});
}
}  // namespace

Result<DemoSeed> seed_demo_data(store::Database& db, const Clock& clock) {
  auto count = store::count_organisations(db);
  if (!count) return count.status();
  DemoSeed result;
  const auto data = nlohmann::json::parse(demo_data_json());
  result.password = data.at("password").get<std::string>();
  for (const auto& u : data.at("users")) {
    result.accounts.push_back({u.at("username").get<std::string>(), u.at("role").get<std::string>(),
                               u.at("organisation").get<std::string>()});
  }
  if (*count > 0) return result;

  {
    store::Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    LOA_RETURN_IF_ERROR(load_organisations(db, clock, data));
    LOA_RETURN_IF_ERROR(tx.commit());
  }
  for (const auto& u : data.at("users")) {
    NewUser user{u.at("username").get<std::string>(), u.at("display_name").get<std::string>(),
                 u.at("organisation").get<std::string>(), u.at("role").get<std::string>(),
                 result.password};
    auto id = create_user(db, clock, user, Actor::command_line());
    if (!id) return id.status();
  }
  result.seeded = true;
  return result;
}

}  // namespace loa::work
