// SQL for press articles.
#include "store/articles.h"

#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "base/clock.h"
#include "base/dates.h"
#include "store/ranked_index.h"
#include "store/search_query.h"

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

Result<std::optional<std::int64_t>> find_article_id(Database& db, const std::string& url) {
  auto st = db.prepare("SELECT id FROM articles WHERE url = ?");
  if (!st) return st.status();
  st->bind(1, url);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{st->column_int(0)};
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

Status set_article_story(Database& db, std::int64_t article_id,
                         const std::optional<std::string>& signature, std::int64_t story_id) {
  auto st = db.prepare("UPDATE articles SET minhash = ?, story_id = ? WHERE id = ?");
  if (!st) return st.status();
  if (signature)
    st->bind_blob(1, *signature);
  else
    st->bind(1, nullptr);
  st->bind(2, story_id);
  st->bind(3, article_id);
  return st->run();
}

Result<std::vector<Fingerprint>> fingerprints_since(Database& db, const std::string& since) {
  auto st = db.prepare(
      "SELECT id, minhash, COALESCE(story_id, id) FROM articles "
      "WHERE fetched_at >= ? AND minhash IS NOT NULL ORDER BY id");
  if (!st) return st.status();
  st->bind(1, since);
  return collect_rows(*st, [](const Statement& s) {
    return Fingerprint{s.column_int(0), s.column_blob(1), s.column_int(2)};
  });
}

namespace {

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// The FROM and WHERE of a search, with the values to bind in order.
struct Where {
  std::string sql;
  std::vector<std::variant<std::string, std::int64_t>> values;
};

// checking: the articles of s.ids are looked up one by one and each checked against the
// query (FTS5 seeks each to its row), instead of reading every match of the query.
Result<Where> where_of(const ArticleSearch& s, bool checking = false) {
  Where w;
  if (!s.query.empty() && checking) {
    w.sql =
        "FROM articles a CROSS JOIN articles_search ON articles_search.rowid = a.id "
        "WHERE articles_search MATCH ? ";
    w.values.emplace_back(s.query);
  } else if (!s.query.empty()) {
    w.sql =
        "FROM articles_search JOIN articles a ON a.id = articles_search.rowid "
        "WHERE articles_search MATCH ? ";
    w.values.emplace_back(s.query);
  } else {
    w.sql = "FROM articles a WHERE 1 ";
  }
  auto text = [&](const char* sql, const std::optional<std::string>& v) {
    if (v) {
      w.sql += sql;
      w.values.emplace_back(*v);
    }
  };
  text("AND a.outlet = ? ", s.outlet);
  text("AND a.category = ? ", s.category);
  text("AND a.language = ? ", s.language);
  if (s.source_id) {
    w.sql += "AND a.source_id = ? ";
    w.values.emplace_back(*s.source_id);
  }
  // Vietnam's dates: a day starts at 17:00 UTC the day before.
  for (const auto& [bound, date, next_day] :
       {std::tuple{">=", s.from, 0}, std::tuple{"<", s.to, 1}}) {
    if (!date) continue;
    const auto day = day_number(*date);
    if (!day) return invalid_argument("the date '" + *date + "' is not an ISO date (YYYY-MM-DD)");
    w.sql += std::string("AND COALESCE(a.published_at, a.fetched_at) ") + bound + " ? ";
    w.values.emplace_back(format_utc(vietnam_day_start(*day + next_day)));
  }
  if (s.flagged_only) w.sql += "AND a.risk_status IN ('flagged', 'confirmed') ";
  if (s.relevant_only) w.sql += "AND a.relevance >= 3 ";
  if (s.plan_id && s.topic_no) {
    w.sql +=
        "AND EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND "
        "t.plan_id = ? AND t.topic_no = ? AND t.status <> 'rejected') ";
    w.values.emplace_back(*s.plan_id);
    w.values.emplace_back(std::int64_t{*s.topic_no});
  }
  if (s.one_per_story) w.sql += "AND (a.story_id IS NULL OR a.story_id = a.id) ";
  if (s.after_id) {
    w.sql += "AND a.id > ? ";
    w.values.emplace_back(*s.after_id);
  }
  if (s.up_to_id) {
    w.sql += "AND a.id <= ? ";
    w.values.emplace_back(*s.up_to_id);
  }
  if (!s.ids.empty()) w.sql += "AND a.id IN (" + id_list(s.ids) + ") ";
  return w;
}

void bind_where(Statement& st, const Where& w) {
  int i = 0;
  for (const auto& v : w.values) {
    ++i;
    if (std::holds_alternative<std::string>(v))
      st.bind(i, std::get<std::string>(v));
    else
      st.bind(i, std::get<std::int64_t>(v));
  }
}

// How fts_search reads: the page of all matches, or the articles of s.ids (see where_of) with
// their text instead of a snippet, for store/search_query.h to make it.
enum class Read { kPage, kIdsWithText };

// FTS5's snippet (matches between \x02 and \x03, control characters stored text never has) or
// the text's start, with its brackets made full-width and the matches between [ and ].
std::string snippet_of(std::string_view marked) {
  std::string out;
  append_snippet_text(out, marked);
  std::replace(out.begin(), out.end(), '\x02', '[');
  std::replace(out.begin(), out.end(), '\x03', ']');
  return out;
}

// The page of `s` through FTS5.
Result<std::vector<ArticleHit>> fts_search(Database& db, const ArticleSearch& s,
                                           Read read = Read::kPage) {
  const bool checking = read != Read::kPage;
  auto where = where_of(s, checking);
  if (!where) return where.status();
  const bool query = !s.query.empty();
  // bm25 weights: a match in the title counts three times one in the text.
  const char* scored = read == Read::kIdsWithText ? "a.text, 0.0, "
                       : query ? "snippet(articles_search, -1, char(2), char(3), '…', 16), "
                                 "-bm25(articles_search, 3.0, 1.0), "
                               : "substr(a.text, 1, 240), 0.0, ";
  std::string sql = std::string("SELECT a.id, a.url, a.title, a.outlet, a.published_at, ") +
                    scored +
                    "a.category, a.risk, a.risk_status, a.relevance, COALESCE(a.story_id, a.id), "
                    "a.fetched_at, a.source_id " +
                    where->sql;
  // By rank (bm25 with those weights, configured in schema 7): FTS5 then hands the rows over
  // in order, so the snippets of the first page only are made (ordering by a bm25()
  // expression made SQLite build a snippet for every match before sorting).
  if (!checking) {
    sql += query && s.order == ArticleSearch::Order::kRelevance
               ? "ORDER BY articles_search.rank "
               : "ORDER BY COALESCE(a.published_at, a.fetched_at) DESC, a.id DESC ";
  }
  sql += "LIMIT ? OFFSET ?";
  auto st = db.prepare(sql);
  if (!st) return st.status();
  bind_where(*st, *where);
  const int n = static_cast<int>(where->values.size());
  st->bind(n + 1, s.limit);
  st->bind(n + 2, s.offset);
  std::vector<ArticleHit> hits;
  for (;;) {
    auto row = st->step();
    if (!row) return query_error(row.status(), s.query);
    if (!*row) break;
    ArticleHit h;
    h.id = st->column_int(0);
    h.url = st->column_text(1);
    h.title = st->column_text(2);
    h.outlet = st->column_text(3);
    h.published_at = st->column_optional_text(4);
    h.snippet = read == Read::kIdsWithText ? st->column_text(5) : snippet_of(st->column_text(5));
    h.score = st->column_double(6);
    h.category = st->column_optional_text(7);
    h.risk = st->column_optional_text(8);
    h.risk_status = st->column_optional_text(9);
    h.relevance = static_cast<int>(st->column_int(10));
    h.story_id = st->column_int(11);
    h.fetched_at = st->column_text(12);
    h.source_id = st->column_optional_int(13);
    hits.push_back(std::move(h));
  }
  return hits;
}

// Which of s.ids match `s`: its filters, and its query through FTS5 (one lookup each).
Result<std::unordered_set<std::int64_t>> matching_ids(Database& db, const ArticleSearch& s) {
  auto where = where_of(s, true);
  if (!where) return where.status();
  auto st = db.prepare("SELECT a.id " + where->sql);
  if (!st) return st.status();
  bind_where(*st, *where);
  std::unordered_set<std::int64_t> out;
  for (;;) {
    auto row = st->step();
    if (!row) return query_error(row.status(), s.query);
    if (!*row) break;
    out.insert(st->column_int(0));
  }
  return out;
}

// The page of a search by relevance through the ranked index (store/ranked_index.h): its best
// candidates, in its order, checked against the filters in SQL and, unless the index matched
// the query exactly, each read against the query by Loa (store/search_query.h), which also
// makes the snippets. FTS5 is not asked: its lookup of one article by id, with or without
// snippet() and bm25(), cost 0.15 to 1.5 ms an article at 100,000 (more with more articles),
// where reading the article's text costs tens of microseconds.
//
// Candidates are asked for in growing numbers until the page is full; nullopt when the index
// cannot answer or the filters keep too few of its candidates (FTS5 then answers). A total is
// counted by reading at most kCountedReads candidates, else estimated.
constexpr std::size_t kCountedReads = 200;

Result<std::optional<ArticleResults>> ranked_search(Database& db, const ArticleSearch& s) {
  if (!s.ranked || s.query.empty() || s.order != ArticleSearch::Order::kRelevance ||
      !s.ids.empty() || s.after_id || s.limit <= 0 || s.offset < 0)
    return std::optional<ArticleResults>();
  const std::size_t offset = static_cast<std::size_t>(s.offset);
  const std::size_t want = offset + static_cast<std::size_t>(s.limit);
  int fetch = static_cast<int>(std::max<std::size_t>(2 * want, 50));
  // Candidates read, kept from one round to the next (each round's begin with the last's):
  // the article with its snippet when it matches, else nullopt.
  std::unordered_map<std::int64_t, std::optional<ArticleHit>> seen;
  for (int round = 0; round < 4; ++round, fetch *= 4) {
    auto found = ranked_candidates(db, s.query, fetch);
    if (!found) return found.status();
    if (!*found) return std::optional<ArticleResults>();
    const RankedCandidates& c = **found;
    ArticleSearch check = s;
    check.offset = 0;
    if (c.ids.empty()) {
      // Nothing to look up; FTS5 still reads the query, to say why should it reject it.
      check.ids = {0};
      auto valid = matching_ids(db, check);
      if (!valid) return valid.status();
      return std::optional<ArticleResults>(ArticleResults{});
    }
    check.query.clear();
    check.ids = c.ids;
    auto kept = matching_ids(db, check);
    if (!kept) return kept.status();
    std::vector<std::int64_t> filtered;
    for (const auto id : c.ids)
      if (kept->contains(id)) filtered.push_back(id);

    // The candidates that match, in the index's order: every filtered one when the index
    // matched exactly (only the page's are read, for their snippets); otherwise those that read
    // as matching, read a slice at a time until the page is full — to the end when the index
    // gave every match and they are few (up to kCountedReads): the total is then counted.
    ArticleResults page;
    std::size_t matched = 0;  // of those read
    std::size_t read = 0;
    std::size_t next = 0;
    if (c.exact) next = matched = read = std::min(offset, filtered.size());
    const bool count_all = c.complete && !c.exact && filtered.size() <= kCountedReads;
    while (next < filtered.size() && (matched < want || count_all)) {
      const std::size_t slice = std::max<std::size_t>(want > matched ? want - matched : 0, 20);
      const auto from = filtered.begin() + static_cast<std::ptrdiff_t>(next);
      const std::vector<std::int64_t> ids(
          from, from + static_cast<std::ptrdiff_t>(std::min(filtered.size() - next, slice)));
      next += ids.size();
      check.ids.clear();
      for (const auto id : ids)
        if (!seen.contains(id)) check.ids.push_back(id);
      if (!check.ids.empty()) {
        check.limit = static_cast<int>(check.ids.size());
        auto rows = fts_search(db, check, Read::kIdsWithText);
        if (!rows) return rows.status();
        for (const auto id : check.ids) seen[id];  // removed since the index was asked: none
        for (auto& h : *rows) {
          auto reading = read_article(c.query, h.title, h.snippet);
          if (!c.exact && !reading.matches) continue;
          h.snippet = std::move(reading.snippet);
          seen[h.id] = std::move(h);
        }
      }
      for (const auto id : ids) {
        ++read;
        const auto& hit = seen[id];
        if (!hit) continue;
        if (matched++ < offset || page.hits.size() >= static_cast<std::size_t>(s.limit)) continue;
        page.hits.push_back(*hit);
        page.hits.back().score = c.weights[static_cast<std::size_t>(
            std::find(c.ids.begin(), c.ids.end(), id) - c.ids.begin())];
      }
    }
    if (c.exact) matched = read = filtered.size();
    if (matched < want && !c.complete) continue;
    if (c.complete && read == filtered.size()) {
      page.total = static_cast<std::int64_t>(matched);
    } else {
      // The share of the index's matches that the filters and the reading keep, as among
      // the candidates.
      const double share = static_cast<double>(filtered.size()) /
                           static_cast<double>(c.ids.size()) * static_cast<double>(matched) /
                           static_cast<double>(std::max<std::size_t>(read, 1));
      page.total = std::max<std::int64_t>(static_cast<std::int64_t>(matched),
                                          std::llround(share * static_cast<double>(c.estimated)));
      page.total_estimated = true;
    }
    return std::optional<ArticleResults>(std::move(page));
  }
  return std::optional<ArticleResults>();
}

}  // namespace

Result<std::vector<ArticleHit>> search_articles(Database& db, const ArticleSearch& s) {
  auto ranked = ranked_search(db, s);
  if (ranked && *ranked) return std::move((*ranked)->hits);
  return fts_search(db, s);
}

Result<ArticleResults> search_article_page(Database& db, const ArticleSearch& s) {
  auto ranked = ranked_search(db, s);
  if (ranked && *ranked) return std::move(**ranked);
  ArticleResults page;
  auto total = count_matching_articles(db, s);
  if (!total) return total.status();
  page.total = *total;
  auto hits = fts_search(db, s);
  if (!hits) return hits.status();
  page.hits = std::move(*hits);
  return page;
}

Result<std::int64_t> count_matching_articles(Database& db, const ArticleSearch& s) {
  auto where = where_of(s);
  if (!where) return where.status();
  auto st = db.prepare("SELECT COUNT(*) " + where->sql);
  if (!st) return st.status();
  bind_where(*st, *where);
  auto row = st->step();
  if (!row) return query_error(row.status(), s.query);
  return st->column_int(0);
}

Result<std::int64_t> count_matching_articles(Database& db, const std::string& query) {
  ArticleSearch s;
  s.query = query;
  s.one_per_story = false;
  return count_matching_articles(db, s);
}

Result<ArticleDetail> find_article(Database& db, std::int64_t id) {
  auto st = db.prepare(
      "SELECT a.id, a.url, a.title, a.outlet, a.published_at, a.category, a.risk, "
      "a.risk_status, a.relevance, COALESCE(a.story_id, a.id), a.fetched_at, a.source_id, "
      "a.text, a.author, a.language, a.places_json, a.risk_terms_json, a.category_by, s.name, "
      "p.fetched_url, p.encoding, p.html_bytes, a.risk_by "
      "FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
      "LEFT JOIN article_pages p ON p.article_id = a.id WHERE a.id = ?");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no article " + std::to_string(id));
  ArticleDetail d;
  ArticleHit& h = d.hit;
  h.id = st->column_int(0);
  h.url = st->column_text(1);
  h.title = st->column_text(2);
  h.outlet = st->column_text(3);
  h.published_at = st->column_optional_text(4);
  h.category = st->column_optional_text(5);
  h.risk = st->column_optional_text(6);
  h.risk_status = st->column_optional_text(7);
  h.relevance = static_cast<int>(st->column_int(8));
  h.story_id = st->column_int(9);
  h.fetched_at = st->column_text(10);
  h.source_id = st->column_optional_int(11);
  d.text = st->column_text(12);
  d.author = st->column_optional_text(13);
  d.language = st->column_text(14);
  d.places_json = st->column_text(15);
  d.risk_terms_json = st->column_text(16);
  d.category_by = st->column_optional_text(17);
  d.source_name = st->column_optional_text(18);
  d.page_url = st->column_optional_text(19);
  d.page_encoding = st->column_optional_text(20);
  d.page_bytes = st->column_optional_int(21);
  d.risk_by = st->column_optional_text(22);
  return d;
}

Result<DashboardCounts> dashboard_counts(Database& db, const std::string& from,
                                         const std::string& to) {
  DashboardCounts out;
  const std::string when =
      "COALESCE(a.published_at, a.fetched_at) >= ?1 AND "
      "COALESCE(a.published_at, a.fetched_at) < ?2 ";
  auto counts = [&](const std::string& sql) -> Result<std::vector<CountRow>> {
    auto st = db.prepare(sql);
    if (!st) return st.status();
    st->bind_all(from, to);
    return collect_rows(*st, [](const Statement& s) {
      return CountRow{s.column_text(0), s.column_int(1)};
    });
  };
  auto topics = counts(
      "SELECT t.plan_id || ':' || t.topic_no, COUNT(DISTINCT COALESCE(a.story_id, a.id)) "
      "FROM article_topics t JOIN articles a ON a.id = t.article_id "
      "WHERE t.status <> 'rejected' AND " +
      when + "GROUP BY t.plan_id, t.topic_no ORDER BY 2 DESC");
  if (!topics) return topics.status();
  out.per_topic = std::move(*topics);
  auto outlets = counts("SELECT a.outlet, COUNT(*) FROM articles a WHERE a.relevance >= 3 AND " +
                        when + "GROUP BY a.outlet ORDER BY 2 DESC, 1 LIMIT 20");
  if (!outlets) return outlets.status();
  out.per_outlet = std::move(*outlets);
  // ISO-like weeks in Vietnam's time: the year and the Monday-based week number.
  auto weeks = counts(
      "SELECT strftime('%Y-W%W', COALESCE(a.published_at, a.fetched_at), '+7 hours'), COUNT(*) "
      "FROM articles a WHERE a.relevance >= 3 AND " +
      when + "GROUP BY 1 ORDER BY 1");
  if (!weeks) return weeks.status();
  out.per_week = std::move(*weeks);
  auto st = db.prepare(
      "SELECT COALESCE(a.story_id, a.id), COUNT(DISTINCT a.outlet) FROM articles a WHERE " + when +
      "GROUP BY 1 HAVING COUNT(DISTINCT a.outlet) >= 2 ORDER BY 2 DESC, 1 DESC LIMIT 10");
  if (!st) return st.status();
  st->bind_all(from, to);
  auto top = collect_rows(
      *st, [](const Statement& s) { return std::make_pair(s.column_int(0), s.column_int(1)); });
  if (!top) return top.status();
  out.top_stories = std::move(*top);
  return out;
}

Result<std::vector<CoverageRow>> plan_coverage(Database& db, std::int64_t plan_id,
                                               const std::string& from_utc,
                                               const std::string& to_utc) {
  auto st = db.prepare(
      "SELECT t.topic_no, a.outlet, COUNT(*), COUNT(DISTINCT COALESCE(a.story_id, a.id)) "
      "FROM article_topics t JOIN articles a ON a.id = t.article_id "
      "WHERE t.plan_id = ?1 AND t.status <> 'rejected' "
      "AND COALESCE(a.published_at, a.fetched_at) >= ?2 "
      "AND COALESCE(a.published_at, a.fetched_at) < ?3 "
      "GROUP BY t.topic_no, a.outlet ORDER BY t.topic_no, 3 DESC, a.outlet");
  if (!st) return st.status();
  st->bind_all(plan_id, from_utc, to_utc);
  return collect_rows(*st, [](const Statement& s) {
    return CoverageRow{static_cast<int>(s.column_int(0)), s.column_text(1), s.column_int(2),
                       s.column_int(3)};
  });
}

Result<std::int64_t> count_plan_articles(Database& db, std::int64_t plan_id,
                                         const std::string& from_utc, const std::string& to_utc) {
  auto st = db.prepare(
      "SELECT COUNT(DISTINCT a.id) FROM article_topics t JOIN articles a ON a.id = t.article_id "
      "WHERE t.plan_id = ?1 AND t.status <> 'rejected' "
      "AND COALESCE(a.published_at, a.fetched_at) >= ?2 "
      "AND COALESCE(a.published_at, a.fetched_at) < ?3");
  if (!st) return st.status();
  st->bind_all(plan_id, from_utc, to_utc);
  auto row = st->step();
  if (!row) return row.status();
  return st->column_int(0);
}

Result<std::vector<StoryMember>> story_members(Database& db,
                                               const std::vector<std::int64_t>& story_ids) {
  if (story_ids.empty()) return std::vector<StoryMember>();
  auto st = db.prepare(
      "SELECT story_id, id, url, outlet, published_at FROM articles WHERE story_id IN (" +
      id_list(story_ids) + ") AND id <> story_id ORDER BY story_id, id");
  if (!st) return st.status();
  return collect_rows(*st, [](const Statement& r) {
    return StoryMember{r.column_int(0), r.column_int(1), r.column_text(2), r.column_text(3),
                       r.column_optional_text(4)};
  });
}

Result<std::vector<ArticleTopicRow>> topics_of_articles(Database& db,
                                                        const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return std::vector<ArticleTopicRow>();
  auto st = db.prepare(
      "SELECT article_id, plan_id, topic_no, score, terms_json, status FROM article_topics "
      "WHERE article_id IN (" +
      id_list(ids) + ") ORDER BY article_id, score DESC");
  if (!st) return st.status();
  return collect_rows(*st, [](const Statement& r) {
    return ArticleTopicRow{r.column_int(0),    r.column_int(1),  static_cast<int>(r.column_int(2)),
                           r.column_double(3), r.column_text(4), r.column_text(5)};
  });
}

Result<std::vector<ArticleHit>> flagged_since(Database& db, const std::string& fetched_from) {
  auto st = db.prepare(
      "SELECT id, url, title, outlet, published_at, risk, fetched_at FROM articles "
      "WHERE risk_status = 'flagged' AND relevance >= 3 AND fetched_at >= ? ORDER BY id");
  if (!st) return st.status();
  st->bind(1, fetched_from);
  return collect_rows(*st, [](const Statement& r) {
    ArticleHit h;
    h.id = r.column_int(0);
    h.url = r.column_text(1);
    h.title = r.column_text(2);
    h.outlet = r.column_text(3);
    h.published_at = r.column_optional_text(4);
    h.risk = r.column_optional_text(5);
    h.risk_status = "flagged";
    h.fetched_at = r.column_text(6);
    return h;
  });
}

Result<std::vector<std::int64_t>> articles_covering_plan(Database& db, std::int64_t plan_id,
                                                         int limit) {
  auto st = db.prepare(
      "SELECT DISTINCT article_id FROM article_topics WHERE plan_id = ? AND status <> 'rejected' "
      "ORDER BY article_id DESC LIMIT ?");
  if (!st) return st.status();
  st->bind_all(plan_id, limit);
  return collect_rows(*st, [](const Statement& r) { return r.column_int(0); });
}

}  // namespace loa::store
