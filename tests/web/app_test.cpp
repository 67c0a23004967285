// The HTTP application without sockets: every check that runs before a handler, and the API.
#include "web/app.h"

#include <gtest/gtest.h>

#include "store/audit.h"
#include "support/test_db.h"
#include "work/demo.h"

namespace loa::web {
namespace {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = *work::seed_demo_data(*db_, clock_);
    pool_ = std::move(*store::Pool::open(db_.path(), 2));
    app_ = std::make_unique<Application>(AppContext{*pool_, auth_, metrics_, nullptr, clock_, {}});
  }

  Response send(const std::string& method, const std::string& target, const std::string& body = "",
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = method;
    r.target = target;
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    r.body = body;
    r.remote_addr = "127.0.0.1";
    r.request_id = "test";
    for (auto& [k, v] : headers) {
      for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(k, v);
    }
    if (!cookie_.empty()) r.headers.emplace_back("cookie", "loa_session=" + cookie_);
    return app_->handle(r);
  }

  // Signs in and keeps the cookie and CSRF token for later requests.
  Json sign_in(const std::string& user) {
    Response r = send("POST", "/api/v1/auth/login",
                      Json{{"username", user}, {"password", seed_.password}}.dump(),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    std::string set_cookie(r.header("Set-Cookie"));
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
    cookie_ = set_cookie.substr(std::string("loa_session=").size(),
                                set_cookie.find(';') - std::string("loa_session=").size());
    Json body = Json::parse(r.body);
    csrf_ = body["csrf_token"];
    return body;
  }

  static std::string error_code(const Response& r) { return Json::parse(r.body)["error"]["code"]; }

  loa::testing::TestDb db_;
  ManualClock clock_{1'763'900'000};
  work::DemoSeed seed_;
  std::unique_ptr<store::Pool> pool_;
  work::AuthService auth_{clock_, {}};
  Metrics metrics_;
  std::unique_ptr<Application> app_;
  std::string cookie_, csrf_;
};

TEST_F(AppTest, HealthzIsPublic) {
  Response r = send("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json::parse(r.body)["database"], "ok");
}

TEST_F(AppTest, ApiNeedsSession) {
  Response r = send("GET", "/api/v1/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_code(r), "unauthenticated");
  cookie_ = "forged";
  r = send("GET", "/api/v1/organisations");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(std::string(r.header("Set-Cookie")).find("Max-Age=0"), std::string::npos);
}

TEST_F(AppTest, SignInMeAndSignOut) {
  Json login = sign_in("coordinator");
  EXPECT_EQ(login["user"]["role"], "coordinator");
  Response me = send("GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Json::parse(me.body)["user"]["organisation"]["name"],
            "Sở Văn hóa, Thể thao và Du lịch");

  EXPECT_EQ(send("POST", "/api/v1/auth/logout").status, 403);  // no CSRF token
  Response out = send("POST", "/api/v1/auth/logout", "", {{"X-CSRF-Token", csrf_}});
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(std::string(out.header("Set-Cookie")).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send("GET", "/api/v1/me").status, 401);
}

TEST_F(AppTest, WrongPasswordIs401WithJsonError) {
  Response r = send("POST", "/api/v1/auth/login",
                    R"({"username":"coordinator","password":"wrong-password"})",
                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("Set-Cookie"), "");
}

TEST_F(AppTest, BadBodiesGetClearErrors) {
  Response r =
      send("POST", "/api/v1/auth/login", "{not json", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(Json::parse(r.body)["error"]["message"].get<std::string>().find("malformed JSON"),
            std::string::npos);
  r = send("POST", "/api/v1/auth/login", "[1,2]", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  r = send("POST", "/api/v1/auth/login", R"({"username":"x"})",
           {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("password"), std::string::npos);
  r = send("POST", "/api/v1/auth/login", "username=x", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
}

TEST_F(AppTest, UnknownRoutesAndWrongMethods) {
  Response r = send("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_code(r), "not_found");
  r = send("PUT", "/healthz");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET");
  // Without a built UI, non-API paths are 404 too.
  EXPECT_EQ(send("GET", "/quan-tri").status, 404);
}

TEST_F(AppTest, OrganisationTreeAsOfDate) {
  sign_in("member");
  Response all = send("GET", "/api/v1/organisations");
  ASSERT_EQ(all.status, 200);
  Json body = Json::parse(all.body);
  EXPECT_GE(body["organisations"].size(), 20u);
  EXPECT_GE(body["successors"].size(), 5u);
  Response old = send("GET", "/api/v1/organisations?as_of=2024-01-01");
  bool has_stttt = false, has_cat_hai_zone = false;
  Json old_body = Json::parse(old.body);
  for (const auto& o : old_body["organisations"]) {
    has_stttt |= o["code"] == "stttt-hp";
    has_cat_hai_zone |= o["code"] == "dk-cat-hai";
  }
  EXPECT_TRUE(has_stttt);
  EXPECT_FALSE(has_cat_hai_zone);
  EXPECT_EQ(send("GET", "/api/v1/organisations?as_of=01/07/2025").status, 400);
  EXPECT_EQ(send("GET", "/api/v1/organisations/abc").status, 400);
  EXPECT_EQ(send("GET", "/api/v1/organisations/99999").status, 404);
  EXPECT_EQ(send("GET", "/api/v1/organisations/1").status, 200);
}

TEST_F(AppTest, RolesAreChecked) {
  sign_in("coordinator");
  EXPECT_EQ(send("GET", "/api/v1/users").status, 403);
  EXPECT_EQ(send("GET", "/api/v1/audit").status, 403);
  Response create =
      send("POST", "/api/v1/users",
           R"({"username":"x1","organisation":"skhcn-hp","role":"admin","password":"12345678"})",
           {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf_}});
  EXPECT_EQ(create.status, 403);
  sign_in("admin");
  EXPECT_EQ(send("GET", "/api/v1/users").status, 200);
}

TEST_F(AppTest, AdminCreatesUserAndEveryChangeIsAudited) {
  sign_in("admin");
  auto headers = std::vector<std::pair<std::string, std::string>>{
      {"Content-Type", "application/json"}, {"X-CSRF-Token", csrf_}};
  Response bad = send(
      "POST", "/api/v1/users",
      R"({"username":"ok.name","organisation":"p-le-chan","role":"chief","password":"12345678"})",
      headers);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("role"), std::string::npos);
  Response made = send(
      "POST", "/api/v1/users",
      R"({"username":"lan.pham","display_name":"Phạm Thị Lan","organisation":"p-le-chan","role":"member","password":"12345678"})",
      headers);
  ASSERT_EQ(made.status, 201) << made.body;
  Response again = send(
      "POST", "/api/v1/users",
      R"({"username":"lan.pham","organisation":"p-le-chan","role":"member","password":"12345678"})",
      headers);
  EXPECT_EQ(again.status, 409);

  Response audit = send("GET", "/api/v1/audit?limit=5");
  ASSERT_EQ(audit.status, 200);
  Json entries = Json::parse(audit.body)["entries"];
  EXPECT_EQ(entries[0]["action"], "user.create");
  EXPECT_EQ(entries[0]["username"], "admin");
  EXPECT_EQ(entries[0]["after"]["username"], "lan.pham");
  EXPECT_EQ(entries[0]["remote_addr"], "127.0.0.1");
  EXPECT_EQ(entries[1]["action"], "auth.login");
  EXPECT_EQ(send("GET", "/api/v1/audit?limit=0").status, 400);
  EXPECT_EQ(send("GET", "/api/v1/audit?limit=5abc").status, 400);
}

TEST_F(AppTest, MetricsCountRoutesNotRawPaths) {
  sign_in("leader");
  send("GET", "/api/v1/organisations/1");
  send("GET", "/api/v1/organisations/2");
  Request r;
  r.method = "GET";
  r.path = "/api/v1/organisations/2";
  r.route = "/api/v1/organisations/:id";
  app_->observe(r, 200, 0.001);
  std::string text = send("GET", "/metrics").body;
  EXPECT_NE(text.find("route=\"/api/v1/organisations/:id\""), std::string::npos);
  EXPECT_EQ(text.find("/api/v1/organisations/2"), std::string::npos);
}

}  // namespace
}  // namespace loa::web
