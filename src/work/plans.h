// File: work/plans.h
//
// Plans in Loa's workflow: a coordinator uploads the plan document; Loa reads it (doc/reader),
// understands it (doc/plan), matches its agencies to the registry (doc/agencies) and stores it
// as a draft. She corrects what Loa got wrong, confirms the agencies, and activates it: one
// task per assignment item, for the work-tracking part of Loa. Documents marked secret are
// refused: they must not be stored on this system. Every change is audited.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "doc/agencies.h"
#include "doc/plan.h"
#include "doc/reader.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::vi {
class Restorer;
}

namespace loa::work {

// The OCR repair the import uses: one restorer shared by the server's threads.
struct Repairer {
  vi::Restorer* restorer = nullptr;  // null: OCR text is stored as the engine gave it
  std::mutex* mutex = nullptr;       // held while the restorer runs
};

struct PlanUpload {
  std::string file_name;  // as the user's computer called it; only its last part is kept
  std::string bytes;
};

struct ImportResult {
  std::int64_t plan_id = 0;
  doc::Plan plan;
};

// The organisation registry as doc/agencies resolves against.
Result<doc::Registry> load_registry(store::Database& db);

// Reads, parses and resolves the upload without storing anything (`loa plan parse`, and
// the import's first half). invalid_argument for unreadable files; failed_precondition for a
// document marked secret; the text comes back in `text` either way when it could be read.
struct ReadPlan {
  doc::DocumentText text;
  doc::Plan plan;
};
Result<ReadPlan> read_plan(store::Database* db, const PlanUpload& upload, const Repairer& repair,
                           const doc::ReadLimits& limits = {});

// Why a plan that was read must not be stored: marked secret, or not a plan at all.
struct Refusal {
  std::string code;     // "secret_document" or "not_a_plan"
  std::string message;  // English, for logs and the command line
};
std::optional<Refusal> refusal(const doc::Plan& plan);

// Stores what read_plan read as a draft owned by `organisation_id`, with its audit record.
Result<std::int64_t> store_plan(store::Database& db, const Clock& clock, const ReadPlan& read,
                                const std::string& file_name, std::int64_t organisation_id,
                                const Actor& actor);

// read_plan, refusal and store_plan: failed_precondition (nothing stored) when refused.
Result<ImportResult> import_plan(store::Database& db, const Clock& clock, const PlanUpload& upload,
                                 std::int64_t organisation_id, const Actor& actor,
                                 const Repairer& repair, const doc::ReadLimits& limits = {});

// Replaces a draft's structure with the coordinator's corrected one (the JSON of
// docs/plan-schema.md). invalid_argument naming the first wrong field; failed_precondition
// when the plan is no longer a draft.
Status update_plan(store::Database& db, const Clock& clock, std::int64_t plan_id,
                   const nlohmann::ordered_json& structure, const Actor& actor);

// Activates a draft: one task per assignment item. failed_precondition naming the agencies
// not yet matched to an organisation (groups of agencies excepted).
Result<int> activate_plan(store::Database& db, const Clock& clock, std::int64_t plan_id,
                          const Actor& actor);

// The structure checked and cleaned: NFC text, known roles, dates in ISO form.
Result<nlohmann::ordered_json> validate_structure(const nlohmann::ordered_json& structure);

}  // namespace loa::work
