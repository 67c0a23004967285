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
  std::vector<std::string> aliases;
};

struct Successor {
  std::int64_t predecessor_id = 0;
  std::int64_t successor_id = 0;
  std::string scope;
  std::string effective_on;
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

}  // namespace loa::store
