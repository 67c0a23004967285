// Media cooperation through the API of a real `loa serve --demo`: the coordinator proposes a
// programme, Finance appraises it, the People's Committee's leader approves it; a contract
// is signed with Báo Hải Phòng; an article the monitoring ingests is proposed as its
// deliverable; the outlet sends in another by address (fetched from a local site); the
// coordinator accepts them and the settlement adds up. Every refusal is tried from the side
// of the one who may not.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "doc/spreadsheet.h"
#include "doc/zip_archive.h"
#include "store/database.h"
#include "support/demo_server.h"
#include "support/web_site.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

std::string this_year() {
  const std::time_t now = std::time(nullptr) + 7 * 3600;  // Vietnam's date
  std::tm tm{};
  gmtime_r(&now, &tm);
  return std::to_string(tm.tm_year + 1900);
}

constexpr const char* kStory =
    "Thành phố Hải Phòng đẩy mạnh chuyển đổi số trong cải cách hành chính. Người dân các "
    "phường nộp hồ sơ trực tuyến, thời gian giải quyết thủ tục rút ngắn một nửa so với năm "
    "trước. Thành phố đã đưa hơn một nghìn thủ tục hành chính lên cổng dịch vụ công và cấp chữ "
    "ký số cho cán bộ các phường, xã và đặc khu.";

class CooperationApiTest : public DemoServerTest {
 protected:
  std::int64_t plan_id_ = 0;
  std::string year_ = this_year();

  void SetUp() override {
    // An active plan with two topics (plan import and activation are tested elsewhere).
    auto db = store::Database::open(dir_.file("loa.db"));
    ASSERT_TRUE(db) << db.status().message();
    const Json structure = {
        {"topics",
         {{{"number", "1"}, {"title", "Tuyên truyền về chuyển đổi số, cải cách hành chính"}},
          {{"number", "2"}, {"title", "Tuyên truyền về phát triển du lịch, văn hóa"}}}}};
    {
      auto st = (*db)->prepare(
          "INSERT INTO plans (organisation_id, status, title, source_name, source_format, "
          "source_text, structure_json, created_at, updated_at) SELECT id, 'active', "
          "'Kế hoạch hợp tác truyền thông', 'kh.txt', 'text', '', ?, '2026-01-01T00:00:00Z', "
          "'2026-01-01T00:00:00Z' FROM organisations WHERE code = 'svhttdl-hp'");
      st->bind(1, structure.dump());
      ASSERT_TRUE(st->run());
      plan_id_ = (*db)->last_insert_id();
    }  // the statement before its database
  }

  static HttpResponse send(HttpClient& c, const std::string& method, const std::string& target,
                           const Json& body) {
    return c.request(method, target, body.dump(),
                     {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  }

  std::map<std::string, int> organisation_ids(HttpClient& c) {
    std::map<std::string, int> out;
    const Json registry = Json::parse(c.get("/api/v1/organisations").body);
    for (const auto& o : registry["organisations"]) out[o["code"]] = o["id"];
    return out;
  }

  void ingest(const Json& article) {
    std::ofstream(dir_.file("articles.jsonl")) << article.dump() << "\n";
    auto r = run_loa({"news", "ingest", "--db", dir_.file("loa.db"), dir_.file("articles.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST_F(CooperationApiTest, FullCycle) {
  HttpClient coordinator = signed_in("coordinator");
  HttpClient finance = signed_in("taichinh");
  HttpClient leader = signed_in("leader");
  HttpClient outlet = signed_in("baohp");
  HttpClient member = signed_in("member");
  auto orgs = organisation_ids(coordinator);
  const std::string base = "/api/v1/cooperation/programmes";

  Json body = {{"year", std::stoi(year_)},
               {"plan_id", plan_id_},
               {"budget", 18'000'000},
               {"lines",
                {{{"outlet_id", orgs["bao-hp"]},
                  {"topic_no", 1},
                  {"kind", "article"},
                  {"quantity", 2},
                  {"unit_price", 4'000'000}},
                 {{"outlet_id", orgs["dai-ptth-hp"]},
                  {"topic_no", 2},
                  {"kind", "video"},
                  {"quantity", 1},
                  {"unit_price", 10'000'000}}}}};
  // Figures that do not add up; a member may not propose.
  Json wrong = body;
  wrong["budget"] = 20'000'000;
  auto refused = send(coordinator, "POST", base, wrong);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("is not the lines' sum 18.000.000"), std::string::npos);
  EXPECT_EQ(send(member, "POST", base, body).status, 403);
  auto created = send(coordinator, "POST", base, body);
  ASSERT_EQ(created.status, 201) << created.body;
  const Json programme = Json::parse(created.body);
  const std::string path = base + "/" + std::to_string(programme["id"].get<int>());
  EXPECT_EQ(programme["status"], "draft");
  EXPECT_EQ(programme["appraiser_name"], "Sở Tài chính");

  // Members of other bodies do not see it; leaders do.
  EXPECT_EQ(member.get(path).status, 404);
  EXPECT_EQ(Json::parse(member.get(base).body)["programmes"].size(), 0u);
  EXPECT_EQ(Json::parse(leader.get(base).body)["programmes"].size(), 1u);
  EXPECT_EQ(Json::parse(leader.get(base).body)["kinds"].size(), 5u);

  auto step = [&](HttpClient& as, Json b) {
    b["version"] = Json::parse(coordinator.get(path).body)["version"];
    return send(as, "POST", path + "/steps", b);
  };
  const Json approve = {
      {"action", "approve"}, {"document_no", "412/QĐ-UBND"}, {"document_date", year_ + "-01-01"}};
  EXPECT_EQ(step(leader, approve).status, 409);  // not appraised yet
  ASSERT_EQ(step(coordinator, {{"action", "submit"}}).status, 200);
  EXPECT_EQ(step(coordinator, {{"action", "appraise"}}).status, 403);
  ASSERT_EQ(step(finance, {{"action", "appraise"}, {"comment", "Đồng ý"}}).status, 200);
  auto approved = step(leader, approve);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json::parse(approved.body)["status"], "approved");
  EXPECT_EQ(Json::parse(approved.body)["steps"].size(), 3u);
  EXPECT_EQ(Json::parse(approved.body)["can"], Json::array());  // the leader signs nothing

  // The contract with Báo Hải Phòng; its scan uploaded first.
  const Json lines = Json::parse(coordinator.get(path).body)["lines"];
  auto scan = coordinator.request(
      "POST", "/api/v1/files?name=hop-dong.pdf", "%PDF-1.4\n%%EOF\n",
      {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", coordinator.csrf_token}});
  ASSERT_EQ(scan.status, 201) << scan.body;
  Json contract = {{"outlet_id", orgs["bao-hp"]},
                   {"number", "15/" + year_ + "/HĐ-SVHTTDL"},
                   {"signed_on", year_ + "-01-01"},
                   {"starts_on", year_ + "-01-01"},
                   {"ends_on", year_ + "-12-31"},
                   {"value", 8'000'000},
                   {"items", {{{"line_id", lines[0]["id"]}, {"quantity", 2}}}},
                   {"files", {Json::parse(scan.body)["id"]}}};
  Json too_much = contract;
  too_much["items"][0]["quantity"] = 3;
  too_much["value"] = 12'000'000;
  EXPECT_EQ(send(coordinator, "POST", path + "/contracts", too_much).status, 400);
  EXPECT_EQ(send(finance, "POST", path + "/contracts", contract).status, 403);
  auto signed_contract = send(coordinator, "POST", path + "/contracts", contract);
  ASSERT_EQ(signed_contract.status, 201) << signed_contract.body;
  const Json c = Json::parse(signed_contract.body);
  const std::string cpath = "/api/v1/cooperation/contracts/" + std::to_string(c["id"].get<int>());
  ASSERT_EQ(c["files"].size(), 1u);
  EXPECT_EQ(outlet.get("/api/v1/files/" + std::to_string(c["files"][0]["id"].get<int>())).status,
            200);  // the outlet may read its contract's scan
  EXPECT_EQ(member.get(cpath).status, 404);

  // The outlet sees its contract (and was told of it).
  const Json mine = Json::parse(outlet.get("/api/v1/cooperation/contracts").body);
  ASSERT_EQ(mine["contracts"].size(), 1u);
  EXPECT_EQ(mine["contracts"][0]["ordered"], 2);
  EXPECT_EQ(outlet.get(path).status, 404);  // but not the programme's budget
  const Json told = Json::parse(outlet.get("/api/v1/notifications").body);
  EXPECT_NE(told.dump().find("coop.contract"), std::string::npos);

  // Monitoring brings an article of the outlet on the topic: proposed.
  ingest({{"url", "https://baohaiphong.vn/chuyen-doi-so.html"},
          {"title", "Hải Phòng đẩy mạnh chuyển đổi số"},
          {"text", kStory},
          {"published", year_ + "-01-01T09:00:00+07:00"},
          {"outlet", "Báo Hải Phòng"}});
  Json now = Json::parse(coordinator.get(cpath).body);
  ASSERT_EQ(now["deliverables"].size(), 1u) << now.dump();
  EXPECT_EQ(now["deliverables"][0]["origin"], "match");
  EXPECT_EQ(now["deliverables"][0]["status"], "proposed");

  // The outlet sends in another by address: fetched from its site and checked.
  WebSite site;
  site.put("/bai-viet.html",
           {.body = "<html><head><title>Chuyển đổi số ở phường Lê Chân</title>"
                    "<meta property=\"article:published_time\" content=\"" +
                    year_ +
                    "-01-01T10:00:00+07:00\"></head><body><article><h1>Chuyển đổi số ở phường "
                    "Lê Chân</h1><p>" +
                    std::string(kStory) + "</p><p>" + kStory + "</p></article></body></html>"});
  auto source = send(coordinator, "POST", "/api/v1/news/sources",
                     {{"name", "Báo Hải Phòng"},
                      {"url", site.url("/rss")},
                      {"kind", "feed"},
                      {"organisation_id", orgs["bao-hp"]}});
  ASSERT_EQ(source.status, 201) << source.body;
  const int item = now["items"][0]["id"];
  auto elsewhere = send(outlet, "POST", cpath + "/deliverables",
                        {{"item_id", item}, {"url", "https://vnexpress.net/bai-khac.html"}});
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_NE(elsewhere.body.find("is not on the outlet's sites"), std::string::npos);
  auto offered = send(outlet, "POST", cpath + "/deliverables",
                      {{"item_id", item}, {"url", site.url("/bai-viet.html")}});
  ASSERT_EQ(offered.status, 201) << offered.body;
  now = Json::parse(offered.body);
  ASSERT_EQ(now["deliverables"].size(), 2u);
  EXPECT_EQ(now["deliverables"][1]["origin"], "outlet");
  EXPECT_EQ(now["deliverables"][1]["title"], "Chuyển đổi số ở phường Lê Chân");
  // The same article again: claimed already.
  EXPECT_EQ(send(outlet, "POST", cpath + "/deliverables",
                 {{"item_id", item}, {"url", site.url("/bai-viet.html")}})
                .status,
            409);

  // The coordinator accepts both; the outlet may not.
  const std::string d1 = "/api/v1/cooperation/deliverables/" +
                         std::to_string(now["deliverables"][0]["id"].get<int>()) + "/decision";
  const std::string d2 = "/api/v1/cooperation/deliverables/" +
                         std::to_string(now["deliverables"][1]["id"].get<int>()) + "/decision";
  EXPECT_EQ(send(outlet, "POST", d1, {{"decision", "accept"}}).status, 403);
  EXPECT_EQ(send(coordinator, "POST", d1, {{"decision", "maybe"}}).status, 400);
  ASSERT_EQ(send(coordinator, "POST", d1, {{"decision", "accept"}}).status, 200);
  auto settled = send(coordinator, "POST", d2, {{"decision", "accept"}});
  ASSERT_EQ(settled.status, 200) << settled.body;
  const Json done = Json::parse(settled.body);
  EXPECT_EQ(done["items"][0]["accepted"], 2);
  EXPECT_EQ(done["items"][0]["flag"], nullptr);
  EXPECT_EQ(done["settlement"]["accepted_amount"], 8'000'000);
  const Json p = Json::parse(leader.get(path).body);
  EXPECT_EQ(p["settlement"]["contracted"], 8'000'000);
  EXPECT_EQ(p["settlement"]["accepted_amount"], 8'000'000);
  EXPECT_EQ(p["settlement"]["uncommitted"], 10'000'000);

  // Contracts and deliverables as workbooks.
  auto contracts_sheet = coordinator.get("/api/v1/cooperation/contracts?format=xlsx");
  ASSERT_EQ(contracts_sheet.status, 200) << contracts_sheet.body;
  auto contract_rows = doc::read_table(contracts_sheet.body);
  ASSERT_TRUE(contract_rows) << contract_rows.status().message();
  ASSERT_EQ(contract_rows->size(), 2u);
  EXPECT_EQ((*contract_rows)[1][0], "15/" + year_ + "/HĐ-SVHTTDL");
  EXPECT_EQ((*contract_rows)[1][6], "8000000");
  EXPECT_EQ((*contract_rows)[1][9], "8000000");
  auto deliverable_rows = doc::read_table(coordinator.get(cpath + "?format=xlsx").body);
  ASSERT_TRUE(deliverable_rows) << deliverable_rows.status().message();
  ASSERT_EQ(deliverable_rows->size(), 3u);
  EXPECT_EQ((*deliverable_rows)[1][4], "Đã nghiệm thu");
  EXPECT_EQ((*deliverable_rows)[2][3], "Cơ quan báo chí gửi");
  EXPECT_EQ(member.get(cpath + "?format=xlsx").status, 404);

  // The yearly report on the plan, from these live figures.
  const std::string report =
      "/api/v1/reports/yearly?year=" + year_ + "&plan_id=" + std::to_string(plan_id_);
  auto docx = coordinator.get(report);
  ASSERT_EQ(docx.status, 200) << docx.body
                              << server_.log().substr(
                                     server_.log().size() > 3000 ? server_.log().size() - 3000 : 0);
  EXPECT_NE(docx.header("content-type").find("wordprocessingml"), std::string::npos);
  EXPECT_NE(docx.header("content-disposition").find("bao-cao-ket-qua-" + year_), std::string::npos);
  auto zip = doc::ZipArchive::open(docx.body, ".docx");
  ASSERT_TRUE(zip) << zip.status().message();
  auto xml = zip->part("word/document.xml", 16u << 20);
  ASSERT_TRUE(xml && xml->has_value());
  for (const char* text :
       {"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/BC-SVHTTDL",
        "Kết quả thực hiện Kế hoạch về hợp tác truyền thông",
        "Tuyên truyền về chuyển đổi số, cải cách hành chính", "Báo Hải Phòng", "412/QĐ-UBND",
        "8.000.000", "18.000.000", "2/2", "GIÁM ĐỐC", "Nơi nhận:"})
    EXPECT_NE((*xml)->find(text), std::string::npos) << text;
  auto chart = zip->part("word/charts/chart1.xml", 1u << 20);
  EXPECT_TRUE(chart && chart->has_value()) << "the coverage chart";
  // Bad parameters, and a plan the caller may not see.
  EXPECT_EQ(coordinator.get("/api/v1/reports/yearly?year=abc").status, 400);
  EXPECT_EQ(coordinator.get(report + "&format=odt").status, 400);
  EXPECT_EQ(member.get(report).status, 404);
  // The same as PDF, rendered by LibreOffice when it is installed.
  if (std::system("command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") ==
      0) {
    auto pdf = send(coordinator, "POST", "/api/v1/reports/yearly",
                    {{"year", std::stoi(year_)},
                     {"plan_id", plan_id_},
                     {"format", "pdf"},
                     {"number", "27/BC-SVHTTDL"},
                     {"authority", "KT. Giám đốc"},
                     {"signer_title", "Phó Giám đốc"},
                     {"signer_name", "Trần Thị Bình"},
                     {"assessment", "Các cơ quan báo chí thực hiện đúng hợp đồng."}});
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    ASSERT_TRUE(pdf.body.starts_with("%PDF-"));
    if (const char* keep = std::getenv("LOA_KEEP_PDF"))
      std::ofstream(keep, std::ios::binary) << pdf.body;
    std::ofstream(dir_.file("report.pdf"), std::ios::binary) << pdf.body;
    ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + dir_.file("report.pdf") + " " +
                           dir_.file("report.txt"))
                              .c_str()),
              0);
    std::ifstream in(dir_.file("report.txt"));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* t : {"Số: 27/BC-SVHTTDL", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình",
                          "IV. ĐÁNH GIÁ CHUNG", "Các cơ quan báo chí thực hiện đúng hợp đồng.",
                          "8.000.000", "Báo Hải Phòng", "đã nghiệm thu 2/2 sản phẩm đặt hàng"})
      EXPECT_NE(text.find(t), std::string::npos) << t << "\n" << text;
  } else {
    std::cout << "[  SKIPPED ] the PDF report: soffice or pdftotext missing (scripts/setup)\n";
  }

  // Each change is in the audit log.
  HttpClient admin = signed_in("admin");
  const std::string audit = admin.get("/api/v1/audit?limit=100").body;
  for (const char* action :
       {"coop.programme.create", "coop.programme.approve", "coop.contract.create",
        "coop.deliverable.offer", "coop.deliverable.accept"})
    EXPECT_NE(audit.find(action), std::string::npos) << action;
}

}  // namespace
}  // namespace loa::testing
