// Saved searches and their alerts (only new matches, once, a story's copies not again, in the
// app or also by e-mail), and articles as tasks' evidence (attached once by the task's own
// organisation, suggested both ways with their reasons).
#include "work/alerts.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/notifications.h"
#include "support/demo_users.h"
#include "support/test_db.h"
#include "work/demo.h"
#include "work/evidence.h"
#include "work/news.h"
#include "work/plans.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kNow = 1796000000;

constexpr const char* kPlan = R"(ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 22/KH-UBND
Hải Phòng, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
Thông tin đối ngoại năm 2026

I. NỘI DUNG
1. Tuyên truyền về hợp tác quốc tế, thu hút đầu tư nước ngoài
2. Tuyên truyền về phát triển du lịch biển đảo

II. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ
Chủ trì tổ chức đón các đoàn phóng viên nước ngoài đến tìm hiểu về thu hút đầu tư.
2. Sở Tài chính
Bố trí kinh phí thực hiện kế hoạch.
)";

std::string line(const std::string& url, const std::string& title, const std::string& text,
                 const std::string& outlet = "Báo Hải Phòng") {
  return Json{{"url", url}, {"title", title}, {"text", text}, {"outlet", outlet}}.dump() + "\n";
}

class AlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(seed_demo_data(*db_, clock_));
    ASSERT_TRUE(
        db_->exec("UPDATE users SET email = 'lan@sngv.haiphong.gov.vn' "
                  "WHERE username = 'ngoaivu'"));
    member_ = user("ngoaivu", Role::kMember);
  }

  SignedInUser user(const std::string& username, Role role) {
    return loa::testing::demo_user(*db_, username, role);
  }

  void ingest(const std::string& lines) {
    auto r = ingest_articles(*db_, clock_, lines);
    ASSERT_TRUE(r) << r.status().to_string();
  }

  std::int64_t save(const Json& body) {
    auto input = parse_saved_search(body);
    EXPECT_TRUE(input) << input.status().to_string();
    auto id = create_saved_search(*db_, clock_, member_.actor(), member_.id, *input);
    EXPECT_TRUE(id) << id.status().to_string();
    return id ? *id : 0;
  }

  std::vector<store::NotificationRow> alerts() {
    auto list = store::list_notifications(*db_, member_.id, false, 100);
    EXPECT_TRUE(list);
    std::vector<store::NotificationRow> out;
    for (auto& n : *list)
      if (n.kind == "news.alert") out.push_back(n);
    return out;
  }

  AlertReport raise() {
    auto r = raise_alerts(*db_, clock_);
    EXPECT_TRUE(r) << r.status().to_string();
    return r ? *r : AlertReport{};
  }

  loa::testing::TestDb db_;
  ManualClock clock_{kNow};
  SignedInUser member_;
};

TEST_F(AlertsTest, SavedSearchesAreChecked) {
  auto bad = [](const Json& body) {
    auto r = parse_saved_search(body);
    EXPECT_FALSE(r) << body.dump();
    return r ? std::string() : r.status().message();
  };
  EXPECT_EQ(bad({{"params", {{"q", "x"}}}}), "name is required");
  EXPECT_NE(bad({{"name", "a"}, {"params", {{"sort", "x"}}}}).find("params.sort"),
            std::string::npos);
  EXPECT_NE(bad({{"name", "a"}, {"params", {{"from", "2026-13-01"}}}}).find("2026-13-01"),
            std::string::npos);
  EXPECT_NE(bad({{"name", "a"}, {"params", {{"plan_id", 3}}}}).find("go together"),
            std::string::npos);
  EXPECT_NE(bad({{"name", "a"}, {"params", {{"q", "\"unclosed"}}}, {"colour", 1}})
                .find("unknown field 'colour'"),
            std::string::npos);
  EXPECT_NE(bad({{"name", "a"}, {"alert", "yes"}}).find("alert"), std::string::npos);
  auto ok = parse_saved_search(
      {{"name", "  Đà   Nẵng "},
       {"params", {{"q", "da nang"}, {"flagged", true}, {"about_city", false}, {"source_id", 4}}},
       {"email", true}});
  ASSERT_TRUE(ok) << ok.status().to_string();
  EXPECT_EQ(ok->name, "Đà Nẵng");
  EXPECT_EQ(ok->params, Json({{"q", "da nang"}, {"flagged", "1"}, {"source_id", "4"}}));
  EXPECT_TRUE(ok->alert);
  EXPECT_TRUE(ok->email);
}

TEST_F(AlertsTest, NewMatchesAlertOnceAndCopiesDoNotAlertAgain) {
  ingest(line("https://a.vn/old", "Đà Nẵng đón khách", "Tin cũ về Đà Nẵng trước khi lưu."));
  const auto id = save({{"name", "Đà Nẵng"}, {"params", {{"q", "da nang"}}}});
  EXPECT_EQ(raise().alerts, 0);  // what was stored before the search was saved does not alert
  const std::string text =
      "Thành phố Đà Nẵng công bố chương trình hợp tác du lịch với Hải Phòng, với nhiều tour "
      "mới nối hai thành phố biển, giá ưu đãi cho du khách trong mùa lễ hội cuối năm nay.";
  ingest(line("https://a.vn/1", "Đà Nẵng và Hải Phòng hợp tác du lịch", text) +
         line("https://a.vn/2", "Bán đấu giá đất", "Phiên đấu giá đất ở Kiến An."));
  auto r = raise();
  EXPECT_EQ(r.alerts, 1);
  EXPECT_EQ(r.articles, 1);
  auto list = alerts();
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].title, "Tin mới cho “Đà Nẵng”: 1 bài");
  EXPECT_NE(list[0].body.find("Đà Nẵng và Hải Phòng hợp tác du lịch (Báo Hải Phòng"),
            std::string::npos)
      << list[0].body;
  ASSERT_TRUE(list[0].link);
  EXPECT_TRUE(list[0].link->starts_with("/monitoring/")) << *list[0].link;
  EXPECT_EQ(raise().alerts, 0);  // nothing new: nothing twice

  // A syndicated copy of the story alerts no more; a new story does.
  ingest(line("https://b.vn/copy", "Đà Nẵng và Hải Phòng hợp tác du lịch", text, "Báo Khác"));
  EXPECT_EQ(raise().alerts, 0);
  ingest(line("https://a.vn/3", "Đà Nẵng mở đường bay", "Đường bay mới từ Đà Nẵng.") +
         line("https://a.vn/4", "Hội chợ ở Đà Nẵng", "Hội chợ thương mại tại Đà Nẵng."));
  r = raise();
  EXPECT_EQ(r.alerts, 1);
  EXPECT_EQ(r.articles, 2);
  list = alerts();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].title, "Tin mới cho “Đà Nẵng”: 2 bài");  // newest first
  EXPECT_EQ(*list[0].link, "/monitoring?saved=" + std::to_string(id));
  auto row = store::find_saved_search(*db_, id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->alerts, 2);

  // In the app only: no e-mail goes out; asked for, it does.
  auto pending = store::pending_emails(*db_, "2000-01-01T00:00:00Z", 100);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
  auto input =
      parse_saved_search({{"name", "Đà Nẵng"}, {"params", {{"q", "da nang"}}}, {"email", true}});
  ASSERT_TRUE(update_saved_search(*db_, clock_, member_.actor(), member_.id, id, *input));
  ingest(line("https://a.vn/5", "Đà Nẵng khai mạc lễ hội", "Lễ hội pháo hoa Đà Nẵng."));
  EXPECT_EQ(raise().alerts, 1);
  pending = store::pending_emails(*db_, "2000-01-01T00:00:00Z", 100);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1U);
  EXPECT_EQ(pending->front().email, "lan@sngv.haiphong.gov.vn");
}

TEST_F(AlertsTest, FiltersApplyAndOnlyTheOwnerChangesASearch) {
  const auto id = save({{"name", "Tin ở Báo Khác"}, {"params", {{"outlet", "Báo Khác"}}}});
  ingest(line("https://a.vn/1", "Một tin", "Nội dung một.") +
         line("https://c.vn/1", "Tin khác", "Nội dung hai.", "Báo Khác"));
  EXPECT_EQ(raise().articles, 1);
  // Other filters: only what arrives from now on.
  auto input =
      parse_saved_search({{"name", "Tin ở Báo Thứ Ba"}, {"params", {{"outlet", "Báo A"}}}});
  ASSERT_TRUE(update_saved_search(*db_, clock_, member_.actor(), member_.id, id, *input));
  EXPECT_EQ(raise().alerts, 0);

  const SignedInUser other = user("coordinator", Role::kCoordinator);
  Status s = delete_saved_search(*db_, clock_, other.actor(), other.id, id);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  s = update_saved_search(*db_, clock_, other.actor(), other.id, id, *input);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  // A second search of the same name is refused, naming it.
  auto dup = create_saved_search(*db_, clock_, member_.actor(), member_.id, *input);
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.status().message().find("Tin ở Báo Thứ Ba"), std::string::npos);
  ASSERT_TRUE(delete_saved_search(*db_, clock_, member_.actor(), member_.id, id));
  EXPECT_TRUE(store::list_saved_searches(*db_, member_.id)->empty());
  auto st = db_->prepare("SELECT count(*) FROM audit_log WHERE entity = 'saved_search'");
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_int(0), 3);  // created, changed, deleted
  // A person keeps at most 50: each is matched after every poll.
  for (int i = 0; i < 50; ++i)
    ASSERT_NE(save({{"name", "Tìm " + std::to_string(i)}, {"params", {{"q", "cau"}}}}), 0);
  auto more = create_saved_search(*db_, clock_, member_.actor(), member_.id,
                                  *parse_saved_search({{"name", "Thêm"}}));
  ASSERT_FALSE(more);
  EXPECT_EQ(more.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(AlertsTest, FlaggedArticlesAboutTheCityReachEveryCoordinatorOnce) {
  ingest(line("https://a.vn/rumour", "Bác bỏ tin đồn về cầu Hoàng Văn Thụ",
              "Sở Xây dựng Hải Phòng khẳng định thông tin cầu Hoàng Văn Thụ ở Hải Phòng bị nứt "
              "là sai sự thật.") +
         line("https://a.vn/calm", "Hải Phòng đón khách du lịch", "Hải Phòng đón nhiều khách."));
  auto r = raise();
  EXPECT_EQ(r.risk_alerts, 1);  // one coordinator in the demo
  const SignedInUser coordinator = user("coordinator", Role::kCoordinator);
  auto list = store::list_notifications(*db_, coordinator.id, false, 10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].kind, "news.risk");
  EXPECT_EQ((*list)[0].title, "Tin có dấu hiệu sai sự thật: Bác bỏ tin đồn về cầu Hoàng Văn Thụ");
  EXPECT_EQ(raise().risk_alerts, 0);  // once
  EXPECT_TRUE(alerts().empty());      // members are not told
}

class EvidenceTest : public AlertsTest {
 protected:
  void SetUp() override {
    AlertsTest::SetUp();
    auto st = db_->prepare("SELECT id FROM organisations WHERE code = 'svhttdl-hp'");
    ASSERT_TRUE(*st->step());
    auto imported = import_plan(*db_, clock_, {"ke-hoach.txt", kPlan}, st->column_int(0),
                                Actor::command_line(), {});
    ASSERT_TRUE(imported) << imported.status().to_string();
    plan_ = imported->plan_id;
    ASSERT_TRUE(activate_plan(*db_, clock_, plan_, Actor::command_line()));
    auto task = db_->prepare(
        "SELECT t.id FROM tasks t JOIN organisations o ON o.id = t.organisation_id "
        "WHERE t.plan_id = ? AND o.code = ?");
    task->bind_all(plan_, std::string("sngv-hp"));
    ASSERT_TRUE(*task->step()) << "no task for Sở Ngoại vụ";
    task_ = task->column_int(0);
  }

  std::int64_t article(const std::string& url) {
    auto st = db_->prepare("SELECT id FROM articles WHERE url = ?");
    st->bind(1, url);
    EXPECT_TRUE(*st->step()) << url;
    return st->column_int(0);
  }

  std::int64_t plan_ = 0;
  std::int64_t task_ = 0;
};

TEST_F(EvidenceTest, ArticlesAreSuggestedForTheTaskAndAttachedOnce) {
  ingest(line("https://a.vn/fdi", "Hải Phòng đẩy mạnh thu hút đầu tư nước ngoài",
              "Sở Ngoại vụ thành phố Hải Phòng đón đoàn phóng viên nước ngoài tìm hiểu môi "
              "trường thu hút đầu tư nước ngoài và hợp tác quốc tế của thành phố.") +
         line("https://a.vn/beach", "Hải Phòng phát triển du lịch biển đảo",
              "Thành phố Hải Phòng phát triển du lịch biển đảo ở Cát Bà.") +
         line("https://a.vn/other", "Giá vàng hôm nay", "Giá vàng tăng nhẹ."));
  auto suggested = articles_for_task(*db_, member_, task_, 10);
  ASSERT_TRUE(suggested) << suggested.status().to_string();
  ASSERT_GE(suggested->size(), 2U);
  EXPECT_EQ(suggested->front().article.url, "https://a.vn/fdi");  // topic and agency
  std::set<std::string> kinds;
  for (const auto& r : suggested->front().reasons) kinds.insert(r.kind);
  EXPECT_TRUE(kinds.count("topic") && kinds.count("agency"));
  for (const auto& s : *suggested) EXPECT_NE(s.article.url, "https://a.vn/other");

  // The article's side: the member's own task first, with the same reasons.
  auto tasks = tasks_for_article(*db_, member_, article("https://a.vn/fdi"), 10);
  ASSERT_TRUE(tasks) << tasks.status().to_string();
  ASSERT_FALSE(tasks->empty());
  EXPECT_EQ(tasks->front().task.id, task_);
  EXPECT_FALSE(tasks->front().attached);

  auto update = attach_article(*db_, clock_, member_, member_.actor(), task_,
                               article("https://a.vn/fdi"), "");
  ASSERT_TRUE(update) << update.status().to_string();
  auto again = attach_article(*db_, clock_, member_, member_.actor(), task_,
                              article("https://a.vn/fdi"), "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto st = db_->prepare("SELECT kind, text, links_json FROM task_updates WHERE id = ?");
  st->bind(1, *update);
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_text(0), "progress");
  EXPECT_NE(st->column_text(1).find("Minh chứng: bài “Hải Phòng đẩy mạnh thu hút"),
            std::string::npos);
  EXPECT_EQ(Json::parse(st->column_text(2))[0]["url"], "https://a.vn/fdi");
  auto evidence = task_evidence(*db_, member_, task_);
  ASSERT_TRUE(evidence);
  ASSERT_EQ(evidence->size(), 1U);
  // Attached: no longer suggested, and marked on the article's side.
  suggested = articles_for_task(*db_, member_, task_, 10);
  for (const auto& s : *suggested) EXPECT_NE(s.article.url, "https://a.vn/fdi");
  EXPECT_TRUE(tasks_for_article(*db_, member_, article("https://a.vn/fdi"), 10)->front().attached);

  // A cooperating agency (Sở Tài chính has a task in the plan) adds a contribution.
  const SignedInUser finance = user("taichinh", Role::kMember);
  auto contributed = attach_article(*db_, clock_, finance, finance.actor(), task_,
                                    article("https://a.vn/beach"), "Bài về du lịch biển");
  ASSERT_TRUE(contributed) << contributed.status().to_string();
  auto added = db_->prepare("SELECT kind, text FROM task_updates WHERE id = ?");
  added->bind(1, *contributed);
  ASSERT_TRUE(*added->step());
  EXPECT_EQ(added->column_text(0), "contribution");
  EXPECT_EQ(added->column_text(1), "Bài về du lịch biển");
  // An organisation outside the plan cannot see the task; a leader reads but does not attach.
  const SignedInUser outsider = user("member", Role::kMember);
  auto denied = attach_article(*db_, clock_, outsider, outsider.actor(), task_,
                               article("https://a.vn/other"), "");
  EXPECT_EQ(denied.status().code(), StatusCode::kNotFound);
  const SignedInUser leader = user("leader", Role::kLeader);
  denied = attach_article(*db_, clock_, leader, leader.actor(), task_,
                          article("https://a.vn/beach"), "");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  auto none = tasks_for_article(*db_, leader, article("https://a.vn/beach"), 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace loa::work
