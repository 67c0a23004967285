// Work tracking on a real `loa serve --demo`: a coordinator activates a plan; agencies see
// only their own tasks (and, cooperating, the lead's), report progress with evidence under
// version checks, submit yearly reports that the coordinator returns and accepts; group
// tasks are given out; the matrix and the overdue dashboard show the state. Every rule about
// who may read or change what is tried from the side of the one who may not.
#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "doc/spreadsheet.h"
#include "support/demo_server.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

int this_year() {
  const std::time_t now = std::time(nullptr) + 7 * 3600;  // Vietnam's date
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

// A yearly external-information plan for `year`: a lead (Sở Ngoại vụ), two cooperating
// agencies (Đặc khu Cát Hải, Sở Tài chính), a group (communes), a yearly report due 10/12.
std::string plan_text(int year) {
  const std::string y = std::to_string(year);
  return "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 21/KH-UBND\n"
         "Hải Phòng, ngày 05 tháng 3 năm " +
         y + "\n\nKẾ HOẠCH\nThông tin đối ngoại năm " + y +
         "\n\nỦy ban nhân dân thành phố ban hành Kế hoạch như sau:\n\n"
         "I. MỤC ĐÍCH, YÊU CẦU\nQuảng bá hình ảnh thành phố ra thế giới.\n\n"
         "II. TỔ CHỨC THỰC HIỆN\n"
         "1. Sở Ngoại vụ\n"
         "a) Chủ trì tổ chức đón các đoàn phóng viên nước ngoài.\n"
         "b) Chủ trì xây dựng tài liệu giới thiệu thành phố bằng tiếng Anh.\n"
         "2. Đặc khu Cát Hải\n"
         "Phối hợp với Sở Ngoại vụ đón đoàn phóng viên nước ngoài đến đặc khu.\n"
         "3. Sở Tài chính\nBố trí kinh phí thực hiện Kế hoạch.\n"
         "4. Các xã, phường, đặc khu\n"
         "Tuyên truyền về công tác thông tin đối ngoại trên hệ thống thông tin cơ sở.\n\n"
         "III. CHẾ ĐỘ BÁO CÁO\n"
         "Các sở, ban, ngành, địa phương báo cáo kết quả thực hiện về Ủy ban nhân dân thành "
         "phố (qua Sở Văn hóa, Thể thao và Du lịch) trước ngày 10/12 hằng năm.\n\n"
         "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n";
}

class WorkApiTest : public DemoServerTest {
 protected:
  // The plan uploaded and activated by the coordinator; its id.
  int activated_plan(HttpClient& coordinator, int year) {
    auto r = coordinator.request(
        "POST", "/api/v1/plans?name=ke-hoach.txt", plan_text(year),
        {{"Content-Type", "text/plain"}, {"X-CSRF-Token", coordinator.csrf_token}});
    EXPECT_EQ(r.status, 201) << r.body;
    const int id = Json::parse(r.body)["id"];
    auto a = coordinator.post_json("/api/v1/plans/" + std::to_string(id) + "/activate", "{}");
    EXPECT_EQ(a.status, 200) << a.body;
    return id;
  }

  std::map<std::string, int> organisation_ids(HttpClient& c) {
    std::map<std::string, int> out;
    const Json registry = Json::parse(c.get("/api/v1/organisations").body);
    for (const auto& o : registry["organisations"]) out[o["code"]] = o["id"];
    return out;
  }

  static HttpResponse upload_file(HttpClient& c, const std::string& name,
                                  const std::string& bytes) {
    return c.request(
        "POST", "/api/v1/files?name=" + name, bytes,
        {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", c.csrf_token}});
  }

  static Json tasks(HttpClient& c, const std::string& query = "") {
    auto r = c.get("/api/v1/tasks" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body)["tasks"];
  }
};

TEST_F(WorkApiTest, AgenciesSeeAndChangeOnlyTheirOwnTasks) {
  HttpClient coordinator = signed_in("coordinator");
  const int year = this_year() + 1;
  const int plan = activated_plan(coordinator, year);
  const auto org = organisation_ids(coordinator);

  HttpClient ngoaivu = signed_in("ngoaivu");    // Sở Ngoại vụ: the lead
  HttpClient cat_hai = signed_in("member");     // Đặc khu Cát Hải: cooperates
  HttpClient taichinh = signed_in("taichinh");  // Sở Tài chính: cooperates
  HttpClient leader = signed_in("leader");

  Json own = tasks(ngoaivu, "?mine=1");
  ASSERT_EQ(own.size(), 2U) << own.dump();
  EXPECT_EQ(own[0]["status"], "not_started");
  EXPECT_EQ(own[0]["organisation_id"], org.at("sngv-hp"));
  EXPECT_EQ(own[0]["due_on"], std::to_string(year) + "-12-31");  // the plan's end
  EXPECT_FALSE(own[0]["overdue"]);
  const std::string lead_task = std::to_string(own[0]["id"].get<int>());

  // Cát Hải sees its own task and the lead's (it cooperates), never Sở Tài chính's.
  Json seen = tasks(cat_hai);
  // … and the same list as a workbook: a header and the same rows, in Vietnamese.
  auto sheet = cat_hai.get("/api/v1/tasks?format=xlsx");
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_NE(sheet.header("content-disposition").find("loa-nhiem-vu-"), std::string::npos);
  auto rows = doc::read_table(sheet.body);
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), seen.size() + 1);
  EXPECT_EQ((*rows)[0][0], "Kế hoạch");
  EXPECT_EQ((*rows)[1][7], "Chưa triển khai");
  EXPECT_EQ(cat_hai.get("/api/v1/tasks?format=xlsx&status=nonsense").status, 400);
  ASSERT_EQ(seen.size(), 3U) << seen.dump();
  Json cat_hai_own = tasks(cat_hai, "?mine=1");
  ASSERT_EQ(cat_hai_own.size(), 1U);
  const std::string cat_hai_task = std::to_string(cat_hai_own[0]["id"].get<int>());
  const std::string finance_task = std::to_string(tasks(taichinh, "?mine=1")[0]["id"].get<int>());
  EXPECT_EQ(cat_hai.get("/api/v1/tasks/" + finance_task).status, 404);
  EXPECT_EQ(taichinh.get("/api/v1/tasks/" + cat_hai_task).status, 404);
  EXPECT_EQ(taichinh
                .post_json("/api/v1/tasks/" + cat_hai_task + "/updates",
                           R"({"kind": "comment", "text": "Xem giúp"})")
                .status,
            404);

  // On the lead's task Cát Hải contributes, but cannot report the lead's progress.
  Json lead_seen = Json::parse(cat_hai.get("/api/v1/tasks/" + lead_task).body);
  EXPECT_TRUE(lead_seen["can"]["contribute"]);
  EXPECT_FALSE(lead_seen["can"]["update"]);
  EXPECT_EQ(cat_hai
                .post_json("/api/v1/tasks/" + lead_task + "/updates",
                           R"({"status": "done", "version": 1})")
                .status,
            403);
  auto contribution =
      cat_hai.post_json("/api/v1/tasks/" + lead_task + "/updates",
                        R"({"kind": "contribution", "text": "Đặc khu đã bố trí tàu đón đoàn."})");
  ASSERT_EQ(contribution.status, 201) << contribution.body;

  // The lead reports progress with an article and a file as evidence.
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  auto file = upload_file(ngoaivu, "bien-ban-don-doan.pdf", pdf);
  ASSERT_EQ(file.status, 201) << file.body;
  const int file_id = Json::parse(file.body)["id"];
  EXPECT_EQ(Json::parse(file.body)["content_type"], "application/pdf");
  Json progress{{"status", "in_progress"},
                {"progress", 50},
                {"version", 1},
                {"text", "Đã đón 2 đoàn phóng viên Nhật Bản."},
                {"links",
                 {{{"url", "https://baohaiphong.vn/doan-phong-vien"},
                   {"title", "Phóng viên Nhật Bản thăm Hải Phòng"}}}},
                {"files", {file_id}}};
  auto updated = ngoaivu.post_json("/api/v1/tasks/" + lead_task + "/updates", progress.dump());
  ASSERT_EQ(updated.status, 201) << updated.body;
  Json task = Json::parse(updated.body);
  EXPECT_EQ(task["status"], "in_progress");
  EXPECT_EQ(task["progress"], 50);
  EXPECT_EQ(task["version"], 2);
  ASSERT_EQ(task["updates"].size(), 2U);
  EXPECT_EQ(task["updates"][0]["kind"], "contribution");
  EXPECT_EQ(task["updates"][1]["links"][0]["url"], "https://baohaiphong.vn/doan-phong-vien");
  EXPECT_EQ(task["updates"][1]["files"][0]["name"], "bien-ban-don-doan.pdf");

  // A second officer who read version 1 does not erase the first's update: she is told.
  HttpClient colleague = signed_in("ngoaivu");
  auto stale = colleague.post_json("/api/v1/tasks/" + lead_task + "/updates",
                                   R"({"status": "done", "version": 1})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Lê Thị Lan"), std::string::npos) << stale.body;
  EXPECT_NE(stale.body.find("version 2"), std::string::npos) << stale.body;
  // Bad input is named.
  for (const auto& [body, named] :
       {std::pair{R"({"status": "cannot_do", "version": 2})", "reason"},
        {R"({"status": "overdue", "version": 2})", "status"},
        {R"({"progress": 140, "version": 2})", "progress"},
        {R"({"status": "done"})", "version"},
        {R"j({"text": "x", "links": [{"url": "javascript:alert(1)"}]})j", "links[0].url"},
        {R"({"text": "x", "files": [999999]})", "files[0]"},
        {R"({"colour": "red"})", "colour"}}) {
    auto bad = colleague.post_json("/api/v1/tasks/" + lead_task + "/updates", body);
    EXPECT_EQ(bad.status, 400) << body;
    EXPECT_NE(bad.body.find(named), std::string::npos) << bad.body;
  }
  EXPECT_EQ(Json::parse(ngoaivu.get("/api/v1/tasks/" + lead_task).body)["version"], 2);

  // Files: the content decides, the name must agree; others cannot fetch them.
  auto forged = upload_file(ngoaivu, "bao-cao.pdf", std::string("MZ\x90\0\3\0\0\0", 8));
  EXPECT_EQ(forged.status, 400);
  EXPECT_NE(forged.body.find("Windows program"), std::string::npos) << forged.body;
  auto header_trick = upload_file(ngoaivu, "a%0D%0AX-Evil:%201.txt", "x");
  EXPECT_EQ(header_trick.status, 400);
  EXPECT_NE(header_trick.body.find("control characters"), std::string::npos) << header_trick.body;
  auto renamed = upload_file(ngoaivu, "anh.png", pdf);
  EXPECT_EQ(renamed.status, 400);
  EXPECT_NE(renamed.body.find("content is a PDF"), std::string::npos) << renamed.body;
  auto fetched = coordinator.get("/api/v1/files/" + std::to_string(file_id));
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body, pdf);
  EXPECT_EQ(fetched.header("content-type"), "application/pdf");
  EXPECT_EQ(fetched.header("x-content-type-options"), "nosniff");
  HttpClient admin = signed_in("admin");  // Sở KH&CN: sees tasks as a reader
  EXPECT_EQ(admin.get("/api/v1/files/" + std::to_string(file_id)).status, 200);
  auto private_file = upload_file(ngoaivu, "ghi-chu.txt", "Ghi chú nội bộ");
  ASSERT_EQ(private_file.status, 201);
  EXPECT_EQ(
      cat_hai
          .get("/api/v1/files/" + std::to_string(Json::parse(private_file.body)["id"].get<int>()))
          .status,
      404);

  // Leaders read everything and change nothing.
  EXPECT_EQ(leader.get("/api/v1/tasks/" + lead_task).status, 200);
  EXPECT_EQ(leader
                .post_json("/api/v1/tasks/" + lead_task + "/updates",
                           R"({"kind": "comment", "text": "Tốt"})")
                .status,
            403);
  EXPECT_EQ(upload_file(leader, "a.txt", "x").status, 403);
  EXPECT_GE(tasks(leader, "?plan=" + std::to_string(plan)).size(), 5U);

  // The lead hears of the contribution; the coordinator of the plan sees the audit trail.
  Json notes = Json::parse(ngoaivu.get("/api/v1/notifications").body);
  bool told = false;
  for (const auto& n : notes["notifications"]) told |= n["kind"] == "task.contribution";
  EXPECT_TRUE(told) << notes.dump();
  Json audit = Json::parse(admin.get("/api/v1/audit").body);
  std::string actions;
  for (const auto& a : audit["entries"]) actions += a["action"].get<std::string>() + " ";
  for (const char* action : {"task.progress", "task.contribution", "file.upload"})
    EXPECT_NE(actions.find(action), std::string::npos) << action << " in " << actions;
}

TEST_F(WorkApiTest, GroupTasksAreGivenOutByTheCoordinatorOnly) {
  HttpClient coordinator = signed_in("coordinator");
  const int plan = activated_plan(coordinator, this_year() + 1);
  const auto org = organisation_ids(coordinator);
  const std::string path = "/api/v1/plans/" + std::to_string(plan) + "/assignments/4/organisations";
  HttpClient cat_hai = signed_in("member");
  EXPECT_EQ(
      cat_hai.post_json(path, Json{{"organisation_ids", {org.at("dk-cat-hai")}}}.dump()).status,
      403);
  EXPECT_EQ(coordinator
                .post_json("/api/v1/plans/" + std::to_string(plan) + "/assignments/1/organisations",
                           Json{{"organisation_ids", {org.at("p-le-chan")}}}.dump())
                .status,
            400);  // assignment 1 is Sở Ngoại vụ's, not a group's
  EXPECT_EQ(coordinator.post_json(path, R"({"organisation_ids": [987654]})").status, 400);
  auto given = coordinator.post_json(
      path, Json{{"organisation_ids", {org.at("p-le-chan"), org.at("dk-cat-hai")}}}.dump());
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(Json::parse(given.body)["tasks_created"], 2);
  // Again: nothing new.
  EXPECT_EQ(
      Json::parse(
          coordinator.post_json(path, Json{{"organisation_ids", {org.at("dk-cat-hai")}}}.dump())
              .body)["tasks_created"],
      0);
  Json own = tasks(cat_hai, "?mine=1");
  ASSERT_EQ(own.size(), 2U);
  EXPECT_FALSE(own[1]["parent_id"].is_null());
  // The commune now owes the yearly report too.
  Json requests = Json::parse(
      coordinator.get("/api/v1/report-requests?plan=" + std::to_string(plan)).body)["requests"];
  std::set<int> owing;
  for (const auto& r : requests) owing.insert(r["organisation_id"].get<int>());
  EXPECT_TRUE(owing.count(org.at("p-le-chan"))) << requests.dump();
  EXPECT_FALSE(owing.count(org.at("svhttdl-hp")));  // the coordinator compiles, not owes
}

TEST_F(WorkApiTest, YearlyReportIsSubmittedReturnedAndAccepted) {
  HttpClient coordinator = signed_in("coordinator");
  const int year = this_year() + 1;
  const int plan = activated_plan(coordinator, year);
  HttpClient ngoaivu = signed_in("ngoaivu");
  HttpClient taichinh = signed_in("taichinh");
  Json mine = Json::parse(ngoaivu.get("/api/v1/report-requests?mine=1").body)["requests"];
  ASSERT_EQ(mine.size(), 1U) << mine.dump();
  EXPECT_EQ(mine[0]["title"], "Báo cáo năm " + std::to_string(year));
  EXPECT_EQ(mine[0]["due_on"], std::to_string(year) + "-12-10");
  EXPECT_EQ(mine[0]["status"], "pending");
  const std::string base = "/api/v1/report-requests/" + std::to_string(mine[0]["id"].get<int>());

  // Another agency can neither see nor submit it.
  EXPECT_EQ(taichinh.get(base).status, 404);
  EXPECT_EQ(taichinh.post_json(base + "/submit", R"({"version": 1, "text": "x"})").status, 404);
  // Bad reports are named.
  for (const auto& [body, named] :
       {std::pair{R"({"version": 1, "text": ""})", "text"},
        {R"({"version": 1, "text": "x", "figures": {"likes": 3}})", "figures.likes"},
        {R"({"version": 1, "text": "x", "figures": {"events_held": -1}})", "figures.events_held"},
        {R"({"text": "x"})", "version"}}) {
    auto bad = ngoaivu.post_json(base + "/submit", body);
    EXPECT_EQ(bad.status, 400) << body;
    EXPECT_NE(bad.body.find(named), std::string::npos) << bad.body;
  }
  auto too_long = ngoaivu.post_json(
      base + "/submit", Json{{"version", 1}, {"text", std::string(300000, 'a')}}.dump());
  EXPECT_EQ(too_long.status, 400);
  EXPECT_NE(too_long.body.find("too long"), std::string::npos);

  Json report{{"version", 1},
              {"text", "Năm " + std::to_string(year) + ", Sở Ngoại vụ đã đón 12 đoàn phóng viên."},
              {"figures", {{"articles_published", 35}, {"events_held", 4}}}};
  auto submitted = ngoaivu.post_json(base + "/submit", report.dump());
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Json::parse(submitted.body)["status"], "submitted");
  EXPECT_EQ(ngoaivu.post_json(base + "/submit", report.dump()).status, 409);

  // The coordinator returns it with a comment (required), then accepts the second revision.
  EXPECT_EQ(ngoaivu.post_json(base + "/decision", R"({"version": 2, "decision": "accept"})").status,
            403);
  auto no_comment =
      coordinator.post_json(base + "/decision", R"({"version": 2, "decision": "return"})");
  EXPECT_EQ(no_comment.status, 400);
  EXPECT_NE(no_comment.body.find("comment"), std::string::npos);
  auto returned = coordinator.post_json(
      base + "/decision",
      R"({"version": 2, "decision": "return", "comment": "Bổ sung số người được tiếp cận."})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Json::parse(returned.body)["status"], "returned");
  Json notes = Json::parse(ngoaivu.get("/api/v1/notifications?unread=1").body);
  bool told = false;
  for (const auto& n : notes["notifications"]) told |= n["kind"] == "report.returned";
  EXPECT_TRUE(told) << notes.dump();

  report["version"] = 3;
  report["figures"]["people_reached"] = 150000;
  ASSERT_EQ(ngoaivu.post_json(base + "/submit", report.dump()).status, 200);
  auto accepted =
      coordinator.post_json(base + "/decision", R"({"version": 4, "decision": "accept"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  Json done = Json::parse(accepted.body);
  EXPECT_EQ(done["status"], "accepted");
  ASSERT_EQ(done["reports"].size(), 2U);
  EXPECT_EQ(done["reports"][0]["decision"], "returned");
  EXPECT_EQ(done["reports"][1]["figures"]["people_reached"], 150000);

  // The matrix shows it.
  Json matrix =
      Json::parse(coordinator.get("/api/v1/plans/" + std::to_string(plan) + "/matrix").body);
  bool found = false;
  for (const auto& row : matrix["rows"]) {
    if (row["name"] != "Sở Ngoại vụ") continue;
    found = true;
    EXPECT_EQ(row["tasks"]["total"], 2);
    EXPECT_EQ(row["report_counts"]["accepted"], 1);
  }
  EXPECT_TRUE(found) << matrix.dump();
  EXPECT_EQ(matrix["reports"]["accepted"], 1);

  // Ad hoc requests: the coordinator only, due dates in range.
  const std::string ad_hoc = "/api/v1/plans/" + std::to_string(plan) + "/report-requests";
  EXPECT_EQ(
      ngoaivu.post_json(ad_hoc, R"({"title": "Báo cáo nhanh", "due_on": "2099-01-01"})").status,
      403);
  auto past =
      coordinator.post_json(ad_hoc, R"({"title": "Báo cáo nhanh", "due_on": "2001-01-01"})");
  EXPECT_EQ(past.status, 400);
  EXPECT_NE(past.body.find("in the past"), std::string::npos);
  EXPECT_EQ(
      coordinator.post_json(ad_hoc, R"({"title": "Báo cáo nhanh", "due_on": "2026-02-30"})").status,
      400);
  const std::string next_month = std::to_string(year) + "-01-15";
  auto asked = coordinator.post_json(
      ad_hoc, Json{{"title", "Báo cáo nhanh về đoàn phóng viên"}, {"due_on", next_month}}.dump());
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(Json::parse(asked.body)["request_ids"].size(), 3U);  // Ngoại vụ, Cát Hải, Tài chính
}

TEST_F(WorkApiTest, OverdueDashboardShowsLastYearsUnfinishedWork) {
  HttpClient coordinator = signed_in("coordinator");
  const int year = this_year() - 1;
  activated_plan(coordinator, year);
  Json dashboard = Json::parse(coordinator.get("/api/v1/overdue").body);
  EXPECT_EQ(dashboard["tasks_overdue"], 4);    // 2 + 1 + 1: the group has no agency yet
  EXPECT_EQ(dashboard["reports_overdue"], 3);  // last year's report, never submitted
  ASSERT_FALSE(dashboard["by_organisation"].empty());
  EXPECT_EQ(dashboard["by_organisation"][0]["name"], "Sở Ngoại vụ");  // the most late first
  EXPECT_EQ(dashboard["by_organisation"][0]["tasks_overdue"], 2);
  EXPECT_GT(dashboard["tasks"][0]["days_late"].get<int>(), 0);

  HttpClient ngoaivu = signed_in("ngoaivu");
  Json own = Json::parse(ngoaivu.get("/api/v1/overdue").body);
  EXPECT_EQ(own["tasks_overdue"], 2);
  EXPECT_EQ(own["reports_overdue"], 1);
  EXPECT_EQ(tasks(ngoaivu, "?status=overdue").size(), 2U);
  EXPECT_EQ(coordinator.get("/api/v1/tasks?status=late").status, 400);
  EXPECT_EQ(coordinator.get("/api/v1/tasks?limit=0").status, 400);
}

TEST_F(WorkApiTest, DeadlinesCalendarFeedNeedsOnlyItsSecretAddress) {
  HttpClient coordinator = signed_in("coordinator");
  activated_plan(coordinator, this_year() + 1);
  HttpClient ngoaivu = signed_in("ngoaivu");
  auto renewed = ngoaivu.post_json("/api/v1/calendar-feed", "{}");
  ASSERT_EQ(renewed.status, 201) << renewed.body;
  const std::string url = Json::parse(renewed.body)["url"];
  const std::string path = url.substr(url.find("/api/"));
  HttpClient app("127.0.0.1", server_.port());  // a calendar app: no session
  auto feed = app.get(path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(feed.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0U);
  std::size_t events = 0;
  for (std::size_t at = 0; (at = feed.body.find("BEGIN:VEVENT", at)) != std::string::npos; ++at)
    ++events;
  EXPECT_EQ(events, 3U);  // two tasks and the yearly report
  EXPECT_NE(feed.body.find("DTSTART;VALUE=DATE:" + std::to_string(this_year() + 1) + "1210"),
            std::string::npos);
  // Lines are folded at 75 octets.
  for (std::size_t start = 0, end; (end = feed.body.find("\r\n", start)) != std::string::npos;
       start = end + 2)
    EXPECT_LE(end - start, 75U);
  // Renewing revokes the old address; a made-up one finds nothing.
  ASSERT_EQ(ngoaivu.post_json("/api/v1/calendar-feed", "{}").status, 201);
  EXPECT_EQ(app.get(path).status, 404);
  EXPECT_EQ(app.get("/api/v1/calendar/guess.ics").status, 404);
  EXPECT_EQ(signed_in("leader").post_json("/api/v1/calendar-feed", "{}").status, 403);
}

// The city's view of its agencies' reports: figures summed per level (communes, city bodies),
// accepted and all submitted; the reports on a plan that implements it feed it too; a member
// sees only her own organisation's line.
TEST_F(WorkApiTest, ReportFiguresRollUpByLevelAndFromImplementingPlans) {
  HttpClient coordinator = signed_in("coordinator");
  const int year = this_year() + 1;
  const int plan = activated_plan(coordinator, year);
  HttpClient ngoaivu = signed_in("ngoaivu");  // a city department
  HttpClient cat_hai = signed_in("member");   // a special zone: commune level
  auto submit = [](HttpClient& c, int articles, int people) {
    Json mine = Json::parse(c.get("/api/v1/report-requests?mine=1").body)["requests"];
    EXPECT_FALSE(mine.empty());
    const std::string base = "/api/v1/report-requests/" + std::to_string(mine[0]["id"].get<int>());
    Json report{{"version", mine[0]["version"]},
                {"text", "Báo cáo kết quả."},
                {"figures", {{"articles_published", articles}, {"people_reached", people}}}};
    auto r = c.post_json(base + "/submit", report.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return base;
  };
  const std::string ngoaivu_report = submit(ngoaivu, 35, 1000);
  submit(cat_hai, 12, 4000);
  auto accepted = coordinator.post_json(ngoaivu_report + "/decision",
                                        R"({"version": 2, "decision": "accept"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;

  const std::string path = "/api/v1/plans/" + std::to_string(plan) + "/report-rollup";
  auto r = coordinator.get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  Json rollup = Json::parse(r.body);
  ASSERT_FALSE(rollup["periods"].empty()) << r.body;
  const Json& period = rollup["periods"][0];
  EXPECT_EQ(period["period"], std::to_string(year));
  EXPECT_EQ(period["total"]["figures_submitted"]["articles_published"], 47);
  EXPECT_EQ(period["total"]["figures_accepted"]["articles_published"], 35);
  EXPECT_EQ(period["levels"]["commune"]["figures_submitted"]["people_reached"], 4000);
  EXPECT_EQ(period["levels"]["province"]["accepted"], 1);
  EXPECT_EQ(rollup["fields"][0]["key"], "articles_published");

  // A member sees her own organisation's line only.
  Json own = Json::parse(cat_hai.get(path).body);
  ASSERT_FALSE(own["periods"].empty());
  EXPECT_EQ(own["periods"][0]["organisations"].size(), 1U);
  EXPECT_EQ(own["periods"][0]["total"]["figures_submitted"]["articles_published"], 12);
  EXPECT_EQ(signed_in("taichinh").get("/api/v1/plans/999999/report-rollup").status, 404);

  // A plan implementing this one, with its own yearly report: its figures come up too.
  const std::string y = std::to_string(year);
  const std::string child_text =
      "ỦY BAN NHÂN DÂN\nĐẶC KHU CÁT HẢI\nSố: 7/KH-UBND\nCát Hải, ngày 10 tháng 3 năm " + y +
      "\n\nKẾ HOẠCH\nThông tin đối ngoại của đặc khu năm " + y +
      "\n\nThực hiện Kế hoạch số 21/KH-UBND ngày 05/3/" + y +
      " của Ủy ban nhân dân thành phố;\n\nI. TỔ CHỨC THỰC HIỆN\n1. Đặc khu Cát Hải\n"
      "Tuyên truyền về thông tin đối ngoại trên hệ thống thông tin cơ sở.\n\n"
      "II. CHẾ ĐỘ BÁO CÁO\nĐặc khu Cát Hải báo cáo kết quả thực hiện về Ủy ban nhân dân "
      "thành phố trước ngày 05/12 hằng năm.\n";
  auto child = coordinator.request(
      "POST", "/api/v1/plans?name=dac-khu.txt", child_text,
      {{"Content-Type", "text/plain"}, {"X-CSRF-Token", coordinator.csrf_token}});
  ASSERT_EQ(child.status, 201) << child.body;
  const int child_id = Json::parse(child.body)["id"];
  ASSERT_EQ(
      coordinator.post_json("/api/v1/plans/" + std::to_string(child_id) + "/activate", "{}").status,
      200);
  Json zone_requests =
      Json::parse(cat_hai.get("/api/v1/report-requests?mine=1&plan=" + std::to_string(child_id))
                      .body)["requests"];
  ASSERT_EQ(zone_requests.size(), 1U) << zone_requests.dump();
  Json report{{"version", zone_requests[0]["version"]},
              {"text", "Đặc khu đã đăng 20 tin bài."},
              {"figures", {{"articles_published", 20}}}};
  ASSERT_EQ(cat_hai
                .post_json("/api/v1/report-requests/" +
                               std::to_string(zone_requests[0]["id"].get<int>()) + "/submit",
                           report.dump())
                .status,
            200);
  rollup = Json::parse(coordinator.get(path).body);
  ASSERT_EQ(rollup["children"].size(), 1U) << rollup.dump();
  EXPECT_EQ(rollup["children"][0]["plan"]["id"], child_id);
  EXPECT_EQ(rollup["children"][0]["periods"][0]["total"]["figures_submitted"]["articles_published"],
            20);
}

// The plan's coordinator moves a task's deadline (a plan often gives none but its end); the
// agency is told, the history keeps both dates, and nobody else may do it.
TEST_F(WorkApiTest, CoordinatorMovesADeadline) {
  HttpClient coordinator = signed_in("coordinator");
  const int year = this_year() + 1;
  activated_plan(coordinator, year);
  HttpClient ngoaivu = signed_in("ngoaivu");
  Json own = tasks(ngoaivu, "?mine=1");
  ASSERT_FALSE(own.empty());
  const std::string path = "/api/v1/tasks/" + std::to_string(own[0]["id"].get<int>());
  const int version = own[0]["version"];
  const std::string due = std::to_string(year) + "-06-30";
  const std::string move = R"({"kind": "deadline", "due_on": ")" + due + R"(", "version": )" +
                           std::to_string(version) + R"(, "text": "Đón đoàn trước mùa du lịch."})";

  EXPECT_TRUE(Json::parse(coordinator.get(path).body)["can"]["move_deadline"]);
  EXPECT_FALSE(Json::parse(ngoaivu.get(path).body)["can"]["move_deadline"]);
  EXPECT_EQ(ngoaivu.post_json(path + "/updates", move).status, 403);
  HttpClient leader = signed_in("leader");
  EXPECT_EQ(leader.post_json(path + "/updates", move).status, 403);
  EXPECT_EQ(coordinator
                .post_json(path + "/updates", R"({"kind": "deadline", "due_on": "30/06/2026", )"
                                              R"("version": 1})")
                .status,
            400);
  EXPECT_EQ(
      coordinator.post_json(path + "/updates", R"({"kind": "deadline", "version": 1})").status,
      400);

  auto moved = coordinator.post_json(path + "/updates", move);
  ASSERT_EQ(moved.status, 201) << moved.body;
  Json task = Json::parse(coordinator.get(path).body);
  EXPECT_EQ(task["due_on"], due);
  EXPECT_EQ(task["version"], version + 1);
  const Json& last = task["updates"].back();
  EXPECT_EQ(last["kind"], "deadline");
  EXPECT_EQ(last["due_from"], std::to_string(year) + "-12-31");
  EXPECT_EQ(last["due_to"], due);
  // The same move from the old version is refused: someone changed the task meanwhile.
  EXPECT_EQ(coordinator.post_json(path + "/updates", move).status, 409);

  auto notes = Json::parse(ngoaivu.get("/api/v1/notifications").body);
  bool told = false;
  for (const auto& n : notes["notifications"])
    told = told || (n["kind"] == "task.deadline" &&
                    n["title"].get<std::string>().find("30/06/" + std::to_string(year)) !=
                        std::string::npos);
  EXPECT_TRUE(told) << notes.dump();
}

TEST_F(WorkApiTest, AdminsFilterAndExportTheAuditLog) {
  HttpClient coordinator = signed_in("coordinator");
  activated_plan(coordinator, this_year() + 1);
  HttpClient admin = signed_in("admin");
  Json plan_actions = Json::parse(admin.get("/api/v1/audit?action=plan").body)["entries"];
  ASSERT_EQ(plan_actions.size(), 2U) << plan_actions.dump();  // import and activate
  for (const auto& e : plan_actions)
    EXPECT_EQ(e["action"].get<std::string>().rfind("plan.", 0), 0U);
  EXPECT_EQ(
      Json::parse(admin.get("/api/v1/audit?action=plan.activate&user=coordinator").body)["entries"]
          .size(),
      1U);
  EXPECT_EQ(Json::parse(admin.get("/api/v1/audit?user=nobody").body)["entries"].size(), 0U);
  EXPECT_EQ(
      Json::parse(admin.get("/api/v1/audit?action=plan&to=2001-01-01").body)["entries"].size(), 0U);
  // Paging: older than the newest entry.
  Json all = Json::parse(admin.get("/api/v1/audit").body)["entries"];
  ASSERT_GE(all.size(), 3U);
  Json older = Json::parse(
      admin.get("/api/v1/audit?before=" + std::to_string(all[0]["id"].get<int>())).body)["entries"];
  EXPECT_EQ(older.size(), all.size() - 1);
  auto csv = admin.get("/api/v1/audit?format=csv&action=plan");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFid,at,username,", 0), 0U);
  EXPECT_NE(csv.body.find(",coordinator,"), std::string::npos);
  EXPECT_NE(csv.body.find("plan.activate"), std::string::npos);
  EXPECT_EQ(admin.get("/api/v1/audit?from=23/11/2026").status, 400);
  EXPECT_EQ(coordinator.get("/api/v1/audit").status, 403);
}

}  // namespace
}  // namespace loa::testing
