// Polling sources: fetch, read, extract, store; manners and intervals. See poll.h.
#include "work/poll.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <thread>

#include "base/ascii.h"
#include "news/feed.h"
#include "news/html.h"
#include "news/url.h"
#include "store/articles.h"
#include "vi/text.h"

namespace loa::work {

namespace {

constexpr int kMinInterval = 60;
constexpr int kMaxInterval = 6 * 3600;
constexpr double kMaxCrawlDelay = 30;
constexpr int kUnansweredRobotsTtl = 3600;  // a 5xx robots.txt is asked again within the hour

struct Candidate {
  std::string link;
  std::string title;
  std::string summary;
  std::optional<std::string> published;
  std::string author;
};

bool looks_like_html(const news::FetchResponse& r) {
  if (r.content_type.find("html") != std::string::npos) return true;
  const std::string head = ascii_lower(std::string_view(r.body).substr(0, 512));
  return head.find("<!doctype html") != std::string::npos ||
         head.find("<html") != std::string::npos;
}

std::string clean_text(const std::string& s) {
  auto n = vi::normalize(s);
  return n ? *n : s;
}

std::string hours_text(std::int64_t seconds) {
  if (seconds < std::int64_t{2} * 3600) return std::to_string(seconds / 60) + " minutes";
  if (seconds < std::int64_t{3} * 86400) return std::to_string(seconds / 3600) + " hours";
  return std::to_string(seconds / 86400) + " days";
}

}  // namespace

struct Poller::Host {
  std::optional<news::RobotsRules> robots;
  std::int64_t robots_until = 0;  // unix time after which robots.txt is read again
  std::chrono::steady_clock::time_point next_request{};
};

Poller::Poller(store::Database& db, const Clock& clock, PollSettings settings)
    : db_(db), clock_(clock), settings_(std::move(settings)) {}

Poller::~Poller() = default;

int next_interval(const store::SourceRow& source, bool brought_new) {
  const int current = source.current_interval();
  const int longest =
      std::max(source.poll_seconds, std::min(4 * source.poll_seconds, kMaxInterval));
  if (brought_new) return std::max(kMinInterval, current / 2);
  return std::min(longest, current + current / 2);
}

int backoff_seconds(const store::SourceRow& source, int failures, std::optional<long> retry_after) {
  std::int64_t delay = std::int64_t{source.current_interval()} << std::clamp(failures, 0, 6);
  delay = std::min<std::int64_t>(delay, kMaxInterval);
  if (retry_after) delay = std::max<std::int64_t>(delay, std::min<long>(*retry_after, 86400));
  return static_cast<int>(delay);
}

Poller::Host& Poller::host_for(const std::string& origin) {
  auto& h = hosts_[origin];
  if (!h) h = std::make_unique<Host>();
  return *h;
}

void Poller::wait_turn(const std::string& url) {
  Host& h = host_for(news::url_origin(url));
  double gap = settings_.host_gap_seconds;
  if (h.robots && h.robots->crawl_delay_seconds())
    gap = std::max(gap, std::min(*h.robots->crawl_delay_seconds(), kMaxCrawlDelay));
  const auto now = std::chrono::steady_clock::now();
  if (h.next_request > now) std::this_thread::sleep_until(h.next_request);
  h.next_request = std::max(now, h.next_request) +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                       std::chrono::duration<double>(gap));
}

Result<news::FetchResponse> Poller::polite_fetch(const std::string& url, const std::string& etag,
                                                 const std::string& last_modified) {
  wait_turn(url);
  news::FetchRequest request = settings_.limits;
  request.url = url;
  request.etag = etag;
  request.last_modified = last_modified;
  return news::fetch(request);
}

bool Poller::allowed(const std::string& url) {
  const std::string origin = news::url_origin(url);
  if (origin.empty()) return false;
  Host& h = host_for(origin);
  const std::int64_t now = clock_.now_unix();
  if (!h.robots || now >= h.robots_until) {
    std::optional<store::HostRobots> known;
    if (auto cached = store::find_host_robots(db_, origin); cached && *cached) known = **cached;
    auto fresh_until = [&](const store::HostRobots& r) {
      const bool answered =
          (r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500);
      return parse_utc(r.fetched_at).value_or(0) +
             (answered ? settings_.robots_ttl_seconds
                       : std::min(settings_.robots_ttl_seconds, kUnansweredRobotsTtl));
    };
    if (!known || fresh_until(*known) <= now) {
      news::FetchRequest request = settings_.limits;
      request.max_bytes = std::min<std::size_t>(request.max_bytes, 4u << 20);
      request.url = origin + "/robots.txt";
      wait_turn(request.url);
      auto r = news::fetch(request);
      store::HostRobots robots{origin, r ? static_cast<int>(r->status) : 0,
                               r ? std::string(r->body.substr(0, news::kMaxRobotsBytes)) : "",
                               format_utc(now)};
      if (!r)
        spdlog::warn(R"({{"msg":"robots.txt unanswered","origin":"{}","error":"{}"}})", origin,
                     r.status().message());
      if (auto s = store::save_host_robots(db_, robots); !s)
        spdlog::warn(R"({{"msg":"robots.txt not cached","error":"{}"}})", s.message());
      known = std::move(robots);
    }
    h.robots = news::RobotsRules::from_fetch(known->status, known->robots_txt, "Loa");
    h.robots_until = fresh_until(*known);
  }
  return h.robots->allowed(news::url_target(url));
}

Result<PollReport> Poller::poll_due() {
  auto due = store::due_sources(db_, format_utc(clock_.now_unix()));
  if (!due) return due.status();
  PollReport report;
  analyser_.reset();  // read again: articles, plans and models may have changed meanwhile
  for (std::int64_t id : *due) {
    auto one = poll_source(id);
    if (!one) return one.status();
    ++report.polled;
    report.added += one->added;
    if (one->error) ++report.failed;
    report.sources.push_back(std::move(*one));
  }
  return report;
}

std::optional<std::string> Poller::read_page(const std::string& link, store::ArticleRow& a,
                                             std::optional<store::ArticlePage>& page) {
  if (!allowed(link)) return "robots.txt does not allow it";
  auto answer = polite_fetch(link);
  if (!answer) return answer.status().message();
  if (answer->status != 200) return "HTTP " + std::to_string(answer->status);
  auto x = news::extract_article(answer->body, answer->content_type, answer->final_url);
  if (!x) return x.status().message();
  if (a.title.empty()) a.title = x->title;
  if (!x->text.empty()) a.text = x->text;
  if (!a.published_at) a.published_at = x->published;
  if (!a.author && !x->author.empty()) a.author = x->author;
  if (!x->language.empty()) a.language = x->language;
  page = store::ArticlePage{answer->final_url, answer->content_type, x->encoding,
                            std::move(answer->body)};
  return std::nullopt;
}

Status Poller::ensure_analyser() {
  if (analyser_) return {};
  auto loaded = ArticleAnalyser::load(db_, clock_);
  if (!loaded) return loaded.status();
  analyser_ = std::move(*loaded);
  return {};
}

Result<std::int64_t> Poller::fetch_article(const std::string& link, const std::string& outlet) {
  auto url = news::canonical_url(link);
  if (!url) return invalid_argument("url: '" + link + "' is not an http(s) address");
  auto existing = store::find_article_id(db_, *url);
  if (!existing) return existing.status();
  if (*existing) return **existing;
  store::ArticleRow a;
  a.outlet = outlet;
  a.url = *url;
  std::optional<store::ArticlePage> page;
  if (auto why = read_page(link, a, page))
    return invalid_argument("the article at " + link + " could not be read: " + *why);
  a.title = clean_text(a.title);
  a.text = clean_text(a.text);
  if (a.title.empty()) return invalid_argument("the page at " + link + " has no article title");
  LOA_RETURN_IF_ERROR(ensure_analyser());
  a.fetched_at = format_utc(clock_.now_unix());
  store::Transaction tx(db_);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_article(db_, a);
  if (!id) return id.status();
  if (!*id) return invalid_argument("the article at " + link + " is stored already");
  if (page) LOA_RETURN_IF_ERROR(store::insert_article_page(db_, **id, *page));
  LOA_RETURN_IF_ERROR(analyser_->analyse(db_, **id, a.title, a.text));
  LOA_RETURN_IF_ERROR(tx.commit());
  spdlog::info(R"({{"msg":"article fetched","id":{},"url":"{}"}})", **id, a.url);
  return **id;
}

Result<SourcePoll> Poller::poll_source(std::int64_t source_id) {
  auto found = store::find_source(db_, source_id);
  if (!found) return found.status();
  const store::SourceRow& src = *found;
  SourcePoll out{src.id, src.name, 0, 0, false, std::nullopt};
  store::PollRecord record;
  record.polled_at = format_utc(clock_.now_unix());
  record.etag = src.etag;
  record.last_modified = src.last_modified;

  auto fail = [&](std::string why, std::optional<long> retry_after) -> Result<SourcePoll> {
    record.error = why;
    record.interval_seconds = src.current_interval();
    record.next_poll_at =
        format_utc(clock_.now_unix() + backoff_seconds(src, src.failures + 1, retry_after));
    LOA_RETURN_IF_ERROR(store::record_poll(db_, src.id, record));
    spdlog::warn(R"({{"msg":"source poll failed","source":{},"error":"{}","next_poll_at":"{}"}})",
                 src.id, why, record.next_poll_at);
    out.error = std::move(why);
    return out;
  };

  if (!allowed(src.url))
    return fail("robots.txt of " + news::url_origin(src.url) + " does not allow " +
                    news::url_target(src.url),
                std::nullopt);
  auto answer = polite_fetch(src.url, src.etag, src.last_modified);
  if (!answer) return fail(answer.status().message(), std::nullopt);
  record.status = static_cast<int>(answer->status);
  if (answer->not_modified()) {
    out.not_modified = true;
    record.answered = true;
    record.interval_seconds = next_interval(src, false);
    record.next_poll_at = format_utc(clock_.now_unix() + record.interval_seconds);
    LOA_RETURN_IF_ERROR(store::record_poll(db_, src.id, record));
    return out;
  }
  if (answer->status != 200) {
    return fail("HTTP " + std::to_string(answer->status) + " from " + src.url,
                answer->retry_after_seconds);
  }

  std::vector<Candidate> candidates;
  if (src.kind == "page") {
    auto page = news::decode_page(answer->body, answer->content_type);
    if (!page) return fail(page.status().message(), std::nullopt);
    for (auto& link : news::article_links(page->text, answer->final_url))
      candidates.push_back({std::move(link), "", "", std::nullopt, ""});
  } else {
    auto feed = news::parse_feed(answer->body);
    if (!feed) {
      if (looks_like_html(*answer))
        return fail("the address answers with a web page, not a feed (" +
                        (answer->content_type.empty() ? "text/html" : answer->content_type) + ")",
                    std::nullopt);
      return fail("not a feed: " + feed.status().message(), std::nullopt);
    }
    for (auto& item : feed->items) {
      candidates.push_back({std::move(item.link), std::move(item.title), std::move(item.summary),
                            std::move(item.published), std::move(item.author)});
    }
  }
  out.seen = static_cast<int>(candidates.size());

  struct Fresh {
    store::ArticleRow article;
    std::optional<store::ArticlePage> page;
  };
  std::vector<Fresh> fresh;
  std::set<std::string> listed;
  for (auto& c : candidates) {
    auto url = news::canonical_url(c.link);
    if (!url || !listed.insert(*url).second) continue;
    auto exists = store::article_exists(db_, *url);
    if (!exists) return exists.status();
    if (*exists) continue;
    if (static_cast<int>(fresh.size()) >= settings_.max_pages_per_poll) break;  // next poll
    Fresh f;
    store::ArticleRow& a = f.article;
    a.source_id = src.id;
    a.outlet = src.name;
    a.url = *url;
    a.title = clean_text(c.title);
    a.text = clean_text(c.summary);
    a.published_at = c.published;
    if (!c.author.empty()) a.author = clean_text(c.author);
    a.language = src.language;
    if (auto why = read_page(c.link, a, f.page))
      spdlog::info(R"({{"msg":"article page not read","url":"{}","error":"{}"}})", c.link, *why);
    if (a.title.empty()) continue;  // a link that led to nothing readable
    fresh.push_back(std::move(f));
  }

  LOA_RETURN_IF_ERROR(ensure_analyser());
  const std::string now = format_utc(clock_.now_unix());
  store::Transaction tx(db_);
  LOA_RETURN_IF_ERROR(tx.begin());
  for (auto& f : fresh) {
    f.article.fetched_at = now;
    auto id = store::insert_article(db_, f.article);
    if (!id) return id.status();
    if (!*id) continue;
    ++out.added;
    if (f.page) LOA_RETURN_IF_ERROR(store::insert_article_page(db_, **id, *f.page));
    LOA_RETURN_IF_ERROR(analyser_->analyse(db_, **id, f.article.title, f.article.text));
  }
  record.answered = true;
  record.etag = answer->etag;
  record.last_modified = answer->last_modified;
  record.added = out.added;
  record.interval_seconds = next_interval(src, out.added > 0);
  record.next_poll_at = format_utc(clock_.now_unix() + record.interval_seconds);
  LOA_RETURN_IF_ERROR(store::record_poll(db_, src.id, record));
  LOA_RETURN_IF_ERROR(tx.commit());
  if (out.added > 0)
    spdlog::info(R"({{"msg":"source polled","source":{},"added":{},"listed":{}}})", src.id,
                 out.added, out.seen);
  return out;
}

Result<SourceHealth> source_health(store::Database& db, const store::SourceRow& source,
                                   std::int64_t now) {
  SourceHealth h;
  if (!source.active) {
    h.state = "paused";
    return h;
  }
  if (!source.last_polled_at) {
    h.state = "new";
    return h;
  }
  if (source.failures > 0) {
    h.state = "failing";
    h.reason = source.last_error.value_or("unknown error") + " (" +
               std::to_string(source.failures) + " poll(s) in a row)";
    return h;
  }
  // Silent: answering, but no new article for much longer than usual.
  auto times = store::recent_article_times(db, source.id, 21);
  if (!times) return times.status();
  std::vector<std::int64_t> gaps;
  for (std::size_t i = 1; i < times->size(); ++i) {
    auto newer = parse_utc((*times)[i - 1]);
    auto older = parse_utc((*times)[i]);
    if (newer && older && *newer > *older) gaps.push_back(*newer - *older);
  }
  constexpr std::int64_t kHour = 3600;
  std::int64_t threshold = 48 * kHour;
  if (gaps.size() >= 3) {
    const auto middle = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2);
    std::nth_element(gaps.begin(), middle, gaps.end());
    const std::int64_t typical = *middle;
    h.expected_gap_seconds = static_cast<int>(std::min<std::int64_t>(typical, INT32_MAX));
    threshold = std::max<std::int64_t>(6 * kHour, 10 * typical);
  }
  const auto last = parse_utc(source.last_new_at.value_or(source.created_at));
  if (last && now - *last > threshold) {
    h.state = "silent";
    h.reason =
        "no new article for " + hours_text(now - *last) +
        (h.expected_gap_seconds ? " (usually one every " + hours_text(*h.expected_gap_seconds) + ")"
                                : "");
    return h;
  }
  h.state = "ok";
  return h;
}

}  // namespace loa::work
