// File: store/ranked_index.h
//
// The ranked index beside the database: a Xapian index (Debian libxapian) of every article's
// folded words and pairs of neighbouring words ("Đà Nẵng" → "da", "nang", "da nang"; title
// words weigh three times text words, as in FTS5's bm25 3:1), in the directory "<db>.ranked".
//
// FTS5 must read and score every match of a search before it can hand over the best twenty,
// which at a million articles costs hundreds of milliseconds for "viet nam". Xapian ranks by
// BM25 with bounds that stop early, and a phrase of two words is one term there, so the best
// matches come in milliseconds. The index only proposes: search_articles (store/articles.h)
// checks the proposed articles against the filters and, where the index's terms are not
// exactly FTS5's (phrases of three words or more, accents typed, NOT), reads each against the
// query as FTS5 would (store/search_query.h), so what a search returns is exactly what FTS5
// would return; only the order is Xapian's.
//
//   auto remaining = sync_ranked_index(db);          // after writing articles
//   auto found = ranked_candidates(db, "\"da nang\"", 40);
//   if (found.ok() && *found) { ... (*found)->ids, best first ... }
//
// Articles wait in the table ranked_queue (schema 11, filled by triggers) until the index has
// taken them in; an index whose directory is missing, or that is out of step with the database
// (its generation is not the one in ranked_state, schema 12: a backup put back), is rebuilt
// from every stored article, and searches go to FTS5 until then.
// Only one process writes the index at a time (Xapian's lock); the others leave the queue to
// it and search through FTS5 meanwhile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"
#include "store/search_query.h"

namespace loa::store {

// The index's directory, or nullopt for a database that is not a file (":memory:").
std::optional<std::string> ranked_index_dir(const Database& db);

// Takes queued articles into the index (added, replaced or removed), at most `limit` of them,
// in batches of up to kRankedBuildBatch (at most `limit`), each committed with its removal
// from the queue. Returns how many are still queued. unavailable when another process is
// writing the index. A search takes in up to kRankedBatch itself.
inline constexpr int kRankedBatch = 200;
inline constexpr int kRankedBuildBatch = 5000;
Result<std::int64_t> sync_ranked_index(Database& db, std::int64_t limit = INT64_MAX);

// The articles the index ranks best for an FTS5 query (store::ArticleSearch::query syntax),
// best first: a superset of FTS5's matches' best (a phrase is looked up as its word pairs, NOT
// is left out, accents are ignored), to be checked (store/search_query.h) unless `exact`.
struct RankedCandidates {
  std::vector<std::int64_t> ids;
  std::vector<double> weights;  // BM25, as ids
  std::int64_t estimated = 0;   // Xapian's estimate of all matches
  bool complete = false;        // ids are all the matches
  // The index matches exactly what FTS5 matches for this query: words typed without accents,
  // phrases of one or two words, no NOT. Otherwise each candidate is to be checked.
  bool exact = false;
  SearchQuery query;  // as parse_search_query read it
};
// nullopt when the index cannot answer: none (":memory:"), not built, more than kRankedBatch
// articles not yet in it (searched through FTS5 meanwhile), or a query it does not translate
// (prefix*, NEAR, column filters: FTS5 answers those).
Result<std::optional<RankedCandidates>> ranked_candidates(Database& db, std::string_view query,
                                                          int count);

}  // namespace loa::store
