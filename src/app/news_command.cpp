// `loa news …` and `loa search`. See news_command.h.
#include "app/news_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/database.h"
#include "base/clock.h"
#include "store/articles.h"
#include "vi/corpus.h"
#include "work/news.h"

namespace loa::app {

struct NewsCommand::Options {
  CLI::App* news = nullptr;
  CLI::App* ingest = nullptr;
  CLI::App* search = nullptr;
  std::string input;
  std::string outlet;
  std::string query;
  bool json = false;
  bool newest = false;
  int limit = 20;
};

namespace {
int fail(const std::string& message) {
  std::cerr << "loa: error: " << message << "\n";
  return 1;
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
  o.search = cli.add_subcommand("search", "Search the stored articles, accents optional");
  o.search
      ->add_option("query", o.query,
                   "Words, \"phrases\", AND, OR, NOT, prefix*; \"da nang\" finds "
                   "\"Đà Nẵng\", \"bạn\" does not find \"bán\"")
      ->required();
  o.search->add_flag("--json", o.json, "Print JSON (results and total)");
  o.search->add_flag("--newest", o.newest, "Newest first instead of best first");
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
    auto result = work::ingest_articles(**db, system_clock(), *bytes, {o.outlet});
    if (!result) return fail(o.input + ": " + result.status().message());
    std::cout << o.input << " (" << result->format << "): " << result->read << " article(s), "
              << result->added << " new, " << result->duplicates << " already stored\n";
    return 0;
  }
  store::ArticleSearch search;
  search.query = o.query;
  search.limit = o.limit;
  search.order =
      o.newest ? store::ArticleSearch::Order::kNewest : store::ArticleSearch::Order::kRelevance;
  auto hits = store::search_articles(**db, search);
  if (!hits) return fail(hits.status().message());
  auto total = store::count_matching_articles(**db, o.query);
  if (!total) return fail(total.status().message());
  if (o.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& h : *hits) {
      results.push_back({{"url", h.url},
                         {"title", h.title},
                         {"outlet", h.outlet},
                         {"published", h.published_at ? nlohmann::json(*h.published_at)
                                                      : nlohmann::json(nullptr)},
                         {"snippet", h.snippet},
                         {"score", h.score},
                         {"topics", nlohmann::json::array()},
                         {"duplicates", nlohmann::json::array()}});
    }
    std::cout << nlohmann::json{{"results", results}, {"total", *total}}.dump(2) << "\n";
    return 0;
  }
  std::cout << *total << " article(s)\n";
  for (const auto& h : *hits) {
    std::cout << "\n"
              << h.title << "\n  " << h.outlet << ", "
              << (h.published_at ? *h.published_at : "no date") << " — " << h.url << "\n  "
              << h.snippet << "\n";
  }
  return 0;
}

}  // namespace loa::app
