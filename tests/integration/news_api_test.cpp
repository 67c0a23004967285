// The press through the API of a real `loa serve --demo`: the stream (a story once, with its
// copies), search and filters, one article, the coordinator's decisions on topics and risk
// flags (others refused, each decision audited), the dashboard, sources with their health.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "support/demo_server.h"
#include "support/smtp_sink.h"

namespace loa::testing {
namespace {

using Json = nlohmann::json;

class NewsApiTest : public DemoServerTest {
 protected:
  static HttpResponse send_json(HttpClient& c, const std::string& target, const Json& body) {
    return c.request("POST", target, body.dump(),
                     {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf_token}});
  }

  std::int64_t plan_id_ = 0;

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
          "'Kế hoạch thông tin đối ngoại', 'kh.txt', 'text', '', ?, '2026-01-01T00:00:00Z', "
          "'2026-01-01T00:00:00Z' FROM organisations WHERE code = 'ubnd-hp'");
      st->bind(1, structure.dump());
      ASSERT_TRUE(st->run());
      plan_id_ = (*db)->last_insert_id();
    }  // the statement before its database
    db->reset();

    const std::string story =
        "Thành phố Hải Phòng đẩy mạnh chuyển đổi số trong cải cách hành chính. Người dân các "
        "phường nộp hồ sơ trực tuyến, thời gian giải quyết thủ tục rút ngắn một nửa so với "
        "năm trước, theo Sở Khoa học và Công nghệ thành phố. Trong năm, thành phố đã đưa hơn "
        "một nghìn thủ tục hành chính lên cổng dịch vụ công, cấp chữ ký số cho cán bộ các "
        "phường, xã và đặc khu, đồng thời triển khai trung tâm điều hành thông minh giám sát "
        "giao thông, môi trường và an ninh trật tự. Lãnh đạo thành phố yêu cầu các sở, ngành "
        "tiếp tục rà soát quy trình, cắt giảm giấy tờ không cần thiết và công khai tiến độ giải "
        "quyết hồ sơ để người dân, doanh nghiệp theo dõi trên điện thoại.";
    std::string lines;
    for (const Json& a :
         {Json{{"url", "https://baohaiphong.vn/chuyen-doi-so.html"},
               {"title", "Hải Phòng đẩy mạnh chuyển đổi số"},
               {"text", story},
               {"published", "2026-11-30T08:00:00+07:00"},
               {"outlet", "Báo Hải Phòng"}},
          Json{{"url", "https://tintuc.vn/hai-phong-chuyen-doi-so.html"},
               {"title", "Hải Phòng: chuyển đổi số trong cải cách hành chính"},
               {"text", "Theo Báo Hải Phòng. " + story},
               {"published", "2026-11-30T10:00:00+07:00"},
               {"outlet", "Tin Tức"}},
          Json{{"url", "https://baohaiphong.vn/bac-bo-tin-don.html"},
               {"title", "Bác bỏ tin đồn về cầu Hoàng Văn Thụ"},
               {"text", "Sở Xây dựng Hải Phòng khẳng định thông tin cầu bị nứt là sai sự thật."},
               {"published", "2026-12-01T09:00:00+07:00"},
               {"outlet", "Báo Hải Phòng"}}})
      lines += a.dump() + "\n";
    std::ofstream(dir_.file("articles.jsonl")) << lines;
    auto ingest =
        run_loa({"news", "ingest", "--db", dir_.file("loa.db"), dir_.file("articles.jsonl")});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  }
};

TEST_F(NewsApiTest, StreamSearchArticleAndDecisions) {
  HttpClient coordinator = signed_in("coordinator");
  const Json stream = Json::parse(coordinator.get("/api/v1/news").body);
  ASSERT_EQ(stream["total"], 2) << stream.dump();  // the copy is counted with its story
  const Json& rumour = stream["results"][0];       // newest first
  EXPECT_EQ(rumour["risk"], "false_information");
  EXPECT_EQ(rumour["risk_status"], "flagged");
  const Json& story = stream["results"][1];
  EXPECT_EQ(story["outlet"], "Báo Hải Phòng");
  ASSERT_EQ(story["duplicates"].size(), 1u);
  EXPECT_EQ(story["duplicates"][0]["outlet"], "Tin Tức");
  ASSERT_EQ(story["topics"].size(), 1u);
  EXPECT_EQ(story["topics"][0]["title"], "Tuyên truyền về chuyển đổi số, cải cách hành chính");
  EXPECT_EQ(story["topics"][0]["terms"], Json({"chuyển đổi số", "cải cách hành chính"}));
  EXPECT_EQ(story["topics"][0]["status"], "suggested");

  // Search without accents, filters, and the copies when asked for.
  const Json found = Json::parse(coordinator.get("/api/v1/news?q=chuyen%20doi%20so").body);
  EXPECT_EQ(found["total"], 1);
  EXPECT_EQ(
      Json::parse(coordinator.get("/api/v1/news?q=chuyen%20doi%20so&all_copies=1").body)["total"],
      2);
  EXPECT_EQ(Json::parse(coordinator.get("/api/v1/news?flagged=1").body)["total"], 1);
  EXPECT_EQ(
      Json::parse(coordinator.get("/api/v1/news?from=2026-12-01&to=2026-12-01").body)["total"], 1);
  EXPECT_EQ(Json::parse(
                coordinator.get("/api/v1/news?plan_id=" + std::to_string(plan_id_) + "&topic_no=1")
                    .body)["total"],
            1);
  EXPECT_EQ(coordinator.get("/api/v1/news?from=1-12-2026").status, 400);
  const auto bad_query = coordinator.get("/api/v1/news?q=%22unclosed");
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_NE(bad_query.body.find("not a valid expression"), std::string::npos);

  // One article whole.
  const std::string path = "/api/v1/news/" + std::to_string(story["id"].get<int>());
  const Json one = Json::parse(coordinator.get(path).body);
  EXPECT_NE(one["text"].get<std::string>().find("hồ sơ trực tuyến"), std::string::npos);
  EXPECT_EQ(one["places"][0]["name"], "Hải Phòng");
  EXPECT_TRUE(one["can"]["decide"]);
  EXPECT_EQ(coordinator.get("/api/v1/news/99999").status, 404);

  // Decisions: a member may read but not decide; the coordinator's are audited.
  HttpClient member = signed_in("member");
  EXPECT_EQ(member.get(path).status, 200);
  const Json confirm = {{"plan_id", plan_id_}, {"topic_no", 1}, {"decision", "confirm"}};
  EXPECT_EQ(send_json(member, path + "/topics", confirm).status, 403);
  const auto decided = send_json(coordinator, path + "/topics", confirm);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Json::parse(decided.body)["topics"][0]["status"], "confirmed");
  EXPECT_EQ(send_json(coordinator, path + "/topics",
                      {{"plan_id", plan_id_}, {"topic_no", 2}, {"decision", "confirm"}})
                .status,
            404);
  EXPECT_EQ(send_json(coordinator, path + "/topics",
                      {{"plan_id", plan_id_}, {"topic_no", 1}, {"decision", "maybe"}})
                .status,
            400);
  EXPECT_EQ(send_json(coordinator, path + "/topics",
                      {{"plan_id", plan_id_}, {"topic_no", 5000000000}, {"decision", "confirm"}})
                .status,
            400);
  const std::string rumour_path = "/api/v1/news/" + std::to_string(rumour["id"].get<int>());
  const auto risk = send_json(coordinator, rumour_path + "/risk", {{"decision", "confirm"}});
  ASSERT_EQ(risk.status, 200) << risk.body;
  EXPECT_EQ(Json::parse(risk.body)["risk_status"], "confirmed");
  EXPECT_EQ(send_json(coordinator, path + "/risk", {{"decision", "confirm"}}).status, 404);
  HttpClient admin = signed_in("admin");
  const Json audit = Json::parse(admin.get("/api/v1/audit?action=article").body);
  EXPECT_EQ(audit["entries"].size(), 2u) << audit.dump();

  // The dashboard: the topic covered by one story carried by two outlets; the flag.
  const Json board =
      Json::parse(coordinator.get("/api/v1/news/dashboard?from=2026-11-01&to=2026-12-02").body);
  ASSERT_EQ(board["per_topic"].size(), 2u);
  EXPECT_EQ(board["per_topic"][0]["stories"], 1);
  EXPECT_EQ(board["per_topic"][1]["stories"], 0);  // not covered: shown too
  ASSERT_EQ(board["top_stories"].size(), 1u);
  EXPECT_EQ(board["top_stories"][0]["outlets"], 2);
  EXPECT_EQ(board["flagged_total"], 1);
  EXPECT_EQ(board["per_outlet"][0]["outlet"], "Báo Hải Phòng");
  EXPECT_EQ(coordinator.get("/api/v1/news/dashboard?from=2026-12-02&to=2026-11-01").status, 400);

  // An article Loa did not flag is flagged by confirming it with a kind (the coordinator's).
  const Json flag = {{"decision", "confirm"}, {"kind", "negative"}};
  EXPECT_EQ(send_json(member, path + "/risk", flag).status, 403);
  const auto wrong_kind =
      send_json(coordinator, path + "/risk", {{"decision", "confirm"}, {"kind", "rumour"}});
  EXPECT_EQ(wrong_kind.status, 400);
  EXPECT_NE(wrong_kind.body.find("kind must be"), std::string::npos) << wrong_kind.body;
  EXPECT_EQ(send_json(coordinator, path + "/risk", {{"decision", "dismiss"}, {"kind", "negative"}})
                .status,
            404);  // nothing to dismiss
  const auto flagged = send_json(coordinator, path + "/risk", flag);
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  EXPECT_EQ(Json::parse(flagged.body)["risk"], "negative");
  EXPECT_EQ(Json::parse(flagged.body)["risk_status"], "confirmed");
  EXPECT_EQ(Json::parse(flagged.body)["risk_by"], "person");
  EXPECT_EQ(Json::parse(coordinator.get(rumour_path).body)["risk_by"], "lexicon");
  EXPECT_EQ(Json::parse(coordinator.get("/api/v1/news/dashboard?from=2026-11-01&to=2026-12-02")
                            .body)["flagged_total"],
            2);
}

TEST_F(NewsApiTest, SourcesAreKeptByTheCoordinator) {
  HttpClient coordinator = signed_in("coordinator");
  const auto bad = send_json(coordinator, "/api/v1/news/sources",
                             {{"name", "Báo X"}, {"url", "ftp://x.vn/rss"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("not an http(s) address"), std::string::npos);
  const auto slow =
      send_json(coordinator, "/api/v1/news/sources",
                {{"name", "Báo X"}, {"url", "https://x.vn/rss"}, {"poll_seconds", 5}});
  EXPECT_EQ(slow.status, 400);
  EXPECT_NE(slow.body.find("outside 60"), std::string::npos) << slow.body;
  const auto made =
      send_json(coordinator, "/api/v1/news/sources",
                {{"name", "Báo Hải Phòng – Thời sự"}, {"url", "https://baohaiphong.vn/rss"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Json::parse(made.body)["health"], "new");
  EXPECT_EQ(send_json(coordinator, "/api/v1/news/sources",
                      {{"name", "Lại"}, {"url", "https://baohaiphong.vn/rss"}})
                .status,
            409);
  const Json list = Json::parse(coordinator.get("/api/v1/news/sources").body);
  ASSERT_EQ(list["sources"].size(), 1u);
  EXPECT_EQ(list["sources"][0]["name"], "Báo Hải Phòng - Thời sự");  // Loa's normal form
  const std::string poll =
      "/api/v1/news/sources/" + std::to_string(list["sources"][0]["id"].get<int>()) + "/poll";
  const auto soon = send_json(coordinator, poll, Json::object());
  ASSERT_EQ(soon.status, 202) << soon.body;
  EXPECT_FALSE(Json::parse(soon.body)["next_poll_at"].is_null());
  EXPECT_EQ(send_json(coordinator, "/api/v1/news/sources/999/poll", Json::object()).status, 404);
  HttpClient member = signed_in("member");
  EXPECT_EQ(member.get("/api/v1/news/sources").status, 403);
  EXPECT_EQ(send_json(member, poll, Json::object()).status, 403);
}

}  // namespace
}  // namespace loa::testing

namespace loa::testing {
namespace {

TEST_F(NewsApiTest, SavedSearchesAlertTheirOwnerOnly) {
  HttpClient member = signed_in("ngoaivu");
  auto with_csrf = [&](const std::string& method, const std::string& target, const Json& body) {
    return member.request(
        method, target, body.dump(),
        {{"Content-Type", "application/json"}, {"X-CSRF-Token", member.csrf_token}});
  };
  // Bad filters are named.
  auto bad = send_json(member, "/api/v1/news/searches",
                       {{"name", "Cầu"}, {"params", {{"from", "30/11/2026"}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("30/11/2026"), std::string::npos) << bad.body;
  auto made = send_json(member, "/api/v1/news/searches",
                        {{"name", "Cầu Hoàng Văn Thụ"},
                         {"params", {{"q", "cau hoang van thu"}, {"about_city", true}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const Json saved = Json::parse(made.body);
  EXPECT_EQ(saved["params"], Json({{"q", "cau hoang van thu"}, {"about_city", "1"}}));
  EXPECT_EQ(send_json(member, "/api/v1/news/searches", {{"name", "Cầu Hoàng Văn Thụ"}}).status,
            409);
  const std::string path = "/api/v1/news/searches/" + std::to_string(saved["id"].get<int>());

  // A new article about the bridge arrives: one alert, to the search's owner.
  std::ofstream(dir_.file("more.jsonl"))
      << Json{{"url", "https://baohaiphong.vn/cau-hoang-van-thu-an-toan.html"},
              {"title", "Cầu Hoàng Văn Thụ vẫn an toàn"},
              {"text", "Kiểm định cho thấy cầu Hoàng Văn Thụ ở Hải Phòng vẫn an toàn."},
              {"published", "2026-12-02T09:00:00+07:00"},
              {"outlet", "Báo Hải Phòng"}}
             .dump()
      << "\n";
  auto ingest = run_loa({"news", "ingest", "--db", dir_.file("loa.db"), dir_.file("more.jsonl")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_NE(ingest.out.find("Saved-search alerts raised: 1"), std::string::npos) << ingest.out;
  const Json notes = Json::parse(member.get("/api/v1/notifications").body);
  ASSERT_GE(notes["notifications"].size(), 1u);
  EXPECT_EQ(notes["notifications"][0]["kind"], "news.alert");
  EXPECT_EQ(notes["notifications"][0]["title"], "Tin mới cho “Cầu Hoàng Văn Thụ”: 1 bài");
  HttpClient coordinator = signed_in("coordinator");
  const Json theirs = Json::parse(coordinator.get("/api/v1/notifications").body);
  for (const auto& n : theirs["notifications"]) EXPECT_NE(n["kind"], "news.alert");
  const Json listed = Json::parse(member.get("/api/v1/news/searches").body);
  ASSERT_EQ(listed["searches"].size(), 1u);
  EXPECT_EQ(listed["searches"][0]["alerts"], 1);
  EXPECT_TRUE(Json::parse(coordinator.get("/api/v1/news/searches").body)["searches"].empty());

  // Only the owner changes or removes it.
  const Json change = {{"name", "Cầu"}, {"params", {{"q", "cau"}}}, {"email", true}};
  EXPECT_EQ(
      coordinator
          .request("PUT", path, change.dump(),
                   {{"Content-Type", "application/json"}, {"X-CSRF-Token", coordinator.csrf_token}})
          .status,
      404);
  auto changed = with_csrf("PUT", path, change);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Json::parse(changed.body)["email"], true);
  EXPECT_EQ(with_csrf("DELETE", path, Json::object()).status, 204);
  EXPECT_EQ(with_csrf("DELETE", path, Json::object()).status, 404);
}

TEST_F(NewsApiTest, EvidenceNeedsATaskTheCallerWorksOn) {
  HttpClient member = signed_in("ngoaivu");
  const Json stream = Json::parse(member.get("/api/v1/news").body);
  const int article = stream["results"][0]["id"].get<int>();
  const std::string base = "/api/v1/news/" + std::to_string(article);
  auto tasks = member.get(base + "/tasks");
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  EXPECT_TRUE(Json::parse(tasks.body)["tasks"].is_array());
  EXPECT_EQ(send_json(member, base + "/evidence", {{"task_id", "x"}}).status, 400);
  EXPECT_EQ(send_json(member, base + "/evidence", {{"task_id", 999999}}).status, 404);
  HttpClient leader = signed_in("leader");
  EXPECT_EQ(send_json(leader, base + "/evidence", {{"task_id", 1}}).status, 403);
  EXPECT_EQ(member.get("/api/v1/tasks/999999/evidence").status, 404);
}

}  // namespace
}  // namespace loa::testing

namespace loa::testing {
namespace {

// The coordinator sends the day's press review at once: refused where e-mail is not set up,
// sent (with the Word file) by a server that has an SMTP server, audited.
TEST_F(NewsApiTest, ThePressReviewIsSentNowWhereEMailIsSetUp) {
  HttpClient coordinator = signed_in("coordinator");
  const Json stream = Json::parse(coordinator.get("/api/v1/news?from=2026-12-01").body);
  ASSERT_EQ(stream["total"], 1) << stream.dump();
  const std::int64_t article = stream["results"][0]["id"];
  ASSERT_EQ(send_json(coordinator, "/api/v1/press-review/items?date=2026-12-01",
                      {{"article_id", article}})
                .status,
            201);
  auto settings = coordinator.request(
      "PUT", "/api/v1/press-review/settings",
      Json{{"recipients", {"lanhdao@svhttdl.haiphong.gov.vn", "vanphong@svhttdl.haiphong.gov.vn"}},
           {"send_at", "07:30"},
           {"enabled", false}}
          .dump(),
      {{"Content-Type", "application/json"}, {"X-CSRF-Token", coordinator.csrf_token}});
  ASSERT_EQ(settings.status, 200) << settings.body;
  auto refused =
      send_json(coordinator, "/api/v1/press-review/send?date=2026-12-01", Json::object());
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("e-mail is not set up"), std::string::npos) << refused.body;
  HttpClient member = signed_in("member");
  EXPECT_EQ(send_json(member, "/api/v1/press-review/send?date=2026-12-01", Json::object()).status,
            403);

  SmtpSink sink;
  LoaServer mailing{dir_.file("loa.db"),
                    {"--ui", dir_.file("no-ui"), "--smtp-url", sink.url(), "--smtp-from",
                     "loa@svhttdl.haiphong.gov.vn", "--poll-every", "0"}};
  HttpClient sender("127.0.0.1", mailing.port());
  ASSERT_EQ(sender.sign_in("coordinator").status, 200);
  auto sent = send_json(sender, "/api/v1/press-review/send?date=2026-12-01", Json::object());
  ASSERT_EQ(sent.status, 200) << sent.body;
  const Json review = Json::parse(sent.body);
  EXPECT_EQ(review["sent_now"], 2);
  EXPECT_EQ(review["sent_to"], 2);
  const auto mails = sink.messages();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[0].data.find("diem-bao-2026-12-01.docx"), std::string::npos);
  // Nothing to send on a day without a review.
  EXPECT_EQ(send_json(sender, "/api/v1/press-review/send?date=2026-11-29", Json::object()).status,
            409);
  HttpClient admin("127.0.0.1", mailing.port());
  ASSERT_EQ(admin.sign_in("admin").status, 200);
  EXPECT_NE(admin.get("/api/v1/audit?limit=20").body.find("press_review.send"), std::string::npos);
}

TEST_F(NewsApiTest, ACoordinatorCorrectsACategoryAndItStays) {
  HttpClient coordinator = signed_in("coordinator");
  const Json stream = Json::parse(coordinator.get("/api/v1/news").body);
  const int id = stream["results"][0]["id"].get<int>();
  const std::string path = "/api/v1/news/" + std::to_string(id) + "/category";
  auto bad = send_json(coordinator, path, {{"category", "weather"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("one of business"), std::string::npos) << bad.body;
  HttpClient member = signed_in("ngoaivu");
  EXPECT_EQ(send_json(member, path, {{"category", "society"}}).status, 403);
  auto set = send_json(coordinator, path, {{"category", "society"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Json::parse(set.body)["category"], "society");
  EXPECT_EQ(Json::parse(set.body)["category_by"], "person");
  // Analysing the articles again keeps a person's category.
  auto analysed = run_loa({"news", "analyse", "--db", dir_.file("loa.db")});
  ASSERT_EQ(analysed.exit_code, 0) << analysed.err;
  const Json after = Json::parse(coordinator.get("/api/v1/news/" + std::to_string(id)).body);
  EXPECT_EQ(after["category"], "society");
  EXPECT_EQ(after["category_by"], "person");
}

}  // namespace
}  // namespace loa::testing
