// The plans API on a real `loa serve --demo`: a coordinator uploads plans, corrects and
// activates them; the citation graph links a plan to those implementing it; members see only
// what concerns their organisation; secret documents and non-plans are refused with the text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/demo_server.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

// A city plan whose agencies are all in the demo registry.
constexpr const char* kCityPlan = R"(ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 15/KH-UBND
Hải Phòng, ngày 20 tháng 1 năm 2026

KẾ HOẠCH
Tuyên truyền về chuyển đổi số năm 2026

Căn cứ Kế hoạch số 358-KH/TU ngày 09/5/2024 của Ban Thường vụ Thành ủy;
Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về chuyển đổi số.

II. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
a) Chủ trì, phối hợp với các cơ quan báo chí tuyên truyền về chuyển đổi số.
b) Tổng hợp, báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố trước ngày 10/12/2026.
2. Sở Tài chính
Phối hợp bố trí kinh phí thực hiện Kế hoạch.
3. Các sở, ban, ngành
Tổ chức thực hiện các nội dung của Kế hoạch.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
)";

// A special zone's plan implementing it.
constexpr const char* kZonePlan = R"(ỦY BAN NHÂN DÂN
ĐẶC KHU CÁT HẢI
Số: 3/KH-UBND

KẾ HOẠCH
Triển khai tuyên truyền về chuyển đổi số năm 2026

Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân thành phố;
Ủy ban nhân dân đặc khu ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN
1. Đặc khu Cát Hải
Tổ chức tuyên truyền trên hệ thống thông tin cơ sở.
)";

class PlansApiTest : public DemoServerTest {
 protected:
  static HttpResponse upload(HttpClient& c, const std::string& name, const std::string& bytes) {
    return c.request(
        "POST", "/api/v1/plans?name=" + name, bytes,
        {{"Content-Type", "text/plain; charset=utf-8"}, {"X-CSRF-Token", c.csrf_token}});
  }
};

TEST_F(PlansApiTest, ImportCorrectActivate) {
  HttpClient c = signed_in("coordinator");
  auto r = upload(c, "ke-hoach-15.txt", kCityPlan);
  ASSERT_EQ(r.status, 201) << r.body;
  Json plan = Json::parse(r.body);
  const int id = plan["id"];
  EXPECT_EQ(plan["status"], "draft");
  EXPECT_EQ(plan["document_id"], "15/KH-UBND");
  EXPECT_EQ(plan["year"], 2026);
  EXPECT_EQ(plan["title"], "Tuyên truyền về chuyển đổi số năm 2026");
  const Json& assignments = plan["structure"]["assignments"];
  ASSERT_EQ(assignments.size(), 3U);
  EXPECT_FALSE(assignments[0]["organisation_id"].is_null());
  EXPECT_EQ(assignments[0]["role"], "lead");
  EXPECT_EQ(assignments[1]["role"], "cooperate");
  EXPECT_TRUE(assignments[2]["group"]);
  EXPECT_EQ(plan["structure"]["reporting"][0]["due"], "2026-12-10");
  ASSERT_EQ(plan["citations"].size(), 1U);
  EXPECT_EQ(plan["citations"][0]["id"], "358-KH/TU");
  EXPECT_TRUE(plan["citations"][0]["basis"]);

  // Search without accents; filters.
  auto found = Json::parse(c.get("/api/v1/plans?q=chuyen%20doi%20so").body)["plans"];
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]["id"], id);
  EXPECT_EQ(Json::parse(c.get("/api/v1/plans?q=bao%20chi%20quoc%20te%20xyz").body)["plans"].size(),
            0U);
  EXPECT_EQ(Json::parse(c.get("/api/v1/plans?status=draft&year=2026").body)["plans"].size(), 1U);
  EXPECT_EQ(Json::parse(c.get("/api/v1/plans?year=2025").body)["plans"].size(), 0U);
  EXPECT_EQ(c.get("/api/v1/plans?status=finished").status, 400);

  // A correction: a wrong field is named; a right one is stored and audited.
  Json structure = plan["structure"];
  structure["assignments"][1]["role"] = "boss";
  auto bad = c.request("PUT", "/api/v1/plans/" + std::to_string(id), structure.dump(),
                       {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("assignments[1].role"), std::string::npos) << bad.body;
  structure["assignments"][1]["role"] = "cooperate";
  for (const auto& [field, wrong, named] :
       {std::tuple{"group", Json("yes"), "assignments[1].group"},
        std::tuple{"parts", Json{{{"agency", "X"}, {"organisation_id", "seven"}}},
                   "assignments[1].parts[0].organisation_id"},
        std::tuple{"organisation_id", Json(987654), "no organisation with id 987654"}}) {
    Json broken = structure;
    broken["assignments"][1][field] = wrong;
    auto r2 = c.request("PUT", "/api/v1/plans/" + std::to_string(id), broken.dump(),
                        {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
    EXPECT_EQ(r2.status, 400) << field;
    EXPECT_NE(r2.body.find(named), std::string::npos) << r2.body;
  }
  structure["document"]["title"] = "Tuyên truyền về chuyển đổi số năm 2026 (sửa)";
  auto good = c.request("PUT", "/api/v1/plans/" + std::to_string(id), structure.dump(),
                        {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(Json::parse(good.body)["title"], "Tuyên truyền về chuyển đổi số năm 2026 (sửa)");

  // Activation: one task per item (2 + 1 + 1); then the plan is no longer a draft.
  auto active = c.post_json("/api/v1/plans/" + std::to_string(id) + "/activate", "{}");
  ASSERT_EQ(active.status, 200) << active.body;
  Json activated = Json::parse(active.body);
  EXPECT_EQ(activated["status"], "active");
  EXPECT_EQ(activated["tasks"].size(), 4U);
  EXPECT_EQ(activated["tasks"][1]["due"], "2026-12-10");
  EXPECT_EQ(c.post_json("/api/v1/plans/" + std::to_string(id) + "/activate", "{}").status, 409);
  auto again = c.request("PUT", "/api/v1/plans/" + std::to_string(id), structure.dump(),
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  EXPECT_EQ(again.status, 409);

  // Every change is in the audit log.
  HttpClient admin = signed_in("admin");
  const std::string audit = admin.get("/api/v1/audit").body;
  for (const char* action : {"plan.import", "plan.update", "plan.activate"})
    EXPECT_NE(audit.find(action), std::string::npos) << action;
}

TEST_F(PlansApiTest, AnAgencyTheRegistryDoesNotKnowIsAddedOnlyWhenConfirmed) {
  HttpClient c = signed_in("coordinator");
  std::string text = kCityPlan;
  const std::string known = "2. Sở Tài chính";
  text.replace(text.find(known), known.size(), "2. Trung tâm Sáng tạo Số");
  auto r = upload(c, "kh.txt", text);
  ASSERT_EQ(r.status, 201) << r.body;
  Json plan = Json::parse(r.body);
  const std::string id = std::to_string(plan["id"].get<int>());
  EXPECT_EQ(plan["structure"]["proposed_organisations"], Json::array({"Trung tâm Sáng tạo Số"}));
  // Not created silently: activation waits, naming it.
  auto blocked = c.post_json("/api/v1/plans/" + id + "/activate", "{}");
  EXPECT_EQ(blocked.status, 409);
  EXPECT_NE(blocked.body.find("Trung tâm Sáng tạo Số"), std::string::npos) << blocked.body;

  // The coordinator confirms it: a new organisation, then the match.
  HttpClient member = signed_in("member");
  EXPECT_EQ(
      member.post_json("/api/v1/organisations", R"({"name": "Trung tâm Sáng tạo Số"})").status,
      403);
  auto created =
      c.post_json("/api/v1/organisations", R"({"name": "Trung tâm Sáng tạo Số", "kind": "other"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const Json org = Json::parse(created.body);
  EXPECT_EQ(org["code"], "trung-tam-sang-tao-so");
  EXPECT_EQ(c.post_json("/api/v1/organisations", R"({"name": "Trung tâm Sáng tạo Số"})").status,
            409);
  EXPECT_EQ(c.post_json("/api/v1/organisations", R"({"name": "X", "kind": "club"})").status, 400);
  Json structure = plan["structure"];
  structure["assignments"][1]["organisation_id"] = org["id"];
  auto saved = c.request("PUT", "/api/v1/plans/" + id, structure.dump(),
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto active = c.post_json("/api/v1/plans/" + id + "/activate", "{}");
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(Json::parse(active.body)["tasks"][2]["organisation_id"], org["id"]);
}

TEST_F(PlansApiTest, CitationGraphLinksPlansBothWays) {
  HttpClient c = signed_in("coordinator");
  const int city = Json::parse(upload(c, "city.txt", kCityPlan).body)["id"];
  auto zone_r = upload(c, "zone.txt", kZonePlan);
  ASSERT_EQ(zone_r.status, 201) << zone_r.body;
  const Json zone = Json::parse(zone_r.body);
  ASSERT_EQ(zone["citations"].size(), 1U);
  EXPECT_EQ(zone["citations"][0]["id"], "15/KH-UBND");
  ASSERT_EQ(zone["citations"][0]["plans"].size(), 1U);
  EXPECT_EQ(zone["citations"][0]["plans"][0]["id"], city);
  const Json city_plan = Json::parse(c.get("/api/v1/plans/" + std::to_string(city)).body);
  ASSERT_EQ(city_plan["implemented_by"].size(), 1U);
  EXPECT_EQ(city_plan["implemented_by"][0]["id"], zone["id"]);
}

// The corpus plan `prefix` ("000_…txt"), or "" when ../shared/corpus is absent.
std::string corpus_plan(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(LOA_SOURCE_DIR) / ".." / "shared" / "corpus" / "plans";
  if (!fs::exists(dir)) return "";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(prefix + "_") && name.ends_with(".txt")) {
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  }
  return "";
}

// Sở Giáo dục và Đào tạo's plan (corpus 002) implements the city's plan 147/KH-UBND (corpus
// 000, whose number the scan lost: the coordinator types it in). The cascade shows which of
// the city's topics the department takes up.
TEST_F(PlansApiTest, CascadeShowsWhichParentTopicsAChildPlanTakesUp) {
  const std::string city_text = corpus_plan("000");
  const std::string education_text = corpus_plan("002");
  if (city_text.empty() || education_text.empty())
    GTEST_SKIP() << "corpus plans 000 and 002 not found under ../shared/corpus/plans";
  HttpClient c = signed_in("coordinator");
  auto city_r = upload(c, "ke-hoach-147.txt", city_text);
  ASSERT_EQ(city_r.status, 201) << city_r.body;
  const Json city = Json::parse(city_r.body);
  const std::string city_path = "/api/v1/plans/" + std::to_string(city["id"].get<int>());
  Json structure = city["structure"];
  structure["document"]["number"] = "147";
  structure["document"]["symbol"] = "KH-UBND";
  auto saved = c.request("PUT", city_path, structure.dump(),
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  ASSERT_EQ(saved.status, 200) << saved.body;

  auto edu_r = upload(c, "ke-hoach-sgddt.txt", education_text);
  ASSERT_EQ(edu_r.status, 201) << edu_r.body;
  const int education = Json::parse(edu_r.body)["id"];
  auto r = c.get("/api/v1/plans/" + std::to_string(education) + "/cascade");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json cascade = Json::parse(r.body);
  ASSERT_EQ(cascade["parents"].size(), 1U) << r.body;
  const Json& parent = cascade["parents"][0];
  EXPECT_EQ(parent["plan"]["id"], city["id"]);
  EXPECT_EQ(parent["plan"]["document_id"], "147/KH-UBND");
  ASSERT_EQ(parent["topics_total"], 5);
  EXPECT_EQ(parent["topics"][0]["coverage"], "uncovered") << parent["topics"][0].dump();
  EXPECT_EQ(parent["topics"][2]["coverage"], "covered") << parent["topics"][2].dump();
  EXPECT_EQ(parent["topics"][4]["coverage"], "covered") << parent["topics"][4].dump();
  EXPECT_FALSE(parent["topics"][4]["matched_terms"].empty());
  EXPECT_GE(parent["topics_covered"].get<int>(), 3);

  // The city's plan lists the department's as implementing it, with the coverage.
  const Json city_now = Json::parse(c.get(city_path).body);
  ASSERT_EQ(city_now["implemented_by"].size(), 1U);
  EXPECT_EQ(city_now["implemented_by"][0]["coverage"]["topics_covered"], parent["topics_covered"]);
  EXPECT_EQ(c.get("/api/v1/plans/999999/cascade").status, 404);
}

// A 2024 plan names Sở Thông tin và Truyền thông, abolished in 2025: its tasks cannot go to
// it; the refusal names the bodies that took over its functions, and once the coordinator
// picks one the plan is activated.
TEST_F(PlansApiTest, TasksOfAnAbolishedBodyGoToASuccessor) {
  HttpClient c = signed_in("coordinator");
  const std::string text =
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 40/KH-UBND\n"
      "Hải Phòng, ngày 10 tháng 3 năm 2024\n\nKẾ HOẠCH\nThông tin đối ngoại năm 2024\n\n"
      "I. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông\n"
      "Chủ trì hướng dẫn các cơ quan báo chí tuyên truyền về thông tin đối ngoại.\n"
      "2. Sở Ngoại vụ\nPhối hợp cung cấp thông tin.\n";
  auto r = upload(c, "ke-hoach-2024.txt", text);
  ASSERT_EQ(r.status, 201) << r.body;
  Json plan = Json::parse(r.body);
  const std::string path = "/api/v1/plans/" + std::to_string(plan["id"].get<int>());
  Json& first = plan["structure"]["assignments"][0];
  ASSERT_FALSE(first["successors"].empty()) << first.dump();

  auto refused = c.post_json(path + "/activate", "{}");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("Sở Văn hóa, Thể thao và Du lịch"), std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("ceased on 2025-02-28"), std::string::npos) << refused.body;
  EXPECT_TRUE(Json::parse(c.get(path).body)["tasks"].empty());

  Json structure = plan["structure"];
  for (const auto& s : first["successors"])
    if (s["name"] == "Sở Văn hóa, Thể thao và Du lịch")
      structure["assignments"][0]["organisation_id"] = s["organisation_id"];
  auto saved = c.request("PUT", path, structure.dump(),
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto activated = c.post_json(path + "/activate", "{}");
  ASSERT_EQ(activated.status, 200) << activated.body;
  EXPECT_EQ(Json::parse(activated.body)["tasks"].size(), 2U);
}

TEST_F(PlansApiTest, RolesAndOrganisationsLimitWhatIsSeenAndDone) {
  HttpClient coordinator = signed_in("coordinator");
  const int id = Json::parse(upload(coordinator, "city.txt", kCityPlan).body)["id"];
  HttpClient member = signed_in("member");  // Đặc khu Cát Hải
  EXPECT_EQ(upload(member, "x.txt", kCityPlan).status, 403);
  EXPECT_EQ(Json::parse(member.get("/api/v1/plans").body)["plans"].size(), 0U);
  EXPECT_EQ(member.get("/api/v1/plans/" + std::to_string(id)).status, 404);
  HttpClient leader = signed_in("leader");
  EXPECT_EQ(leader.get("/api/v1/plans/" + std::to_string(id)).status, 200);
  EXPECT_EQ(leader.post_json("/api/v1/plans/" + std::to_string(id) + "/activate", "{}").status,
            403);
  // Without the CSRF header nothing is changed.
  auto no_csrf = coordinator.request("POST", "/api/v1/plans?name=a.txt", kCityPlan,
                                     {{"Content-Type", "text/plain"}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(coordinator.get("/api/v1/plans/abc").status, 400);
  EXPECT_EQ(coordinator.get("/api/v1/plans/999").status, 404);
}

TEST_F(PlansApiTest, RefusesSecretDocumentsAndNonPlansWithTheirText) {
  HttpClient c = signed_in("coordinator");
  auto secret = upload(c, "mat.txt", std::string("MẬT\n") + kCityPlan);
  ASSERT_EQ(secret.status, 422) << secret.body;
  Json s = Json::parse(secret.body);
  EXPECT_EQ(s["error"]["code"], "secret_document");
  EXPECT_EQ(s["secrecy"], "MẬT");
  EXPECT_NE(s["text"].get<std::string>().find("Sở Tài chính"), std::string::npos);
  auto news = upload(c, "bai-bao.txt",
                     "Sáng 12/3, Thủ tướng dự lễ khởi công cầu mới tại Hải Phòng. Dự án có tổng "
                     "mức đầu tư 1.000 tỷ đồng và sẽ hoàn thành vào năm 2027.\n");
  ASSERT_EQ(news.status, 422);
  EXPECT_EQ(Json::parse(news.body)["error"]["code"], "not_a_plan");
  EXPECT_EQ(Json::parse(c.get("/api/v1/plans").body)["plans"].size(), 0U);  // nothing stored
  // Unreadable files: named, nothing stored.
  auto binary = upload(c, "anh.txt", std::string("abc\0def", 7));
  EXPECT_EQ(binary.status, 400);
  EXPECT_NE(binary.body.find("NUL"), std::string::npos);
  EXPECT_EQ(upload(c, "", kCityPlan).status, 400);
  // Bigger than a JSON request may be, within the upload limit: read, not refused for size.
  std::string big(2U << 20, 'a');
  EXPECT_EQ(upload(c, "big.txt", big).status, 422);
}

}  // namespace
}  // namespace loa::testing
