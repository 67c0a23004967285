// Search latency at scale (docs/BENCHMARKS.md): accent-insensitive phrase queries over N press
// articles (default 1,000,000), through Loa's search (store::search_articles: the first page of
// 20 by relevance, with snippets; proposed by the ranked index and read by Loa, with the time
// of the index's candidates alone; and through SQLite FTS5 with the Vietnamese tokenizer alone,
// ArticleSearch::ranked = false),
// compared in the same run with stock FTS5 (unicode61, remove_diacritics 2; bm25, snippet) and
// with Xapian (folded text indexed with positions; BM25; titles only as document data).
//
// The corpus is scaled up from the 35,440 real baomoi articles: article i below that count is
// the real one; above it, article i takes the title of article a = i mod n and the first half
// of its paragraphs followed by the second half of article b's (b drawn from a and i/n), so
// every synthetic article is real Vietnamese with the corpus's vocabulary and lengths, and no
// two are identical. The indexes are built once into --dir and reused while the count matches.
//
//   build/release/bench/search_bench [--articles N] [--dir DIR] [--repeat R] [--corpus DIR]
//                                    [--loa-only | --others-only] [--optimize]
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "base/clock.h"
#include "bench/news/corpus.h"
#include "store/articles.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/ranked_index.h"
#include "vi/text.h"

namespace {

using namespace loa;
using bench::check;
using Steady = bench::Steady;
using bench::die;
using bench::seconds_since;

// Typed without accents, as people search; from very common to rare.
const std::vector<std::string> kQueries = {"viet nam",
                                           "ha noi",
                                           "hai phong",
                                           "thanh pho ho chi minh",
                                           "da nang",
                                           "giao thong",
                                           "chuyen doi so",
                                           "cai cach hanh chinh",
                                           "bao hiem xa hoi",
                                           "gia vang",
                                           "bong da",
                                           "thu tuong",
                                           "hoc sinh",
                                           "benh vien",
                                           "du lich",
                                           "xuat khau",
                                           "ngan hang",
                                           "bat dong san",
                                           "tai nan giao thong",
                                           "quoc hoi",
                                           "doanh nghiep",
                                           "lu lut",
                                           "gia xang",
                                           "cau hoang van thu",
                                           "cong an thanh pho",
                                           "mua dong",
                                           "dau tu nuoc ngoai",
                                           "cat ba"};

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bench::Article synthetic(const std::vector<bench::Article>& real, std::size_t i) {
  const std::size_t n = real.size();
  if (i < n) return real[i];
  const std::size_t a = i % n;
  const std::size_t b = (a * 7 + (i / n) * 7919 + 1) % n;
  const auto pa = paragraphs(real[a].text);
  const auto pb = paragraphs(real[b].text);
  std::string text;
  for (std::size_t k = 0; k < (pa.size() + 1) / 2; ++k) text += pa[k] + "\n";
  for (std::size_t k = pb.size() / 2; k < pb.size(); ++k) text += pb[k] + "\n";
  if (!text.empty()) text.pop_back();
  return {real[a].title, text};
}

std::string stamp(const std::filesystem::path& dir) { return (dir / "built").string(); }

bool built(const std::filesystem::path& dir, std::size_t count) {
  auto s = vi::read_file(stamp(dir));
  return s && *s == std::to_string(count);
}

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    die(std::string(sql) + ": " + message);
  }
}

// Only Loa's search is built and timed (--loa-only): the others' indexes are left empty. Or
// only the others are built (--others-only), to be moved beside a --loa-only build of the same
// count made meanwhile by another process (the articles are the same): the two cores each
// build one.
bool g_loa_only = false;
bool g_others_only = false;

void build(const std::vector<bench::Article>& real, std::size_t count,
           const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto loa_db = check(store::Database::open((dir / "loa.db").string()));
  check(store::migrate(*loa_db));
  sqlite3* stock = nullptr;
  if (sqlite3_open((dir / "stock.db").string().c_str(), &stock) != SQLITE_OK) die("stock.db");
  exec(stock, "PRAGMA journal_mode = WAL");
  exec(stock,
       "CREATE VIRTUAL TABLE docs USING fts5(title, text, "
       "tokenize = 'unicode61 remove_diacritics 2')");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(stock, "INSERT INTO docs (rowid, title, text) VALUES (?, ?, ?)", -1, &insert,
                     nullptr);
  Xapian::WritableDatabase xapian((dir / "xapian").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator terms;

  double loa_s = 0;
  double stock_s = 0;
  double xapian_s = 0;
  constexpr std::size_t kBatch = 5000;
  for (std::size_t start = 0; start < count; start += kBatch) {
    std::vector<bench::Article> batch;
    for (std::size_t i = start; i < std::min(count, start + kBatch); ++i)
      batch.push_back(synthetic(real, i));
    auto t = Steady::now();
    if (!g_others_only) {
      store::Transaction tx(*loa_db);
      check(tx.begin());
      for (std::size_t k = 0; k < batch.size(); ++k) {
        store::ArticleRow row;
        row.outlet = "Báo " + std::to_string((start + k) % 50);
        row.url = "https://bench.loa.vn/" + std::to_string(start + k);
        row.title = batch[k].title;
        row.text = batch[k].text;
        row.published_at = format_utc(1735689600 + static_cast<std::int64_t>(start + k) * 30);
        row.fetched_at = *row.published_at;
        check(store::insert_article(*loa_db, row));
      }
      check(tx.commit());
    }
    loa_s += seconds_since(t);
    if (g_loa_only) continue;
    t = Steady::now();
    exec(stock, "BEGIN");
    for (std::size_t k = 0; k < batch.size(); ++k) {
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(start + k + 1));
      sqlite3_bind_text(insert, 2, batch[k].title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, batch[k].text.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(insert) != SQLITE_DONE) die(sqlite3_errmsg(stock));
      sqlite3_reset(insert);
    }
    exec(stock, "COMMIT");
    stock_s += seconds_since(t);
    t = Steady::now();
    for (const auto& a : batch) {
      Xapian::Document doc;
      terms.set_document(doc);
      terms.index_text(vi::fold(a.title));
      terms.increase_termpos();
      terms.index_text(vi::fold(a.text));
      doc.set_data(a.title);
      xapian.add_document(doc);
    }
    if ((start / kBatch) % 20 == 19) xapian.commit();
    xapian_s += seconds_since(t);
    if ((start / kBatch) % 20 == 19)
      std::fprintf(stderr, "  %zu articles (loa %.0f s, stock %.0f s, xapian %.0f s)\n",
                   start + batch.size(), loa_s, stock_s, xapian_s);
  }
  xapian.commit();
  sqlite3_finalize(insert);
  sqlite3_close(stock);
  std::printf(
      "built %zu articles: loa %.0f s (%.0f/s), stock FTS5 %.0f s (%.0f/s), xapian %.0f s "
      "(%.0f/s)\n",
      count, loa_s, static_cast<double>(count) / loa_s, stock_s,
      static_cast<double>(count) / stock_s, xapian_s, static_cast<double>(count) / xapian_s);
  FILE* f = std::fopen(stamp(dir).c_str(), "w");
  std::fprintf(f, "%zu", count);
  std::fclose(f);
}

struct Timings {
  std::vector<double> ms;
  std::size_t matches = 0;  // summed over the queries, first run
  const char* what = "results on page 1";
  void report(const char* name) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
      return ms[std::min(ms.size() - 1,
                         static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    std::printf("  %-28s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%zu %s)\n", name, at(0.5),
                at(0.95), ms.back(), matches, what);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 1000000;
  int repeat = 5;
  bool optimize = false;  // merge Loa's FTS5 segments into one before timing
  std::string corpus = "../shared/corpus";
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "loa-search-bench";
  for (int i = 1; i < argc; i += 2) {
    bool* flag = !std::strcmp(argv[i], "--loa-only")      ? &g_loa_only
                 : !std::strcmp(argv[i], "--others-only") ? &g_others_only
                 : !std::strcmp(argv[i], "--optimize")    ? &optimize
                                                          : nullptr;
    if (flag) {
      *flag = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) die(std::string("missing value for ") + argv[i]);
    if (!std::strcmp(argv[i], "--articles"))
      count = std::stoul(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dir"))
      dir = argv[i + 1];
    else if (!std::strcmp(argv[i], "--repeat"))
      repeat = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--corpus"))
      corpus = argv[i + 1];
    else
      die(std::string("unknown option ") + argv[i]);
  }
  const std::string baomoi = corpus + "/news/news-baomoi.jsonl.zst";
  if (!std::filesystem::exists(baomoi)) die(baomoi + " not found (--corpus DIR)");
  if (!built(dir, count)) {
    const auto real = bench::read_articles(baomoi, SIZE_MAX);
    if (real.empty()) die(baomoi + " holds no articles");
    std::printf("scaling %zu baomoi articles up to %zu into %s\n", real.size(), count, dir.c_str());
    build(real, count, dir);
  }
  if (g_others_only) return 0;

  auto loa_db = check(store::Database::open((dir / "loa.db").string()));
  {
    // Loa's ranked index takes in what the build stored (once: the queue is then empty).
    const auto t = Steady::now();
    const bool fresh = !std::filesystem::exists(dir / "loa.db.ranked");
    const std::int64_t n = [&] {
      auto queued = check(loa_db->prepare(fresh ? "SELECT COUNT(*) FROM articles"
                                                : "SELECT COUNT(*) FROM ranked_queue"));
      check(queued.step());
      return queued.column_int(0);
    }();
    check(store::sync_ranked_index(*loa_db));
    if (n > 0)
      std::printf("Loa's ranked index took in %lld articles in %.0f s (%.0f/s)\n",
                  static_cast<long long>(n), seconds_since(t),
                  static_cast<double>(n) / seconds_since(t));
  }
  if (optimize) {
    const auto t = Steady::now();
    check(loa_db->exec("INSERT INTO articles_search(articles_search) VALUES ('optimize')"));
    std::printf("Loa's FTS5 index merged into one segment in %.0f s\n", seconds_since(t));
  }
  sqlite3* stock = nullptr;
  sqlite3_open_v2((dir / "stock.db").string().c_str(), &stock, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(stock,
                     "SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 12) FROM docs "
                     "WHERE docs MATCH ? ORDER BY rank LIMIT 20",
                     -1, &query, nullptr);
  Xapian::Database xapian((dir / "xapian").string());
  Xapian::Enquire enquire(xapian);
  Xapian::QueryParser parser;
  parser.set_database(xapian);

  Timings loa_t;
  Timings candidates_t;
  candidates_t.what = "candidates";
  Timings fts_t;
  Timings stock_t;
  Timings xapian_t;
  std::printf("%zu phrase queries × %d runs over %zu articles:\n", kQueries.size(), repeat, count);
  for (const auto& q : kQueries) {
    const std::string phrase = "\"" + q + "\"";
    std::size_t loa_n = 0;
    std::size_t candidates_n = 0;
    std::size_t fts_n = 0;
    std::size_t stock_n = 0;
    std::size_t xapian_n = 0;
    double loa_sum = 0;
    double candidates_sum = 0;
    for (int run = 0; run <= repeat; ++run) {  // run 0 warms the caches
      auto t = Steady::now();
      store::ArticleSearch search;
      search.query = phrase;
      search.limit = 20;
      auto hits = check(store::search_articles(*loa_db, search));
      const double loa_ms = seconds_since(t) * 1000;
      t = Steady::now();
      auto candidates = check(store::ranked_candidates(*loa_db, phrase, 50));
      const double candidates_ms = seconds_since(t) * 1000;
      t = Steady::now();
      search.ranked = false;
      auto fts_hits = check(store::search_articles(*loa_db, search));
      const double fts_ms = seconds_since(t) * 1000;
      t = Steady::now();
      sqlite3_bind_text(query, 1, phrase.c_str(), -1, SQLITE_TRANSIENT);
      std::size_t rows = 0;
      while (sqlite3_step(query) == SQLITE_ROW) ++rows;
      sqlite3_reset(query);
      const double stock_ms = seconds_since(t) * 1000;
      t = Steady::now();
      enquire.set_query(parser.parse_query(phrase, Xapian::QueryParser::FLAG_PHRASE));
      Xapian::MSet mset = enquire.get_mset(0, 20);
      std::size_t found = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it)
        found += it.get_document().get_data().empty() ? 0 : 1;
      const double xapian_ms = seconds_since(t) * 1000;
      if (run == 0) {
        loa_n = hits.size();
        candidates_n = candidates ? candidates->ids.size() : 0;
        fts_n = fts_hits.size();
        stock_n = rows;
        xapian_n = found;
        continue;
      }
      loa_t.ms.push_back(loa_ms);
      candidates_t.ms.push_back(candidates_ms);
      loa_sum += loa_ms;
      candidates_sum += candidates_ms;
      fts_t.ms.push_back(fts_ms);
      stock_t.ms.push_back(stock_ms);
      xapian_t.ms.push_back(xapian_ms);
    }
    loa_t.matches += loa_n;
    candidates_t.matches += candidates_n;
    fts_t.matches += fts_n;
    stock_t.matches += stock_n;
    xapian_t.matches += xapian_n;
    std::printf(
        "    %-24s loa %2zu  loa-fts5 %2zu  stock %2zu  xapian %2zu results; loa mean %.2f ms, of "
        "which the index's candidates %.2f ms\n",
        phrase.c_str(), loa_n, fts_n, stock_n, xapian_n, loa_sum / repeat, candidates_sum / repeat);
  }
  loa_t.report("Loa (ranked index, read by Loa)");
  candidates_t.report("  of which the ranked index's first 50 candidates");
  fts_t.report("Loa (FTS5 alone, vietnamese)");
  if (!g_loa_only) {
    stock_t.report("stock FTS5 (unicode61)");
    xapian_t.report("Xapian 1.4 (folded)");
  }
  sqlite3_finalize(query);
  sqlite3_close(stock);
  return 0;
}
