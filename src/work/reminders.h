// File: work/reminders.h
//
// The scheduler's work, one tick at a time (run by `loa serve` every few minutes and by
// `loa worker`): make the report requests whose periods have come; remind each agency of its
// tasks and reports as their due dates approach (in working days: by default when 7 and when
// 1 working day remain) and, once late, every few working days; e-mail the notifications to
// users who gave an address. A reminder is sent once per window however often the tick runs,
// and on working days only. Nothing is sent twice when several workers share the database.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "work/calendar.h"
#include "work/mailer.h"

namespace loa::work {

struct ReminderSettings {
  std::vector<int> days_before = {7, 1};  // working days before the due date
  int overdue_every = 5;                  // working days between reminders of late work
  std::string public_url;                 // "https://loa.haiphong.gov.vn", for links in e-mails
  int email_window_hours = 72;            // older notifications are not e-mailed any more
};

struct TickReport {
  int requests_made = 0;
  int reminders = 0;  // notifications created
  int emails_sent = 0;
  int emails_failed = 0;
  int press_reviews_sent = 0;  // daily press reviews e-mailed (work/press_review.h)
};

struct EmailReport {
  int sent = 0;
  int failed = 0;  // kept for the next try
};
// E-mails the notifications of the last email_window_hours not sent yet (claimed first, so
// two workers never send one twice).
Result<EmailReport> send_pending_emails(store::Database& db, const Clock& clock,
                                        const ReminderSettings& settings, Mailer& mailer);

// mailer null: no e-mail (notifications only).
Result<TickReport> run_scheduler_tick(store::Database& db, const Clock& clock,
                                      const WorkCalendar& calendar,
                                      const ReminderSettings& settings, Mailer* mailer);

}  // namespace loa::work
