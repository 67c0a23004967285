// File: doc/layout.h
//
// The paragraph structure of an administrative document's text, whatever it came from: OCR
// output wrapped at the page width, a DOCX with one line per paragraph, or Markdown. Lines are
// cleaned (Markdown emphasis and heading marks, stray OCR marks before a list marker, page
// numbers and specks), then joined into blocks: one per heading, list item or paragraph.
//
// A block starts at a list marker (Roman "II.", numbered "2.1.", lettered "a)", bullet "-"),
// or where a line starts with a capital after a line that ended a sentence or did not reach
// the page width. A line that starts in lower case continues the block before it, even across
// a blank line, as OCR breaks sentences there.
//
//   for (const doc::Block& b : doc::layout_blocks(text))
//     if (b.marker == doc::Marker::kRoman) std::cout << b.label << ". " << b.text << '\n';
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace loa::doc {

enum class Marker : unsigned char { kNone, kRoman, kNumber, kLetter, kBullet };

struct Block {
  Marker marker = Marker::kNone;
  std::string label;          // "II" (as written: OCR may give "1I"), "2.1", "a", "-"
  std::string text;           // without the marker; the block's lines joined by one space
  std::size_t line = 0;       // 1-based line of the input where the block starts
  std::size_t last_line = 0;  // … and where it ends
  bool upper = false;         // its letters are (nearly) all capitals: a heading
  bool one_line = false;      // it is one line that did not reach the page width
};

struct Line {
  std::string text;        // cleaned, trimmed
  std::size_t number = 0;  // 1-based
};

// The input's non-empty lines after cleaning (see above); blank lines are left out.
std::vector<Line> clean_lines(std::string_view text);

// The blocks of `text` (normalised UTF-8) in document order.
std::vector<Block> layout_blocks(std::string_view text);

// The same for lines already cleaned.
std::vector<Block> layout_blocks(const std::vector<Line>& lines);

// True when the letters of `text` are nearly all capitals (at most one in ten lower case).
bool mostly_upper(std::string_view text);

// Code points in `text`.
std::size_t length_in_chars(std::string_view text);

}  // namespace loa::doc
