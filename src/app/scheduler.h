// File: app/scheduler.h
//
// The scheduler: report requests as periods come, reminders before and after due dates,
// e-mail (work/reminders.h), and polling the press sources that are due (work/poll.h).
// `loa serve` runs it in a background thread — reminders every --scheduler-every seconds,
// a look for due sources every --poll-every seconds; `loa worker` runs it alone (--once for
// one round, e.g. from cron). Run the polling in one process only: `loa serve --poll-every 0`
// with a `loa worker` beside it.
//
//   loa worker --smtp-url smtp://mail.haiphong.gov.vn:587 --smtp-from loa@haiphong.gov.vn
//              --public-url https://loa.haiphong.gov.vn       (password: $LOA_SMTP_PASSWORD)
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "work/mailer.h"

namespace CLI {
class App;
}

namespace loa::app {

struct SchedulerOptions {
  int every_seconds = 300;      // reminders; 0: none in this process
  int poll_every_seconds = 20;  // looking for due sources; 0: no polling in this process
  double host_gap_seconds = 1.0;
  std::string smtp_url;  // empty: notifications in the app only
  std::string smtp_from;
  std::string smtp_user;  // the password comes from $LOA_SMTP_PASSWORD
  bool smtp_require_tls = false;
  std::string public_url;
  std::string calendar_file;  // empty: the compiled-in Vietnamese calendar
  std::vector<int> remind_days = {7, 1};
  int overdue_every = 5;
};

void add_scheduler_options(CLI::App& command, SchedulerOptions& options);

// The e-mail sender the options describe (--smtp-url …); null when there is none.
Result<std::unique_ptr<work::Mailer>> make_mailer(const SchedulerOptions& options);

// Runs ticks on its own database connection until stopped (or destroyed).
class Scheduler {
 public:
  static Result<std::unique_ptr<Scheduler>> start(const std::string& db_url,
                                                  const SchedulerOptions& options);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  void stop();

 private:
  Scheduler() = default;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// `loa worker`: ticks until SIGINT/SIGTERM, or one tick with `once`. Exit code.
int run_worker(const std::string& db_url, const SchedulerOptions& options, bool once);

}  // namespace loa::app
