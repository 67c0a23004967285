// Organisations added by coordinators.
#include "work/organisations.h"

#include <nlohmann/json.hpp>

#include "store/organisations.h"
#include "vi/text.h"

namespace loa::work {

namespace {

constexpr const char* kKinds[] = {
    "people_committee", "council", "department", "commune",  "ward", "special_zone",
    "district",         "press",   "party",      "mass_org", "other"};
constexpr const char* kLevels[] = {"central", "province", "district", "commune"};

std::string slug(const std::string& name) {
  std::string out;
  for (char c : vi::fold(name)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
    if (out.size() >= 48) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "org" : out;
}

}  // namespace

Result<std::int64_t> create_organisation(store::Database& db, const Clock& clock,
                                         const NewOrganisation& org, const Actor& actor) {
  auto name = vi::to_nfc(org.name);
  if (!name) return invalid_argument("name: " + name.status().message());
  std::string n = *name;
  while (!n.empty() && n.back() == ' ') n.pop_back();
  while (!n.empty() && n.front() == ' ') n.erase(0, 1);
  if (n.size() < 2 || n.size() > 600) return invalid_argument("name must be 2 to 200 characters");
  bool kind_ok = false;
  for (const char* k : kKinds) kind_ok = kind_ok || org.kind == k;
  if (!kind_ok) return invalid_argument("unknown kind '" + org.kind + "'");
  bool level_ok = false;
  for (const char* l : kLevels) level_ok = level_ok || org.level == l;
  if (!level_ok) return invalid_argument("unknown level '" + org.level + "'");

  const std::string now = format_utc(clock.now_unix());
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto existing = store::list_organisations(db, now.substr(0, 10));
  if (!existing) return existing.status();
  for (const auto& o : *existing)
    if (vi::lower(o.name) == vi::lower(n))
      return already_exists("an organisation named '" + o.name + "' exists (id " +
                            std::to_string(o.id) + ")");
  if (org.parent_id) {
    auto parent = store::find_organisation(db, *org.parent_id);
    if (!parent)
      return invalid_argument("parent: no organisation with id " + std::to_string(*org.parent_id));
  }
  store::Organisation row;
  row.name = n;
  row.short_name = org.short_name;
  row.kind = org.kind;
  row.level = org.level;
  row.parent_id = org.parent_id;
  row.valid_from = now.substr(0, 10);
  const std::string base = slug(n);
  for (int k = 1;; ++k) {
    row.code = k == 1 ? base : base + "-" + std::to_string(k);
    auto taken = store::find_organisation_by_code(db, row.code);
    if (!taken && taken.status().code() == StatusCode::kNotFound) break;
    if (!taken) return taken.status();
    if (k > 100) return internal_error("no free organisation code for '" + n + "'");
  }
  auto id = store::insert_organisation(db, row, now);
  if (!id) return id.status();
  const nlohmann::json after = {{"id", *id},
                                {"code", row.code},
                                {"name", row.name},
                                {"kind", row.kind},
                                {"level", row.level}};
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"organisation.create", "organisation", std::to_string(*id), std::nullopt, after.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

}  // namespace loa::work
