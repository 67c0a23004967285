// The organisation registry kept by an administrator on a real `loa serve --demo`: editing
// with versions, ending validity instead of deleting a body that has users or tasks, and the
// round trip through a spreadsheet (export, edit, dry run, import; a bad file changes nothing).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "doc/spreadsheet.h"
#include "support/demo_server.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

class RegistryApiTest : public DemoServerTest {
 protected:
  static HttpResponse send_json(HttpClient& c, const std::string& method, const std::string& target,
                                const Json& body) {
    return c.request(method, target, body.dump(),
                     {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  }

  static HttpResponse import(HttpClient& c, const std::string& file, bool dry_run) {
    return c.request(
        "POST", std::string("/api/v1/organisations/import") + (dry_run ? "?dry_run=1" : ""), file,
        {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", c.csrf_token}});
  }

  static Json by_code(HttpClient& c, const std::string& code) {
    const Json registry = Json::parse(c.get("/api/v1/organisations").body);
    for (const auto& o : registry["organisations"])
      if (o["code"] == code)
        return Json::parse(
            c.get("/api/v1/organisations/" + std::to_string(o["id"].get<int>())).body);
    return nullptr;
  }
};

TEST_F(RegistryApiTest, AdminEditsWithVersionsAndOthersCannot) {
  HttpClient admin = signed_in("admin");
  Json org = by_code(admin, "lhhn-hp");
  ASSERT_FALSE(org.is_null());
  const int id = org["id"];
  const std::string path = "/api/v1/organisations/" + std::to_string(id);
  Json svhttdl = by_code(admin, "svhttdl-hp");

  Json edit = {{"version", org["version"]},
               {"name", "  Liên hiệp các tổ chức hữu nghị   thành phố Hải Phòng "},
               {"short_name", "Liên hiệp hữu nghị"},
               {"kind", "mass_org"},
               {"level", "province"},
               {"parent_id", org["parent_id"]},
               {"valid_from", nullptr},
               {"valid_to", nullptr},
               {"aliases", {{{"alias", "LHHN"}, {"kind", "abbreviation"}}}},
               {"successors", Json::array()}};
  auto r = send_json(admin, "PUT", path, edit);
  ASSERT_EQ(r.status, 200) << r.body;
  Json saved = Json::parse(r.body);
  EXPECT_EQ(saved["name"], "Liên hiệp các tổ chức hữu nghị thành phố Hải Phòng");  // spaces tidied
  EXPECT_EQ(saved["version"], org["version"].get<int>() + 1);
  EXPECT_EQ(saved["alias_entries"][0]["kind"], "abbreviation");

  // A second edit from the same (now stale) version is refused, not silently merged.
  edit["short_name"] = "LHHN TP";
  r = send_json(admin, "PUT", path, edit);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(by_code(admin, "lhhn-hp")["short_name"], "Liên hiệp hữu nghị");

  // Bad fields are named.
  edit["version"] = saved["version"];
  edit["kind"] = "ministry";
  r = send_json(admin, "PUT", path, edit);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("kind"), std::string::npos) << r.body;
  edit["kind"] = "mass_org";
  edit["valid_from"] = "2025-05-01";
  edit["valid_to"] = "2025-01-01";
  r = send_json(admin, "PUT", path, edit);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("valid_to"), std::string::npos) << r.body;
  edit["valid_from"] = nullptr;
  edit["valid_to"] = nullptr;
  edit["successors"] = {{{"successor_id", id}, {"scope", "all"}, {"effective_on", "2025-03-01"}}};
  r = send_json(admin, "PUT", path, edit);
  EXPECT_EQ(r.status, 400) << r.body;

  // Fields of the wrong type are named, not a server error.
  Json wrong_types = edit;
  wrong_types["aliases"] = {{{"alias", "X"}, {"kind", 5}}};
  r = send_json(admin, "PUT", path, wrong_types);
  EXPECT_EQ(r.status, 400) << r.body;
  wrong_types["aliases"] = Json::array();
  wrong_types["successors"] = {
      {{"successor_id", svhttdl["id"]}, {"scope", 1}, {"effective_on", "2025-03-01"}}};
  r = send_json(admin, "PUT", path, wrong_types);
  EXPECT_EQ(r.status, 400) << r.body;

  // A parent under its own unit would make a cycle.
  Json ubnd = by_code(admin, "ubnd-hp");
  Json ubnd_edit = {{"version", ubnd["version"]},
                    {"name", ubnd["name"]},
                    {"kind", ubnd["kind"]},
                    {"level", ubnd["level"]},
                    {"parent_id", svhttdl["id"]}};
  r = send_json(admin, "PUT", "/api/v1/organisations/" + std::to_string(ubnd["id"].get<int>()),
                ubnd_edit);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("parent"), std::string::npos) << r.body;

  // Coordinators add bodies a plan names, but do not edit the registry; leaders read it.
  for (const char* user : {"coordinator", "member", "leader"}) {
    HttpClient c = signed_in(user);
    EXPECT_EQ(send_json(c, "PUT", path, edit).status, 403) << user;
    EXPECT_EQ(c.request("DELETE", path, "", {{"X-CSRF-Token", c.csrf_token}}).status, 403) << user;
    EXPECT_EQ(import(c, "Tên\nX\n", false).status, 403) << user;
    EXPECT_EQ(c.get("/api/v1/organisations/export?format=csv").status, 200) << user;
  }

  auto audit = Json::parse(admin.get("/api/v1/audit?action=organisation").body);
  ASSERT_FALSE(audit["entries"].empty());
  EXPECT_EQ(audit["entries"][0]["action"], "organisation.update");
}

TEST_F(RegistryApiTest, BodyInUseIsEndedNotDeleted) {
  HttpClient admin = signed_in("admin");
  Json cat_hai = by_code(admin, "dk-cat-hai");  // has the demo member's account
  const std::string path = "/api/v1/organisations/" + std::to_string(cat_hai["id"].get<int>());
  auto r = admin.request("DELETE", path, "", {{"X-CSRF-Token", admin.csrf_token}});
  ASSERT_EQ(r.status, 409) << r.body;
  Json refused = Json::parse(r.body);
  EXPECT_EQ(refused["error"]["code"], "in_use");
  EXPECT_EQ(refused["suggestion"], "end_validity");
  EXPECT_GE(refused["usage"]["users"].get<int>(), 1);
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("valid_to"), std::string::npos);
  EXPECT_FALSE(by_code(admin, "dk-cat-hai").is_null());

  // Ending its validity keeps it for history and takes it off today's tree.
  Json end = {{"version", cat_hai["version"]},     {"name", cat_hai["name"]},
              {"kind", cat_hai["kind"]},           {"level", cat_hai["level"]},
              {"parent_id", cat_hai["parent_id"]}, {"valid_from", cat_hai["valid_from"]},
              {"valid_to", "2025-12-31"}};
  r = send_json(admin, "PUT", path, end);
  ASSERT_EQ(r.status, 200) << r.body;
  auto in_2026 = Json::parse(admin.get("/api/v1/organisations?as_of=2026-01-01").body);
  for (const auto& o : in_2026["organisations"]) EXPECT_NE(o["code"], "dk-cat-hai");
  auto in_2025 = Json::parse(admin.get("/api/v1/organisations?as_of=2025-12-31").body);
  bool found = false;
  for (const auto& o : in_2025["organisations"]) found = found || o["code"] == "dk-cat-hai";
  EXPECT_TRUE(found);
  EXPECT_EQ(Json::parse(r.body)["alias_entries"], cat_hai["alias_entries"]);  // kept: not sent

  // A body added by mistake, that nothing refers to, can be deleted.
  r = admin.post_json("/api/v1/organisations",
                      R"({"name": "Trung tâm nhập nhầm", "kind": "public_unit"})");
  ASSERT_EQ(r.status, 201) << r.body;
  Json added = Json::parse(r.body);
  EXPECT_TRUE(added["usage"]["deletable"].get<bool>());
  r = admin.request("DELETE", "/api/v1/organisations/" + std::to_string(added["id"].get<int>()), "",
                    {{"X-CSRF-Token", admin.csrf_token}});
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(by_code(admin, added["code"]).is_null());
  auto audit = Json::parse(admin.get("/api/v1/audit?action=organisation.delete").body);
  ASSERT_EQ(audit["entries"].size(), 1u);
  EXPECT_NE(audit["entries"][0]["before"].dump().find("Trung tâm nhập nhầm"), std::string::npos);
}

TEST_F(RegistryApiTest, SpreadsheetRoundTrip) {
  HttpClient admin = signed_in("admin");
  const int count = static_cast<int>(
      Json::parse(admin.get("/api/v1/organisations").body)["organisations"].size());

  // XLSX and CSV exports carry the same rows: a header and one row per organisation.
  auto xlsx = admin.get("/api/v1/organisations/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
  auto csv = admin.get("/api/v1/organisations/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  auto from_xlsx = doc::read_table(xlsx.body);
  auto from_csv = doc::read_table(csv.body);
  ASSERT_TRUE(from_xlsx && from_csv);
  EXPECT_EQ(static_cast<int>(from_xlsx->size()), count + 1);
  EXPECT_EQ(*from_xlsx, *from_csv);
  EXPECT_EQ((*from_csv)[0][0], "Mã (code)");

  // Re-importing the export changes nothing.
  auto same = import(admin, xlsx.body, false);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Json::parse(same.body)["unchanged"], count);
  EXPECT_EQ(Json::parse(same.body)["updated"], 0);

  // Edit in the spreadsheet: rename one body, add a commune under Cát Hải's parent.
  doc::Table table = *from_csv;
  std::string parent_code;
  for (auto& row : table) {
    if (row[0] == "hnb-hp") row[1] = "Hội Nhà báo thành phố Hải Phòng";
    if (row[0] == "dk-cat-hai") parent_code = row[5];
  }
  table.push_back({"", "Xã Thử Nghiệm", "", "Xã", "commune", parent_code, "2025-07-01", "",
                   "Xã TN (viết tắt)", ""});
  const std::string edited = doc::write_csv(table);
  auto dry = import(admin, edited, true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  Json preview = Json::parse(dry.body);
  EXPECT_EQ(preview["created"], 1);
  EXPECT_EQ(preview["updated"], 1);
  EXPECT_FALSE(preview["applied"].get<bool>());
  EXPECT_TRUE(by_code(admin, "xa-thu-nghiem").is_null());  // a dry run stores nothing

  auto applied = import(admin, edited, false);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_TRUE(Json::parse(applied.body)["applied"].get<bool>());
  Json added = by_code(admin, "xa-thu-nghiem");
  ASSERT_FALSE(added.is_null());
  EXPECT_EQ(added["kind"], "commune");
  EXPECT_EQ(added["alias_entries"][0]["alias"], "Xã TN");
  EXPECT_EQ(added["alias_entries"][0]["kind"], "abbreviation");
  // Its audit entry has no "before": it did not exist.
  auto created = Json::parse(admin.get("/api/v1/audit?action=organisation.import_create").body);
  ASSERT_EQ(created["entries"].size(), 1U) << created.dump();
  EXPECT_TRUE(created["entries"][0]["before"].is_null());
  EXPECT_EQ(by_code(admin, "hnb-hp")["name"], "Hội Nhà báo thành phố Hải Phòng");

  // A file with mistakes changes nothing and names each one by row and column.
  doc::Table bad = {
      {"Mã (code)", "Tên (name)", "Cấp (level)", "Mã cơ quan cấp trên (parent_code)", "Ghi chú"},
      {"hnb-hp", "Hội Nhà báo (đổi)", "galaxy", "", "x"},
      {"moi-1", "Cơ quan mới", "province", "khong-co", ""},
      {"vong-a", "Vòng A", "province", "vong-b", ""},
      {"vong-b", "Vòng B", "province", "vong-a", ""}};
  auto refused = import(admin, doc::write_csv(bad), false);
  ASSERT_EQ(refused.status, 422) << refused.body;
  Json errors = Json::parse(refused.body)["errors"];
  const std::string all = errors.dump();
  EXPECT_NE(all.find("row 2, column 'Cấp (level)'"), std::string::npos) << all;
  EXPECT_NE(all.find("row 3, column 'Mã cơ quan cấp trên (parent_code)'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("cycle"), std::string::npos) << all;
  EXPECT_EQ(Json::parse(refused.body)["ignored_columns"][0], "Ghi chú");
  EXPECT_EQ(by_code(admin, "hnb-hp")["name"], "Hội Nhà báo thành phố Hải Phòng");
  EXPECT_TRUE(by_code(admin, "moi-1").is_null());

  auto garbage = import(admin, std::string("PK\x03\x04garbage", 11), false);
  EXPECT_EQ(garbage.status, 400) << garbage.body;
}

}  // namespace
}  // namespace loa::testing
