// The tokenizer: one forward scan, no copies. See tokenizer.h.
#include "vi/tokenizer.h"

#include <utf8proc.h>

#include "vi/syllable.h"
#include "vi/utf8.h"

namespace loa::vi {

namespace {

bool ascii_letter(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26; }
bool ascii_digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10; }

bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if ((static_cast<unsigned char>(text[at + k]) | 0x20) != static_cast<unsigned char>(prefix[k]))
      return false;
  }
  return true;
}

struct Run {
  std::size_t end;
  bool letters = false;
  bool digits = false;
  bool syllable = false;  // a valid Vietnamese syllable
};

// The letters, digits and marks from `at`.
// The letters, digits and marks from `at`; on the way, whether they spell a syllable, so
// that telling one needs no second pass.
Run alnum_run(std::string_view text, std::size_t at) {
  Run run{at};
  SyllableHash syllable;
  while (run.end < text.size()) {
    const auto c = static_cast<unsigned char>(text[run.end]);
    if (c < 0x80) {
      if (ascii_digit(c)) {
        run.digits = true;
      } else if (ascii_letter(c)) {
        run.letters = true;
        syllable.add(c);
      } else {
        break;
      }
      ++run.end;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, run.end);
    if (d.cp == utf8::kInvalid || !is_letter(d.cp)) break;
    run.letters = true;
    syllable.add(d.cp);
    run.end += d.length;
  }
  run.syllable = run.letters && !run.digits && syllable.is_syllable();
  return run;
}

bool email_local(unsigned char c) {
  return ascii_letter(c) || ascii_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

// The end of an e-mail address starting at `at`, or 0.
std::size_t email_end(std::string_view text, std::size_t at) {
  std::size_t i = at;
  while (i < text.size() && email_local(static_cast<unsigned char>(text[i]))) ++i;
  if (i == at || i >= text.size() || text[i] != '@') return 0;
  std::size_t j = ++i;
  std::size_t last_dot = 0;
  while (j < text.size()) {
    const auto c = static_cast<unsigned char>(text[j]);
    if (c == '.') {
      last_dot = j;
    } else if (!(ascii_letter(c) || ascii_digit(c) || c == '-')) {
      break;
    }
    ++j;
  }
  while (j > i && text[j - 1] == '.') --j;  // "… a@b.vn."
  if (last_dot >= j) last_dot = text.rfind('.', j - 1);
  if (last_dot == std::string_view::npos || last_dot <= i || j - last_dot < 3) return 0;
  return j;
}

std::size_t url_end(std::string_view text, std::size_t at) {
  std::size_t i = at;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' || c == '"' || c == '<' || c == '>') break;
    if (c >= 0x80) {
      const utf8::Decoded d = utf8::decode(text, i);
      if (d.cp == utf8::kInvalid || is_space_cp(d.cp)) break;
      i += d.length;
      continue;
    }
    ++i;
  }
  while (i > at && std::string_view(".,;:!?)]}'").find(text[i - 1]) != std::string_view::npos) {
    if (text[i - 1] == ')' && text.substr(at, i - at).find('(') != std::string_view::npos) break;
    --i;
  }
  return i;
}

bool separator(char c) { return c == '/' || c == '-' || c == '.' || c == ','; }

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSyllable:
      return "syllable";
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kDocumentNumber:
      return "document_number";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kEmail:
      return "email";
    case TokenKind::kPunctuation:
      return "punctuation";
  }
  return "unknown";
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return ascii_letter(static_cast<unsigned char>(cp));
  if (cp < 0x250) return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  if ((cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x300 && cp <= 0x36F)) return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME);
}

bool TokenStream::next(Token& token) {
  const std::string_view t = text_;
  // Whitespace and invalid bytes.
  while (pos_ < t.size()) {
    const auto c = static_cast<unsigned char>(t[pos_]);
    if (c < 0x80) {
      if (c > ' ' && c != 0x7F) break;
      ++pos_;
      continue;
    }
    const utf8::Decoded d = utf8::decode(t, pos_);
    if (d.cp != utf8::kInvalid && !is_space_cp(d.cp)) break;
    pos_ += d.length;
  }
  if (pos_ >= t.size()) return false;
  const std::size_t start = pos_;
  const auto c = static_cast<unsigned char>(t[start]);
  const auto emit = [&](TokenKind kind, std::size_t end) {
    token = {kind, t.substr(start, end - start), start};
    pos_ = end;
    return true;
  };

  if (((c | 0x20) == 'h' || (c | 0x20) == 'w') &&
      (starts_with_ci(t, start, "http://") || starts_with_ci(t, start, "https://") ||
       starts_with_ci(t, start, "www."))) {
    return emit(TokenKind::kUrl, url_end(t, start));
  }

  Run run = alnum_run(t, start);
  // An e-mail address: only worth looking for when the run stops at a character of one.
  if (c < 0x80 && run.end > start && run.end < t.size() &&
      std::string_view("@._%+-").find(t[run.end]) != std::string_view::npos) {
    if (const std::size_t e = email_end(t, start)) return emit(TokenKind::kEmail, e);
  }
  if (run.end == start) {  // punctuation: one code point
    const utf8::Decoded d = utf8::decode(t, start);
    return emit(TokenKind::kPunctuation, start + d.length);
  }
  if (ascii_digit(c)) {
    // Extend over separators that join two alphanumeric parts.
    std::size_t end = run.end;
    bool joined = false, slash_or_dash = false, letters = run.letters;
    while (end + 1 < t.size() && separator(t[end])) {
      const Run part = alnum_run(t, end + 1);
      if (part.end == end + 1) break;
      joined = true;
      slash_or_dash = slash_or_dash || t[end] == '/' || t[end] == '-';
      letters = letters || part.letters;
      end = part.end;
    }
    if (joined && slash_or_dash && letters) return emit(TokenKind::kDocumentNumber, end);
    if (!letters) return emit(TokenKind::kNumber, end);
    return emit(run.letters ? TokenKind::kWord : TokenKind::kNumber, run.end);
  }
  if (run.digits) return emit(TokenKind::kWord, run.end);
  return emit(run.syllable ? TokenKind::kSyllable : TokenKind::kWord, run.end);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  TokenStream stream(text);
  Token token{};
  while (stream.next(token)) tokens.push_back(token);
  return tokens;
}

}  // namespace loa::vi
