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
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "news/simhash.h"
#include "store/database.h"

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

 private:
  news::DuplicateIndex index_;
  std::unordered_map<std::int64_t, std::int64_t> story_of_;
};

// invalid_argument lists the bad lines ("line 7: url is not an http(s) address").
Result<IngestResult> ingest_articles(store::Database& db, const Clock& clock,
                                     std::string_view bytes, const IngestOptions& options = {});

}  // namespace loa::work
