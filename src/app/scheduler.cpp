// The scheduler thread and `loa worker`.
#include "app/scheduler.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/database.h"
#include "base/clock.h"
#include "store/ranked_index.h"
#include "store/sources.h"
#include "work/alerts.h"
#include "work/calendar.h"
#include "work/mailer.h"
#include "work/poll.h"
#include "work/reminders.h"
#include "work/risk.h"

namespace loa::app {

Result<std::unique_ptr<work::Mailer>> make_mailer(const SchedulerOptions& o) {
  if (o.smtp_url.empty()) return std::unique_ptr<work::Mailer>();
  if (!o.smtp_url.starts_with("smtp://") && !o.smtp_url.starts_with("smtps://"))
    return invalid_argument("--smtp-url must start with smtp:// or smtps://");
  if (o.smtp_from.find('@') == std::string::npos)
    return invalid_argument("--smtp-from must be the sender's e-mail address");
  const char* password = std::getenv("LOA_SMTP_PASSWORD");
  return std::unique_ptr<work::Mailer>(std::make_unique<work::SmtpMailer>(
      work::SmtpSettings{o.smtp_url, o.smtp_from, "Loa", o.smtp_user, password ? password : "",
                         o.smtp_require_tls, 30}));
}

namespace {

struct Setup {
  work::WorkCalendar calendar;
  work::ReminderSettings settings;
  std::unique_ptr<work::Mailer> mailer;
};

Result<Setup> prepare(const SchedulerOptions& o) {
  Setup s;
  s.calendar = work::WorkCalendar::vietnam();
  if (!o.calendar_file.empty()) {
    std::ifstream in(o.calendar_file);
    if (!in) return invalid_argument("cannot read the calendar file " + o.calendar_file);
    std::stringstream text;
    text << in.rdbuf();
    auto c = work::WorkCalendar::from_json(text.str());
    if (!c) return invalid_argument(o.calendar_file + ": " + c.status().message());
    s.calendar = *c;
  }
  for (int d : o.remind_days)
    if (d < 0 || d > 60) return invalid_argument("--remind-days must be from 0 to 60");
  if (o.overdue_every < 1) return invalid_argument("--overdue-every must be 1 or more");
  s.settings.days_before = o.remind_days;
  s.settings.overdue_every = o.overdue_every;
  s.settings.public_url = o.public_url;
  while (!s.settings.public_url.empty() && s.settings.public_url.back() == '/')
    s.settings.public_url.pop_back();
  auto mailer = make_mailer(o);
  if (!mailer) return mailer.status();
  s.mailer = std::move(*mailer);
  return s;
}

void log_tick(const Result<work::TickReport>& r) {
  if (!r) {
    spdlog::error(R"({{"msg":"scheduler tick failed","error":"{}"}})", r.status().message());
    return;
  }
  if (r->requests_made || r->reminders || r->emails_sent || r->emails_failed ||
      r->press_reviews_sent) {
    spdlog::info(
        R"({{"msg":"scheduler tick","requests_made":{},"reminders":{},"emails_sent":{},"emails_failed":{},"press_reviews_sent":{}}})",
        r->requests_made, r->reminders, r->emails_sent, r->emails_failed, r->press_reviews_sent);
  }
}

// The risk model learnt again from the coordinator's decisions (work/risk.h), when it was.
void log_risk_model(const Result<std::optional<work::RiskModelReport>>& r) {
  if (!r) {
    spdlog::error(R"({{"msg":"risk model not learnt","error":"{}"}})", r.status().message());
  } else if (*r) {
    spdlog::info(R"({{"msg":"risk model learnt","confirmed":{},"dismissed":{},"unflagged":{}}})",
                 (*r)->confirmed, (*r)->dismissed, (*r)->unflagged);
  }
}

void log_poll(const Result<work::PollReport>& r) {
  if (!r) {
    spdlog::error(R"({{"msg":"polling failed","error":"{}"}})", r.status().message());
    return;
  }
  if (r->polled) {
    spdlog::info(R"({{"msg":"polled","sources":{},"added":{},"failed":{}}})", r->polled, r->added,
                 r->failed);
  }
}

// What runs when: reminders every `every` seconds, polling every `poll_every`; each call
// runs what is due and says when to call again.
class Rounds {
 public:
  Rounds(store::Database& db, const SchedulerOptions& options, Setup& setup)
      : db_(db), options_(options), setup_(setup) {
    if (options.poll_every_seconds > 0) {
      work::PollSettings settings;
      settings.host_gap_seconds = options.host_gap_seconds;
      poller_ = std::make_unique<work::Poller>(db, system_clock(), settings);
    }
  }

  std::chrono::steady_clock::time_point run_due() {
    using std::chrono::seconds;
    auto now = std::chrono::steady_clock::now();
    if (options_.every_seconds > 0 && now >= next_tick_) {
      log_tick(work::run_scheduler_tick(db_, system_clock(), setup_.calendar, setup_.settings,
                                        setup_.mailer.get()));
      next_tick_ = std::chrono::steady_clock::now() + seconds(options_.every_seconds);
    }
    if (poller_ && now >= next_poll_) {
      log_poll(poller_->poll_due());
      raise_alerts();
      log_risk_model(work::refresh_risk_model(db_, system_clock()));
      next_poll_ = next_poll_time();
    }
    auto next = std::chrono::steady_clock::time_point::max();
    if (options_.every_seconds > 0) next = std::min(next, next_tick_);
    if (poller_) next = std::min(next, next_poll_);
    if (index_articles()) next = std::chrono::steady_clock::now();  // more to take in
    return next;
  }

 private:
  // The next look for due sources: when the next source falls due, and at least every
  // --poll-every seconds (for sources added or asked to poll now meanwhile). Waking at the due
  // time, not the next multiple of --poll-every, keeps a 1-minute source at 1 minute.
  std::chrono::steady_clock::time_point next_poll_time() {
    using std::chrono::seconds;
    const auto now = std::chrono::steady_clock::now();
    auto next = now + seconds(options_.poll_every_seconds);
    auto due = store::next_poll_due(db_);
    if (!due || !*due) return next;
    std::int64_t wait = 1;
    if (!(*due)->empty()) {
      auto at = parse_utc(**due);
      if (at) wait = std::max<std::int64_t>(1, *at - system_clock().now_unix());
    }
    return std::min(next, now + seconds(wait));
  }

  // Right after a poll, so a new match is announced within the round that stored it (and
  // e-mailed at once when asked).
  void raise_alerts() {
    auto r = work::raise_alerts(db_, system_clock());
    if (!r) {
      spdlog::error(R"({{"msg":"alerts failed","error":"{}"}})", r.status().message());
      return;
    }
    if (r->alerts == 0 && r->risk_alerts == 0 && r->deliverables == 0) return;
    spdlog::info(
        R"({{"msg":"alerts","searches":{},"alerts":{},"articles":{},"risk_alerts":{},"deliverables":{}}})",
        r->searches, r->alerts, r->articles, r->risk_alerts, r->deliverables);
    if (!setup_.mailer) return;
    auto mailed = work::send_pending_emails(db_, system_clock(), setup_.settings, *setup_.mailer);
    if (!mailed)
      spdlog::error(R"({{"msg":"alert e-mail failed","error":"{}"}})", mailed.status().message());
  }

  // The ranked search index takes in what was stored, a chunk at a time, so that due work is
  // not kept waiting while a large database is indexed (a million articles take most of an
  // hour). True when more is queued. Another process writing the index is left to it.
  bool index_articles() {
    constexpr std::int64_t kChunk = std::int64_t{10} * store::kRankedBatch;
    auto left = store::sync_ranked_index(db_, kChunk);
    if (!left) {
      if (left.status().code() != StatusCode::kUnavailable)
        spdlog::error(R"({{"msg":"search index failed","error":"{}"}})", left.status().message());
      return false;
    }
    if (*left > 0) spdlog::info(R"({{"msg":"search index","queued":{}}})", *left);
    return *left > 0;
  }

  store::Database& db_;
  const SchedulerOptions& options_;
  Setup& setup_;
  std::unique_ptr<work::Poller> poller_;
  std::chrono::steady_clock::time_point next_tick_{};
  std::chrono::steady_clock::time_point next_poll_{};
};

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

}  // namespace

void add_scheduler_options(CLI::App& c, SchedulerOptions& o) {
  c.add_option("--smtp-url", o.smtp_url, "SMTP server for e-mail reminders (smtp://host:587)");
  c.add_option("--smtp-from", o.smtp_from, "Sender address of the e-mails");
  c.add_option("--smtp-user", o.smtp_user, "SMTP user (password in $LOA_SMTP_PASSWORD)");
  c.add_flag("--smtp-require-tls", o.smtp_require_tls, "Refuse to send without TLS");
  c.add_option("--public-url", o.public_url, "Loa's address, for links in e-mails");
  c.add_option("--calendar", o.calendar_file, "Holidays and working days (JSON)");
  c.add_option("--remind-days", o.remind_days, "Working days before a due date to remind")
      ->delimiter(',');
  c.add_option("--overdue-every", o.overdue_every, "Working days between reminders of late work");
  c.add_option("--poll-every", o.poll_every_seconds,
               "Seconds between looks for press sources due a poll (0: no polling here)")
      ->check(CLI::Range(0, 3600));
  c.add_option("--host-gap", o.host_gap_seconds,
               "Seconds between two requests to one press site (robots.txt may ask more)")
      ->check(CLI::Range(0.0, 60.0));
}

Result<std::unique_ptr<Scheduler>> Scheduler::start(const std::string& db_url,
                                                    const SchedulerOptions& options) {
  auto setup = prepare(options);
  if (!setup) return setup.status();
  auto db = open_database(db_url, true);
  if (!db) return db.status();
  std::unique_ptr<Scheduler> s(new Scheduler());
  s->thread_ = std::thread([self = s.get(), db = std::move(*db),
                            setup = std::make_shared<Setup>(std::move(*setup)), options]() {
    Rounds rounds(*db, options, *setup);
    std::unique_lock lock(self->mutex_);
    while (!self->stopping_) {
      lock.unlock();
      const auto next = rounds.run_due();
      lock.lock();
      self->wake_.wait_until(lock, next, [self] { return self->stopping_; });
    }
  });
  return s;
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Scheduler::~Scheduler() { stop(); }

int run_worker(const std::string& db_url, const SchedulerOptions& options, bool once) {
  auto setup = prepare(options);
  if (!setup) {
    std::cerr << "loa: error: " << setup.status().message() << "\n";
    return 2;
  }
  auto db = open_database(db_url, true);
  if (!db) {
    std::cerr << "loa: error: " << db.status().message() << "\n";
    return 1;
  }
  if (once) {
    // Polling and alerts first, so the e-mails of this round include the alerts.
    int failed_sources = 0;
    if (options.poll_every_seconds > 0) {
      work::PollSettings settings;
      settings.host_gap_seconds = options.host_gap_seconds;
      work::Poller poller(**db, system_clock(), settings);
      auto polled = poller.poll_due();
      if (!polled) {
        std::cerr << "loa: error: " << polled.status().message() << "\n";
        return 1;
      }
      std::cout << "Sources polled: " << polled->polled << "; new articles: " << polled->added
                << "; sources failing: " << polled->failed << "\n";
      for (const auto& source : polled->sources)
        if (source.error) std::cout << "  " << source.name << ": " << *source.error << "\n";
      failed_sources = polled->failed;
    }
    update_ranked_index(**db);
    auto alerts = work::raise_alerts(**db, system_clock());
    if (!alerts) {
      std::cerr << "loa: error: " << alerts.status().message() << "\n";
      return 1;
    }
    auto risk_model = work::refresh_risk_model(**db, system_clock());
    if (!risk_model) {
      std::cerr << "loa: error: " << risk_model.status().message() << "\n";
      return 1;
    }
    if (*risk_model)
      std::cout << "Risk model learnt again from " << (*risk_model)->confirmed << " confirmed and "
                << (*risk_model)->dismissed << " dismissed flags\n";
    std::cout << "Saved-search alerts: " << alerts->alerts << " (" << alerts->articles
              << " articles); flagged articles told to coordinators: " << alerts->risk_alerts
              << "; articles proposed as contract deliverables: " << alerts->deliverables << "\n";
    auto r = work::run_scheduler_tick(**db, system_clock(), setup->calendar, setup->settings,
                                      setup->mailer.get());
    if (!r) {
      std::cerr << "loa: error: " << r.status().message() << "\n";
      return 1;
    }
    std::cout << "Report requests made: " << r->requests_made << "; reminders: " << r->reminders
              << "; e-mails sent: " << r->emails_sent << ", failed: " << r->emails_failed
              << "; press reviews sent: " << r->press_reviews_sent << "\n";
    return r->emails_failed || failed_sources ? 1 : 0;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  Rounds rounds(**db, options, *setup);
  while (!g_stop) {
    const auto next = rounds.run_due();
    while (!g_stop && std::chrono::steady_clock::now() < next)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

}  // namespace loa::app
