// File: work/organisations.h
//
// Keeping the organisation registry: adding a body (what a coordinator does when a plan
// names an agency the registry does not know; doc/agencies.h proposes it), editing one,
// ending its validity, deleting one nothing refers to, and exchanging the whole registry
// with a spreadsheet (CSV or XLSX). Every change is checked, versioned and audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "doc/spreadsheet.h"
#include "store/database.h"
#include "store/organisations.h"
#include "work/audit.h"

namespace loa::work {

// The codes of the registry's vocabularies, as the organisations table checks them.
bool valid_organisation_kind(const std::string& kind);
bool valid_organisation_level(const std::string& level);
bool valid_alias_kind(const std::string& kind);

struct NewOrganisation {
  std::string name;            // NFC, 2–200 characters
  std::string kind = "other";  // as in the organisations table
  std::string level = "province";
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> short_name;
};

// Creates it with a code made from its name ("Trung tâm Sáng tạo Số" → "trung-tam-sang-tao-so",
// numbered when taken) and an audit record. invalid_argument names the wrong field;
// already_exists when an organisation of that name exists now.
Result<std::int64_t> create_organisation(store::Database& db, const Clock& clock,
                                         const NewOrganisation& org, const Actor& actor);

// Everything an administrator edits about one organisation. `org.version` is the version
// the edit started from; `successors` are the bodies that took over its functions (their
// predecessor_id is ignored). The code never changes: other systems and files refer to it.
struct OrganisationEdit {
  store::Organisation org;
  std::vector<store::Successor> successors;
};

// invalid_argument names the wrong field (unknown kind, a parent that would make a cycle,
// valid_to before valid_from, a successor that is itself …); conflict when the stored version
// moved on; not_found for an unknown id.
Status update_organisation(store::Database& db, const Clock& clock, const OrganisationEdit& edit,
                           const Actor& actor);

// Deletes an organisation that nothing refers to (one added by mistake). When tasks, reports,
// plans, users, files or other bodies refer to it, conflict says which and that its validity
// should be ended instead (update_organisation with valid_to), so nothing loses its body.
Status delete_organisation(store::Database& db, const Clock& clock, std::int64_t id,
                           const Actor& actor);

// The registry as a table: one row per organisation, parents before children, the columns
// registry_columns() names (codes for kind, level, parents and successors).
Result<doc::Table> export_registry(store::Database& db, const std::optional<std::string>& as_of);

struct RegistryImport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> errors;           // "row 7, column 'Cấp (level)': unknown level 'x'"
  std::vector<std::string> ignored_columns;  // headers that are not registry columns
  bool applied = false;                      // false for a dry run or when there are errors
};

// Applies a table shaped like export_registry's (header row first; columns may be in any
// order, headed by their code or Vietnamese name; an absent column leaves that field as it
// is). Rows are matched to organisations by code; a row without a code adds a body. All or
// nothing: with any error nothing is stored, and every error is listed (up to 100). With
// `dry_run`, the counts are computed and nothing is stored.
Result<RegistryImport> import_registry(store::Database& db, const Clock& clock,
                                       const doc::Table& table, bool dry_run, const Actor& actor);

}  // namespace loa::work
