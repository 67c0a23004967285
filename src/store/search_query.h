// File: store/search_query.h
//
// A search's query (FTS5's syntax, sqlite.org/fts5.html §3: phrases "…" or barewords, AND, OR,
// NOT, parentheses) as Loa reads it, so that an article can be checked against it and its
// snippet made without FTS5: a search answered by the ranked index (store/ranked_index.h)
// reads its candidates' text instead of asking FTS5 to look each one up again (about a
// millisecond each at a million articles).
//
//   auto q = parse_search_query("\"da nang\" OR lua");       // nullopt: not for Loa to read
//   auto r = read_article(*q, "Tin Đà Nẵng", "Mưa lớn ở Đà Nẵng hôm nay.");
//   r.matches == true, r.snippet == "Mưa lớn ở [Đà Nẵng] hôm nay."
//
// A phrase's words match as FTS5's "vietnamese" tokenizer (store/search_tokenizer.h) matches
// them: a word typed without accents matches every accented form ("da nang" finds "Đà Nẵng"),
// one typed with accents only itself ("bạn" does not find "bán"); its words side by side in the
// title or in the text, punctuation between them not counting. Operators bind as in FTS5
// (fts5parse.y): phrases side by side (an implicit AND) first, then NOT, then AND, then OR.
// Prefix queries (chuy*), NEAR, column filters (title:…), ^ and + are not read: FTS5 answers
// those.
//
// The snippet is about sixteen words around the place holding the most different phrases,
// each occurrence marked [like this], "…" where the text goes on; the text is preferred to the
// title, which is shown above it, unless only the title holds the query; without any
// occurrence, the text's opening words.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loa::store {

struct SearchQuery {
  enum class Op { kPhrase, kAnd, kOr, kNot };
  struct Node {
    Op op = Op::kPhrase;
    std::size_t phrase = 0;      // kPhrase: into phrases
    std::vector<Node> operands;  // kAnd, kOr: two or more; kNot: what, and what not
  };
  Node root;
  // Each phrase's words, lower-cased as FTS5's tokenizer reads a query.
  std::vector<std::vector<std::string>> phrases;
  std::vector<bool> negated;  // by phrase: on the right of a NOT (never marked in snippets)
};

// nullopt for a query Loa does not read (see above) or that FTS5 would reject.
std::optional<SearchQuery> parse_search_query(std::string_view query);

// A phrase's words as FTS5 reads them from a query: its tokens, punctuation left out,
// lower-cased.
std::vector<std::string> query_words(std::string_view phrase);

// Text for a snippet, where [ and ] mark the matches: the text's own brackets are written as
// their full-width forms ［ ］ (U+FF3B, U+FF3D), so that every [ ] in a snippet is a mark.
void append_snippet_text(std::string& out, std::string_view text);

struct ArticleReading {
  bool matches = false;
  std::string snippet;
};
ArticleReading read_article(const SearchQuery& query, std::string_view title, std::string_view text,
                            int words = 16);

}  // namespace loa::store
