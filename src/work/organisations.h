// File: work/organisations.h
//
// Adding an organisation to the registry: what a coordinator does when a plan names an agency
// the registry does not know yet (doc/agencies.h proposes it; nothing is created silently).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::work {

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

}  // namespace loa::work
