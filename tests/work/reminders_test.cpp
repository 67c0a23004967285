// The scheduler with a fake clock and a local SMTP sink: report requests per period,
// reminders 7 and 1 working days ahead and when late (once each, on working days, skipping
// Tết), e-mail with Vietnamese subjects; and the calendar and reporting periods themselves.
#include "work/reminders.h"

#include <gtest/gtest.h>

#include "base/dates.h"
#include "store/notifications.h"
#include "store/reports.h"
#include "support/smtp_sink.h"
#include "support/test_db.h"
#include "work/demo.h"
#include "work/plans.h"
#include "work/reports.h"

namespace loa::work {
namespace {

// 09:00 in Hải Phòng on `iso`.
std::int64_t morning(const std::string& iso) { return *day_number(iso) * 86400 + 2 * 3600; }

TEST(WorkCalendarTest, WeekendsHolidaysAndTet) {
  const WorkCalendar& vn = WorkCalendar::vietnam();
  EXPECT_TRUE(vn.is_working_day("2026-12-10"));   // Thursday
  EXPECT_FALSE(vn.is_working_day("2026-12-12"));  // Saturday
  EXPECT_FALSE(vn.is_working_day("2026-09-02"));  // National Day, every year
  EXPECT_FALSE(vn.is_working_day("2027-01-01"));
  EXPECT_FALSE(vn.is_working_day("2026-02-18"));  // Tết Bính Ngọ
  EXPECT_TRUE(vn.is_working_day("2026-02-23"));
  // From Friday 13 February 2026 to Monday 23 February: one working day (Tết between).
  EXPECT_EQ(vn.working_days_between(*day_number("2026-02-13"), *day_number("2026-02-23")), 1);
  EXPECT_EQ(vn.working_days_between(*day_number("2026-12-01"), *day_number("2026-12-10")), 7);
  EXPECT_EQ(vn.working_days_between(*day_number("2026-12-10"), *day_number("2026-12-01")), -7);
  auto custom = WorkCalendar::from_json(
      R"({"yearly": [], "days_off": {"2026": ["2026-12-09"]}, "working_days": {"2026": ["2026-12-12"]}})");
  ASSERT_TRUE(custom);
  EXPECT_FALSE(custom->is_working_day("2026-12-09"));
  EXPECT_TRUE(custom->is_working_day("2026-12-12"));  // a Saturday worked in exchange
  auto bad = WorkCalendar::from_json(R"({"days_off": {"2026": ["2026-13-01"]}})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("days_off.2026[0]"), std::string::npos);
}

TEST(ReportPeriodsTest, YearlyQuarterlyAndLate) {
  store::ReportDutyRow yearly;
  yearly.recurrence = "yearly";
  yearly.due = "12-10";
  yearly.starts_on = "2024-03-01";
  // An open-ended plan: one period at a time, the next only once the last is due.
  auto periods = due_report_periods(yearly, {std::nullopt, std::nullopt, 2024}, "2025-06-01");
  ASSERT_EQ(periods.size(), 2U);
  EXPECT_EQ(periods[0].period, "2024");
  EXPECT_EQ(periods[0].due_on, "2024-12-10");
  EXPECT_EQ(periods[1].label, "năm 2025");
  // Activated after its only period was due: that period still.
  yearly.starts_on = "2026-03-01";
  periods = due_report_periods(yearly, {"2025-01-01", "2025-12-31", 2025}, "2026-03-01");
  ASSERT_EQ(periods.size(), 1U);
  EXPECT_EQ(periods[0].due_on, "2025-12-10");

  store::ReportDutyRow quarterly;
  quarterly.recurrence = "quarterly";
  quarterly.due = "12-15";  // the 15th of the quarter's last month
  quarterly.starts_on = "2026-01-10";
  periods = due_report_periods(quarterly, {"2026-01-01", "2026-12-31", 2026}, "2026-07-01");
  ASSERT_EQ(periods.size(), 3U);  // Q1, Q2 due, Q3 the next
  EXPECT_EQ(periods[0].label, "quý I/2026");
  EXPECT_EQ(periods[1].due_on, "2026-06-15");
  EXPECT_EQ(periods[2].period, "2026-Q3");

  store::ReportDutyRow on_request;
  on_request.recurrence = "on_request";
  on_request.starts_on = "2026-01-01";
  EXPECT_TRUE(due_report_periods(on_request, {}, "2026-07-01").empty());
}

constexpr const char* kPlan = R"(ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 21/KH-UBND
Hải Phòng, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
Thông tin đối ngoại năm 2026

I. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ
Chủ trì tổ chức đón các đoàn phóng viên nước ngoài.

II. CHẾ ĐỘ BÁO CÁO
Các sở, ban, ngành báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố (qua Sở Văn hóa, Thể thao và Du lịch) trước ngày 10/12 hằng năm.
)";

class ReminderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(seed_demo_data(*db_, clock_));
    auto st = db_->prepare("UPDATE users SET email = ? WHERE username = 'ngoaivu'");
    st->bind(1, "lan@sngv.haiphong.gov.vn");
    ASSERT_TRUE(st->run());
    auto imported = import_plan(*db_, clock_, {"ke-hoach.txt", kPlan}, coordinator_org(),
                                Actor::command_line(), {});
    ASSERT_TRUE(imported) << imported.status().to_string();
    auto activated = activate_plan(*db_, clock_, imported->plan_id, Actor::command_line());
    ASSERT_TRUE(activated) << activated.status().to_string();
  }

  std::int64_t coordinator_org() {
    auto st = db_->prepare("SELECT id FROM organisations WHERE code = 'svhttdl-hp'");
    EXPECT_TRUE(*st->step());
    return st->column_int(0);
  }

  // The reminders the officer of Sở Ngoại vụ has, by key.
  std::vector<std::string> reminder_keys() {
    auto st = db_->prepare(
        "SELECT n.key FROM notifications n JOIN users u ON u.id = n.user_id "
        "WHERE u.username = 'ngoaivu' AND n.kind LIKE 'reminder.%' ORDER BY n.id");
    std::vector<std::string> keys;
    while (*st->step()) keys.push_back(st->column_text(0));
    return keys;
  }

  TickReport tick(const std::string& day, Mailer* mailer = nullptr) {
    clock_ = ManualClock(morning(day));
    auto r = run_scheduler_tick(*db_, clock_, WorkCalendar::vietnam(), settings_, mailer);
    EXPECT_TRUE(r) << r.status().to_string();
    return r ? *r : TickReport{};
  }

  loa::testing::TestDb db_;
  ManualClock clock_{morning("2026-03-05")};
  ReminderSettings settings_{{7, 1}, 5, "https://loa.haiphong.gov.vn", 72};
};

TEST_F(ReminderTest, RemindsOnceAheadThenWhenLateOnWorkingDaysOnly) {
  // The 2026 report is due on Thursday 10 December; the task by the plan's end.
  EXPECT_EQ(tick("2026-11-30").reminders, 0);  // 8 working days ahead
  EXPECT_EQ(tick("2026-12-01").reminders, 1);  // 7
  EXPECT_EQ(tick("2026-12-01").reminders, 0);  // the same tick again: nothing twice
  EXPECT_EQ(tick("2026-12-04").reminders, 0);  // still the 7-day window
  EXPECT_EQ(tick("2026-12-09").reminders, 1);  // 1
  EXPECT_EQ(tick("2026-12-10").reminders, 0);
  EXPECT_EQ(tick("2026-12-11").reminders, 1);  // a day late
  EXPECT_EQ(tick("2026-12-12").reminders, 0);  // Saturday
  EXPECT_EQ(tick("2026-12-17").reminders, 0);  // 5 working days late: same window
  EXPECT_EQ(tick("2026-12-18").reminders, 1);  // 6: the next reminder
  const auto keys = reminder_keys();
  ASSERT_EQ(keys.size(), 4U);
  EXPECT_TRUE(keys[0].starts_with("report:") && keys[0].ends_with(":before-7:2026-12-10"))
      << keys[0];
  EXPECT_TRUE(keys[2].ends_with(":overdue-0:2026-12-10")) << keys[2];
  EXPECT_TRUE(keys[3].ends_with(":overdue-1:2026-12-10")) << keys[3];
  // The task due on 31 December is reminded on 22 December (7 working days ahead).
  EXPECT_EQ(tick("2026-12-21").reminders, 0);
  EXPECT_EQ(tick("2026-12-22").reminders, 1);
  EXPECT_TRUE(reminder_keys().back().starts_with("task:"));
  // A submitted report is reminded of no more.
  ASSERT_EQ(store::open_requests_due_by(*db_, "2026-12-31")->size(), 1U);
  ASSERT_TRUE(db_->exec("UPDATE report_requests SET status = 'submitted'"));
  EXPECT_TRUE(store::open_requests_due_by(*db_, "2026-12-31")->empty());
  EXPECT_EQ(tick("2026-12-28").reminders, 0);  // 11 working days late: would have been due
}

TEST_F(ReminderTest, NoReportIsAskedForBeyondThePlansPeriod) {
  auto count = [&] {
    auto all = store::list_report_requests(*db_, {});
    return all ? all->size() : 0U;
  };
  EXPECT_EQ(count(), 1U);                          // 2026, made at activation
  EXPECT_EQ(tick("2026-12-11").requests_made, 0);  // a plan for 2026 asks for no 2027 report
  EXPECT_EQ(tick("2027-12-11").requests_made, 0);
  EXPECT_EQ(count(), 1U);
}

TEST_F(ReminderTest, EmailsGoThroughSmtpOnceWithVietnameseIntact) {
  loa::testing::SmtpSink sink;
  SmtpMailer mailer({sink.url(), "loa@haiphong.gov.vn", "Loa", "", "", false, 10});
  const TickReport first = tick("2026-12-01", &mailer);
  // The reminder; the activation's notifications of March are too old to e-mail now.
  EXPECT_EQ(first.emails_sent, 1);
  EXPECT_EQ(first.emails_failed, 0);
  auto mails = sink.messages();
  ASSERT_EQ(mails.size(), static_cast<std::size_t>(first.emails_sent));
  const auto& last = mails.back();
  EXPECT_EQ(last.from, "<loa@haiphong.gov.vn>");
  ASSERT_EQ(last.recipients.size(), 1U);
  EXPECT_EQ(last.recipients[0], "<lan@sngv.haiphong.gov.vn>");
  EXPECT_NE(last.data.find("Subject: =?UTF-8?B?"), std::string::npos) << last.data;
  EXPECT_NE(last.data.find("Content-Transfer-Encoding: base64"), std::string::npos);
  // Nothing is sent twice.
  EXPECT_EQ(tick("2026-12-01", &mailer).emails_sent, 0);
  EXPECT_EQ(sink.messages().size(), mails.size());
  // The formatted message decodes back to the Vietnamese text.
  const std::string message =
      format_mail({"lan@x.vn", "Lê Thị Lan", "Sắp đến hạn", "Báo cáo năm 2026", {}}, "loa@x.vn",
                  "Loa", morning("2026-12-01"), "1@x.vn");
  EXPECT_NE(message.find("Subject: =?UTF-8?B?U+G6r3AgxJHhur9uIGjhuqFu?="), std::string::npos)
      << message;
  EXPECT_NE(message.find("QsOhbyBjw6FvIG7Eg20gMjAyNg=="), std::string::npos) << message;
}

TEST_F(ReminderTest, AnUnreachableServerKeepsTheMailForTheNextTick) {
  SmtpMailer nowhere({"smtp://127.0.0.1:1", "loa@haiphong.gov.vn", "Loa", "", "", false, 5});
  const TickReport r = tick("2026-12-01", &nowhere);
  EXPECT_EQ(r.emails_sent, 0);
  EXPECT_GE(r.emails_failed, 1);
  auto pending = store::pending_emails(*db_, "2026-11-28T00:00:00Z", 100);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->size(), static_cast<std::size_t>(r.emails_failed));
  loa::testing::SmtpSink sink;
  SmtpMailer mailer({sink.url(), "loa@haiphong.gov.vn", "Loa", "", "", false, 10});
  EXPECT_EQ(tick("2026-12-01", &mailer).emails_sent, r.emails_failed);
}

}  // namespace
}  // namespace loa::work
