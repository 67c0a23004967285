// The ranked index beside the database. See ranked_index.h.
#include "store/ranked_index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>

#include "store/search_query.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::store {

namespace {

// Xapian's terms are at most 245 bytes; a pair of long tokens (URLs) is left out.
constexpr std::size_t kMaxTerm = 120;
constexpr Xapian::termcount kTitleWeight = 3;
// Set once every stored article has been queued for a new index.
constexpr const char* kQueuedKey = "loa-queued";
// The generation of the last batch taken in, as in the database's ranked_state (schema 12).
constexpr const char* kGenerationKey = "loa-generation";

// FTS5's bm25 parameters (k1 1.2, b 0.75), so the order is close to FTS5's.
Xapian::BM25Weight bm25() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

// A text's words as the index has them, folded; "" where a token folds to nothing (a stray
// combining mark), which FTS5 still counts as a position, so no pair is made across it.
std::vector<std::string> folded_tokens(std::string_view text) {
  std::vector<std::string> out;
  vi::TokenStream stream(text);
  vi::Token token{};
  while (stream.next(token)) {
    if (token.kind == vi::TokenKind::kPunctuation) continue;
    out.emplace_back();
    vi::fold_append(token.text, out.back());
  }
  return out;
}

bool indexed(const std::string& word) { return !word.empty() && word.size() <= kMaxTerm; }

void add_terms(Xapian::Document& doc, std::string_view text, Xapian::termcount weight) {
  const auto words = folded_tokens(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!indexed(words[i])) continue;
    doc.add_term(words[i], weight);
    if (i + 1 < words.size() && indexed(words[i + 1]))
      doc.add_term(words[i] + " " + words[i + 1], weight);
  }
}

// A search's query (store/search_query.h) as a Xapian query matching at least what FTS5
// matches: a phrase is its pairs of words ("a b c" → "a b" AND "b c", which also matches them
// apart), accents are ignored, "a NOT b" is "a". nullopt for a word too long for a term.
//
// It matches exactly what FTS5 matches (`exact`) when every word is typed without accents (FTS5
// then matches the folded forms the index holds), no phrase has more than two words and there
// is no NOT.
std::optional<Xapian::Query> xapian_query(const SearchQuery& q, const SearchQuery::Node& n,
                                          bool& exact) {
  using Op = SearchQuery::Op;
  if (n.op == Op::kPhrase) {
    const auto& words = q.phrases[n.phrase];
    std::vector<std::string> folded;
    for (const auto& w : words) {
      folded.push_back(vi::fold(w));
      if (folded.back().size() > kMaxTerm) return std::nullopt;
      if (folded.back() != w) exact = false;  // accents, or a word folding to nothing
    }
    if (words.size() > 2) exact = false;
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i + 1 < folded.size(); ++i)
      if (!folded[i].empty() && !folded[i + 1].empty())
        terms.emplace_back(folded[i] + " " + folded[i + 1]);
    if (terms.empty()) {
      for (const auto& f : folded)
        if (!f.empty()) terms.emplace_back(f);
    }
    if (terms.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
  }
  if (n.op == Op::kNot) {
    exact = false;
    return xapian_query(q, n.operands[0], exact);
  }
  std::vector<Xapian::Query> operands;
  for (const auto& o : n.operands) {
    auto sub = xapian_query(q, o, exact);
    if (!sub) return std::nullopt;
    operands.push_back(std::move(*sub));
  }
  return Xapian::Query(n.op == Op::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                       operands.begin(), operands.end());
}

// This process's reader of each index, reopened before each search; Xapian's objects are not
// for concurrent use, so searches of one index take turns (each takes milliseconds).
struct Reader {
  std::mutex mutex;
  std::unique_ptr<Xapian::Database> db;
};

Reader& reader_of(const std::string& dir) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Reader>> readers;
  std::lock_guard lock(mutex);
  auto& r = readers[dir];
  if (!r) r = std::make_unique<Reader>();
  return *r;
}

Status xapian_error(const Xapian::Error& e, std::string_view what) {
  return internal_error(std::string(what) + ": " + e.get_description());
}

Result<std::int64_t> queued(Database& db, std::int64_t at_most) {
  auto st = db.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM ranked_queue LIMIT ?)");
  if (!st) return st.status();
  st->bind(1, at_most);
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

// The generation the database was last in step with the index at; "" before the first batch.
Result<std::string> database_generation(Database& db) {
  auto st = db.prepare("SELECT generation FROM ranked_state WHERE id = 1");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return *row ? st->column_text(0) : std::string();
}

std::string new_generation() {
  std::random_device random;
  const std::uint64_t value =
      (std::uint64_t{random()} << 32) ^ random() ^
      static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(value));
  return out;
}

Status take_batch(Database& db, Xapian::WritableDatabase& index, std::int64_t batch) {
  Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto st = db.prepare(
      "SELECT q.article_id, a.title, a.text FROM ranked_queue q "
      "LEFT JOIN articles a ON a.id = q.article_id ORDER BY q.article_id LIMIT ?");
  if (!st) return st.status();
  st->bind(1, batch);
  std::int64_t last = 0;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    last = st->column_int(0);
    const auto id = static_cast<Xapian::docid>(last);
    if (st->column_is_null(1)) {
      try {
        index.delete_document(id);
      } catch (const Xapian::DocNotFoundError&) {
      }
      continue;
    }
    Xapian::Document doc;
    add_terms(doc, st->column_text(1), kTitleWeight);
    add_terms(doc, st->column_text(2), 1);
    index.replace_document(id, doc);
  }
  auto done = db.prepare(
      "DELETE FROM ranked_queue WHERE article_id IN "
      "(SELECT article_id FROM ranked_queue ORDER BY article_id LIMIT ?)");
  if (!done) return done.status();
  done->bind(1, batch);
  LOA_RETURN_IF_ERROR(done->run());
  const std::string generation = new_generation();
  auto state = db.prepare("INSERT OR REPLACE INTO ranked_state (id, generation) VALUES (1, ?)");
  if (!state) return state.status();
  state->bind(1, generation);
  LOA_RETURN_IF_ERROR(state->run());
  index.set_metadata(kGenerationKey, generation);
  // The index first: should the process stop between the two, the generations differ and the
  // index is rebuilt rather than missing the batch.
  index.commit();
  return tx.commit();
}

}  // namespace

std::optional<std::string> ranked_index_dir(const Database& db) {
  const std::string& path = db.path();
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) return std::nullopt;
  return path + ".ranked";
}

Result<std::int64_t> sync_ranked_index(Database& db, std::int64_t limit) {
  const auto dir = ranked_index_dir(db);
  if (!dir) return 0;
  try {
    Xapian::WritableDatabase index(*dir, Xapian::DB_CREATE_OR_OPEN);
    if (!index.get_metadata(kQueuedKey).empty()) {
      auto generation = database_generation(db);
      if (!generation) return generation.status();
      if (*generation != index.get_metadata(kGenerationKey)) {
        // Not the index of this database as it stands (a backup put back, a directory copied
        // in, a stop between the index's commit and the database's): started afresh.
        index.close();
        index = Xapian::WritableDatabase(*dir, Xapian::DB_CREATE_OR_OVERWRITE);
        LOA_RETURN_IF_ERROR(db.exec("DELETE FROM ranked_state"));
      }
    }
    if (index.get_metadata(kQueuedKey).empty()) {
      // A new index (or one whose directory was removed): every stored article is queued.
      LOA_RETURN_IF_ERROR(
          db.exec("INSERT OR IGNORE INTO ranked_queue (article_id) SELECT id FROM articles"));
      index.set_metadata(kQueuedKey, "1");
      index.commit();
    }
    // Each commit costs Xapian a flush of its tables: large batches when there is much to take.
    const std::int64_t batch = std::clamp<std::int64_t>(limit, 1, kRankedBuildBatch);
    for (std::int64_t taken = 0; taken < limit; taken += batch) {
      auto left = queued(db, 1);
      if (!left) return left.status();
      if (*left == 0) break;
      LOA_RETURN_IF_ERROR(take_batch(db, index, batch));
    }
  } catch (const Xapian::DatabaseLockError&) {
    return unavailable("the ranked index " + *dir + " is being written by another process");
  } catch (const Xapian::Error& e) {
    return xapian_error(e, "ranked index " + *dir);
  }
  return queued(db, INT64_MAX);
}

Result<std::optional<RankedCandidates>> ranked_candidates(Database& db, std::string_view query,
                                                          int count) {
  const auto dir = ranked_index_dir(db);
  if (!dir || count <= 0) return std::optional<RankedCandidates>();
  auto parsed = parse_search_query(query);
  if (!parsed) return std::optional<RankedCandidates>();
  bool exact = true;
  auto translated = xapian_query(*parsed, parsed->root, exact);
  if (!translated) return std::optional<RankedCandidates>();
  auto waiting = queued(db, kRankedBatch + 1);
  if (!waiting) return waiting.status();
  if (*waiting > kRankedBatch) return std::optional<RankedCandidates>();
  if (*waiting > 0) {
    // A few new articles: taken in now, so the search sees them; when another process holds
    // the index, FTS5 answers this time.
    auto left = sync_ranked_index(db, kRankedBatch);
    if (!left || *left > 0) return std::optional<RankedCandidates>();
  }
  Reader& reader = reader_of(*dir);
  std::lock_guard lock(reader.mutex);
  for (int attempt = 0;; ++attempt) {
    try {
      if (!reader.db) {
        if (!std::filesystem::exists(*dir)) return std::optional<RankedCandidates>();
        reader.db = std::make_unique<Xapian::Database>(*dir);
      } else {
        reader.db->reopen();
      }
      if (reader.db->get_metadata(kQueuedKey).empty()) return std::optional<RankedCandidates>();
      // Out of step with the database (see sync_ranked_index): FTS5 answers until rebuilt.
      auto generation = database_generation(db);
      if (!generation) return generation.status();
      if (*generation != reader.db->get_metadata(kGenerationKey)) {
        return std::optional<RankedCandidates>();
      }
      Xapian::Enquire enquire(*reader.db);
      enquire.set_weighting_scheme(bm25());
      enquire.set_query(*translated);
      const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
      RankedCandidates out;
      out.exact = exact;
      out.query = *parsed;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        out.ids.push_back(static_cast<std::int64_t>(*it));
        out.weights.push_back(it.get_weight());
      }
      out.estimated = mset.get_matches_estimated();
      out.complete = mset.size() < static_cast<Xapian::doccount>(count);
      return std::optional<RankedCandidates>(std::move(out));
    } catch (const Xapian::DatabaseModifiedError&) {
      // Written meanwhile past what the reader can follow: reopened and asked again.
      if (attempt >= 2) return std::optional<RankedCandidates>();
    } catch (const Xapian::DatabaseOpeningError&) {
      reader.db.reset();
      return std::optional<RankedCandidates>();
    } catch (const Xapian::Error& e) {
      reader.db.reset();
      return xapian_error(e, "ranked index " + *dir);
    }
  }
}

}  // namespace loa::store
