// File: store/reports.h
//
// The reports plans demand: the duties read from a plan ("báo cáo … trước ngày 10/12 hằng
// năm"), the requests they generate per agency and period (or a coordinator asks for ad hoc),
// and every submission of a report with the coordinator's decision on it. A request carries a
// version, like a task, so a submission and a decision cannot cross unnoticed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"
#include "store/tasks.h"

namespace loa::store {

struct ReportDutyRow {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  int duty_no = 0;
  std::optional<std::string> from_text;
  std::optional<std::int64_t> from_organisation_id;
  std::optional<std::string> to_text;
  std::optional<std::string> via_text;
  std::string recurrence;
  std::optional<std::string> due;
  std::string starts_on;
};

struct ReportRequestRow {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::optional<std::int64_t> duty_id;
  std::int64_t organisation_id = 0;
  std::string title;
  std::string period;
  std::optional<std::string> period_from;
  std::optional<std::string> period_to;
  std::string due_on;
  std::string status = "pending";
  int version = 1;
  std::optional<std::int64_t> requested_by;
  std::string created_at;
  std::string updated_at;
  // Joined (read only).
  std::string plan_title;
  std::int64_t plan_organisation_id = 0;
  std::string organisation_name;
};

struct ReportRow {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  int revision = 0;
  std::string text;
  std::string figures_json = "{}";
  std::optional<std::int64_t> submitted_by;
  std::string submitter;
  std::string submitted_at;
  std::optional<std::string> decision;
  std::optional<std::string> comment;
  std::optional<std::int64_t> decided_by;
  std::optional<std::string> decided_at;
};

Result<std::int64_t> insert_report_duty(Database& db, const ReportDutyRow& duty);
// Duties of active plans (plan_id: of that plan only).
Result<std::vector<ReportDutyRow>> list_report_duties(Database& db,
                                                      std::optional<std::int64_t> plan_id);

// Inserts the request unless its duty already has one for that organisation and period;
// the new id, or nullopt when it existed.
Result<std::optional<std::int64_t>> insert_report_request(Database& db,
                                                          const ReportRequestRow& request);

struct ReportRequestFilter {
  // Visibility: nullopt sees all; else the organisation's own requests, plus (coordinator)
  // those of plans the organisation owns.
  std::optional<std::int64_t> viewer_organisation;
  bool viewer_coordinates = false;
  std::optional<std::int64_t> plan_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> status;  // a stored status, or "overdue"
  std::string today;
  int limit = 200;
  int offset = 0;
};
Result<std::vector<ReportRequestRow>> list_report_requests(Database& db,
                                                           const ReportRequestFilter& filter);
// Requests not yet submitted or returned for changes, of active plans, due on or before `iso`.
Result<std::vector<ReportRequestRow>> open_requests_due_by(Database& db, const std::string& iso);
Result<ReportRequestRow> find_report_request(Database& db, std::int64_t id);
// How many of the filtered requests each organisation has, with the earliest due date.
Result<std::vector<OrganisationCount>> count_requests_by_organisation(
    Database& db, const ReportRequestFilter& filter);
// Sets status and updated_at, raising the version, only if the stored version is still
// `request.version`; conflict otherwise.
Status update_report_request_status(Database& db, const ReportRequestRow& request);

Result<std::int64_t> insert_report(Database& db, const ReportRow& report);
Result<std::vector<ReportRow>> list_reports(Database& db, std::int64_t request_id);
Status decide_report(Database& db, const ReportRow& report);

}  // namespace loa::store
