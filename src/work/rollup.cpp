// Plan matrix and overdue dashboard.
#include "work/rollup.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/dates.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "store/reports.h"
#include "store/tasks.h"
#include "work/reports.h"
#include "work/tasks.h"

namespace loa::work {

using Json = nlohmann::json;

namespace {

Json optional_json(const auto& value) { return value ? Json(*value) : Json(nullptr); }

std::int64_t days_late(const std::string& due_on, const std::string& today) {
  auto due = day_number(due_on);
  auto now = day_number(today);
  return due && now ? *now - *due : 0;
}

struct Counts {
  int total = 0, not_started = 0, in_progress = 0, done = 0, cannot_do = 0, overdue = 0;
  void add(const std::string& status, bool late) {
    ++total;
    if (status == "not_started") ++not_started;
    if (status == "in_progress") ++in_progress;
    if (status == "done") ++done;
    if (status == "cannot_do") ++cannot_do;
    if (late) ++overdue;
  }
  Json json() const {
    return {{"total", total},
            {"not_started", not_started},
            {"in_progress", in_progress},
            {"done", done},
            {"cannot_do", cannot_do},
            {"overdue", overdue},
            {"completion", total ? static_cast<double>(done) / total : 0.0}};
  }
};

struct ReportCounts {
  int total = 0, pending = 0, submitted = 0, returned = 0, accepted = 0, overdue = 0;
  void add(const std::string& status, bool late) {
    ++total;
    if (status == "pending") ++pending;
    if (status == "submitted") ++submitted;
    if (status == "returned") ++returned;
    if (status == "accepted") ++accepted;
    if (late) ++overdue;
  }
  Json json() const {
    return {{"total", total},       {"pending", pending},   {"submitted", submitted},
            {"returned", returned}, {"accepted", accepted}, {"overdue", overdue}};
  }
};

}  // namespace

Result<Json> plan_matrix(store::Database& db, const SignedInUser& user, std::int64_t plan_id,
                         const std::string& today) {
  auto plan = store::find_plan(db, plan_id);
  if (!plan) return plan.status();
  store::TaskFilter filter;
  filter.scope = task_scope(user.role);
  filter.viewer_organisation = user.organisation_id;
  filter.plan_id = plan_id;
  filter.limit = 1000000;
  auto tasks = store::list_tasks(db, filter);
  if (!tasks) return tasks.status();
  if (tasks->empty() && user.role == Role::kMember) {
    auto visible = store::plan_visible_to(db, plan_id, user.organisation_id);
    if (!visible) return visible.status();
    if (!*visible) return not_found("no plan with id " + std::to_string(plan_id));
  }
  auto request_filter = request_scope(user);
  request_filter.plan_id = plan_id;
  request_filter.limit = 1000000;
  auto requests = store::list_report_requests(db, request_filter);
  if (!requests) return requests.status();

  // Columns: the plan's own tasks (not the fanned-out copies), in plan order.
  std::vector<const store::TaskRow*> ordered;
  for (const auto& t : *tasks) ordered.push_back(&t);
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->assignment_no, a->task_no, a->id) <
           std::tie(b->assignment_no, b->task_no, b->id);
  });
  Json columns = Json::array();
  std::map<std::pair<int, int>, int> column_of;
  for (const auto* t : ordered) {
    if (t->parent_id) continue;
    if (!column_of.emplace(std::pair{t->assignment_no, t->task_no}, columns.size()).second)
      continue;
    columns.push_back(
        {{"assignment_no", t->assignment_no},
         {"task_no", t->task_no},
         {"label", std::to_string(t->assignment_no) + "." + std::to_string(t->task_no)},
         {"agency", t->agency},
         {"role", t->role},
         {"group", !t->organisation_id},
         {"text", t->text}});
  }
  struct Row {
    std::string name;
    Json cells = Json::array();
    Json reports = Json::array();
    Counts counts;
    ReportCounts report_counts;
  };
  std::map<std::int64_t, Row> rows;
  Counts totals;
  ReportCounts report_totals;
  for (const auto* t : ordered) {
    if (!t->organisation_id) continue;  // a group: its members' rows show it
    Row& row = rows[*t->organisation_id];
    row.name = t->organisation_name.value_or(t->agency);
    const bool late = task_overdue(*t, today);
    row.counts.add(t->status, late);
    totals.add(t->status, late);
    auto column = column_of.find({t->assignment_no, t->task_no});
    row.cells.push_back({{"column", column == column_of.end() ? -1 : column->second},
                         {"task_id", t->id},
                         {"status", t->status},
                         {"overdue", late},
                         {"progress", t->progress},
                         {"due_on", optional_json(t->due_on)}});
  }
  for (const auto& r : *requests) {
    Row& row = rows[r.organisation_id];
    row.name = r.organisation_name;
    const bool late = request_overdue(r, today);
    row.report_counts.add(r.status, late);
    report_totals.add(r.status, late);
    row.reports.push_back({{"request_id", r.id},
                           {"title", r.title},
                           {"period", r.period},
                           {"status", r.status},
                           {"due_on", r.due_on},
                           {"overdue", late}});
  }
  Json out_rows = Json::array();
  for (auto& [id, row] : rows) {
    out_rows.push_back({{"organisation_id", id},
                        {"name", row.name},
                        {"cells", std::move(row.cells)},
                        {"reports", std::move(row.reports)},
                        {"tasks", row.counts.json()},
                        {"report_counts", row.report_counts.json()}});
  }
  // The laggards first: most overdue, then least complete, then by name.
  std::sort(out_rows.begin(), out_rows.end(), [](const Json& a, const Json& b) {
    const int la = a["tasks"]["overdue"].get<int>() + a["report_counts"]["overdue"].get<int>();
    const int lb = b["tasks"]["overdue"].get<int>() + b["report_counts"]["overdue"].get<int>();
    if (la != lb) return la > lb;
    const double ca = a["tasks"]["completion"], cb = b["tasks"]["completion"];
    if (ca != cb) return ca < cb;
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  return Json{{"plan",
               {{"id", plan->id},
                {"title", plan->title},
                {"document_id", optional_json(plan->document_id)},
                {"status", plan->status}}},
              {"today", today},
              {"columns", columns},
              {"rows", out_rows},
              {"tasks", totals.json()},
              {"reports", report_totals.json()}};
}

Result<Json> overdue_dashboard(store::Database& db, const SignedInUser& user,
                               const std::string& today) {
  constexpr int kListed = 100;  // items listed of each kind, the latest first
  store::TaskFilter filter;
  filter.scope = task_scope(user.role);
  filter.viewer_organisation = user.organisation_id;
  filter.status = "overdue";
  filter.today = today;
  filter.include_groups = false;  // a group's late tasks show through its members'
  filter.limit = kListed;
  auto task_counts = store::count_tasks_by_organisation(db, filter);
  if (!task_counts) return task_counts.status();
  auto tasks = store::list_tasks(db, filter);  // by due date: the latest first
  if (!tasks) return tasks.status();
  auto request_filter = request_scope(user);
  request_filter.status = "overdue";
  request_filter.today = today;
  request_filter.limit = kListed;
  auto request_counts = store::count_requests_by_organisation(db, request_filter);
  if (!request_counts) return request_counts.status();
  auto requests = store::list_report_requests(db, request_filter);
  if (!requests) return requests.status();

  struct Group {
    std::string name;
    int tasks = 0;
    int reports = 0;
    std::int64_t most_days_late = 0;
  };
  std::map<std::int64_t, Group> groups;
  int tasks_overdue = 0;
  int reports_overdue = 0;
  for (const auto& c : *task_counts) {
    Group& g = groups[c.organisation_id];
    g.name = c.name;
    g.tasks = c.count;
    tasks_overdue += c.count;
    if (c.earliest_due)
      g.most_days_late = std::max(g.most_days_late, days_late(*c.earliest_due, today));
  }
  for (const auto& c : *request_counts) {
    Group& g = groups[c.organisation_id];
    g.name = c.name;
    g.reports = c.count;
    reports_overdue += c.count;
    if (c.earliest_due)
      g.most_days_late = std::max(g.most_days_late, days_late(*c.earliest_due, today));
  }
  Json task_list = Json::array();
  for (const auto& t : *tasks)
    task_list.push_back({{"id", t.id},
                         {"plan_id", t.plan_id},
                         {"plan_title", t.plan_title},
                         {"organisation_id", *t.organisation_id},
                         {"organisation", t.organisation_name.value_or(t.agency)},
                         {"text", t.text},
                         {"status", t.status},
                         {"due_on", *t.due_on},
                         {"days_late", days_late(*t.due_on, today)}});
  Json report_list = Json::array();
  for (const auto& r : *requests)
    report_list.push_back({{"id", r.id},
                           {"plan_id", r.plan_id},
                           {"plan_title", r.plan_title},
                           {"organisation_id", r.organisation_id},
                           {"organisation", r.organisation_name},
                           {"title", r.title},
                           {"status", r.status},
                           {"due_on", r.due_on},
                           {"days_late", days_late(r.due_on, today)}});
  Json by_organisation = Json::array();
  for (const auto& [id, g] : groups)
    by_organisation.push_back({{"organisation_id", id},
                               {"name", g.name},
                               {"tasks_overdue", g.tasks},
                               {"reports_overdue", g.reports},
                               {"most_days_late", g.most_days_late}});
  std::sort(by_organisation.begin(), by_organisation.end(), [](const Json& a, const Json& b) {
    const int la = a["tasks_overdue"].get<int>() + a["reports_overdue"].get<int>();
    const int lb = b["tasks_overdue"].get<int>() + b["reports_overdue"].get<int>();
    if (la != lb) return la > lb;
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  return Json{{"today", today},
              {"tasks_overdue", tasks_overdue},
              {"reports_overdue", reports_overdue},
              {"by_organisation", by_organisation},
              {"tasks", task_list},
              {"reports", report_list}};
}

namespace {

// Which level a report comes from, for the roll-up: the communes (xã, phường, đặc khu) or the
// city's own departments and bodies.
std::string rollup_level(const store::Organisation* o) {
  if (o == nullptr) return "other";
  if (o->level == "commune") return "commune";
  if (o->level == "province") return "province";
  return "other";
}

struct FigureSums {
  std::map<std::string, double> accepted;
  std::map<std::string, double> submitted;  // accepted, and submitted but not yet decided
  int requests = 0, accepted_count = 0, submitted_count = 0, returned = 0, pending = 0, overdue = 0;

  void add_request(const store::ReportRequestRow& r, const Json& figures, bool overdue_now) {
    ++requests;
    if (r.status == "accepted") ++accepted_count;
    if (r.status == "submitted") ++submitted_count;
    if (r.status == "returned") ++returned;
    if (r.status == "pending") ++pending;
    if (overdue_now) ++overdue;
    if (r.status != "accepted" && r.status != "submitted") return;
    for (const auto& f : report_figure_fields()) {
      if (!figures.contains(f.key) || !figures[f.key].is_number()) continue;
      const double v = figures[f.key].get<double>();
      submitted[f.key] += v;
      if (r.status == "accepted") accepted[f.key] += v;
    }
  }

  Json json() const {
    // Counts stay whole numbers in the JSON ("47", not "47.0").
    auto number = [](const std::map<std::string, double>& sums, const char* key) {
      const double v = sums.contains(key) ? sums.at(key) : 0.0;
      return v == std::floor(v) ? Json(static_cast<std::int64_t>(v)) : Json(v);
    };
    Json a = Json::object(), s = Json::object();
    for (const auto& f : report_figure_fields()) {
      a[f.key] = number(accepted, f.key);
      s[f.key] = number(submitted, f.key);
    }
    return {{"requests", requests},  {"accepted", accepted_count}, {"submitted", submitted_count},
            {"returned", returned},  {"pending", pending},         {"overdue", overdue},
            {"figures_accepted", a}, {"figures_submitted", s}};
  }
};

// The roll-up of one plan's report requests the caller sees: per period, per level, per
// organisation.
Result<Json> plan_report_sums(store::Database& db, const SignedInUser& user, std::int64_t plan_id,
                              const std::string& today,
                              const std::map<std::int64_t, const store::Organisation*>& orgs) {
  auto filter = request_scope(user);
  filter.plan_id = plan_id;
  filter.limit = 1000000;
  auto requests = store::list_report_requests(db, filter);
  if (!requests) return requests.status();
  struct Period {
    std::string from;
    FigureSums total;
    std::map<std::string, FigureSums> levels;
    Json organisations = Json::array();
  };
  std::map<std::string, Period> periods;
  for (const auto& r : *requests) {
    Json figures = Json::object();
    std::optional<std::int64_t> report_id;
    if (r.status == "accepted" || r.status == "submitted") {
      auto reports = store::list_reports(db, r.id);
      if (!reports) return reports.status();
      if (!reports->empty()) {
        figures = Json::parse(reports->back().figures_json, nullptr, false);
        if (!figures.is_object()) figures = Json::object();
        report_id = reports->back().id;
      }
    }
    const bool late = (r.status == "pending" || r.status == "returned") && r.due_on < today;
    auto it = orgs.find(r.organisation_id);
    const std::string level = rollup_level(it == orgs.end() ? nullptr : it->second);
    Period& p = periods[r.period];
    if (p.from.empty() || (r.period_from && *r.period_from < p.from))
      p.from = r.period_from.value_or("");
    p.total.add_request(r, figures, late);
    p.levels[level].add_request(r, figures, late);
    p.organisations.push_back({{"request_id", r.id},
                               {"organisation_id", r.organisation_id},
                               {"organisation", r.organisation_name},
                               {"level", level},
                               {"status", r.status},
                               {"overdue", late},
                               {"due_on", r.due_on},
                               {"figures", figures}});
  }
  Json out = Json::array();
  for (auto& [name, p] : periods) {
    Json levels = Json::object();
    for (const auto& [level, sums] : p.levels) levels[level] = sums.json();
    out.push_back({{"period", name},
                   {"period_from", p.from},
                   {"total", p.total.json()},
                   {"levels", levels},
                   {"organisations", p.organisations}});
  }
  // The latest period first.
  std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
    return a["period_from"].get<std::string>() > b["period_from"].get<std::string>();
  });
  return out;
}

}  // namespace

Result<Json> report_rollup(store::Database& db, const SignedInUser& user, std::int64_t plan_id,
                           const std::string& today) {
  auto plan = store::find_plan(db, plan_id);
  if (!plan) return plan.status();
  if (user.role == Role::kMember) {
    auto visible = store::plan_visible_to(db, plan_id, user.organisation_id);
    if (!visible) return visible.status();
    if (!*visible) return not_found("no plan with id " + std::to_string(plan_id));
  }
  auto registry = store::list_organisations(db, std::nullopt);
  if (!registry) return registry.status();
  std::map<std::int64_t, const store::Organisation*> orgs;
  for (const auto& o : *registry) orgs[o.id] = &o;

  auto own = plan_report_sums(db, user, plan_id, today, orgs);
  if (!own) return own.status();
  Json fields = Json::array();
  for (const auto& f : report_figure_fields())
    fields.push_back({{"key", f.key}, {"label", f.label}});

  // The plans that implement this one (a commune's plan under the city's): their reports,
  // as far as the caller sees them, feed this view.
  Json children = Json::array();
  if (plan->document_id) {
    auto implementing = store::plans_implementing(db, *plan->document_id);
    if (!implementing) return implementing.status();
    for (const auto& link : *implementing) {
      if (link.plan_id == plan_id) continue;
      auto child = store::find_plan(db, link.plan_id);
      if (!child) return child.status();
      auto sums = plan_report_sums(db, user, link.plan_id, today, orgs);
      if (!sums) return sums.status();
      if (sums->empty()) continue;
      auto issuer = orgs.find(child->organisation_id);
      children.push_back(
          {{"plan",
            {{"id", link.plan_id},
             {"title", link.title},
             {"document_id", link.document_id ? Json(*link.document_id) : Json(nullptr)},
             {"organisation", issuer == orgs.end() ? "" : issuer->second->name},
             {"level", rollup_level(issuer == orgs.end() ? nullptr : issuer->second)}}},
           {"periods", *sums}});
    }
  }
  return Json{{"plan_id", plan_id},
              {"today", today},
              {"fields", fields},
              {"periods", *own},
              {"children", children}};
}

}  // namespace loa::work
