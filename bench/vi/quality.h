// File: bench/vi/quality.h
// What the two quality tools (restore_quality, ocr_quality) measure with: the words of a text
// and the edit distance between two sequences.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/edit_distance.h"
#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::bench {

using loa::edit_distance;

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
