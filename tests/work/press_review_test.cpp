// The daily press review: articles picked with their heading, summary and flag; the selection
// edited whole and checked; the document grouped by heading with flagged items first; sent
// once a day at the set time with the Word file attached.
#include "work/press_review.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "doc/zip_archive.h"
#include "export/pdf.h"
#include "store/press_reviews.h"
#include "support/demo_users.h"
#include "support/test_db.h"
#include "work/demo.h"
#include "work/news.h"
#include "work/plans.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kNow = 1796000000;  // 2026-11-30, 07:53 in Hải Phòng
constexpr const char* kToday = "2026-11-30";

constexpr const char* kPlan = R"(ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 31/KH-UBND
Hải Phòng, ngày 05 tháng 1 năm 2026

KẾ HOẠCH
Tuyên truyền năm 2026

I. NỘI DUNG
1. Tuyên truyền về chuyển đổi số, dịch vụ công trực tuyến
2. Tuyên truyền về phát triển du lịch biển đảo

II. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
Chủ trì tuyên truyền.
)";

// Keeps what it is asked to send.
class CapturingMailer final : public Mailer {
 public:
  Status send(const Mail& mail) override {
    sent.push_back(mail);
    return {};
  }
  std::vector<Mail> sent;
};

class PressReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(seed_demo_data(*db_, clock_));
    coordinator_ = loa::testing::demo_user(*db_, "coordinator", Role::kCoordinator);
    auto imported = import_plan(*db_, clock_, {"ke-hoach.txt", kPlan}, coordinator_.organisation_id,
                                Actor::command_line(), {});
    ASSERT_TRUE(imported) << imported.status().to_string();
    ASSERT_TRUE(activate_plan(*db_, clock_, imported->plan_id, Actor::command_line()));
    std::string lines;
    for (const Json& a :
         {Json{{"url", "https://baohaiphong.vn/dich-vu-cong.html"},
               {"title", "Hải Phòng đưa một nghìn dịch vụ công trực tuyến lên cổng"},
               {"text",
                "Thành phố Hải Phòng đẩy mạnh chuyển đổi số, đưa hơn một nghìn dịch vụ công "
                "trực tuyến lên cổng dịch vụ công. Người dân các phường nộp hồ sơ trực tuyến. "
                "Thời gian giải quyết thủ tục rút ngắn một nửa so với năm trước."},
               {"published", "2026-11-30T06:15:00+07:00"},
               {"outlet", "Báo Hải Phòng"}},
          Json{{"url", "https://vnexpress.net/cat-ba.html"},
               {"title", "Du khách đổ về đảo Cát Bà dịp cuối tuần"},
               {"text",
                "Hàng nghìn du khách đổ về đảo Cát Bà, Hải Phòng, trong dịp cuối tuần để tắm "
                "biển và tham quan vịnh Lan Hạ. Phát triển du lịch biển đảo là hướng đi của "
                "thành phố; du lịch biển đảo Cát Bà phục hồi mạnh."},
               {"published", "2026-11-30T05:00:00+07:00"},
               {"outlet", "VnExpress"}}})
      lines += a.dump() + "\n";
    auto r = ingest_articles(*db_, clock_, lines);
    ASSERT_TRUE(r) << r.status().to_string();
    digital_ = article("https://baohaiphong.vn/dich-vu-cong.html");
    tourism_ = article("https://vnexpress.net/cat-ba.html");
  }

  std::int64_t article(const std::string& url) {
    auto st = db_->prepare("SELECT id FROM articles WHERE url = ?");
    st->bind(1, url);
    EXPECT_TRUE(*st->step()) << url;
    return st->column_int(0);
  }

  Json review() {
    auto j = press_review_json(*db_, coordinator_, kToday);
    EXPECT_TRUE(j) << j.status().to_string();
    return j ? *j : Json();
  }

  loa::testing::TestDb db_;
  ManualClock clock_{kNow};
  SignedInUser coordinator_;
  std::int64_t digital_ = 0, tourism_ = 0;
};

TEST_F(PressReviewTest, PickedArticlesGetTheirTopicAndFirstSentences) {
  EXPECT_EQ(review()["items"].size(), 0u);
  ASSERT_TRUE(
      add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, digital_));
  ASSERT_TRUE(
      add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, tourism_));
  EXPECT_EQ(add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, digital_)
                .code(),
            StatusCode::kConflict);
  EXPECT_EQ(
      add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, 99999).code(),
      StatusCode::kNotFound);
  const Json r = review();
  ASSERT_EQ(r["items"].size(), 2u);
  EXPECT_EQ(r["items"][0]["topic"], "Tuyên truyền về chuyển đổi số, dịch vụ công trực tuyến");
  EXPECT_EQ(r["items"][1]["topic"], "Tuyên truyền về phát triển du lịch biển đảo");
  EXPECT_TRUE(r["items"][0]["summary"].get<std::string>().starts_with(
      "Thành phố Hải Phòng đẩy mạnh chuyển đổi số"));
  EXPECT_EQ(r["version"], 3);
}

TEST_F(PressReviewTest, TheSelectionIsEditedWholeAndChecked) {
  ASSERT_TRUE(
      add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, digital_));
  const std::int64_t version = review()["version"];
  auto save = [&](const Json& items, std::int64_t v) {
    return save_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday,
                             {{"version", v}, {"items", items}});
  };
  const Json good = {{{"article_id", tourism_},
                      {"topic", "Du lịch"},
                      {"summary", "Du khách về Cát Bà."},
                      {"flagged", true}},
                     {{"article_id", digital_},
                      {"topic", "Chuyển đổi số"},
                      {"summary", "Một nghìn dịch vụ công."}}};
  Json twice = good;
  twice[1]["article_id"] = tourism_;
  EXPECT_EQ(save(twice, version).message(),
            "items[1]: article " + std::to_string(tourism_) + " is listed twice");
  Json empty = good;
  empty[0]["summary"] = "  ";
  EXPECT_EQ(save(empty, version).message(), "items[0].summary must not be empty");
  Json missing = good;
  missing[1]["article_id"] = 99999;
  EXPECT_EQ(save(missing, version).message(), "items[1]: no article 99999");
  EXPECT_EQ(save(good, version + 5).code(), StatusCode::kConflict);
  EXPECT_EQ(review()["items"].size(), 1u);  // nothing half-saved
  ASSERT_TRUE(save(good, version));
  const Json r = review();
  ASSERT_EQ(r["items"].size(), 2u);
  EXPECT_EQ(r["items"][0]["article_id"], tourism_);
  EXPECT_TRUE(r["items"][0]["flagged"]);
}

TEST_F(PressReviewTest, TheDocumentGroupsByHeadingFlaggedFirst) {
  ASSERT_TRUE(save_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday,
                                {{"version", 1},
                                 {"items",
                                  {{{"article_id", digital_},
                                    {"topic", "Chuyển đổi số"},
                                    {"summary", "Một nghìn dịch vụ công."}},
                                   {{"article_id", tourism_},
                                    {"topic", "Du lịch"},
                                    {"summary", "Du khách về Cát Bà."},
                                    {"flagged", true}}}}}));
  auto d = press_review_document(*db_, coordinator_.organisation_id, kToday);
  ASSERT_TRUE(d) << d.status().to_string();
  EXPECT_EQ(d->type_name, "ĐIỂM BÁO");
  EXPECT_EQ(d->subject, "Thông tin báo chí ngày 30/11/2026");
  EXPECT_EQ(d->issuer, std::vector<std::string>{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"});
  std::vector<std::string> headings;
  std::string all;
  for (const auto& b : d->body) {
    const auto* p = std::get_if<office::Paragraph>(&b);
    if (!p) continue;
    std::string text;
    for (const auto& r : p->runs) text += r.text;
    if (p->style == office::Paragraph::Style::kHeading) headings.push_back(text);
    all += text + "\n";
  }
  EXPECT_EQ(headings, (std::vector<std::string>{"1. Du lịch", "2. Chuyển đổi số"}));
  EXPECT_NE(all.find("[Cần lưu ý] Du khách đổ về đảo Cát Bà dịp cuối tuần"), std::string::npos);
  EXPECT_NE(all.find("VnExpress, 05:00 30/11/2026"), std::string::npos) << all;
  EXPECT_NE(all.find("Nguồn: https://vnexpress.net/cat-ba.html"), std::string::npos);
  auto docx = office::write_docx(*d);
  ASSERT_TRUE(docx);
  auto zip = doc::ZipArchive::open(*docx, ".docx");
  ASSERT_TRUE(zip);
  // LibreOffice opens it: one page, the flagged item before the other heading.
  if (std::system("command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") !=
      0)
    GTEST_SKIP() << "soffice or pdftotext missing (scripts/setup installs them)";
  auto pdf = office::docx_to_pdf(*docx);
  ASSERT_TRUE(pdf) << pdf.status().to_string();
  loa::testing::TempDir dir;
  std::ofstream(dir.file("review.pdf"), std::ios::binary) << *pdf;
  ASSERT_EQ(
      std::system(("pdftotext -enc UTF-8 " + dir.file("review.pdf") + " " + dir.file("review.txt"))
                      .c_str()),
      0);
  std::ifstream in(dir.file("review.txt"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 1) << text;
  const auto flagged = text.find("[Cần lưu ý] Du khách đổ về đảo Cát Bà");
  const auto other = text.find("2. Chuyển đổi số");
  ASSERT_NE(flagged, std::string::npos) << text;
  ASSERT_NE(other, std::string::npos) << text;
  EXPECT_LT(flagged, other);
  EXPECT_NE(text.find("ĐIỂM BÁO"), std::string::npos);
}

TEST_F(PressReviewTest, SentOnceADayAtTheSetTimeWithTheWordFile) {
  CapturingMailer mailer;
  Json settings = {
      {"recipients", {"lanhdao@svhttdl.haiphong.gov.vn", "vanphong@svhttdl.haiphong.gov.vn"}},
      {"send_at", "08:00"},
      {"enabled", true}};
  EXPECT_EQ(save_press_review_settings(*db_, clock_, coordinator_, coordinator_.actor(),
                                       {{"recipients", {"not an address"}}, {"enabled", true}})
                .message(),
            "recipients[0]: 'not an address' is not an e-mail address");
  EXPECT_EQ(save_press_review_settings(*db_, clock_, coordinator_, coordinator_.actor(),
                                       {{"recipients", Json::array()}, {"send_at", "25:00"}})
                .message(),
            "send_at must be a time of day (HH:MM), not '25:00'");
  ASSERT_TRUE(
      save_press_review_settings(*db_, clock_, coordinator_, coordinator_.actor(), settings));
  EXPECT_EQ(review()["settings"]["send_at"], "08:00");

  // An empty review is not sent; before 08:00 nothing is sent.
  auto none = send_due_press_reviews(*db_, clock_, mailer);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
  ASSERT_TRUE(
      add_to_press_review(*db_, clock_, coordinator_, coordinator_.actor(), kToday, digital_));
  EXPECT_EQ(*send_due_press_reviews(*db_, clock_, mailer), 0);  // 07:53
  clock_.advance(10 * 60);                                      // 08:03
  auto sent = send_due_press_reviews(*db_, clock_, mailer);
  ASSERT_TRUE(sent) << sent.status().to_string();
  EXPECT_EQ(*sent, 1);
  ASSERT_EQ(mailer.sent.size(), 2u);
  const Mail& m = mailer.sent[0];
  EXPECT_EQ(m.subject, "Điểm báo ngày 30/11/2026");
  EXPECT_NE(m.body.find("Hải Phòng đưa một nghìn dịch vụ công trực tuyến lên cổng (Báo Hải Phòng)"),
            std::string::npos)
      << m.body;
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].file_name, "diem-bao-2026-11-30.docx");
  EXPECT_TRUE(m.attachments[0].bytes.starts_with("PK"));
  // The message as it goes out: multipart, the file attached.
  const std::string wire = format_mail(m, "loa@x.vn", "Loa", kNow, "abc@x.vn");
  EXPECT_NE(wire.find("Content-Type: multipart/mixed; boundary=\"loa-abc\""), std::string::npos);
  EXPECT_NE(wire.find("Content-Disposition: attachment; filename=\"diem-bao-2026-11-30.docx\""),
            std::string::npos);
  EXPECT_NE(wire.find("--loa-abc--"), std::string::npos);
  // Once a day.
  EXPECT_EQ(*send_due_press_reviews(*db_, clock_, mailer), 0);
  EXPECT_EQ(mailer.sent.size(), 2u);
  EXPECT_EQ(review()["sent_to"], 2);

  // The coordinator sends it again at once (an article added late), audited.
  auto now =
      send_press_review_now(*db_, clock_, coordinator_, coordinator_.actor(), kToday, mailer);
  ASSERT_TRUE(now) << now.status().to_string();
  EXPECT_EQ(*now, 2);
  EXPECT_EQ(mailer.sent.size(), 4u);
  auto st = db_->prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'press_review.send'");
  ASSERT_TRUE(st);
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_int(0), 1);
  // Nothing to send on a day without a review; a date that is not one.
  EXPECT_EQ(
      send_press_review_now(*db_, clock_, coordinator_, coordinator_.actor(), "2026-11-29", mailer)
          .status()
          .message(),
      "the press review of 29/11/2026 has no articles to send");
  EXPECT_FALSE(
      send_press_review_now(*db_, clock_, coordinator_, coordinator_.actor(), "hôm nay", mailer));
  EXPECT_EQ(mailer.sent.size(), 4u);
}

}  // namespace
}  // namespace loa::work
