// File: vi/tokenizer.h
//
// Splits Vietnamese text into tokens without copying: syllables, other words, numbers,
// document numbers, URLs, e-mail addresses and punctuation. Whitespace separates tokens and
// is not returned; offsets point into the original text, so callers can rebuild lines.
//
//   "Nghị quyết 45-NQ/TW ngày 20/6/2022 (xem https://a.vn)."
//   → Nghị(syllable) quyết(syllable) 45-NQ/TW(document number) ngày(syllable)
//     20/6/2022(number) ((punct) xem(syllable) https://a.vn(url) )(punct) .(punct)
//
// A syllable is a run of letters that is_valid_syllable accepts; other letter runs, and runs
// mixing letters and digits ("UBND", "QH15", "H5N1"), are words. A document number starts with
// a digit and has parts joined by '/' or '-', some with letters (35/2021/QH15, 1511/QĐ-TTg,
// also typed in lower case as a search: 1511/qđ-ttg). Numbers may hold '.', ',', '/' and '-'
// between digits (1.000, 3,5, 20/6/2022).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace loa::vi {

enum class TokenKind : std::uint8_t {
  kSyllable,
  kWord,
  kNumber,
  kDocumentNumber,
  kUrl,
  kEmail,
  kPunctuation,
};

std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind;
  std::string_view text;
  std::size_t offset;  // of text within the tokenized string
};

// Pulls tokens one at a time: `while (stream.next(token)) ...`. Invalid UTF-8 bytes are
// skipped like whitespace.
class TokenStream {
 public:
  explicit TokenStream(std::string_view text) : text_(text) {}
  bool next(Token& token);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::vector<Token> tokenize(std::string_view text);

// True for letters of any script (and combining marks), as the tokenizer sees them.
bool is_letter(char32_t cp);

}  // namespace loa::vi
