// SQL for press articles.
#include "store/articles.h"

#include <zstd.h>

namespace loa::store {

namespace {

// FTS5 reports a malformed query as an SQL error: say it is the query.
Status query_error(const Status& s, const std::string& query) {
  const std::string& m = s.message();
  const bool about_query = m.find("fts5") != std::string::npos ||
                           m.find("syntax error") != std::string::npos ||
                           m.find("unterminated string") != std::string::npos ||
                           m.find("no such column") != std::string::npos ||
                           m.find("unknown special query") != std::string::npos;
  if (about_query) {
    return invalid_argument("the search '" + query +
                            "' is not a valid expression (use words, \"phrases\", AND, OR, NOT, "
                            "prefix*): " +
                            m.substr(0, m.find(" (in: ")));
  }
  return s;
}

}  // namespace

Result<std::optional<std::int64_t>> insert_article(Database& db, const ArticleRow& a) {
  auto st = db.prepare(
      "INSERT INTO articles (source_id, outlet, url, title, text, author, published_at, "
      "language, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING");
  if (!st) return st.status();
  st->bind_all(a.source_id, a.outlet, a.url, a.title, a.text, a.author, a.published_at, a.language,
               a.fetched_at);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(db.last_insert_id());
}

Result<std::int64_t> count_articles(Database& db) {
  auto st = db.prepare("SELECT COUNT(*) FROM articles");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

Result<bool> article_exists(Database& db, const std::string& url) {
  auto st = db.prepare("SELECT 1 FROM articles WHERE url = ?");
  if (!st) return st.status();
  st->bind(1, url);
  return st->step();
}

Status insert_article_page(Database& db, std::int64_t article_id, const ArticlePage& page) {
  std::string packed(ZSTD_compressBound(page.html.size()), '\0');
  const std::size_t n =
      ZSTD_compress(packed.data(), packed.size(), page.html.data(), page.html.size(), 3);
  if (ZSTD_isError(n)) return internal_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  packed.resize(n);
  auto st = db.prepare(
      "INSERT OR REPLACE INTO article_pages (article_id, fetched_url, content_type, encoding, "
      "html_zstd, html_bytes) VALUES (?, ?, ?, ?, ?, ?)");
  if (!st) return st.status();
  st->bind_all(article_id, page.fetched_url, page.content_type, page.encoding);
  st->bind_blob(5, packed);
  st->bind(6, static_cast<std::int64_t>(page.html.size()));
  return st->run();
}

Result<std::optional<ArticlePage>> find_article_page(Database& db, std::int64_t article_id) {
  auto st = db.prepare(
      "SELECT fetched_url, COALESCE(content_type, ''), COALESCE(encoding, ''), html_zstd, "
      "html_bytes FROM article_pages WHERE article_id = ?");
  if (!st) return st.status();
  st->bind(1, article_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<ArticlePage>();
  ArticlePage page{st->column_text(0), st->column_text(1), st->column_text(2), {}};
  const std::string packed = st->column_blob(3);
  page.html.resize(static_cast<std::size_t>(st->column_int(4)));
  const std::size_t n =
      ZSTD_decompress(page.html.data(), page.html.size(), packed.data(), packed.size());
  if (ZSTD_isError(n) || n != page.html.size())
    return internal_error("the stored page of article " + std::to_string(article_id) +
                          " does not decompress");
  return std::optional<ArticlePage>(std::move(page));
}

Status set_article_story(Database& db, std::int64_t article_id, std::uint64_t simhash,
                         std::int64_t story_id) {
  auto st = db.prepare("UPDATE articles SET simhash = ?, story_id = ? WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(static_cast<std::int64_t>(simhash), story_id, article_id);
  return st->run();
}

Result<std::vector<Fingerprint>> fingerprints_since(Database& db, const std::string& since) {
  auto st = db.prepare(
      "SELECT id, simhash, COALESCE(story_id, id) FROM articles "
      "WHERE fetched_at >= ? AND simhash IS NOT NULL AND simhash <> 0 ORDER BY id");
  if (!st) return st.status();
  st->bind(1, since);
  return collect_rows(*st, [](const Statement& s) {
    return Fingerprint{s.column_int(0), static_cast<std::uint64_t>(s.column_int(1)),
                       s.column_int(2)};
  });
}

Result<std::vector<ArticleHit>> search_articles(Database& db, const ArticleSearch& s) {
  // bm25 weights: a match in the title counts three times one in the text.
  std::string sql =
      "SELECT a.id, a.url, a.title, a.outlet, a.published_at, "
      "snippet(articles_search, -1, '[', ']', '…', 16), -bm25(articles_search, 3.0, 1.0) "
      "FROM articles_search JOIN articles a ON a.id = articles_search.rowid "
      "WHERE articles_search MATCH ? ";
  sql += s.order == ArticleSearch::Order::kNewest
             ? "ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC "
             : "ORDER BY bm25(articles_search, 3.0, 1.0), a.id DESC ";
  sql += "LIMIT ? OFFSET ?";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind_all(s.query, s.limit, s.offset);
  std::vector<ArticleHit> hits;
  for (;;) {
    auto row = st->step();
    if (!row) return query_error(row.status(), s.query);
    if (!*row) break;
    hits.push_back({st->column_int(0), st->column_text(1), st->column_text(2), st->column_text(3),
                    st->column_optional_text(4), st->column_text(5), st->column_double(6)});
  }
  return hits;
}

Result<std::int64_t> count_matching_articles(Database& db, const std::string& query) {
  auto st = db.prepare("SELECT COUNT(*) FROM articles_search WHERE articles_search MATCH ?");
  if (!st) return st.status();
  st->bind(1, query);
  auto row = st->step();
  if (!row) return query_error(row.status(), query);
  return st->column_int(0);
}

}  // namespace loa::store
