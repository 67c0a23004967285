// File: doc/folded.h
//
// Accent-insensitive matching on the original text, for the plan parser: "does the text at
// this offset read 'ngày' if marks and case are ignored?" without building a folded copy and
// mapping offsets back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace loa::doc {

// If the code points of `text` from byte `pos` fold (vi::fold) to exactly `folded` (lower-case
// ASCII), the byte offset just past them; otherwise std::string_view::npos.
std::size_t match_folded(std::string_view text, std::size_t pos, std::string_view folded);

// True when `text` starts with `folded` after folding and the match ends at a word boundary.
bool starts_with_folded(std::string_view text, std::string_view folded);

// Byte offset of the first occurrence of `folded` in `text` at word boundaries, or npos.
std::size_t find_folded(std::string_view text, std::string_view folded, std::size_t from = 0);

// True for a byte that can be part of a word (ASCII letter or digit, or any non-ASCII byte).
bool is_word_byte(char c);

}  // namespace loa::doc
