// File: store/search_tokenizer.h
//
// Loa's Vietnamese FTS5 tokenizer, registered on every connection as "vietnamese":
//
//   CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'vietnamese');
//
// Documents are split by vi::TokenStream. Each syllable or word is indexed in lower case and,
// when folding changes it, its folded form at the same position (FTS5_TOKEN_COLOCATED):
// "Đà Nẵng" → đà+da nẵng+nang. Queries are lower-cased only, so a query typed without accents
// ("da nang") matches both the accented and unaccented forms, and a query with accents ("bán")
// matches only itself. Numbers, document numbers (one token: "45-nq/tw"), URLs and e-mail
// addresses are indexed whole; punctuation is not indexed. Phrase and prefix queries work as
// with any FTS5 tokenizer.
#pragma once

#include "base/status.h"

struct sqlite3;

namespace loa::store {

inline constexpr const char* kVietnameseTokenizer = "vietnamese";

Status register_vietnamese_tokenizer(sqlite3* db);

}  // namespace loa::store
