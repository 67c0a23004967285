// File: doc/folded.cpp
#include "doc/folded.h"

#include "vi/syllable.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

char32_t fold_cp(char32_t cp) { return vi::unmarked(vi::split_letter(cp).base); }

}  // namespace

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

std::size_t match_folded(std::string_view text, std::size_t pos, std::string_view folded) {
  std::size_t k = 0;
  while (k < folded.size()) {
    if (pos >= text.size()) return std::string_view::npos;
    const auto d = vi::utf8::decode(text, pos);
    const char32_t f = fold_cp(d.cp);
    bool same = true;
    vi::utf8::encode(f, [&](unsigned char b) {
      if (!same) return;
      if (k >= folded.size() || static_cast<unsigned char>(folded[k]) != b) {
        same = false;
        return;
      }
      ++k;
    });
    if (!same) return std::string_view::npos;
    pos += d.length;
  }
  return pos;
}

bool starts_with_folded(std::string_view text, std::string_view folded) {
  const std::size_t end = match_folded(text, 0, folded);
  return end != std::string_view::npos && (end == text.size() || !is_word_byte(text[end]));
}

std::size_t find_folded(std::string_view text, std::string_view folded, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a code point
    if (i > 0 && is_word_byte(text[i - 1]) && is_word_byte(text[i])) continue;
    const std::size_t end = match_folded(text, i, folded);
    if (end != std::string_view::npos &&
        (end == text.size() || !is_word_byte(text[end]) || !is_word_byte(folded.back())))
      return i;
  }
  return std::string_view::npos;
}

}  // namespace loa::doc
