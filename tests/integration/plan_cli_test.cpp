// `loa plan parse|import` through the real binary, against a demo database; the OCR repair
// of a plan read there and uploaded to `loa serve`.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "support/http_client.h"
#include "support/loa_process.h"
#include "support/temp_dir.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kPlan =
    "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chỉ số PAR INDEX.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Chủ trì tuyên truyền.\nb) Phối hợp kiểm tra.\n"
    "2. Sở Ánh Sáng Mới\nPhối hợp thực hiện.\n";

TEST(PlanCliTest, ParseThenImportIntoTheDatabase) {
  TempDir dir;
  std::ofstream(dir.file("kh.txt")) << kPlan;
  // A demo database, so agencies resolve against its registry.
  { LoaServer seed(dir.file("loa.db"), {"--demo", "--ui", dir.file("no-ui")}); }

  auto json = run_loa({"plan", "parse", "--no-repair", "--format", "json", "--db",
                       dir.file("loa.db"), dir.file("kh.txt")});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json p = Json::parse(json.out);
  EXPECT_EQ(p["document"]["title"], "Tuyên truyền cải cách hành chính năm 2026");
  ASSERT_EQ(p["assignments"].size(), 2U);
  EXPECT_EQ(p["assignments"][0]["tasks"].size(), 2U);
  EXPECT_EQ(p["period"]["to"], "2026-12-31");
  EXPECT_TRUE(p["assignments"][0]["organisation_id"].is_number());  // Sở Nội vụ
  EXPECT_EQ(p["proposed_organisations"], Json::array({"Sở Ánh Sáng Mới"}));

  auto ok =
      run_loa({"plan", "import", "--no-repair", "--db", dir.file("loa.db"), dir.file("kh.txt")});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("Imported plan 1 (draft)"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("1 agency name(s) not in the registry"), std::string::npos) << ok.out;

  auto imported = run_loa({"plan", "import", "--no-repair", "--db", dir.file("loa.db"), "--org",
                           "nope", dir.file("kh.txt")});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_NE(imported.err.find("unknown organisation 'nope'"), std::string::npos) << imported.err;

  auto missing = run_loa({"plan", "parse", "--no-repair", dir.file("none.pdf")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.pdf"), std::string::npos);
}

// A demo database with a commune no gazetteer names, and a plan of it as a Latin-only OCR
// engine reads it: the repair must take the commune's name from the registry.
constexpr const char* kCommunePlanOcr =
    "KE HOACH\nTuyen truyen cai cach hanh chinh tai xa Tan Minh Thuong nam 2026\n\n"
    "I. MUC DICH, YEU CAU\nNang cao chi so hai long cua nguoi dan.\n";
constexpr const char* kCommunePlanTitle =
    "Tuyên truyền cải cách hành chính tại xã Tân Minh Thượng năm 2026";

void seed_with_commune(TempDir& dir) {
  { LoaServer seed(dir.file("loa.db"), {"--demo", "--ui", dir.file("no-ui")}); }
  auto db = store::Database::open(dir.file("loa.db"));
  ASSERT_TRUE(db) << db.status().message();
  ASSERT_TRUE((*db)->exec(
      "INSERT INTO organisations (code, name, kind, level, created_at) VALUES "
      "('tan-minh', 'Xã Tân Minh Thượng', 'commune', 'commune', '2025-07-01T00:00:00Z')"));
}

TEST(PlanCliTest, TheRepairReadsTheRegistrysPlaceNames) {
  if (!model_built()) GTEST_SKIP() << "no language model beside " << LOA_BINARY;
  TempDir dir;
  seed_with_commune(dir);
  std::ofstream(dir.file("kh.txt")) << kCommunePlanOcr;
  auto json = run_loa(
      {"plan", "parse", "--format", "json", "--db", dir.file("loa.db"), dir.file("kh.txt")});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json::parse(json.out)["document"]["title"], kCommunePlanTitle);
}

// … and so does the server's repair of an uploaded plan.
TEST(PlanCliTest, AnUploadToTheServerReadsTheRegistrysPlaceNames) {
  if (!model_built()) GTEST_SKIP() << "no language model beside " << LOA_BINARY;
  TempDir dir;
  seed_with_commune(dir);
  LoaServer server(dir.file("loa.db"), {"--ui", dir.file("no-ui")});
  HttpClient c("127.0.0.1", server.port());
  ASSERT_EQ(c.sign_in("coordinator").status, 200);
  auto r =
      c.request("POST", "/api/v1/plans?name=kh.txt", kCommunePlanOcr,
                {{"Content-Type", "text/plain; charset=utf-8"}, {"X-CSRF-Token", c.csrf_token}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json::parse(r.body)["title"], kCommunePlanTitle);
}

}  // namespace
}  // namespace loa::testing
