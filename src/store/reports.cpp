// SQL for reporting duties, report requests and reports.
#include "store/reports.h"

#include <variant>

namespace loa::store {

namespace {

constexpr const char* kRequestSelect =
    "SELECT r.id, r.plan_id, r.duty_id, r.organisation_id, r.title, r.period, r.period_from, "
    "r.period_to, r.due_on, r.status, r.version, r.requested_by, r.created_at, r.updated_at, "
    "p.title, p.organisation_id, o.name FROM report_requests r JOIN plans p ON p.id = r.plan_id "
    "JOIN organisations o ON o.id = r.organisation_id";

ReportRequestRow request_from(const Statement& st) {
  ReportRequestRow r;
  r.id = st.column_int(0);
  r.plan_id = st.column_int(1);
  r.duty_id = st.column_optional_int(2);
  r.organisation_id = st.column_int(3);
  r.title = st.column_text(4);
  r.period = st.column_text(5);
  r.period_from = st.column_optional_text(6);
  r.period_to = st.column_optional_text(7);
  r.due_on = st.column_text(8);
  r.status = st.column_text(9);
  r.version = static_cast<int>(st.column_int(10));
  r.requested_by = st.column_optional_int(11);
  r.created_at = st.column_text(12);
  r.updated_at = st.column_text(13);
  r.plan_title = st.column_text(14);
  r.plan_organisation_id = st.column_int(15);
  r.organisation_name = st.column_text(16);
  return r;
}

}  // namespace

Result<std::int64_t> insert_report_duty(Database& db, const ReportDutyRow& d) {
  auto st = db.prepare(
      "INSERT INTO report_duties (plan_id, duty_no, from_text, from_organisation_id, to_text, "
      "via_text, recurrence, due, starts_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(d.plan_id, d.duty_no, d.from_text, d.from_organisation_id, d.to_text, d.via_text,
               d.recurrence, d.due, d.starts_on);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<std::vector<ReportDutyRow>> list_report_duties(Database& db,
                                                      std::optional<std::int64_t> plan_id) {
  auto st = db.prepare(
      "SELECT d.id, d.plan_id, d.duty_no, d.from_text, d.to_text, d.via_text, d.recurrence, d.due, "
      "d.starts_on, d.from_organisation_id FROM report_duties d JOIN plans p ON p.id = d.plan_id "
      "WHERE p.status = 'active' AND (? IS NULL OR d.plan_id = ?) ORDER BY d.plan_id, d.duty_no");
  if (!st) return st.status();
  st->bind_all(plan_id, plan_id);
  return collect_rows(*st, [](const Statement& s) {
    ReportDutyRow d;
    d.id = s.column_int(0);
    d.plan_id = s.column_int(1);
    d.duty_no = static_cast<int>(s.column_int(2));
    d.from_text = s.column_optional_text(3);
    d.to_text = s.column_optional_text(4);
    d.via_text = s.column_optional_text(5);
    d.recurrence = s.column_text(6);
    d.due = s.column_optional_text(7);
    d.starts_on = s.column_text(8);
    d.from_organisation_id = s.column_optional_int(9);
    return d;
  });
}

Result<std::optional<std::int64_t>> insert_report_request(Database& db, const ReportRequestRow& r) {
  auto st = db.prepare(
      "INSERT INTO report_requests (plan_id, duty_id, organisation_id, title, period, period_from, "
      "period_to, due_on, status, requested_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  if (!st) return st.status();
  st->bind_all(r.plan_id, r.duty_id, r.organisation_id, r.title, r.period, r.period_from,
               r.period_to, r.due_on, r.status, r.requested_by, r.created_at, r.updated_at);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(db.last_insert_id());
}

namespace {

using Arg = std::variant<std::int64_t, std::string>;

std::string request_conditions(const ReportRequestFilter& f, std::vector<Arg>& args) {
  std::string sql;
  if (f.viewer_organisation) {
    sql += f.viewer_coordinates ? " AND (r.organisation_id = ? OR p.organisation_id = ?)"
                                : " AND r.organisation_id = ?";
    args.emplace_back(*f.viewer_organisation);
    if (f.viewer_coordinates) args.emplace_back(*f.viewer_organisation);
  }
  if (f.plan_id) {
    sql += " AND r.plan_id = ?";
    args.emplace_back(*f.plan_id);
  }
  if (f.organisation_id) {
    sql += " AND r.organisation_id = ?";
    args.emplace_back(*f.organisation_id);
  }
  if (f.status == "overdue") {
    sql += " AND r.status IN ('pending', 'returned') AND r.due_on < ?";
    args.emplace_back(f.today);
  } else if (f.status) {
    sql += " AND r.status = ?";
    args.emplace_back(*f.status);
  }
  return sql;
}

Result<Statement> prepare_with(Database& db, const std::string& sql, const std::vector<Arg>& args) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  int index = 0;
  for (const auto& a : args) std::visit([&](const auto& v) { st->bind(++index, v); }, a);
  return st;
}

}  // namespace

Result<std::vector<ReportRequestRow>> list_report_requests(Database& db,
                                                           const ReportRequestFilter& f) {
  std::vector<Arg> args;
  std::string sql = std::string(kRequestSelect) + " WHERE 1 = 1" + request_conditions(f, args) +
                    " ORDER BY r.due_on, r.plan_id, o.name, r.id LIMIT ? OFFSET ?";
  args.emplace_back(std::int64_t{f.limit});
  args.emplace_back(std::int64_t{f.offset});
  auto st = prepare_with(db, sql, args);
  if (!st) return st.status();
  return collect_rows(*st, request_from);
}

Result<std::vector<OrganisationCount>> count_requests_by_organisation(
    Database& db, const ReportRequestFilter& f) {
  std::vector<Arg> args;
  const std::string sql =
      "SELECT r.organisation_id, o.name, COUNT(*), MIN(r.due_on) FROM report_requests r "
      "JOIN plans p ON p.id = r.plan_id JOIN organisations o ON o.id = r.organisation_id "
      "WHERE 1 = 1" +
      request_conditions(f, args) + " GROUP BY r.organisation_id";
  auto st = prepare_with(db, sql, args);
  if (!st) return st.status();
  return collect_rows(*st, [](const Statement& s) {
    return OrganisationCount{s.column_int(0), s.column_text(1), static_cast<int>(s.column_int(2)),
                             s.column_optional_text(3)};
  });
}

Result<std::vector<ReportRequestRow>> open_requests_due_by(Database& db, const std::string& iso) {
  auto st = db.prepare(std::string(kRequestSelect) +
                       " WHERE r.status IN ('pending', 'returned') AND r.due_on <= ? "
                       "AND p.status = 'active' ORDER BY r.id");
  if (!st) return st.status();
  st->bind(1, iso);
  return collect_rows(*st, request_from);
}

Result<ReportRequestRow> find_report_request(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kRequestSelect) + " WHERE r.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto rows = collect_rows(*st, request_from);
  if (!rows) return rows.status();
  if (rows->empty()) return not_found("no report request with id " + std::to_string(id));
  return std::move(rows->front());
}

Status update_report_request_status(Database& db, const ReportRequestRow& r) {
  auto st = db.prepare(
      "UPDATE report_requests SET status = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?");
  if (!st) return st.status();
  st->bind_all(r.status, r.updated_at, r.id, r.version);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) {
    return conflict("report request " + std::to_string(r.id) +
                    " was changed by someone else after version " + std::to_string(r.version) +
                    " was read");
  }
  return Status::ok();
}

Result<std::int64_t> insert_report(Database& db, const ReportRow& r) {
  auto st = db.prepare(
      "INSERT INTO reports (request_id, revision, text, figures_json, submitted_by, submitter, "
      "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(r.request_id, r.revision, r.text, r.figures_json, r.submitted_by, r.submitter,
               r.submitted_at);
  LOA_RETURN_IF_ERROR(st->run());
  return db.last_insert_id();
}

Result<std::vector<ReportRow>> list_reports(Database& db, std::int64_t request_id) {
  auto st = db.prepare(
      "SELECT id, request_id, revision, text, figures_json, submitted_by, submitter, submitted_at, "
      "decision, comment, decided_by, decided_at FROM reports WHERE request_id = ? "
      "ORDER BY revision");
  if (!st) return st.status();
  st->bind(1, request_id);
  return collect_rows(*st, [](const Statement& s) {
    ReportRow r;
    r.id = s.column_int(0);
    r.request_id = s.column_int(1);
    r.revision = static_cast<int>(s.column_int(2));
    r.text = s.column_text(3);
    r.figures_json = s.column_text(4);
    r.submitted_by = s.column_optional_int(5);
    r.submitter = s.column_text(6);
    r.submitted_at = s.column_text(7);
    r.decision = s.column_optional_text(8);
    r.comment = s.column_optional_text(9);
    r.decided_by = s.column_optional_int(10);
    r.decided_at = s.column_optional_text(11);
    return r;
  });
}

Status decide_report(Database& db, const ReportRow& r) {
  auto st = db.prepare(
      "UPDATE reports SET decision = ?, comment = ?, decided_by = ?, decided_at = ? "
      "WHERE id = ? AND decision IS NULL");
  if (!st) return st.status();
  st->bind_all(r.decision, r.comment, r.decided_by, r.decided_at, r.id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return conflict("report " + std::to_string(r.id) + " was decided already");
  return Status::ok();
}

}  // namespace loa::store
