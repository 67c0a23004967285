// File: work/news.h
//
// Bringing articles into Loa from a file: a feed (RSS or Atom, as an outlet publishes it) or
// JSON Lines of articles, one per line:
//   {"url": "https://…", "title": "…", "text": "…", "published": "2026-12-01T08:30:00+07:00",
//    "outlet": "Báo Hải Phòng"}
// Addresses are made canonical, so an article already stored is not stored again. All or
// nothing: a bad line (with its number and what is wrong) stores nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "news/minhash.h"
#include "store/articles.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::work {

struct IngestResult {
  std::string format;  // "rss", "rdf", "atom", "sitemap", "jsonl"
  int read = 0;        // articles in the file
  int added = 0;       // new ones stored
  int duplicates = 0;  // addresses stored already (or repeated in the file)
};

struct IngestOptions {
  std::string outlet;  // for a feed: the outlet's name (default: the feed's title)
  std::size_t max_errors = 20;
};

// Stories: an article's near-duplicates (syndicated copies) are grouped under the first one
// seen. The fingerprints of the last `window_days` days are held in memory.
class StoryIndex {
 public:
  static Result<StoryIndex> load(store::Database& db, const Clock& clock, int window_days = 30);
  // Fingerprints a stored article, stores the fingerprint and its story; the story's id.
  Result<std::int64_t> assign(store::Database& db, std::int64_t article_id, std::string_view title,
                              std::string_view text);
  // The same with the words already read: the text's, and the title's followed by the text's.
  Result<std::int64_t> assign(store::Database& db, std::int64_t article_id, const news::Words& text,
                              const news::Words& all);
  // The story of an article, held in the index, for the caller to store (with the analysis).
  struct Decision {
    std::int64_t story_id = 0;
    std::optional<std::string> signature;  // stored form; none for a text too short
  };
  Decision decide(std::int64_t article_id, const news::Words& text, const news::Words& all);

 private:
  news::DuplicateIndex index_;
  std::unordered_map<std::int64_t, std::int64_t> story_of_;
};

// Everything Loa reads in a stored article, in one pass over its words: its story, its
// category (when a classifier has been trained: `loa news classifier train`), how much it
// concerns the province (the gazetteer, data/gazetteer/haiphong.json, plus the registry's
// communes and wards) and, for articles about the province, risk flags (data/lexicon/
// risk-vi.json) and the active plans' topics it covers with the terms that matched.
class ArticleAnalyser {
 public:
  static Result<ArticleAnalyser> load(store::Database& db, const Clock& clock);
  ArticleAnalyser(ArticleAnalyser&&) noexcept;
  ArticleAnalyser& operator=(ArticleAnalyser&&) noexcept;
  ~ArticleAnalyser();
  Status analyse(store::Database& db, std::int64_t article_id, std::string_view title,
                 std::string_view text);

 private:
  ArticleAnalyser();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// The coordinator's decision on a topic Loa suggested for an article. The terms that made the
// match weigh kFeedbackStep more (confirmed) or less (rejected) for that topic from now on,
// within 0 … kMaxTermWeight. Audited. not_found when the article has no such topic.
Status decide_article_topic(store::Database& db, const Clock& clock, const Actor& actor,
                            std::int64_t article_id, std::int64_t plan_id, int topic_no,
                            bool confirmed);

// The coordinator's decision on a risk flag: confirmed (it stays at the top) or dismissed.
// An article Loa did not flag is flagged by confirming it with a `kind` (false_information or
// negative): the misses teach the risk model most. Audited. not_found when the article does
// not exist, or has no flag to dismiss or confirm without a kind; invalid_argument for
// another kind. The next round of polling learns the risk model again from the decisions
// (work/risk.h refresh_risk_model), for the articles analysed from then on.
Status decide_article_risk(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t article_id, bool confirmed,
                           const std::optional<std::string>& kind = std::nullopt);

// A person's correction of an article's category (kept through later analyses: category_by
// 'person'). The category is one of Dân trí's ten (the screens' list) or of the trained
// model's labels. Audited. invalid_argument names the allowed ones.
Status set_article_category(store::Database& db, const Clock& clock, const Actor& actor,
                            std::int64_t article_id, const std::string& category);

// Trains the category classifier on labelled JSON Lines ({"category","title","text"}),
// measures it by `folds`-fold cross-validation (0: not measured) and stores it as the one in
// use. Audited.
struct TrainedModel {
  int examples = 0;
  std::vector<std::string> labels;
  std::size_t features = 0;
  std::optional<double> accuracy;
};
Result<TrainedModel> train_category_model(store::Database& db, const Clock& clock,
                                          const Actor& actor, std::string_view jsonl, int folds);

// Reads every stored article again (after a model was trained, a plan activated, feedback
// given); the number read.
Result<std::int64_t> reanalyse_articles(store::Database& db, const Clock& clock);

// Articles as the stream and search show them: each with the plan topics it covers (titles,
// the matched terms, the decision) and its story's other copies.
struct TopicRef {
  std::int64_t plan_id = 0;
  int topic_no = 0;
  std::string title;   // the topic's title in the plan
  std::string status;  // suggested | confirmed | rejected
  std::vector<std::string> terms;
  double score = 0;
};
struct NewsItem {
  store::ArticleHit article;
  std::vector<TopicRef> topics;
  std::vector<store::StoryMember> duplicates;
};
struct NewsPage {
  std::int64_t total = 0;
  bool total_estimated = false;  // by relevance: estimated from the ranked index, not counted
  std::vector<NewsItem> items;
};
Result<NewsPage> search_news(store::Database& db, const store::ArticleSearch& search);
// {"id","url","title","outlet","published","fetched","snippet","score","category","risk",
//  "risk_status","relevance","topics":[{"plan_id","topic_no","title","status","terms"}],
//  "duplicates":[{"id","url","outlet","published"}]}
nlohmann::json news_item_json(const NewsItem& item);

// The topic titles of a plan's structure (docs/plan-schema.md), in order.
std::vector<std::string> plan_topic_titles(std::string_view structure_json);

// The place names of the city's gazetteer (data/gazetteer/haiphong.json, embedded): what
// the OCR repair restores as written (vi::RestoreOptions::names).
std::vector<std::string> gazetteer_place_names();
// … and the registry's communes, wards and special zones, as written ("Xã Tiên Lãng") and
// without their kind ("Tiên Lãng").
Result<std::vector<std::string>> place_names(store::Database& db);

// invalid_argument lists the bad lines ("line 7: url is not an http(s) address").
Result<IngestResult> ingest_articles(store::Database& db, const Clock& clock,
                                     std::string_view bytes, const IngestOptions& options = {});

}  // namespace loa::work
