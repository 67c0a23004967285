// File: bench/vi/quality.h
// What the two quality tools (restore_quality, ocr_quality) measure with: the words of a text
// and the edit distance between two sequences.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::bench {

// Levenshtein distance between two sequences (strings of letters, or vectors of words).
template <typename Sequence>
std::size_t edit_distance(const Sequence& a, const Sequence& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The words of normalised text as the measures count them: syllables and other words in lower
// case; numbers, punctuation and Roman numerals (kept as they are by the repair) left out.
inline std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  vi::TokenStream stream(text);
  vi::Token t{};
  while (stream.next(t)) {
    const bool roman =
        t.text.size() <= 6 && t.text.find_first_not_of("IVX") == std::string_view::npos;
    if ((t.kind == vi::TokenKind::kSyllable || t.kind == vi::TokenKind::kWord) && !roman) {
      out.push_back(vi::lower(t.text));
    }
  }
  return out;
}

}  // namespace loa::bench
