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

// The page an article was extracted from, kept zstd-compressed for re-processing.
struct ArticlePage {
  std::string fetched_url;
  std::string content_type;
  std::string encoding;
  std::string html;  // as received
};
Status insert_article_page(Database& db, std::int64_t article_id, const ArticlePage& page);
Result<std::optional<ArticlePage>> find_article_page(Database& db, std::int64_t article_id);

// Stories: near-duplicates grouped under the first article seen (news/simhash.h).
Status set_article_story(Database& db, std::int64_t article_id, std::uint64_t simhash,
                         std::int64_t story_id);
struct Fingerprint {
  std::int64_t article_id = 0;
  std::uint64_t simhash = 0;
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
  double score = 0;     // higher is better
};

struct ArticleSearch {
  std::string query;  // FTS5 syntax: words, "phrases", AND OR NOT, prefix*
  enum class Order { kRelevance, kNewest } order = Order::kRelevance;
  int limit = 20;
  int offset = 0;
};

// invalid_argument (naming the query) when it is not a valid search expression.
Result<std::vector<ArticleHit>> search_articles(Database& db, const ArticleSearch& search);
Result<std::int64_t> count_matching_articles(Database& db, const std::string& query);

}  // namespace loa::store
