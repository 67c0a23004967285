// File: doc/layout.cpp
#include "doc/layout.h"

#include <algorithm>

#include "vi/syllable.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char32_t first_cp(std::string_view s) { return s.empty() ? 0 : vi::utf8::decode(s, 0).cp; }

bool is_lower_letter(char32_t cp) { return vi::is_letter(cp) && !vi::split_letter(cp).upper; }
bool is_upper_letter(char32_t cp) { return vi::is_letter(cp) && vi::split_letter(cp).upper; }

// Marks OCR leaves before a list marker or at the start of a line: quotes, tildes, bars.
bool is_junk_lead(char32_t cp) {
  return cp == '\'' || cp == '`' || cp == '~' || cp == '|' || cp == '\\' || cp == '_' ||
         cp == U'‘' || cp == U'’' || cp == U'¬';
}

bool is_bullet(char32_t cp) {
  return cp == '-' || cp == '+' || cp == U'–' || cp == U'—' || cp == U'•' || cp == U'·' ||
         cp == U'▪' || cp == U'○';
}

// Counts letters and the lower-case ones among them.
void count_letters(std::string_view text, std::size_t& letters, std::size_t& lower) {
  for (std::size_t i = 0; i < text.size();) {
    const auto d = vi::utf8::decode(text, i);
    i += d.length;
    if (!vi::is_letter(d.cp)) continue;
    ++letters;
    if (!vi::split_letter(d.cp).upper) ++lower;
  }
}

// Removes Markdown emphasis and heading marks and the stray marks OCR leaves at the start.
std::string clean_line(std::string_view raw) {
  std::string line;
  line.reserve(raw.size());
  for (char c : raw)
    if (c != '*') line += c;
  std::string_view s = trim(line);
  if (!s.empty() && s.front() == '#') {
    while (!s.empty() && s.front() == '#') s.remove_prefix(1);
    s = trim(s);
  }
  while (!s.empty()) {
    const auto d = vi::utf8::decode(s, 0);
    if (!is_junk_lead(d.cp)) break;
    s.remove_prefix(d.length);
    s = trim(s);
  }
  return std::string(s);
}

// A line with hardly any letters and few characters is a page number or a speck.
bool is_noise(std::string_view line) {
  std::size_t letters = 0;
  std::size_t lower = 0;
  count_letters(line, letters, lower);
  return letters < 3 && length_in_chars(line) <= 8;
}

// A line that ends with a word no sentence or heading ends with ("của", "và", "về" …)
// goes on in the next line, whatever that starts with.
bool ends_with_connector(std::string_view line) {
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  std::size_t start = line.size();
  while (start > 0 && line[start - 1] != ' ') --start;
  const std::string_view last = line.substr(start);
  for (std::string_view w : {"của", "và", "về", "với", "các", "những", "cho", "trong", "tại",
                             "theo", "số", "ngày", "năm", "đến", "thực", "trên", "được", "là"})
    if (last == w) return true;
  return false;
}

bool ends_sentence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '"' || line.back() == ')' ||
                           line.back() == '\'' || line.back() == '|'))
    line.remove_suffix(1);
  if (line.empty()) return true;
  const char c = line.back();
  return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

struct Parsed {
  Marker marker = Marker::kNone;
  std::string label;
  std::string_view rest;      // the text after the marker
  bool continuation = false;  // a bullet OCR put before a lower-case continuation
};

bool roman_char(char c) {
  return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'l' || c == '1' || c == '|';
}

Parsed parse_marker(std::string_view line) {
  Parsed p;
  p.rest = line;
  if (line.empty()) return p;
  const auto first = vi::utf8::decode(line, 0);
  if (is_bullet(first.cp)) {
    std::string_view rest = line.substr(first.length);
    // "- - Tuyên truyền": OCR doubles a bullet now and then.
    for (;;) {
      rest = trim(rest);
      if (rest.empty()) break;
      const auto d = vi::utf8::decode(rest, 0);
      if (!is_bullet(d.cp)) break;
      rest.remove_prefix(d.length);
    }
    p.rest = rest;
    if (is_lower_letter(first_cp(rest))) {
      p.continuation = true;  // "- trách nhiệm …": a wrapped line with a stray dash
      return p;
    }
    p.marker = Marker::kBullet;
    p.label.assign(1, '-');  // not = "-": a false -Wrestrict of g++ 12 at -O2
    return p;
  }
  // Roman numeral: "II.", "IV." and their OCR forms "I1I.", "1IV.", "1IL." — upper-case text.
  {
    std::size_t n = 0;
    bool has_roman = false;
    while (n < line.size() && n < 7 && roman_char(line[n])) {
      if (line[n] == 'I' || line[n] == 'V' || line[n] == 'X') has_roman = true;
      ++n;
    }
    if (has_roman && n < line.size() && (line[n] == '.' || line[n] == ')')) {
      std::string_view rest = trim(line.substr(n + 1));
      if (!rest.empty() && mostly_upper(rest)) {
        p.marker = Marker::kRoman;
        p.label = std::string(line.substr(0, n));
        p.rest = rest;
        return p;
      }
    }
  }
  // Numbered: "1.", "2.1.", "2.1", "10)".
  if (line[0] >= '0' && line[0] <= '9') {
    std::size_t i = 0;
    int parts = 0;
    bool ok = true;
    for (;;) {
      const std::size_t start = i;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
      if (i == start || i - start > 3) {
        ok = false;
        break;
      }
      ++parts;
      if (i < line.size() && line[i] == '.' && i + 1 < line.size() && line[i + 1] >= '0' &&
          line[i + 1] <= '9') {
        ++i;
        continue;
      }
      break;
    }
    if (ok && parts > 0) {
      std::size_t end = i;
      bool closed = false;
      if (end < line.size() && (line[end] == '.' || line[end] == ')')) {
        ++end;
        closed = true;
      }
      std::string_view rest = line.substr(end);
      if ((closed || parts > 1) && !rest.empty() && is_space(rest.front())) {
        rest = trim(rest);
        if (!rest.empty() && !is_lower_letter(first_cp(rest))) {
          p.marker = Marker::kNumber;
          p.label = std::string(line.substr(0, i));
          p.rest = rest;
          return p;
        }
      }
    }
  }
  // Lettered: "a)", "đ)", and OCR's "¢)" and "C)" for "c)".
  {
    const auto d = first;
    char32_t letter = 0;
    if (d.cp == U'¢')
      letter = 'c';
    else if (d.cp < 0x80 && vi::is_letter(d.cp))
      letter = vi::lower_letter(d.cp);
    else if (d.cp == U'đ' || d.cp == U'Đ')
      letter = U'đ';
    if (letter != 0 && d.length < line.size() && line[d.length] == ')') {
      std::string_view rest = trim(line.substr(d.length + 1));
      if (!rest.empty()) {
        p.marker = Marker::kLetter;
        p.label.clear();
        vi::utf8::append(p.label, letter);
        p.rest = rest;
        return p;
      }
    }
  }
  return p;
}

// "8 Thanh tra": a single stray character where OCR lost a list marker.
std::string_view drop_lost_marker(std::string_view text) {
  if (text.size() < 3) return text;
  const auto d = vi::utf8::decode(text, 0);
  if (vi::is_letter(d.cp) || d.length >= text.size() || text[d.length] != ' ') return text;
  const std::string_view rest = trim(text.substr(d.length));
  return is_upper_letter(first_cp(rest)) ? rest : text;
}

}  // namespace

std::size_t length_in_chars(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool mostly_upper(std::string_view text) {
  std::size_t letters = 0;
  std::size_t lower = 0;
  count_letters(text, letters, lower);
  return letters >= 2 && lower * 10 <= letters;
}

std::vector<Line> clean_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    std::string line = clean_line(raw);
    if (line.empty() || is_noise(line)) continue;
    lines.push_back({std::move(line), number});
  }
  return lines;
}

std::vector<Block> layout_blocks(std::string_view text) { return layout_blocks(clean_lines(text)); }

std::vector<Block> layout_blocks(const std::vector<Line>& lines) {
  // The page width: most lines of a paragraph reach it; a line well short of it ends one.
  std::vector<std::size_t> lengths;
  lengths.reserve(lines.size());
  for (const Line& l : lines) lengths.push_back(length_in_chars(l.text));
  // Text printed at a width (OCR, PDF text layers) has most of its lines near that width;
  // text with a line per paragraph (DOCX, Markdown) has no width, and no line is wrapped.
  std::size_t width = 0;
  if (!lengths.empty()) {
    std::sort(lengths.begin(), lengths.end());
    width = lengths[lengths.size() * 9 / 10];
    std::size_t near = 0;
    for (std::size_t n : lengths) near += (n * 100 >= width * 85 && n <= width) ? 1 : 0;
    if (width < 40 || near * 10 < lengths.size() * 3) width = 0;
  }
  const auto wrapped = [&](std::string_view line) {
    return width > 0 && length_in_chars(line) * 5 >= width * 4;
  };

  std::vector<Block> blocks;
  const Line* previous = nullptr;
  for (const Line& line : lines) {
    Parsed p = parse_marker(line.text);
    bool start = true;
    if (p.marker == Marker::kNone && !blocks.empty() && previous != nullptr) {
      const Block& current = blocks.back();
      const char32_t c = first_cp(p.rest);
      const bool lower_start = p.continuation || is_lower_letter(c);
      // A heading on two lines.
      const bool heading_goes_on = mostly_upper(current.text) && mostly_upper(p.rest) &&
                                   line.number == previous->number + 1 &&
                                   !ends_sentence(previous->text);
      // A wrapped line that happens to start with a capital.
      const bool wrapped_on = !ends_sentence(previous->text) &&
                              (wrapped(previous->text) || ends_with_connector(previous->text));
      start = !(lower_start || heading_goes_on || wrapped_on);
    }
    if (start) {
      Block b;
      b.marker = p.marker;
      b.label = std::move(p.label);
      b.text = std::string(p.marker == Marker::kNone ? drop_lost_marker(p.rest) : p.rest);
      b.line = line.number;
      b.last_line = line.number;
      b.one_line = !wrapped(line.text);
      blocks.push_back(std::move(b));
    } else {
      Block& b = blocks.back();
      if (!b.text.empty()) b.text += ' ';
      b.text += p.rest;
      b.last_line = line.number;
      b.one_line = false;
    }
    previous = &line;
  }
  for (Block& b : blocks) b.upper = mostly_upper(b.text);
  return blocks;
}

}  // namespace loa::doc
