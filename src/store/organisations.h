// File: store/organisations.h
//
// The organisation registry's rows: bodies with kind, level, parent, validity dates,
// aliases and successor links. Dates are ISO "YYYY-MM-DD" strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

// Another spelling of an organisation's name; kind: abbreviation, former_name, ocr, other.
struct Alias {
  std::string text;
  std::string kind = "other";
  bool operator==(const Alias&) const = default;
};

struct Organisation {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<std::string> short_name;
  std::string kind;
  std::string level;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> valid_from;  // null: since before the records kept here
  std::optional<std::string> valid_to;
  std::vector<Alias> aliases;
  std::int64_t version = 1;  // raised by every change; edits name the version they started from
};

struct Successor {
  std::int64_t predecessor_id = 0;
  std::int64_t successor_id = 0;
  std::string scope;
  std::string effective_on;
  bool operator==(const Successor&) const = default;
};

// What refers to an organisation: a registry entry with any of these cannot be deleted
// (it ends its validity instead), so that tasks, reports and the audit trail keep their body.
struct OrganisationUsage {
  std::int64_t tasks = 0;
  std::int64_t report_requests = 0;
  std::int64_t plans = 0;
  std::int64_t users = 0;
  std::int64_t files = 0;
  std::int64_t children = 0;
  std::int64_t successor_links = 0;  // as the successor of another body
  std::int64_t other = 0;            // progress updates it wrote, reporting duties it owes
  bool any() const {
    return tasks + report_requests + plans + users + files + children + successor_links + other > 0;
  }
};

// Inserts `org` (its id and aliases are ignored) and returns the new id.
Result<std::int64_t> insert_organisation(Database& db, const Organisation& org,
                                         const std::string& created_at);
Status add_organisation_alias(Database& db, std::int64_t id, const std::string& alias,
                              const std::string& kind);
Status add_organisation_successor(Database& db, const Successor& link);

// Every organisation, with aliases, ordered by parent and name. With `as_of`, only those
// in existence on that date.
Result<std::vector<Organisation>> list_organisations(Database& db,
                                                     const std::optional<std::string>& as_of);
Result<std::vector<Successor>> list_organisation_successors(Database& db);
Result<Organisation> find_organisation(Database& db, std::int64_t id);
Result<Organisation> find_organisation_by_code(Database& db, const std::string& code);
Result<std::int64_t> count_organisations(Database& db);

// Writes every field of `org` but its aliases and code, if its stored version is still
// `org.version`, and raises the version; conflict when someone changed it in between.
Status update_organisation(Database& db, const Organisation& org, const std::string& updated_at);
Status replace_organisation_aliases(Database& db, std::int64_t id,
                                    const std::vector<Alias>& aliases);
// The links from `predecessor_id` to the bodies that took over its functions.
Status replace_organisation_successors(Database& db, std::int64_t predecessor_id,
                                       const std::vector<Successor>& links);
Result<OrganisationUsage> organisation_usage(Database& db, std::int64_t id);
// Removes the row with its aliases and outgoing successor links. The caller checks usage.
Status delete_organisation(Database& db, std::int64_t id);

}  // namespace loa::store
