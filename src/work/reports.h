// File: work/reports.h
//
// The reports plans demand. At activation a plan's reporting duties are recorded; each duty
// then makes one report request per agency and period ("năm 2026", "quý IV/2026", …),
// period by period as their due dates come (ensure_report_requests runs at activation,
// after a fan-out and on every scheduler tick). A coordinator can also ask for a report ad
// hoc ("khi có yêu cầu"). The agency submits (text, figures, files); the coordinator returns
// it with a comment or accepts it. Requests carry versions, so a submission and a decision
// cannot cross unnoticed. Everything is audited and notified.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "store/reports.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

// One reporting period of a duty.
struct ReportPeriod {
  std::string period;  // "2026", "2026-H1", "2026-Q4", "2026-10", "once"
  std::string label;   // "năm 2026", "6 tháng đầu năm 2026", "quý IV/2026", "tháng 10/2026"
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string due_on;
};

// What the plan says about its time (from the structure).
struct PlanTime {
  std::optional<std::string> from;  // the plan's period
  std::optional<std::string> to;
  std::optional<int> year;  // the plan's year
};

// The periods for which requests are due by `today`: from the first period due on or after
// the duty's start (the plan's activation) up to the first one due on or after today; when the
// plan ended before it was activated, its last period. Empty for on_request duties.
std::vector<ReportPeriod> due_report_periods(const store::ReportDutyRow& duty, const PlanTime& time,
                                             const std::string& today);

// Records the duties of the plan's structure (inside the activation's transaction).
Status record_report_duties(store::Database& db, std::int64_t plan_id,
                            const nlohmann::json& structure, const std::string& today);

// Makes the requests that are due and do not exist yet, for one plan or all active plans,
// and notifies the agencies. How many were made.
Result<int> ensure_report_requests(store::Database& db, const Clock& clock,
                                   std::optional<std::int64_t> plan_id);

bool is_request_status(const std::string& status);
bool request_overdue(const store::ReportRequestRow& request, const std::string& today);

// Members: their organisation's requests; coordinators: also those of the plans they
// coordinate; leaders and admins: all.
Result<store::ReportRequestRow> visible_request(store::Database& db, const SignedInUser& user,
                                                std::int64_t request_id);
store::ReportRequestFilter request_scope(const SignedInUser& user);

// POST /api/v1/plans/{id}/report-requests: {"title", "due_on", "period"?, "organisation_ids"?}
// (no organisation_ids: every agency with a task in the plan). The ids of the new requests.
Result<std::vector<std::int64_t>> request_reports(store::Database& db, const Clock& clock,
                                                  const SignedInUser& user, const Actor& actor,
                                                  std::int64_t plan_id, const nlohmann::json& body);

// POST /api/v1/report-requests/{id}/submit: {"version", "text", "figures"?, "files"?}.
// The report's revision number.
Result<int> submit_report(store::Database& db, const Clock& clock, const SignedInUser& user,
                          const Actor& actor, std::int64_t request_id, const nlohmann::json& body);

// POST /api/v1/report-requests/{id}/decision: {"version", "decision": "accept"|"return",
// "comment"}. A returned report needs a comment saying what to change.
Status decide_report(store::Database& db, const Clock& clock, const SignedInUser& user,
                     const Actor& actor, std::int64_t request_id, const nlohmann::json& body);

// The figures a report form asks for, in display order, with their Vietnamese labels.
struct FigureField {
  const char* key;
  const char* label;
};
const std::vector<FigureField>& report_figure_fields();

}  // namespace loa::work
