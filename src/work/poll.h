// File: work/poll.h
//
// Polling the press: every due source is fetched (conditional GET), read as a feed, news
// sitemap or section page, and each new article's page is fetched, extracted (news/html.h),
// stored with its page compressed, fingerprinted and put in its story.
//
// Manners: robots.txt is read per host (cached a day; 4xx = everything allowed, 5xx or no
// answer = nothing allowed) and obeyed for every request; requests to one host are spaced by
// `host_gap_seconds` or the host's Crawl-delay (at most 30 s), whichever is longer.
//
// Intervals adapt: a poll that brings new articles halves the source's interval (down to one
// minute), an empty one lengthens it by half (up to 4 × its configured interval, at most 6 h).
// A failed poll (no answer, an HTTP error, not a feed) backs off: the interval × 2^failures,
// at most 6 h, or longer when the server's Retry-After says so; the reason is kept on the
// source for the health view. A feed that answers but stopped bringing articles is "silent"
// (source_health()).
//
//   work::Poller poller(db, system_clock(), {});
//   auto report = poller.poll_due();   // report->added, report->failed, …
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "news/fetch.h"
#include "news/robots.h"
#include "store/database.h"
#include "store/sources.h"
#include "work/news.h"

namespace loa::work {

struct PollSettings {
  news::FetchRequest limits;      // user agent, timeouts, size cap, redirects (url ignored)
  int max_pages_per_poll = 20;    // new articles fetched from one source in one poll
  double host_gap_seconds = 1.0;  // between two requests to one host
  int robots_ttl_seconds = 86400;
};

struct SourcePoll {
  std::int64_t source_id = 0;
  std::string name;
  int added = 0;
  int seen = 0;  // items (or links) the source listed
  bool not_modified = false;
  std::optional<std::string> error;
};

struct PollReport {
  int polled = 0;
  int added = 0;
  int failed = 0;
  std::vector<SourcePoll> sources;
};

class Poller {
 public:
  Poller(store::Database& db, const Clock& clock, PollSettings settings);
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  // Every active source whose next poll is due.
  Result<PollReport> poll_due();
  // One source now, due or not (a source's "poll now" button).
  Result<SourcePoll> poll_source(std::int64_t source_id);
  // One article page by its address (an outlet sends in a deliverable): fetched politely,
  // extracted, stored under `outlet` and analysed like a polled one. The id of the stored
  // article (the existing one when the address is stored already); invalid_argument naming
  // the address when robots.txt forbids it, it does not answer 200 or holds no article.
  Result<std::int64_t> fetch_article(const std::string& url, const std::string& outlet);

 private:
  // Fetches and extracts the page at `link` into `a` (title, text, date, author, language
  // where the feed left them empty) and `page`; the reason when it could not.
  std::optional<std::string> read_page(const std::string& link, store::ArticleRow& a,
                                       std::optional<store::ArticlePage>& page);
  Status ensure_analyser();
  struct Host;
  Host& host_for(const std::string& origin);
  bool allowed(const std::string& url);
  void wait_turn(const std::string& url);
  Result<news::FetchResponse> polite_fetch(const std::string& url, const std::string& etag = "",
                                           const std::string& last_modified = "");

  store::Database& db_;
  const Clock& clock_;
  PollSettings settings_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;  // by origin
  std::optional<ArticleAnalyser> analyser_;
};

// A source's health as the sources screen shows it.
struct SourceHealth {
  std::string state;   // "ok", "failing", "silent", "new" (never polled), "paused"
  std::string reason;  // for failing and silent: why, in English (the UI words it)
  std::optional<int> expected_gap_seconds;  // typical time between its new articles
};
Result<SourceHealth> source_health(store::Database& db, const store::SourceRow& source,
                                   std::int64_t now_unix);

// The interval after a poll (see above), and the delay after a failure.
int next_interval(const store::SourceRow& source, bool brought_new);
int backoff_seconds(const store::SourceRow& source, int failures, std::optional<long> retry_after);

}  // namespace loa::work
