// `loa plan parse|import` through the real binary, against a demo database.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace loa::testing
