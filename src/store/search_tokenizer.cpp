// The "vietnamese" FTS5 tokenizer through the FTS5 C API (sqlite.org/fts5.html, "Custom
// Tokenizers"). See search_tokenizer.h.
#include "store/search_tokenizer.h"

#include <sqlite3.h>

#include <climits>
#include <string>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::store {

namespace {

// The tokenizer has no per-table state; FTS5 still wants a distinct object per table.
struct VietnameseTokenizer {};

int create(void* /*user*/, const char** /*args*/, int /*n_args*/, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new VietnameseTokenizer);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* tokenizer) { delete reinterpret_cast<VietnameseTokenizer*>(tokenizer); }

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int emit(TokenCallback callback, void* ctx, int flags, const std::string& text, int start,
         int end) {
  if (text.empty() || text.size() > INT_MAX) return SQLITE_OK;
  return callback(ctx, flags, text.data(), static_cast<int>(text.size()), start, end);
}

int tokenize(Fts5Tokenizer* /*tokenizer*/, void* ctx, int flags, const char* text, int size,
             TokenCallback callback) {
  if (size <= 0 || text == nullptr) return SQLITE_OK;
  const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  vi::TokenStream stream(std::string_view(text, static_cast<std::size_t>(size)));
  vi::Token token{};
  std::string exact, folded;
  while (stream.next(token)) {
    if (token.kind == vi::TokenKind::kPunctuation) continue;
    const int start = static_cast<int>(token.offset);
    const int end = static_cast<int>(token.offset + token.text.size());
    exact = vi::lower(token.text);
    if (int rc = emit(callback, ctx, 0, exact, start, end); rc != SQLITE_OK) return rc;
    if (query) continue;
    folded.clear();
    vi::fold_append(token.text, folded);
    if (folded == exact) continue;
    if (int rc = emit(callback, ctx, FTS5_TOKEN_COLOCATED, folded, start, end); rc != SQLITE_OK) {
      return rc;
    }
  }
  return SQLITE_OK;
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

Status register_vietnamese_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (api == nullptr || api->iVersion < 2) {
    return failed_precondition("this SQLite library has no FTS5 (version 2 API) support");
  }
  static fts5_tokenizer methods = {create, destroy, tokenize};
  const int rc = api->xCreateTokenizer(api, kVietnameseTokenizer, nullptr, &methods, nullptr);
  if (rc != SQLITE_OK) {
    return internal_error(std::string("cannot register the FTS5 tokenizer: ") + sqlite3_errstr(rc));
  }
  return Status::ok();
}

}  // namespace loa::store
