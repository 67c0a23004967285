// SQL for press articles.
#include "store/articles.h"

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
