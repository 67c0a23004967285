// Media cooperation: a programme's figures must add up, its steps go in order and only by the
// right bodies, contracts stay within the approved lines, monitored articles of the outlet
// are proposed as deliverables and a deliverable cannot be claimed twice or by another outlet.
#include "work/cooperation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/notifications.h"
#include "support/demo_users.h"
#include "support/test_db.h"
#include "work/alerts.h"
#include "work/demo.h"
#include "work/news.h"
#include "work/plans.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kNow = 1796000000;  // 2026-11-30, 07:53 in Hải Phòng

constexpr const char* kPlan = R"(ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 31/KH-UBND
Hải Phòng, ngày 05 tháng 1 năm 2026

KẾ HOẠCH
Hợp tác truyền thông với các cơ quan báo chí năm 2026

I. NỘI DUNG
1. Tuyên truyền về hợp tác quốc tế, thu hút đầu tư nước ngoài
2. Tuyên truyền về phát triển du lịch biển đảo

II. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
Chủ trì đề xuất danh sách cơ quan báo chí hợp tác truyền thông.
2. Sở Tài chính
Thẩm định dự toán kinh phí.
)";

class CooperationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(seed_demo_data(*db_, clock_));
    coordinator_ = user("coordinator", Role::kCoordinator);
    finance_ = user("taichinh", Role::kMember);
    leader_ = user("leader", Role::kLeader);
    foreign_ = user("ngoaivu", Role::kMember);
    bao_hp_ = org("bao-hp");
    thp_ = org("dai-ptth-hp");
    auto imported = import_plan(*db_, clock_, {"ke-hoach.txt", kPlan}, coordinator_.organisation_id,
                                Actor::command_line(), {});
    ASSERT_TRUE(imported) << imported.status().to_string();
    plan_ = imported->plan_id;
    ASSERT_TRUE(activate_plan(*db_, clock_, plan_, Actor::command_line()));
  }

  SignedInUser user(const std::string& username, Role role) {
    return loa::testing::demo_user(*db_, username, role);
  }

  std::int64_t org(const std::string& code) {
    auto st = db_->prepare("SELECT id FROM organisations WHERE code = ?");
    st->bind(1, code);
    EXPECT_TRUE(*st->step()) << code;
    return st->column_int(0);
  }

  Json programme_body() const {
    return {{"year", 2026},
            {"plan_id", plan_},
            {"budget", 55'000'000},
            {"lines",
             {{{"outlet_id", bao_hp_},
               {"topic_no", 1},
               {"kind", "article"},
               {"quantity", 3},
               {"unit_price", 5'000'000},
               {"amount", 15'000'000}},
              {{"outlet_id", thp_},
               {"topic_no", 2},
               {"content", "Phóng sự về du lịch biển đảo Cát Bà"},
               {"kind", "video"},
               {"quantity", 2},
               {"unit_price", 20'000'000}}}}};
  }

  std::string refused(const Json& body) {
    auto r = create_programme(*db_, clock_, coordinator_, coordinator_.actor(), body);
    EXPECT_FALSE(r) << body.dump();
    return r ? std::string() : r.status().message();
  }

  Json programme(std::int64_t id, const SignedInUser& as) {
    auto j = programme_json(*db_, as, id, "2026-11-30");
    EXPECT_TRUE(j) << j.status().to_string();
    return j ? *j : Json();
  }

  Status step(std::int64_t id, const SignedInUser& as, Json body) {
    body["version"] = programme(id, coordinator_)["version"];
    return programme_step(*db_, clock_, as, as.actor(), id, body);
  }

  // A programme taken through appraisal and approval.
  std::int64_t approved() {
    auto id = create_programme(*db_, clock_, coordinator_, coordinator_.actor(), programme_body());
    EXPECT_TRUE(id) << id.status().to_string();
    EXPECT_TRUE(step(*id, coordinator_, {{"action", "submit"}}));
    EXPECT_TRUE(step(*id, finance_, {{"action", "appraise"}, {"document_no", "88/STC-QLNS"}}));
    EXPECT_TRUE(step(
        *id, leader_,
        {{"action", "approve"}, {"document_no", "412/QĐ-UBND"}, {"document_date", "2026-03-02"}}));
    return *id;
  }

  Json contract_body(std::int64_t line_id, std::int64_t quantity = 3) const {
    return {{"outlet_id", bao_hp_},
            {"number", "15/2026/HĐ-SVHTTDL"},
            {"signed_on", "2026-03-10"},
            {"starts_on", "2026-03-10"},
            {"ends_on", "2026-12-31"},
            {"value", quantity * 5'000'000},
            {"items", {{{"line_id", line_id}, {"quantity", quantity}, {"due_on", "2026-06-30"}}}}};
  }

  Result<std::int64_t> contract(std::int64_t programme_id, const Json& body) {
    return create_contract(*db_, clock_, coordinator_, coordinator_.actor(), programme_id, body);
  }

  std::int64_t article(const std::string& url) {
    auto st = db_->prepare("SELECT id FROM articles WHERE url = ?");
    st->bind(1, url);
    EXPECT_TRUE(*st->step()) << url;
    return st->column_int(0);
  }

  void ingest(const std::vector<Json>& articles) {
    std::string lines;
    for (const auto& a : articles) lines += a.dump() + "\n";
    auto r = ingest_articles(*db_, clock_, lines);
    ASSERT_TRUE(r) << r.status().to_string();
  }

  loa::testing::TestDb db_;
  ManualClock clock_{kNow};
  SignedInUser coordinator_, finance_, leader_, foreign_;
  std::int64_t bao_hp_ = 0, thp_ = 0, plan_ = 0;
};

TEST_F(CooperationTest, FiguresMustAddUp) {
  Json b = programme_body();
  b["lines"][0]["amount"] = 14'000'000;
  EXPECT_EQ(refused(b), "lines[1].amount 14.000.000 is not 3 × 5.000.000 = 15.000.000");
  b = programme_body();
  b["budget"] = 50'000'000;
  EXPECT_EQ(refused(b), "budget 50.000.000 is not the lines' sum 55.000.000");
  b = programme_body();
  b["lines"][1]["quantity"] = -2;
  EXPECT_EQ(refused(b), "lines[2].quantity must be from 1 to 100000, not -2");
  b = programme_body();
  b["lines"][0]["outlet_id"] = org("syt-hp");
  EXPECT_EQ(refused(b), "lines[1].outlet_id: Sở Y tế is not a press outlet");
  b = programme_body();
  b["lines"][0]["topic_no"] = 3;
  EXPECT_EQ(refused(b), "lines[1].topic_no: the plan has 2 topics, not 3");
  b = programme_body();
  b["lines"][0]["kind"] = "podcast";
  EXPECT_NE(refused(b).find("lines[1].kind must be one of"), std::string::npos);
  EXPECT_EQ(
      create_programme(*db_, clock_, foreign_, foreign_.actor(), programme_body()).status().code(),
      StatusCode::kPermissionDenied);

  auto st = db_->prepare("SELECT COUNT(*) FROM coop_programmes");
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_int(0), 0);  // nothing half-saved

  auto id = create_programme(*db_, clock_, coordinator_, coordinator_.actor(), programme_body());
  ASSERT_TRUE(id) << id.status().to_string();
  Json p = programme(*id, coordinator_);
  EXPECT_EQ(p["budget"], 55'000'000);
  EXPECT_EQ(p["status"], "draft");
  EXPECT_EQ(p["appraiser_name"], "Sở Tài chính");
  EXPECT_EQ(p["approver_name"], "Ủy ban nhân dân thành phố Hải Phòng");
  EXPECT_EQ(p["title"], "Hợp tác truyền thông với các cơ quan báo chí năm 2026");
  ASSERT_EQ(p["lines"].size(), 2U);
  EXPECT_EQ(p["lines"][0]["content"], "Tuyên truyền về hợp tác quốc tế, thu hút đầu tư nước ngoài");
  EXPECT_EQ(p["lines"][1]["amount"], 40'000'000);
  EXPECT_EQ(p["can"], Json::array({"edit", "submit"}));
}

TEST_F(CooperationTest, StepsGoInOrderByTheRightBodies) {
  auto id = create_programme(*db_, clock_, coordinator_, coordinator_.actor(), programme_body());
  ASSERT_TRUE(id);
  const Json approve = {
      {"action", "approve"}, {"document_no", "412/QĐ-UBND"}, {"document_date", "2026-03-02"}};
  EXPECT_EQ(step(*id, leader_, approve).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(step(*id, finance_, {{"action", "submit"}}).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(step(*id, coordinator_, {{"action", "submit"}}));
  Status early = step(*id, leader_, approve);
  EXPECT_EQ(early.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(early.message().find("awaits appraisal by Sở Tài chính"), std::string::npos);
  EXPECT_EQ(step(*id, foreign_, {{"action", "appraise"}}).code(), StatusCode::kNotFound);
  EXPECT_EQ(step(*id, coordinator_, {{"action", "appraise"}}).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(step(*id, finance_, {{"action", "return"}}).message(),
            "comment is required: say why it is returned");
  ASSERT_TRUE(step(*id, finance_, {{"action", "return"}, {"comment", "Đơn giá video quá cao"}}));
  // Back in draft: the coordinator lowers the price and submits again.
  Json b = programme_body();
  b["lines"][1]["unit_price"] = 15'000'000;
  b["budget"] = 45'000'000;
  b["version"] = programme(*id, coordinator_)["version"];
  ASSERT_TRUE(update_programme(*db_, clock_, coordinator_, coordinator_.actor(), *id, b));
  b["version"] = 1;  // stale
  EXPECT_EQ(update_programme(*db_, clock_, coordinator_, coordinator_.actor(), *id, b).code(),
            StatusCode::kConflict);
  ASSERT_TRUE(step(*id, coordinator_, {{"action", "submit"}}));
  EXPECT_EQ(update_programme(*db_, clock_, coordinator_, coordinator_.actor(), *id, b).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(step(*id, finance_, {{"action", "appraise"}, {"document_no", "88/STC-QLNS"}}));
  // Finance is not the approver, and a decision needs its number and date.
  EXPECT_EQ(step(*id, finance_, approve).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(step(*id, leader_, {{"action", "approve"}}).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(step(*id, leader_,
                 {{"action", "approve"},
                  {"document_no", "quyết định hôm qua"},
                  {"document_date", "2026-03-02"}})
                .message()
                .find("must be a document number"),
            std::string::npos);
  ASSERT_TRUE(step(*id, leader_, approve));

  Json p = programme(*id, leader_);
  EXPECT_EQ(p["status"], "approved");
  EXPECT_EQ(p["budget"], 45'000'000);
  EXPECT_EQ(p["decision_no"], "412/QĐ-UBND");
  ASSERT_EQ(p["steps"].size(), 5U);
  EXPECT_EQ(p["steps"][1]["action"], "return");
  EXPECT_EQ(p["steps"][1]["comment"], "Đơn giá video quá cao");
  EXPECT_EQ(p["steps"][3]["document_no"], "88/STC-QLNS");
  EXPECT_EQ(p["steps"][4]["organisation_name"], "Ủy ban nhân dân thành phố Hải Phòng");
  // Every transition is audited; each body was told.
  auto audit = db_->prepare(
      "SELECT COUNT(*) FROM audit_log WHERE entity = 'coop_programme' AND action LIKE "
      "'coop.programme.%'");
  ASSERT_TRUE(*audit->step());
  EXPECT_EQ(audit->column_int(0), 7);  // create, submit, return, update, submit, appraise, approve
  auto told = store::list_notifications(*db_, leader_.id, false, 10);
  ASSERT_TRUE(told);
  ASSERT_FALSE(told->empty());
  EXPECT_EQ((*told)[0].kind, "coop.approval");
  // Others do not see it.
  EXPECT_EQ(programme_json(*db_, foreign_, *id, "2026-11-30").status().code(),
            StatusCode::kNotFound);
}

TEST_F(CooperationTest, ContractsStayWithinTheApprovedLines) {
  auto draft = create_programme(*db_, clock_, coordinator_, coordinator_.actor(), programme_body());
  ASSERT_TRUE(draft);
  Json lines = programme(*draft, coordinator_)["lines"];
  EXPECT_EQ(contract(*draft, contract_body(lines[0]["id"])).status().code(),
            StatusCode::kFailedPrecondition);

  const std::int64_t id = approved();
  lines = programme(id, coordinator_)["lines"];
  const std::int64_t bao_line = lines[0]["id"];
  const std::int64_t thp_line = lines[1]["id"];
  Json b = contract_body(bao_line);
  b["value"] = 14'000'000;
  EXPECT_EQ(contract(id, b).status().message(),
            "value 14.000.000 is not the items' sum 15.000.000");
  b = contract_body(bao_line, 4);
  EXPECT_EQ(contract(id, b).status().message(),
            "items[1].quantity: line 1 approved 3, 0 ordered by other contracts; 3 left, not 4");
  b = contract_body(thp_line, 1);
  EXPECT_EQ(contract(id, b).status().message(),
            "items[1].line_id: line 2 is proposed for Đài Phát thanh và Truyền hình Hải Phòng, "
            "not Báo Hải Phòng");
  b = contract_body(bao_line);
  b["items"][0]["unit_price"] = 6'000'000;
  b["value"] = 18'000'000;
  EXPECT_NE(contract(id, b).status().message().find("above the approved 5.000.000"),
            std::string::npos);

  auto first = contract(id, contract_body(bao_line, 2));
  ASSERT_TRUE(first) << first.status().to_string();
  // The same line again, over an overlapping period: refused; the rest of the line in a later
  // contract: fine.
  b = contract_body(bao_line, 1);
  b["number"] = "16/2026/HĐ-SVHTTDL";
  EXPECT_EQ(contract(id, b).status().code(), StatusCode::kFailedPrecondition);
  b["starts_on"] = "2027-01-01";
  b["ends_on"] = "2027-03-31";
  EXPECT_NE(contract(id, b).status().message().find("not in the programme's year"),
            std::string::npos);
  auto same_number = contract(id, contract_body(bao_line, 1));
  EXPECT_FALSE(same_number);

  Json p = programme(id, coordinator_);
  EXPECT_EQ(p["settlement"]["contracted"], 10'000'000);
  EXPECT_EQ(p["settlement"]["uncommitted"], 45'000'000);
  EXPECT_EQ(p["lines"][0]["ordered"], 2);
}

TEST_F(CooperationTest, MonitoredArticlesProveDeliverables) {
  const std::int64_t id = approved();
  const std::int64_t bao_line = programme(id, coordinator_)["lines"][0]["id"];
  auto c = contract(id, contract_body(bao_line, 2));
  ASSERT_TRUE(c) << c.status().to_string();
  const std::string text =
      "Hải Phòng đẩy mạnh hợp tác quốc tế, thu hút đầu tư nước ngoài vào các khu công nghiệp; "
      "thành phố tiếp đón nhiều đoàn nhà đầu tư nước ngoài.";
  ingest({{{"url", "https://baohaiphong.vn/dau-tu-1.html"},
           {"title", "Hải Phòng thu hút đầu tư nước ngoài"},
           {"text", text},
           {"published", "2026-04-02T08:00:00+07:00"},
           {"outlet", "Báo Hải Phòng"}},
          {{"url", "https://baohaiphong.vn/dau-tu-2.html"},
           {"title", "Hợp tác quốc tế mở lối cho đầu tư vào Hải Phòng"},
           {"text", text},
           {"published", "2026-05-12T08:00:00+07:00"},
           {"outlet", "Báo Hải Phòng"}},
          {{"url", "https://baohaiphong.vn/dau-tu-cu.html"},
           {"title", "Hải Phòng đón nhà đầu tư nước ngoài"},
           {"text", text},
           {"published", "2026-02-01T08:00:00+07:00"},  // before the contract
           {"outlet", "Báo Hải Phòng"}},
          {{"url", "https://vnexpress.net/hai-phong-dau-tu.html"},
           {"title", "Hải Phòng hút vốn đầu tư nước ngoài"},
           {"text", text},
           {"published", "2026-04-03T08:00:00+07:00"},
           {"outlet", "VnExpress"}}});
  auto report = raise_alerts(*db_, clock_);
  ASSERT_TRUE(report) << report.status().to_string();
  EXPECT_EQ(report->deliverables, 2);

  auto cj = contract_json(*db_, coordinator_, *c, "2026-11-30");
  ASSERT_TRUE(cj);
  Json& deliverables = (*cj)["deliverables"];
  ASSERT_EQ(deliverables.size(), 2U);
  EXPECT_EQ(deliverables[0]["url"], "https://baohaiphong.vn/dau-tu-1.html");
  EXPECT_EQ(deliverables[0]["origin"], "match");
  EXPECT_EQ(deliverables[0]["reasons"][0]["detail"], "Báo Hải Phòng");
  EXPECT_EQ(deliverables[0]["reasons"][1]["detail"],
            "Đăng ngày 02/04/2026, trong thời hạn hợp đồng 10/03/2026 – 31/12/2026");
  EXPECT_EQ((*cj)["items"][0]["proposed"], 2);
  EXPECT_EQ((*cj)["items"][0]["flag"], "late");            // due 30/06, nothing accepted yet
  EXPECT_EQ(raise_alerts(*db_, clock_)->deliverables, 0);  // once

  // Another outlet's article, and one outside the period, cannot be offered.
  const std::int64_t item = (*cj)["items"][0]["id"];
  auto other = offer_deliverable(*db_, clock_, coordinator_, coordinator_.actor(), *c, item,
                                 article("https://vnexpress.net/hai-phong-dau-tu.html"));
  EXPECT_EQ(other.status().message(),
            "the article is by VnExpress, not by Báo Hải Phòng, the outlet of contract "
            "15/2026/HĐ-SVHTTDL");
  auto early = offer_deliverable(*db_, clock_, coordinator_, coordinator_.actor(), *c, item,
                                 article("https://baohaiphong.vn/dau-tu-cu.html"));
  EXPECT_NE(early.status().message().find("outside contract"), std::string::npos);
  // Claimed twice: refused.
  auto twice = offer_deliverable(*db_, clock_, coordinator_, coordinator_.actor(), *c, item,
                                 article("https://baohaiphong.vn/dau-tu-1.html"));
  EXPECT_EQ(twice.status().code(), StatusCode::kAlreadyExists);

  const std::int64_t first = deliverables[0]["id"];
  const std::int64_t second = deliverables[1]["id"];
  EXPECT_EQ(
      decide_deliverable(*db_, clock_, finance_, finance_.actor(), first, {{"decision", "accept"}})
          .code(),
      StatusCode::kPermissionDenied);  // Finance sees the contract, but does not decide
  ASSERT_TRUE(decide_deliverable(*db_, clock_, coordinator_, coordinator_.actor(), first,
                                 {{"decision", "accept"}}));
  ASSERT_TRUE(decide_deliverable(*db_, clock_, coordinator_, coordinator_.actor(), second,
                                 {{"decision", "reject"}, {"comment", "Không đúng chủ đề"}}));
  cj = contract_json(*db_, coordinator_, *c, "2026-11-30");
  EXPECT_EQ((*cj)["items"][0]["accepted"], 1);
  EXPECT_EQ((*cj)["items"][0]["rejected"], 1);
  EXPECT_EQ((*cj)["settlement"]["accepted_amount"], 5'000'000);
  EXPECT_EQ(programme(id, coordinator_)["settlement"]["accepted_amount"], 5'000'000);

  // The late item is told to the coordinators once.
  auto warned = raise_contract_warnings(*db_, clock_);
  ASSERT_TRUE(warned);
  EXPECT_GE(*warned, 1);
  EXPECT_EQ(*raise_contract_warnings(*db_, clock_), 0);
  auto told = store::list_notifications(*db_, coordinator_.id, false, 20);
  ASSERT_TRUE(told);
  bool late = false;
  for (const auto& n : *told) late = late || n.kind == "coop.late";
  EXPECT_TRUE(late);
}

TEST(ArticleKind, FromTitleAndAddress) {
  EXPECT_EQ(article_kind("Phóng sự: Cát Bà vào mùa", "https://thp.vn/a.html"), "reportage");
  EXPECT_EQ(article_kind("Cát Bà vào mùa", "https://thp.vn/video/cat-ba.html"), "video");
  EXPECT_EQ(article_kind("[Video] Cát Bà vào mùa", "https://thp.vn/a.html"), "video");
  EXPECT_EQ(article_kind("Tọa đàm về chuyển đổi số", "https://thp.vn/a.html"), "talk");
  EXPECT_EQ(article_kind("Chuyên mục: Hải Phòng hôm nay", "https://thp.vn/a.html"), "column");
  EXPECT_EQ(article_kind("Hải Phòng thu hút đầu tư", "https://baohaiphong.vn/a.html"), "article");
}

}  // namespace
}  // namespace loa::work
