// Reporting duties → report requests per agency and period; submission and decision.
#include "work/reports.h"

#include <algorithm>

#include "base/dates.h"
#include "doc/agencies.h"
#include "store/files.h"
#include "store/plans.h"
#include "store/tasks.h"
#include "work/input.h"
#include "work/notify.h"
#include "work/plans.h"

namespace loa::work {

using Json = nlohmann::json;

namespace {

constexpr std::size_t kMaxReportText = 200000;  // bytes: some 60 pages of text
constexpr int kMaxPeriods = 400;

int year_of(const std::string& iso) { return std::stoi(iso.substr(0, 4)); }

// The day `day` of a month, clamped to the month's end ("31" in June → 30).
std::string day_in_month(int year, int month, int day) {
  const std::string last = month_end(year, month);
  const int last_day = std::stoi(last.substr(8));
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year % 10000, month % 100,
                std::min(day, last_day) % 100);
  return out;
}

// "MM-DD" → {month, day}.
std::optional<std::pair<int, int>> month_day(const std::optional<std::string>& due) {
  if (!due || due->size() != 5 || (*due)[2] != '-') return std::nullopt;
  if (!valid_iso_date("2000-" + *due)) return std::nullopt;
  return std::pair{std::stoi(due->substr(0, 2)), std::stoi(due->substr(3, 2))};
}

const char* kRoman[] = {"I", "II", "III", "IV"};

std::vector<ReportPeriod> all_periods(const store::ReportDutyRow& duty, const PlanTime& time,
                                      const std::string& today) {
  std::vector<ReportPeriod> out;
  const int first_year = time.from   ? year_of(*time.from)
                         : time.year ? *time.year
                                     : year_of(duty.starts_on);
  const int last_year = time.to ? year_of(*time.to) : std::max(year_of(today), first_year) + 1;
  const auto md = month_day(duty.due);
  const std::string& r = duty.recurrence;
  if (r == "on_request") return out;
  if (r == "once") {
    std::string due;
    if (duty.due && valid_iso_date(*duty.due)) {
      due = *duty.due;
    } else if (md) {
      due = day_in_month(time.year.value_or(first_year), md->first, md->second);
    } else if (time.to) {
      due = *time.to;
    } else {
      due = std::to_string(time.year.value_or(first_year)) + "-12-31";
    }
    out.push_back({"once", "kỳ báo cáo của Kế hoạch", time.from, time.to, due});
    return out;
  }
  for (int y = first_year; y <= last_year && static_cast<int>(out.size()) < kMaxPeriods; ++y) {
    const std::string ys = std::to_string(y);
    if (r == "yearly" || r == "periodic") {
      const std::string due = md ? day_in_month(y, md->first, md->second) : ys + "-12-31";
      out.push_back({ys, "năm " + ys, ys + "-01-01", ys + "-12-31", due});
    } else if (r == "half_yearly") {
      for (int h = 0; h < 2; ++h) {
        const int end_month = 6 * (h + 1);
        // A yearly day such as 10/12 is the second half's; the first half's is six months
        // earlier.
        const std::string due =
            md ? day_in_month(y, end_month, md->second) : month_end(y, end_month);
        out.push_back({ys + "-H" + std::to_string(h + 1),
                       (h == 0 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + ys,
                       day_in_month(y, 6 * h + 1, 1), month_end(y, end_month), due});
      }
    } else if (r == "quarterly") {
      for (int q = 0; q < 4; ++q) {
        const int end_month = 3 * (q + 1);
        const std::string due =
            md ? day_in_month(y, end_month, md->second) : month_end(y, end_month);
        out.push_back({ys + "-Q" + std::to_string(q + 1),
                       std::string("quý ") + kRoman[q] + "/" + ys, day_in_month(y, 3 * q + 1, 1),
                       month_end(y, end_month), due});
      }
    } else if (r == "monthly") {
      for (int m = 1; m <= 12; ++m) {
        const std::string due = md ? day_in_month(y, m, md->second) : month_end(y, m);
        char key[16];
        std::snprintf(key, sizeof key, "%04d-%02d", y % 10000, m % 100);
        out.push_back({key, "tháng " + std::to_string(m) + "/" + ys, day_in_month(y, m, 1),
                       month_end(y, m), due});
      }
    }
  }
  // Periods outside the plan's own period are not asked for.
  std::erase_if(out, [&](const ReportPeriod& p) {
    return (time.from && p.to && *p.to < *time.from) || (time.to && p.from && *p.from > *time.to);
  });
  return out;
}

std::string request_link(std::int64_t id) { return "/reports/" + std::to_string(id); }

Result<int> required_version(const Json& body) {
  if (!body.contains("version") || !body["version"].is_number_integer())
    return invalid_argument("version is required: the version of the report request you read");
  return body["version"].get<int>();
}

Status check_version(const store::ReportRequestRow& r, int version) {
  if (version == r.version) return Status::ok();
  return conflict("report request " + std::to_string(r.id) + " was changed (now " + r.status +
                  ", version " + std::to_string(r.version) + ") after you read version " +
                  std::to_string(version) + ": reload it");
}

}  // namespace

const std::vector<FigureField>& report_figure_fields() {
  static const std::vector<FigureField> fields = {
      {"articles_published", "Số tin, bài đã đăng"},
      {"broadcasts", "Số chương trình phát thanh, truyền hình"},
      {"online_posts", "Số bài đăng trên cổng thông tin, mạng xã hội"},
      {"publications", "Số ấn phẩm, tài liệu phát hành"},
      {"events_held", "Số hội nghị, sự kiện tổ chức"},
      {"trainings", "Số lớp tập huấn, bồi dưỡng"},
      {"people_reached", "Số lượt người được tiếp cận"},
  };
  return fields;
}

std::vector<ReportPeriod> due_report_periods(const store::ReportDutyRow& duty, const PlanTime& time,
                                             const std::string& today) {
  std::vector<ReportPeriod> periods = all_periods(duty, time, today);
  if (periods.empty()) return periods;
  std::vector<ReportPeriod> out;
  for (const auto& p : periods) {
    if (p.due_on < duty.starts_on) continue;
    out.push_back(p);
    if (p.due_on >= today) break;  // the next one due: asked for ahead
  }
  if (out.empty()) out.push_back(periods.back());  // activated after the plan ended
  return out;
}

bool is_request_status(const std::string& s) {
  return s == "pending" || s == "submitted" || s == "returned" || s == "accepted";
}

bool request_overdue(const store::ReportRequestRow& r, const std::string& today) {
  return (r.status == "pending" || r.status == "returned") && r.due_on < today;
}

Status record_report_duties(store::Database& db, std::int64_t plan_id, const Json& structure,
                            const std::string& today) {
  if (!structure.contains("reporting") || !structure["reporting"].is_array()) return Status::ok();
  auto registry = load_registry(db);
  if (!registry) return registry.status();
  const std::string date = structure.contains("document") && structure["document"].is_object() &&
                                   structure["document"].value("date", Json()).is_string()
                               ? structure["document"]["date"].get<std::string>()
                               : std::string();
  int duty_no = 0;
  for (const auto& r : structure["reporting"]) {
    store::ReportDutyRow d;
    d.plan_id = plan_id;
    d.duty_no = ++duty_no;
    auto text = [&](const char* key) -> std::optional<std::string> {
      if (r.contains(key) && r[key].is_string()) return r[key].get<std::string>();
      return std::nullopt;
    };
    d.from_text = text("from");
    d.to_text = text("to");
    d.via_text = text("via");
    d.recurrence = text("recurrence").value_or("once");
    d.due = text("due");
    d.starts_on = today;
    if (d.from_text && !doc::is_agency_group(*d.from_text)) {
      if (auto match = doc::resolve_agency(*d.from_text, *registry, date))
        d.from_organisation_id = match->organisation_id;
    }
    auto id = store::insert_report_duty(db, d);
    if (!id) return id.status();
  }
  return Status::ok();
}

Result<int> ensure_report_requests(store::Database& db, const Clock& clock,
                                   std::optional<std::int64_t> plan_id) {
  const std::string today = vietnam_today(clock.now_unix());
  const std::string now = format_utc(clock.now_unix());
  auto duties = store::list_report_duties(db, plan_id);
  if (!duties) return duties.status();
  int made = 0;
  std::optional<store::PlanRow> plan;
  for (const auto& duty : *duties) {
    if (duty.recurrence == "on_request") continue;
    if (!plan || plan->id != duty.plan_id) {
      auto found = store::find_plan(db, duty.plan_id);
      if (!found) return found.status();
      plan = std::move(*found);
    }
    std::vector<std::int64_t> organisations;
    if (duty.from_organisation_id) {
      organisations.push_back(*duty.from_organisation_id);
    } else {
      auto all = store::plan_task_organisations(db, duty.plan_id);
      if (!all) return all.status();
      for (auto id : *all)
        if (id != plan->organisation_id) organisations.push_back(id);
    }
    const PlanTime time{plan->period_from, plan->period_to, plan->year};
    for (const auto& period : due_report_periods(duty, time, today)) {
      for (auto organisation_id : organisations) {
        store::ReportRequestRow r;
        r.plan_id = duty.plan_id;
        r.duty_id = duty.id;
        r.organisation_id = organisation_id;
        r.title = "Báo cáo " + period.label;
        r.period = period.period;
        r.period_from = period.from;
        r.period_to = period.to;
        r.due_on = period.due_on;
        r.created_at = r.updated_at = now;
        auto id = store::insert_report_request(db, r);
        if (!id) return id.status();
        if (!*id) continue;
        ++made;
        auto sent =
            notify_organisation(db, clock, organisation_id,
                                {"report.requested", r.title + " (hạn " + period.due_on + ")",
                                 plan->title, request_link(**id), std::nullopt});
        if (!sent) return sent.status();
      }
    }
  }
  return made;
}

store::ReportRequestFilter request_scope(const SignedInUser& user) {
  store::ReportRequestFilter f;
  if (user.role == Role::kMember || user.role == Role::kCoordinator) {
    f.viewer_organisation = user.organisation_id;
    f.viewer_coordinates = user.role == Role::kCoordinator;
  }
  return f;
}

Result<store::ReportRequestRow> visible_request(store::Database& db, const SignedInUser& user,
                                                std::int64_t request_id) {
  auto r = store::find_report_request(db, request_id);
  if (!r) return r.status();
  const auto scope = request_scope(user);
  if (scope.viewer_organisation && r->organisation_id != user.organisation_id &&
      !(scope.viewer_coordinates && r->plan_organisation_id == user.organisation_id)) {
    return not_found("no report request with id " + std::to_string(request_id));
  }
  return r;
}

Result<std::vector<std::int64_t>> request_reports(store::Database& db, const Clock& clock,
                                                  const SignedInUser& user, const Actor& actor,
                                                  std::int64_t plan_id, const Json& body) {
  if (!body.is_object()) return invalid_argument("the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "title" && key != "due_on" && key != "period" && key != "organisation_ids")
      return invalid_argument("unknown field '" + key + "'");
  if (!body.contains("title")) return invalid_argument("title is required");
  auto title = clean_text(body["title"], "title", 500);
  if (!title) return title.status();
  if (title->empty()) return invalid_argument("title must not be empty");
  if (!body.contains("due_on") || !body["due_on"].is_string() ||
      !valid_iso_date(body["due_on"].get<std::string>()))
    return invalid_argument("due_on must be a date such as 2026-12-10");
  const std::string due_on = body["due_on"];
  const std::string today = vietnam_today(clock.now_unix());
  if (due_on < today) return invalid_argument("due_on " + due_on + " is in the past");
  if (*day_number(due_on) > *day_number(today) + std::int64_t{3} * 366)
    return invalid_argument("due_on " + due_on + " is more than three years ahead");
  std::string period = "ad-hoc-" + today;
  if (body.contains("period")) {
    auto p = clean_text(body["period"], "period", 200);
    if (!p) return p.status();
    if (!p->empty()) period = *p;
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto plan = store::find_plan(db, plan_id);
  if (!plan) return plan.status();
  if (user.role != Role::kCoordinator || plan->organisation_id != user.organisation_id)
    return permission_denied("only the coordinators of the plan's organisation ask for reports");
  if (plan->status != "active")
    return failed_precondition("plan " + std::to_string(plan_id) + " is " + plan->status);
  auto with_tasks = store::plan_task_organisations(db, plan_id);
  if (!with_tasks) return with_tasks.status();
  std::vector<std::int64_t> organisations;
  if (body.contains("organisation_ids")) {
    const Json& ids = body["organisation_ids"];
    if (!ids.is_array() || ids.empty())
      return invalid_argument("organisation_ids must be a list of organisation ids");
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!ids[i].is_number_integer() || std::find(with_tasks->begin(), with_tasks->end(),
                                                   ids[i].get<std::int64_t>()) == with_tasks->end())
        return invalid_argument("organisation_ids[" + std::to_string(i) +
                                "] is not an organisation with a task in this plan");
      organisations.push_back(ids[i].get<std::int64_t>());
    }
  } else {
    for (auto id : *with_tasks)
      if (id != plan->organisation_id) organisations.push_back(id);
  }
  const std::string now = format_utc(clock.now_unix());
  std::vector<std::int64_t> made;
  for (auto organisation_id : organisations) {
    store::ReportRequestRow r;
    r.plan_id = plan_id;
    r.organisation_id = organisation_id;
    r.title = *title;
    r.period = period;
    r.due_on = due_on;
    r.requested_by = user.id;
    r.created_at = r.updated_at = now;
    auto id = store::insert_report_request(db, r);
    if (!id) return id.status();
    if (!*id) continue;
    made.push_back(**id);
    auto sent = notify_organisation(db, clock, organisation_id,
                                    {"report.requested", *title + " (hạn " + due_on + ")",
                                     plan->title, request_link(**id), std::nullopt});
    if (!sent) return sent.status();
  }
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"report.request", "plan", std::to_string(plan_id), std::nullopt,
       Json{{"title", *title}, {"due_on", due_on}, {"period", period}, {"request_ids", made}}
           .dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return made;
}

Result<int> submit_report(store::Database& db, const Clock& clock, const SignedInUser& user,
                          const Actor& actor, std::int64_t request_id, const Json& body) {
  if (!body.is_object()) return invalid_argument("the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "version" && key != "text" && key != "figures" && key != "files")
      return invalid_argument("unknown field '" + key + "'");
  auto version = required_version(body);
  if (!version) return version.status();
  if (!body.contains("text")) return invalid_argument("text is required: the report itself");
  auto text = clean_text(body["text"], "text", kMaxReportText);
  if (!text) return text.status();
  if (text->empty()) return invalid_argument("text must not be empty");
  Json figures = Json::object();
  if (body.contains("figures") && !body["figures"].is_null()) {
    if (!body["figures"].is_object()) return invalid_argument("figures must be an object");
    for (const auto& item : body["figures"].items()) {
      const std::string& key = item.key();
      const Json& value = item.value();
      const auto& fields = report_figure_fields();
      if (std::none_of(fields.begin(), fields.end(),
                       [&key](const FigureField& f) { return key == f.key; }))
        return invalid_argument("figures." + key + " is not a figure the report asks for");
      if (value.is_null()) continue;
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
          value.get<std::int64_t>() > 1000000000)
        return invalid_argument("figures." + key + " must be a whole number from 0 to 1000000000");
      figures[key] = value;
    }
  }
  std::vector<std::int64_t> files;
  if (body.contains("files")) {
    if (!body["files"].is_array() || body["files"].size() > 20)
      return invalid_argument("files must be a list of at most 20 file ids");
    for (std::size_t i = 0; i < body["files"].size(); ++i) {
      if (!body["files"][i].is_number_integer())
        return invalid_argument("files[" + std::to_string(i) + "] must be a file id");
      files.push_back(body["files"][i].get<std::int64_t>());
    }
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto request = visible_request(db, user, request_id);
  if (!request) return request.status();
  if (request->organisation_id != user.organisation_id ||
      (user.role != Role::kMember && user.role != Role::kCoordinator))
    return permission_denied("only " + request->organisation_name + " submits this report");
  if (request->status == "submitted")
    return failed_precondition("the report was submitted already and awaits the coordinator");
  if (request->status == "accepted") return failed_precondition("the report was accepted already");
  LOA_RETURN_IF_ERROR(check_version(*request, *version));
  auto earlier = store::list_reports(db, request_id);
  if (!earlier) return earlier.status();
  const std::string now = format_utc(clock.now_unix());
  store::ReportRow report;
  report.request_id = request_id;
  report.revision = static_cast<int>(earlier->size()) + 1;
  report.text = *text;
  report.figures_json = figures.dump();
  report.submitted_by = user.id;
  report.submitter = user.display_name;
  report.submitted_at = now;
  auto report_id = store::insert_report(db, report);
  if (!report_id) return report_id.status();
  if (!files.empty())
    LOA_RETURN_IF_ERROR(store::attach_files(db, files, user.organisation_id, "report", *report_id));
  const std::string before = request->status;
  request->status = "submitted";
  request->updated_at = now;
  LOA_RETURN_IF_ERROR(store::update_report_request_status(db, *request));
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"report.submit", "report_request", std::to_string(request_id),
                                     Json{{"status", before}}.dump(),
                                     Json{{"status", "submitted"},
                                          {"revision", report.revision},
                                          {"figures", figures},
                                          {"files", files}}
                                         .dump()}));
  auto sent = notify_coordinators(
      db, clock, request->plan_organisation_id,
      {"report.submitted", request->organisation_name + " đã gửi " + request->title,
       request->plan_title, request_link(request_id), std::nullopt});
  if (!sent) return sent.status();
  LOA_RETURN_IF_ERROR(tx.commit());
  return report.revision;
}

Status decide_report(store::Database& db, const Clock& clock, const SignedInUser& user,
                     const Actor& actor, std::int64_t request_id, const Json& body) {
  if (!body.is_object()) return invalid_argument("the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "version" && key != "decision" && key != "comment")
      return invalid_argument("unknown field '" + key + "'");
  auto version = required_version(body);
  if (!version) return version.status();
  if (!body.contains("decision") || (body["decision"] != "accept" && body["decision"] != "return"))
    return invalid_argument("decision must be accept or return");
  const bool accept = body["decision"] == "accept";
  std::string comment;
  if (body.contains("comment") && !body["comment"].is_null()) {
    auto c = clean_text(body["comment"], "comment", 20000);
    if (!c) return c.status();
    comment = *c;
  }
  if (!accept && comment.empty())
    return invalid_argument("comment is required when returning a report: say what to change");
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto request = visible_request(db, user, request_id);
  if (!request) return request.status();
  if (user.role != Role::kCoordinator || request->plan_organisation_id != user.organisation_id)
    return permission_denied("only the coordinators of the plan's organisation decide on reports");
  if (request->status != "submitted")
    return failed_precondition("there is no submitted report to decide on (the request is " +
                               request->status + ")");
  LOA_RETURN_IF_ERROR(check_version(*request, *version));
  auto reports = store::list_reports(db, request_id);
  if (!reports) return reports.status();
  if (reports->empty()) return internal_error("submitted request without a report");
  const std::string now = format_utc(clock.now_unix());
  store::ReportRow latest = reports->back();
  latest.decision = accept ? "accepted" : "returned";
  if (!comment.empty()) latest.comment = comment;
  latest.decided_by = user.id;
  latest.decided_at = now;
  LOA_RETURN_IF_ERROR(store::decide_report(db, latest));
  request->status = *latest.decision;
  request->updated_at = now;
  LOA_RETURN_IF_ERROR(store::update_report_request_status(db, *request));
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {accept ? "report.accept" : "report.return", "report_request", std::to_string(request_id),
       Json{{"status", "submitted"}}.dump(),
       Json{{"status", request->status}, {"revision", latest.revision}, {"comment", comment}}
           .dump()}));
  auto sent = notify_organisation(
      db, clock, request->organisation_id,
      {accept ? "report.accepted" : "report.returned",
       request->title + (accept ? " đã được chấp nhận" : " bị trả lại để bổ sung"),
       comment.empty() ? request->plan_title : comment, request_link(request_id), std::nullopt});
  if (!sent) return sent.status();
  return tx.commit();
}

}  // namespace loa::work
