// Work-tracking read latency at city scale (docs/BENCHMARKS.md): a database with 114 communes,
// 40 departments, 50 active plans and 20,000 tasks (a third of them late) and their yearly
// report requests; then the plan matrix, the overdue dashboard and the task lists are asked
// for through Loa's HTTP application in-process (routing, session, permission checks, SQL,
// JSON; no sockets) and the latencies printed as p50/p95/max.
//
//   build/release/bench/work_bench [--requests N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/dates.h"
#include "store/migrations.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "store/pool.h"
#include "store/reports.h"
#include "store/tasks.h"
#include "web/app.h"
#include "work/auth.h"
#include "work/demo.h"
#include "work/users.h"

namespace {

using namespace loa;
using Json = nlohmann::json;

constexpr int kCommunes = 114;
constexpr int kDepartments = 40;
constexpr int kPlans = 50;
constexpr int kTasks = 20000;

[[noreturn]] void die(const Status& s) {
  std::fprintf(stderr, "work_bench: %s\n", s.to_string().c_str());
  std::exit(1);
}

template <typename T>
T check(Result<T> r) {
  if (!r) die(r.status());
  return std::move(*r);
}

void check(const Status& s) {
  if (!s) die(s);
}

struct Fixture {
  std::vector<std::int64_t> agencies;  // departments and communes
  std::vector<std::int64_t> plans;
  std::int64_t member_org = 0;
};

Fixture build(store::Database& db, const Clock& clock) {
  Fixture f;
  check(work::seed_demo_data(db, clock));
  store::Transaction tx(db);
  check(tx.begin());
  const std::string now = format_utc(clock.now_unix());
  for (int i = 0; i < kDepartments + kCommunes; ++i) {
    store::Organisation o;
    const bool commune = i >= kDepartments;
    o.code = (commune ? "xa-" : "so-") + std::to_string(i);
    o.name = (commune ? "Xã Số " : "Sở Số ") + std::to_string(i);
    o.kind = commune ? "commune" : "department";
    o.level = commune ? "commune" : "province";
    f.agencies.push_back(check(store::insert_organisation(db, o, now)));
  }
  f.member_org = f.agencies[3];
  auto coordinator = check(store::find_organisation_by_code(db, "svhttdl-hp"));
  std::mt19937 random(42);
  const char* statuses[] = {"not_started", "in_progress", "done", "cannot_do"};
  for (int p = 0; p < kPlans; ++p) {
    store::PlanRow plan;
    plan.organisation_id = coordinator.id;
    plan.status = "active";
    plan.document_id = std::to_string(100 + p) + "/KH-UBND";
    plan.year = 2025 + p % 2;
    plan.title = "Kế hoạch tuyên truyền số " + std::to_string(p);
    plan.period_from = std::to_string(*plan.year) + "-01-01";
    plan.period_to = std::to_string(*plan.year) + "-12-31";
    plan.source_name = "plan.txt";
    plan.source_format = "text";
    plan.source_text = plan.title;
    plan.structure_json = "{}";
    plan.created_at = plan.updated_at = now;
    const std::int64_t id = check(store::insert_plan(db, plan));
    f.plans.push_back(id);
    store::ReportDutyRow duty;
    duty.plan_id = id;
    duty.duty_no = 1;
    duty.recurrence = "yearly";
    duty.due = "12-10";
    duty.starts_on = *plan.period_from;
    const std::int64_t duty_id = check(store::insert_report_duty(db, duty));
    // 400 tasks per plan over 8 assignments of 50 tasks, each to a different agency mix.
    const int per_plan = kTasks / kPlans;
    std::vector<bool> owes(f.agencies.size(), false);
    for (int k = 0; k < per_plan; ++k) {
      store::TaskRow t;
      t.plan_id = id;
      t.assignment_no = k / 50 + 1;
      t.task_no = k % 50 + 1;
      const std::size_t agency = random() % f.agencies.size();
      owes[agency] = true;
      t.organisation_id = f.agencies[agency];
      t.agency = "Cơ quan " + std::to_string(agency);
      t.role = k % 5 == 0 ? "lead" : (k % 5 == 1 ? "cooperate" : "implement");
      t.text = "Tuyên truyền nội dung " + std::to_string(k) + " của kế hoạch trên các phương tiện";
      t.due_on =
          iso_from_day(*day_number("2025-03-01") + static_cast<std::int64_t>(random() % 900));
      t.status = statuses[random() % 4];
      t.created_at = t.updated_at = now;
      check(store::insert_task(db, t));
    }
    for (std::size_t a = 0; a < owes.size(); ++a) {
      if (!owes[a]) continue;
      store::ReportRequestRow r;
      r.plan_id = id;
      r.duty_id = duty_id;
      r.organisation_id = f.agencies[a];
      r.title = "Báo cáo năm " + std::to_string(*plan.year);
      r.period = std::to_string(*plan.year);
      r.due_on = std::to_string(*plan.year) + "-12-10";
      r.status = a % 3 == 0 ? "accepted" : "pending";
      r.created_at = r.updated_at = now;
      const auto request_id = check(store::insert_report_request(db, r));
      if (r.status == "accepted" && request_id) {
        store::ReportRow report;
        report.request_id = *request_id;
        report.revision = 1;
        report.text = "Kết quả thực hiện kế hoạch năm " + r.period;
        report.figures_json =
            R"({"articles_published": 12, "events_held": 3, "people_reached": 5000})";
        report.submitter = "Cán bộ";
        report.submitted_at = now;
        report.decision = "accept";
        check(store::insert_report(db, report));
      }
    }
  }
  check(tx.commit());
  check(work::create_user(db, clock, {"so3", "Cán bộ Sở Số 3", "so-3", "member", "mật-khẩu-đủ-dài"},
                          work::Actor::command_line()));
  return f;
}

class Client {
 public:
  Client(web::Application& app, const std::string& user, const std::string& password) : app_(app) {
    web::Response r =
        send("POST", "/api/v1/auth/login", Json{{"username", user}, {"password", password}}.dump());
    if (r.status != 200) die(internal_error("sign-in of " + user + " failed: " + r.body));
    const std::string set_cookie(r.header("Set-Cookie"));
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  }

  web::Response send(const std::string& method, const std::string& target,
                     const std::string& body = "") {
    web::Request r;
    r.method = method;
    r.target = target;
    const auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    r.body = body;
    r.remote_addr = "127.0.0.1";
    r.request_id = "bench";
    r.headers.emplace_back("content-type", "application/json");
    if (!cookie_.empty()) r.headers.emplace_back("cookie", cookie_);
    return app_.handle(r);
  }

 private:
  web::Application& app_;
  std::string cookie_;
};

void measure(Client& client, const std::string& label, const std::vector<std::string>& targets,
             int requests) {
  std::vector<double> ms;
  std::size_t bytes = 0;
  for (int i = 0; i < requests; ++i) {
    const std::string& target = targets[static_cast<std::size_t>(i) % targets.size()];
    const auto start = std::chrono::steady_clock::now();
    web::Response r = client.send("GET", target);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (r.status != 200) die(internal_error(target + " answered " + std::to_string(r.status)));
    bytes += r.body.size();
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))];
  };
  std::printf("%-46s %5d %9.2f %9.2f %9.2f %9zu\n", label.c_str(), requests, at(0.5), at(0.95),
              ms.back(), bytes / ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  int requests = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--requests") requests = std::max(20, std::atoi(argv[i + 1]));
  char dir_template[] = "/tmp/loa-work-bench-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string path = dir + "/loa.db";
  ManualClock clock(*day_number("2026-11-23") * 86400 + std::int64_t{3} * 3600);
  const auto t0 = std::chrono::steady_clock::now();
  Fixture fixture;
  {
    auto db = check(store::Database::open(path));
    check(store::migrate(*db));
    fixture = build(*db, clock);
  }
  const double build_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto pool = check(store::Pool::open(path, 2));
  work::AuthService auth(clock, {});
  web::Metrics metrics;
  web::Application app({*pool, auth, metrics, nullptr, clock, {}});
  Client coordinator(app, "coordinator", "loa-demo-2025");
  Client leader(app, "leader", "loa-demo-2025");
  Client member(app, "so3", "mật-khẩu-đủ-dài");
  std::printf("work_bench: %d communes, %d departments, %d plans, %d tasks (built in %.1f s)\n",
              kCommunes, kDepartments, kPlans, kTasks, build_s);
  std::printf("%-46s %5s %9s %9s %9s %9s\n", "request", "n", "p50 ms", "p95 ms", "max ms", "bytes");
  std::vector<std::string> matrices;
  for (auto id : fixture.plans)
    matrices.push_back("/api/v1/plans/" + std::to_string(id) + "/matrix");
  measure(coordinator, "GET /plans/{id}/matrix (coordinator)", matrices, requests);
  measure(leader, "GET /plans/{id}/matrix (leader)", matrices, requests);
  std::vector<std::string> rollups;
  for (auto id : fixture.plans)
    rollups.push_back("/api/v1/plans/" + std::to_string(id) + "/report-rollup");
  measure(coordinator, "GET /plans/{id}/report-rollup (coordinator)", rollups, requests);
  measure(coordinator, "GET /overdue (coordinator: all 50 plans)", {"/api/v1/overdue"}, requests);
  measure(leader, "GET /overdue (leader)", {"/api/v1/overdue"}, requests);
  measure(member, "GET /overdue (member of one department)", {"/api/v1/overdue"}, requests);
  measure(member, "GET /tasks?mine=1 (member)", {"/api/v1/tasks?mine=1"}, requests);
  measure(coordinator, "GET /tasks?status=overdue (coordinator, 200)",
          {"/api/v1/tasks?status=overdue"}, requests);
  measure(coordinator, "GET /report-requests?status=overdue",
          {"/api/v1/report-requests?status=overdue"}, requests);
  if (std::getenv("LOA_BENCH_KEEP") == nullptr)
    std::filesystem::remove_all(dir);
  else
    std::printf("database kept: %s\n", path.c_str());
  return 0;
}
