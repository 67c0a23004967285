// Reminders before and after due dates, and the e-mails that carry notifications.
#include "work/reminders.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/dates.h"
#include "store/notifications.h"
#include "store/reports.h"
#include "store/tasks.h"
#include "vi/utf8.h"
#include "work/cooperation.h"
#include "work/notify.h"
#include "work/press_review.h"
#include "work/reports.h"

namespace loa::work {

namespace {

std::string shorten(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return std::string(vi::utf8::prefix(text, max_bytes)) + "…";
}

// The reminder due today for something due on `due`, as a key suffix and a title; empty
// when none is due.
struct Due {
  std::string key;
  std::string title;
};
std::optional<Due> reminder_for(const std::string& due_on, std::int64_t today,
                                const WorkCalendar& calendar, const ReminderSettings& s) {
  auto due = day_number(due_on);
  if (!due || !calendar.is_working_day(today)) return std::nullopt;
  if (today <= *due) {
    const int left = calendar.working_days_between(today, *due);
    // The narrowest window the day falls in: each is reminded once, even after a pause.
    std::optional<int> window;
    for (int k : s.days_before)
      if (left <= k && (!window || k < *window)) window = k;
    if (!window) return std::nullopt;
    return Due{"before-" + std::to_string(*window) + ":" + due_on,
               left == 0 ? std::string("Đến hạn hôm nay")
                         : "Còn " + std::to_string(left) + " ngày làm việc đến hạn"};
  }
  const int late = calendar.working_days_between(*due, today);
  if (late < 1) return std::nullopt;  // due on a holiday: late from the next working day
  const int bucket = (late - 1) / std::max(1, s.overdue_every);
  return Due{"overdue-" + std::to_string(bucket) + ":" + due_on,
             "Quá hạn " + std::to_string(late) + " ngày làm việc"};
}

}  // namespace

Result<EmailReport> send_pending_emails(store::Database& db, const Clock& clock,
                                        const ReminderSettings& settings, Mailer& mailer) {
  EmailReport report;
  const std::string since =
      format_utc(clock.now_unix() - std::int64_t{3600} * settings.email_window_hours);
  auto pending = store::pending_emails(db, since, 500);
  if (!pending) return pending.status();
  for (const auto& p : *pending) {
    auto claimed = store::claim_email(db, p.notification.id, format_utc(clock.now_unix()));
    if (!claimed) return claimed.status();
    if (!*claimed) continue;  // another worker has it
    std::string body = p.notification.title + "\n\n" + p.notification.body + "\n";
    if (p.notification.link && !settings.public_url.empty())
      body += "\n" + settings.public_url + *p.notification.link + "\n";
    body += "\n—\nLoa: thông báo tự động, vui lòng không trả lời thư này.\n";
    Status s = mailer.send({p.email, p.display_name, "[Loa] " + p.notification.title, body, {}});
    if (s) {
      ++report.sent;
      continue;
    }
    ++report.failed;
    spdlog::warn("notification e-mail {} not sent: {}", p.notification.id, s.message());
    LOA_RETURN_IF_ERROR(store::release_email(db, p.notification.id));
  }
  return report;
}

Result<TickReport> run_scheduler_tick(store::Database& db, const Clock& clock,
                                      const WorkCalendar& calendar,
                                      const ReminderSettings& settings, Mailer* mailer) {
  TickReport report;
  const std::string today_iso = vietnam_today(clock.now_unix());
  const std::int64_t today = *day_number(today_iso);
  {
    store::Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    auto made = ensure_report_requests(db, clock, std::nullopt);
    if (!made) return made.status();
    report.requests_made = *made;
    // Far enough ahead for the widest window across Tết.
    const int widest =
        settings.days_before.empty()
            ? 0
            : *std::max_element(settings.days_before.begin(), settings.days_before.end());
    const std::string horizon = iso_from_day(today + std::int64_t{2} * widest + 21);
    auto tasks = store::open_tasks_due_by(db, horizon);
    if (!tasks) return tasks.status();
    for (const auto& t : *tasks) {
      auto due = reminder_for(*t.due_on, today, calendar, settings);
      if (!due) continue;
      auto sent = notify_organisation(
          db, clock, *t.organisation_id,
          {due->key.starts_with("overdue") ? "reminder.overdue" : "reminder.due",
           due->title + ": " + shorten(t.text, 160), t.plan_title + " — hạn " + *t.due_on,
           "/tasks/" + std::to_string(t.id), "task:" + std::to_string(t.id) + ":" + due->key});
      if (!sent) return sent.status();
      report.reminders += *sent;
    }
    auto requests = store::open_requests_due_by(db, horizon);
    if (!requests) return requests.status();
    for (const auto& r : *requests) {
      auto due = reminder_for(r.due_on, today, calendar, settings);
      if (!due) continue;
      auto sent = notify_organisation(
          db, clock, r.organisation_id,
          {due->key.starts_with("overdue") ? "reminder.overdue" : "reminder.due",
           due->title + ": " + r.title, r.plan_title + " — hạn " + r.due_on,
           "/reports/" + std::to_string(r.id), "report:" + std::to_string(r.id) + ":" + due->key});
      if (!sent) return sent.status();
      report.reminders += *sent;
    }
    auto contracts = raise_contract_warnings(db, clock);
    if (!contracts) return contracts.status();
    report.reminders += *contracts;
    LOA_RETURN_IF_ERROR(tx.commit());
  }
  if (mailer == nullptr) return report;
  auto mailed = send_pending_emails(db, clock, settings, *mailer);
  if (!mailed) return mailed.status();
  report.emails_sent = mailed->sent;
  report.emails_failed = mailed->failed;
  auto reviews = send_due_press_reviews(db, clock, *mailer);
  if (!reviews) return reviews.status();
  report.press_reviews_sent = *reviews;
  return report;
}

}  // namespace loa::work
