// File: store/articles.h
//
// Articles from the press, one per canonical address, and their full-text search.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct ArticleRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> source_id;
  std::string outlet;
  std::string url;  // canonical
  std::string title;
  std::string text;
  std::optional<std::string> author;
  std::optional<std::string> published_at;
  std::string language = "vi";
  std::string fetched_at;
};

// The new article's id, or nullopt when its address is stored already.
Result<std::optional<std::int64_t>> insert_article(Database& db, const ArticleRow& article);
Result<std::int64_t> count_articles(Database& db);
// Whether an article with this canonical address is stored.
Result<bool> article_exists(Database& db, const std::string& url);
// The id of the article stored at this canonical address, if any.
Result<std::optional<std::int64_t>> find_article_id(Database& db, const std::string& url);

// The page an article was extracted from, kept zstd-compressed for re-processing.
struct ArticlePage {
  std::string fetched_url;
  std::string content_type;
  std::string encoding;
  std::string html;  // as received
};
Status insert_article_page(Database& db, std::int64_t article_id, const ArticlePage& page);
Result<std::optional<ArticlePage>> find_article_page(Database& db, std::int64_t article_id);

// Stories: near-duplicates grouped under the first article seen (news/minhash.h).
// signature: the stored MinHash signature, or nullopt for a text too short to have one.
Status set_article_story(Database& db, std::int64_t article_id,
                         const std::optional<std::string>& signature, std::int64_t story_id);
struct Fingerprint {
  std::int64_t article_id = 0;
  std::string signature;
  std::int64_t story_id = 0;
};
// Fingerprinted articles fetched at or after `since`, oldest first.
Result<std::vector<Fingerprint>> fingerprints_since(Database& db, const std::string& since);

struct ArticleHit {
  std::int64_t id = 0;
  std::string url;
  std::string title;
  std::string outlet;
  std::optional<std::string> published_at;
  std::string snippet;  // the best passage (of the title or text), matches between [ and ]
                        // (the text's own brackets made ［ ］); without a query, the start of
                        // the text
  double score = 0;     // higher is better (0 without a query)
  std::optional<std::string> category;
  std::optional<std::string> risk;
  std::optional<std::string> risk_status;
  int relevance = 0;
  std::int64_t story_id = 0;  // the first article of its story (itself when alone)
  std::string fetched_at;
  std::optional<std::int64_t> source_id;
};

struct ArticleSearch {
  std::string query;  // FTS5 syntax: words, "phrases", AND OR NOT, prefix*; empty: all
  enum class Order { kRelevance, kNewest } order = Order::kRelevance;  // no query: newest
  int limit = 20;
  int offset = 0;
  // Filters (unset: any).
  std::optional<std::string> outlet;
  std::optional<std::int64_t> source_id;
  std::optional<std::string> category;
  std::optional<std::string> language;
  std::optional<std::string> from;      // ISO date, Vietnam's (published, else fetched)
  std::optional<std::string> to;        // ISO date, inclusive
  bool flagged_only = false;            // risk flagged or confirmed
  bool relevant_only = false;           // about the province (news/lexicon.h kRelevantFrom)
  std::optional<std::int64_t> plan_id;  // with topic_no: covering that topic (not rejected)
  std::optional<int> topic_no;
  bool one_per_story = true;  // a story's first article only (its copies are its duplicates)
  std::optional<std::int64_t> after_id;  // only articles stored after this one (alerts)
  std::optional<std::int64_t> up_to_id;  // … and not after this one
  std::vector<std::int64_t> ids;         // only these articles (when not empty)
  // By relevance, the ranked index proposes the page when it can (store/ranked_index.h);
  // false: FTS5 reads and scores every match (the same articles; exact totals; for comparing).
  bool ranked = true;
};

// invalid_argument (naming the query or filter) when it is not valid.
Result<std::vector<ArticleHit>> search_articles(Database& db, const ArticleSearch& search);
Result<std::int64_t> count_matching_articles(Database& db, const ArticleSearch& search);

// A page and how many match in all. By relevance, the ranked index (store/ranked_index.h)
// finds the page without reading every match, and the total is then estimated from it
// (total_estimated) rather than counted.
struct ArticleResults {
  std::vector<ArticleHit> hits;
  std::int64_t total = 0;
  bool total_estimated = false;
};
Result<ArticleResults> search_article_page(Database& db, const ArticleSearch& search);
Result<std::int64_t> count_matching_articles(Database& db, const std::string& query);

struct StoryMember {
  std::int64_t story_id = 0;
  std::int64_t id = 0;
  std::string url;
  std::string outlet;
  std::optional<std::string> published_at;
};
// The other articles of these stories (copies), oldest first.
Result<std::vector<StoryMember>> story_members(Database& db,
                                               const std::vector<std::int64_t>& story_ids);

struct ArticleTopicRow {
  std::int64_t article_id = 0;
  std::int64_t plan_id = 0;
  int topic_no = 0;
  double score = 0;
  std::string terms_json;
  std::string status;
};
Result<std::vector<ArticleTopicRow>> topics_of_articles(Database& db,
                                                        const std::vector<std::int64_t>& ids);

// Articles about the province flagged (not yet decided on) and fetched since `fetched_from`
// (ISO time), oldest first: title, outlet, risk and dates filled.
Result<std::vector<ArticleHit>> flagged_since(Database& db, const std::string& fetched_from);

// The newest articles covering a topic of the plan (matches not rejected), newest first.
Result<std::vector<std::int64_t>> articles_covering_plan(Database& db, std::int64_t plan_id,
                                                         int limit);

// One article whole, for its page.
struct ArticleDetail {
  ArticleHit hit;  // snippet: empty
  std::string text;
  std::optional<std::string> author;
  std::string language;
  std::string places_json;
  std::string risk_terms_json;
  std::optional<std::string> risk_by;  // lexicon | model | person
  std::optional<std::string> category_by;
  std::optional<std::string> source_name;
  std::optional<std::string> page_url;  // the page as fetched, when kept
  std::optional<std::string> page_encoding;
  std::optional<std::int64_t> page_bytes;
};
Result<ArticleDetail> find_article(Database& db, std::int64_t id);

// The monitoring dashboard's counts over articles published (else fetched) in [from, to).
struct CountRow {
  std::string key;  // outlet, ISO week ("2026-W48"), "plan_id:topic_no"
  std::int64_t count = 0;
};
struct DashboardCounts {
  std::vector<CountRow> per_topic;   // stories covering each topic (not rejected)
  std::vector<CountRow> per_outlet;  // articles about the province, per outlet (top 20)
  std::vector<CountRow> per_week;    // articles about the province, per Vietnam week
  std::vector<std::pair<std::int64_t, std::int64_t>> top_stories;  // story id, outlets
};
Result<DashboardCounts> dashboard_counts(Database& db, const std::string& from_utc,
                                         const std::string& to_utc);

// The articles covering each topic of a plan (matches not rejected), published (else fetched)
// in [from, to): one row per topic and outlet, with the stories they tell (copies counted once).
struct CoverageRow {
  int topic_no = 0;
  std::string outlet;
  std::int64_t articles = 0;
  std::int64_t stories = 0;
};
Result<std::vector<CoverageRow>> plan_coverage(Database& db, std::int64_t plan_id,
                                               const std::string& from_utc,
                                               const std::string& to_utc);

// The articles (each once, whatever its topics) covering the plan's topics in [from, to).
Result<std::int64_t> count_plan_articles(Database& db, std::int64_t plan_id,
                                         const std::string& from_utc, const std::string& to_utc);

}  // namespace loa::store
