// `loa news …` and `loa search`. See news_command.h.
#include "app/news_command.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/database.h"
#include "base/clock.h"
#include "store/articles.h"
#include "store/sources.h"
#include "vi/corpus.h"
#include "work/alerts.h"
#include "work/news.h"
#include "work/poll.h"
#include "work/risk.h"
#include "work/sources.h"

namespace loa::app {

struct NewsCommand::Options {
  CLI::App* news = nullptr;
  CLI::App* ingest = nullptr;
  CLI::App* search = nullptr;
  CLI::App* add_source = nullptr;
  CLI::App* sources = nullptr;
  CLI::App* poll = nullptr;
  CLI::App* train = nullptr;
  CLI::App* analyse = nullptr;
  CLI::App* risk_train = nullptr;
  int folds = 5;
  work::SourceInput source;
  std::int64_t organisation_id = 0;
  std::int64_t poll_id = 0;
  double host_gap = 1.0;
  std::string input;
  std::string outlet;
  std::string query;
  bool json = false;
  bool newest = false;
  std::string outlet_filter;
  std::string category;
  std::string from;
  std::string to;
  bool flagged = false;
  bool relevant = false;
  int limit = 20;
};

namespace {
int fail(const std::string& message) {
  std::cerr << "loa: error: " << message << "\n";
  return 1;
}

nlohmann::json optional_json(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

int list_sources(store::Database& db, bool json) {
  auto sources = store::list_sources(db);
  if (!sources) return fail(sources.status().message());
  const std::int64_t now = system_clock().now_unix();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : *sources) {
    auto health = work::source_health(db, s, now);
    if (!health) return fail(health.status().message());
    if (json) {
      out.push_back({{"id", s.id},
                     {"name", s.name},
                     {"url", s.url},
                     {"kind", s.kind},
                     {"interval_seconds", s.current_interval()},
                     {"last_polled_at", optional_json(s.last_polled_at)},
                     {"last_new_at", optional_json(s.last_new_at)},
                     {"next_poll_at", optional_json(s.next_poll_at)},
                     {"articles", s.articles_added},
                     {"health", health->state},
                     {"reason", health->reason}});
      continue;
    }
    std::cout << s.id << "  " << s.name << "  [" << health->state << "]\n    " << s.url << " ("
              << s.kind << ", every " << s.current_interval() << " s, " << s.articles_added
              << " article(s)";
    if (s.last_polled_at) std::cout << ", last polled " << *s.last_polled_at;
    std::cout << ")\n";
    if (!health->reason.empty()) std::cout << "    " << health->reason << "\n";
  }
  if (json)
    std::cout << out.dump(2) << "\n";
  else if (sources->empty())
    std::cout << "No sources yet: loa news source add URL --name NAME\n";
  return 0;
}
}  // namespace

NewsCommand::NewsCommand(CLI::App& cli, std::string& db_url)
    : options_(std::make_unique<Options>()), db_url_(db_url) {
  Options& o = *options_;
  o.news = cli.add_subcommand("news", "The press: bring articles in");
  o.news->require_subcommand(1);
  o.ingest = o.news->add_subcommand(
      "ingest", "Store the articles of a feed file (RSS/Atom) or a JSON Lines file");
  o.ingest->add_option("file", o.input, "The feed or JSON Lines file")->required();
  o.ingest->add_option("--outlet", o.outlet, "The outlet's name for a feed's articles");
  o.ingest->add_option("--db", db_url_,
                       "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  auto* source = o.news->add_subcommand("source", "Manage where articles come from");
  source->require_subcommand(1);
  o.add_source = source->add_subcommand("add", "Add a feed, news sitemap or section page to poll");
  o.add_source->add_option("url", o.source.url, "Its address (http or https)")->required();
  o.add_source->add_option("--name", o.source.name, "The name shown for it (e.g. the outlet's)")
      ->required();
  o.add_source->add_option("--kind", o.source.kind, "feed (RSS/Atom), sitemap or page")
      ->check(CLI::IsMember({"feed", "sitemap", "page"}));
  o.add_source->add_option("--every", o.source.poll_seconds,
                           "Seconds between polls to start from (60–86400; polling adapts)");
  o.add_source->add_option("--language", o.source.language, "Language of its articles (vi, en…)");
  o.add_source->add_option("--organisation", o.organisation_id,
                           "The outlet's organisation id in the registry");
  o.add_source->add_option("--db", db_url_,
                           "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  o.sources = o.news->add_subcommand("sources", "List the sources with their health");
  o.sources->add_flag("--json", o.json, "Print JSON");
  o.sources->add_option("--db", db_url_,
                        "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  o.poll = o.news->add_subcommand("poll", "Poll the sources that are due now (or one, --source)");
  o.poll->add_option("--source", o.poll_id, "Poll this source now, due or not");
  o.poll->add_option("--host-gap", o.host_gap, "Seconds between two requests to one site")
      ->check(CLI::Range(0.0, 60.0));
  o.poll->add_option("--db", db_url_,
                     "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  auto* classifier = o.news->add_subcommand("classifier", "The article category classifier");
  classifier->require_subcommand(1);
  o.train = classifier->add_subcommand(
      "train", "Learn categories from labelled articles (JSON Lines: category, title, text)");
  o.train->add_option("file", o.input, "The labelled articles (.jsonl or .jsonl.zst)")->required();
  o.train->add_option("--folds", o.folds, "Cross-validation folds to measure it (0: none)")
      ->check(CLI::Range(0, 20));
  o.train->add_option("--db", db_url_,
                      "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  o.risk_train = o.news->add_subcommand(
      "risk-model", "Learn the risk model from the coordinator's decisions on flags now");
  o.risk_train->add_option("--db", db_url_,
                           "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  o.analyse = o.news->add_subcommand(
      "analyse", "Read every stored article again: category, places, risk, topics, story");
  o.analyse->add_option("--db", db_url_,
                        "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
  o.search = cli.add_subcommand("search", "Search the stored articles, accents optional");
  o.search
      ->add_option("query", o.query,
                   "Words, \"phrases\", AND, OR, NOT, prefix*; \"da nang\" finds "
                   "\"Đà Nẵng\", \"bạn\" does not find \"bán\"")
      ->required();
  o.search->add_flag("--json", o.json, "Print JSON (results and total)");
  o.search->add_flag("--newest", o.newest, "Newest first instead of best first");
  o.search->add_option("--outlet", o.outlet_filter, "Only this outlet's articles");
  o.search->add_option("--category", o.category, "Only this category (business, sport…)");
  o.search->add_option("--from", o.from, "Published on or after this date (YYYY-MM-DD)");
  o.search->add_option("--to", o.to, "Published on or before this date (YYYY-MM-DD)");
  o.search->add_flag("--flagged", o.flagged, "Only articles flagged as a risk");
  o.search->add_flag("--about-city", o.relevant, "Only articles about the province");
  o.search->add_option("--limit", o.limit, "How many results (1–1000)")->check(CLI::Range(1, 1000));
  o.search->add_option("--db", db_url_,
                       "SQLite file or URL (default var/loa.db or $LOA_DATABASE_URL)");
}

NewsCommand::~NewsCommand() = default;

bool NewsCommand::parsed() const { return options_->news->parsed() || options_->search->parsed(); }

int NewsCommand::run() {
  const Options& o = *options_;
  auto db = open_database(db_url_, true);
  if (!db) return fail(db.status().message());
  if (o.ingest->parsed()) {
    auto bytes = vi::read_file(o.input);
    if (!bytes) return fail(bytes.status().message());
    // Decisions on flags since the risk model was learnt teach it before these are read.
    auto risk_model = work::refresh_risk_model(**db, system_clock());
    if (!risk_model) return fail(risk_model.status().message());
    auto result = work::ingest_articles(**db, system_clock(), *bytes, {o.outlet});
    if (!result) return fail(o.input + ": " + result.status().message());
    std::cout << o.input << " (" << result->format << "): " << result->read << " article(s), "
              << result->added << " new, " << result->duplicates << " already stored\n";
    update_ranked_index(**db);
    auto alerts = work::raise_alerts(**db, system_clock());
    if (!alerts) return fail(alerts.status().message());
    if (alerts->alerts > 0) std::cout << "Saved-search alerts raised: " << alerts->alerts << "\n";
    if (alerts->risk_alerts > 0)
      std::cout << "Flagged articles told to coordinators: " << alerts->risk_alerts << "\n";
    if (alerts->deliverables > 0)
      std::cout << "Articles proposed as contract deliverables: " << alerts->deliverables << "\n";
    return 0;
  }
  if (o.add_source->parsed()) {
    work::SourceInput input = o.source;
    if (o.organisation_id > 0) input.organisation_id = o.organisation_id;
    auto id = work::add_source(**db, system_clock(), work::Actor::command_line(), input);
    if (!id) return fail(id.status().message());
    std::cout << "Source " << *id << " added: " << input.url << "\n";
    return 0;
  }
  if (o.sources->parsed()) return list_sources(**db, o.json);
  if (o.train->parsed()) {
    auto bytes = vi::read_file(o.input);
    if (!bytes) return fail(bytes.status().message());
    auto trained = work::train_category_model(**db, system_clock(), work::Actor::command_line(),
                                              *bytes, o.folds);
    if (!trained) return fail(o.input + ": " + trained.status().message());
    std::cout << "Category model trained on " << trained->examples << " article(s), "
              << trained->labels.size() << " categories, " << trained->features << " terms";
    if (trained->accuracy)
      std::cout << "; " << o.folds << "-fold cross-validated accuracy "
                << std::round(*trained->accuracy * 1000) / 10 << " %";
    std::cout << "\nRun `loa news analyse` to sort the stored articles with it.\n";
    return 0;
  }
  if (o.risk_train->parsed()) {
    auto trained = work::train_risk_model(**db, system_clock(), work::Actor::command_line());
    if (!trained) return fail(trained.status().message());
    std::cout << "Risk model learnt from " << trained->confirmed << " confirmed and "
              << trained->dismissed << " dismissed flag(s) and " << trained->unflagged
              << " unflagged article(s) about the province, " << trained->features << " terms\n"
              << "Run `loa news analyse` to apply it to the stored articles.\n";
    return 0;
  }
  if (o.analyse->parsed()) {
    auto n = work::reanalyse_articles(**db, system_clock());
    if (!n) return fail(n.status().message());
    std::cout << *n << " article(s) read again\n";
    return 0;
  }
  if (o.poll->parsed()) {
    work::PollSettings settings;
    settings.host_gap_seconds = o.host_gap;
    work::Poller poller(**db, system_clock(), settings);
    std::vector<work::SourcePoll> polled;
    if (o.poll_id > 0) {
      auto one = poller.poll_source(o.poll_id);
      if (!one) return fail(one.status().message());
      polled.push_back(*one);
    } else {
      auto due = poller.poll_due();
      if (!due) return fail(due.status().message());
      polled = due->sources;
    }
    int failed = 0;
    for (const auto& p : polled) {
      std::cout << p.name << ": ";
      if (p.error) {
        ++failed;
        std::cout << "failed: " << *p.error << "\n";
      } else if (p.not_modified) {
        std::cout << "not modified\n";
      } else {
        std::cout << p.seen << " listed, " << p.added << " new\n";
      }
    }
    if (polled.empty()) std::cout << "No source is due.\n";
    update_ranked_index(**db);
    return failed ? 1 : 0;
  }
  store::ArticleSearch search;
  search.query = o.query;
  search.limit = o.limit;
  search.order =
      o.newest ? store::ArticleSearch::Order::kNewest : store::ArticleSearch::Order::kRelevance;
  if (!o.outlet_filter.empty()) search.outlet = o.outlet_filter;
  if (!o.category.empty()) search.category = o.category;
  if (!o.from.empty()) search.from = o.from;
  if (!o.to.empty()) search.to = o.to;
  search.flagged_only = o.flagged;
  search.relevant_only = o.relevant;
  auto page = work::search_news(**db, search);
  if (!page) return fail(page.status().message());
  if (o.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& item : page->items) results.push_back(work::news_item_json(item));
    std::cout << nlohmann::json{{"results", results},
                                {"total", page->total},
                                {"total_estimated", page->total_estimated}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << (page->total_estimated ? "about " : "") << page->total << " article(s)\n";
  for (const auto& item : page->items) {
    const auto& h = item.article;
    std::cout << "\n"
              << h.title << "\n  " << h.outlet << ", "
              << (h.published_at ? *h.published_at : "no date") << " — " << h.url << "\n  "
              << h.snippet << "\n";
    if (!item.duplicates.empty())
      std::cout << "  also carried by " << item.duplicates.size() << " other article(s)\n";
  }
  return 0;
}

}  // namespace loa::app
