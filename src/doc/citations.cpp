// File: doc/citations.cpp
#include "doc/citations.h"

#include "doc/folded.h"
#include "vi/syllable.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

// Type abbreviations of Nghị định 30/2020 and of the Party's Hướng dẫn 36-HD/VPTW.
constexpr std::string_view kTypes[] = {"NQ",  "QĐ",  "CT",  "QC",  "QyĐ", "TC",  "TB", "HD",
                                       "CTr", "KH",  "PA",  "ĐA",  "DA",  "BC",  "BB", "TTr",
                                       "HĐ",  "CĐ",  "GM",  "KL",  "TT",  "QĐi", "NĐ", "TTLT",
                                       "TTg", "BCĐ", "GXN", "GUQ", "GGT", "PL",  "CV"};

// Issuers and units common enough in cited numbers to repair towards. Others are kept as written.
constexpr std::string_view kIssuers[] = {
    "TW",     "TU",   "HU",      "ĐU",   "ĐH",      "UBND",  "HĐND",    "CP",  "TTg", "QH",
    "UBTVQH", "BCT",  "BBT",     "VPTW", "BTGTW",   "BTGTU", "BTGDVTU", "BTC", "BCĐ", "MTTQ",
    "BTTTT",  "TTĐN", "BVHTTDL", "BNV",  "BKHĐT",   "BGDĐT", "BYT",     "BCA", "BQP", "VPCP",
    "VX",     "KT",   "NC",      "TH",   "SVHTTDL", "STTTT", "SGDĐT",   "SNV", "STC", "VP"};

bool is_known(std::string_view code) {
  for (auto t : kTypes)
    if (t == code) return true;
  for (auto t : kIssuers)
    if (t == code) return true;
  // QH15, UBTVQH15: an assembly or its standing committee with the legislature's number.
  for (std::string_view prefix : {std::string_view("QH"), std::string_view("UBTVQH")}) {
    if (code.size() > prefix.size() && code.substr(0, prefix.size()) == prefix) {
      bool digits = true;
      for (char c : code.substr(prefix.size())) digits = digits && c >= '0' && c <= '9';
      if (digits) return true;
    }
  }
  return false;
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One code of a document number: letters (ASCII, Đ/đ), digits and '&', starting with a letter.
std::size_t code_length(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  bool first = true;
  while (i < text.size()) {
    const auto d = vi::utf8::decode(text, i);
    const bool letter =
        (d.cp < 0x80 && ((d.cp >= 'A' && d.cp <= 'Z') || (d.cp >= 'a' && d.cp <= 'z'))) ||
        d.cp == U'Đ' || d.cp == U'đ' ||
        (d.cp >= 0xC0 && vi::is_letter(d.cp) && vi::split_letter(d.cp).upper);
    if (first && !letter) break;
    if (!letter && !(d.cp >= '0' && d.cp <= '9') && d.cp != '&') break;
    first = false;
    i += d.length;
  }
  return i - pos;
}

// The certain repairs of one code: known codes as they are; otherwise "Đ" for "D" or "P",
// "L" for "I" or "l", case as the known code has it; otherwise as written.
std::string repair_code(std::string_view code) {
  if (is_known(code)) return std::string(code);
  // Marks OCR repair put on letters of a code ("TƯ" for "TU"): off, Đ kept.
  {
    std::string plain;
    bool changed = false;
    for (std::size_t i = 0; i < code.size();) {
      const auto d = vi::utf8::decode(code, i);
      i += d.length;
      if (d.cp < 0x80 || d.cp == U'Đ' || d.cp == U'đ') {
        vi::utf8::append(plain, d.cp);
        continue;
      }
      const vi::Letter l = vi::split_letter(d.cp);
      char32_t base = vi::unmarked(l.base);
      if (base >= 'a' && base <= 'z' && l.upper) base -= 32;
      vi::utf8::append(plain, base);
      changed = true;
    }
    if (changed) return repair_code(plain);
  }
  // Case only ("TTG" → "TTg").
  auto iequal = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i];
      char y = b[i];
      if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
      if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
      if (x != y) return false;
    }
    return true;
  };
  for (auto t : kTypes)
    if (iequal(t, code)) return std::string(t);
  for (auto t : kIssuers)
    if (iequal(t, code)) return std::string(t);
  // Substitutions: every subset of the positions holding D, P, I or l (at most 4 of them).
  std::vector<std::size_t> spots;
  for (std::size_t i = 0; i < code.size(); ++i)
    if (code[i] == 'D' || code[i] == 'P' || code[i] == 'I' || code[i] == 'l') spots.push_back(i);
  if (spots.empty() || spots.size() > 4) return std::string(code);
  std::string best;
  int best_changes = 99;
  for (unsigned mask = 1; mask < (1U << spots.size()); ++mask) {
    std::string candidate;
    int changes = 0;
    for (std::size_t i = 0, s = 0; i < code.size(); ++i) {
      const bool change = s < spots.size() && spots[s] == i && ((mask >> s) & 1U) != 0;
      if (s < spots.size() && spots[s] == i) ++s;
      if (!change) {
        candidate += code[i];
        continue;
      }
      ++changes;
      if (code[i] == 'D' || code[i] == 'P')
        candidate += "Đ";
      else
        candidate += 'L';
    }
    if (is_known(candidate) && changes < best_changes) {
      best = std::move(candidate);
      best_changes = changes;
    }
  }
  return best.empty() ? std::string(code) : best;
}

// "NQUBTVQH15" → "NQ-UBTVQH15": a known type and a known issuer run together.
std::string split_joined(const std::string& code) {
  if (is_known(code)) return code;
  for (auto t : kTypes) {
    if (code.size() > t.size() && code.compare(0, t.size(), t) == 0 &&
        is_known(code.substr(t.size())))
      return std::string(t) + "-" + code.substr(t.size());
  }
  return code;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos, std::size_t max) {
  std::size_t n = 0;
  while (pos < text.size() && n < max && (text[pos] == ' ' || text[pos] == '\t')) ++pos, ++n;
  return pos;
}

bool is_dash(std::string_view text, std::size_t pos, std::size_t* length) {
  if (pos >= text.size()) return false;
  if (text[pos] == '-') {
    *length = 1;
    return true;
  }
  const auto d = vi::utf8::decode(text, pos);
  if (d.cp == U'–' || d.cp == U'—') {
    *length = d.length;
    return true;
  }
  return false;
}

bool preceded_by_so(std::string_view text, std::size_t pos) {
  // "số 03 NQ/TU": the word before the number is "số" (OCR: "s6", "sd", "so").
  std::size_t i = pos;
  while (i > 0 && text[i - 1] == ' ') --i;
  std::size_t start = i;
  while (start > 0 && is_word_byte(text[start - 1])) --start;
  const std::string_view word = text.substr(start, i - start);
  return match_folded(word, 0, "so") == word.size();
}

struct Scan {
  std::string id;
  std::size_t end = 0;
};

// Reads a document number starting at `pos` (a digit not preceded by a word byte or '/').
std::optional<Scan> scan_number(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i < text.size() && is_digit(text[i]) && i - pos < 6) ++i;
  if (i == pos || i - pos > 5 || (i < text.size() && is_digit(text[i]))) return std::nullopt;
  const std::string number(text.substr(pos, i - pos));
  std::size_t j = skip_spaces(text, i, 1);
  std::size_t dash = 0;
  // Party form: number-TYPE/ISSUER, the hyphen sometimes read as a space.
  const bool has_dash = is_dash(text, j, &dash);
  if (has_dash || (j > i && preceded_by_so(text, pos))) {
    std::size_t k = has_dash ? skip_spaces(text, j + dash, 1) : j;
    const std::size_t type_len = code_length(text, k);
    if (type_len == 0) return std::nullopt;
    const std::string type = repair_code(text.substr(k, type_len));
    k = skip_spaces(text, k + type_len, 1);
    if (k >= text.size() || text[k] != '/') return std::nullopt;
    k = skip_spaces(text, k + 1, 1);
    const std::size_t issuer_len = code_length(text, k);
    if (issuer_len == 0) return std::nullopt;
    const std::string issuer = repair_code(text.substr(k, issuer_len));
    bool type_known = false;
    for (auto t : kTypes) type_known = type_known || t == type;
    if (!type_known) return std::nullopt;
    return Scan{number + "-" + type + "/" + issuer, k + issuer_len};
  }
  // Administrative and normative forms: number/[year/]CODE(-CODE)*.
  if (j >= text.size() || text[j] != '/') return std::nullopt;
  std::size_t k = skip_spaces(text, j + 1, 1);
  std::string id = number + "/";
  if (k + 4 <= text.size() && is_digit(text[k]) && is_digit(text[k + 1]) && is_digit(text[k + 2]) &&
      is_digit(text[k + 3]) && (k + 4 == text.size() || !is_digit(text[k + 4]))) {
    std::size_t m = skip_spaces(text, k + 4, 1);
    if (m >= text.size() || text[m] != '/') return std::nullopt;  // a date, not a number
    id += std::string(text.substr(k, 4)) + "/";
    k = skip_spaces(text, m + 1, 1);
  }
  std::size_t len = code_length(text, k);
  if (len == 0 || (!is_ascii_upper(text[k]) && static_cast<unsigned char>(text[k]) < 0x80))
    return std::nullopt;
  std::vector<std::string> codes{split_joined(repair_code(text.substr(k, len)))};
  k += len;
  for (;;) {
    std::size_t m = skip_spaces(text, k, 1);
    std::size_t dl = 0;
    if (!is_dash(text, m, &dl)) break;
    m = skip_spaces(text, m + dl, 1);
    const std::size_t l = code_length(text, m);
    if (l == 0 || (!is_ascii_upper(text[m]) && static_cast<unsigned char>(text[m]) < 0x80)) break;
    codes.push_back(repair_code(text.substr(m, l)));
    k = m + l;
  }
  for (std::size_t c = 0; c < codes.size(); ++c) id += (c > 0 ? "-" : "") + codes[c];
  return Scan{id, k};
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

// "của Bộ Chính trị về …" → "Bộ Chính trị": the words after "của" up to a clause boundary.
std::optional<std::string> read_issuer(std::string_view text, std::size_t pos) {
  pos = skip_spaces(text, pos, 3);
  const std::size_t after = match_folded(text, pos, "cua");
  if (after == std::string_view::npos || (after < text.size() && is_word_byte(text[after])))
    return std::nullopt;
  std::size_t i = skip_spaces(text, after, 2);
  const std::size_t start = i;
  int words = 0;
  while (i < text.size() && words < 10) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == '(' || c == ')' || c == '.' || c == ':' || c == '\n') break;
    if (c == ' ') {
      const std::size_t w = i + 1;
      bool stop = false;
      for (std::string_view s : {"ve", "ban hanh", "thuc hien", "trien khai", "tai", "va", "nham",
                                 "quy dinh", "huong dan", "ngay"}) {
        const std::size_t e = match_folded(text, w, s);
        if (e != std::string_view::npos && (e == text.size() || !is_word_byte(text[e])))
          stop = true;
      }
      if (stop) break;
      ++words;
    }
    ++i;
  }
  const std::string_view issuer = trim_view(text.substr(start, i - start));
  if (issuer.empty()) return std::nullopt;
  return std::string(issuer);
}

}  // namespace

std::optional<std::string> read_date(std::string_view text, std::size_t* consumed) {
  std::size_t i = skip_spaces(text, 0, 3);
  const std::size_t after_ngay = match_folded(text, i, "ngay");
  if (after_ngay != std::string_view::npos) i = skip_spaces(text, after_ngay, 2);
  auto read_int = [&](int max_digits) -> int {
    int v = 0;
    int n = 0;
    while (i < text.size() && is_digit(text[i]) && n < max_digits)
      v = v * 10 + (text[i++] - '0'), ++n;
    if (n == 0 || (i < text.size() && is_digit(text[i]))) return -1;
    return v;
  };
  const int day = read_int(2);
  if (day < 1 || day > 31) return std::nullopt;
  int month = -1;
  int year = -1;
  std::size_t save = i;
  i = skip_spaces(text, i, 1);
  if (i < text.size() && (text[i] == '/' || text[i] == '-' || text[i] == '.')) {
    const char sep = text[i];
    i = skip_spaces(text, i + 1, 1);
    month = read_int(2);
    i = skip_spaces(text, i, 1);
    if (i >= text.size() || text[i] != sep) return std::nullopt;
    i = skip_spaces(text, i + 1, 1);
    year = read_int(4);
  } else {
    i = save;
    i = skip_spaces(text, i, 2);
    const std::size_t t = match_folded(text, i, "thang");
    if (t == std::string_view::npos) return std::nullopt;
    i = skip_spaces(text, t, 2);
    month = read_int(2);
    i = skip_spaces(text, i, 2);
    const std::size_t n = match_folded(text, i, "nam");
    if (n == std::string_view::npos) return std::nullopt;
    i = skip_spaces(text, n, 2);
    year = read_int(4);
  }
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return std::nullopt;
  if (consumed != nullptr) *consumed = i;
  return iso_date(year, month, day);
}

std::string iso_date(int year, int month, int day) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return (year > 0 ? std::to_string(year) + "-" : std::string()) + two(month) + "-" + two(day);
}

std::vector<Citation> find_citations(std::string_view text) {
  std::vector<Citation> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    if (i > 0 && (is_word_byte(text[i - 1]) || text[i - 1] == '/' || text[i - 1] == '.' ||
                  text[i - 1] == '-'))
      continue;
    auto scan = scan_number(text, i);
    if (!scan) continue;
    Citation c;
    c.id = std::move(scan->id);
    c.offset = i;
    c.written = std::string(text.substr(i, scan->end - i));
    c.repaired = c.id != c.written;
    // What follows, with line breaks as spaces: printed text wraps anywhere.
    std::string after(text.substr(scan->end, 240));
    for (std::size_t k = 0; k < after.size(); ++k)
      if (after[k] == '\n' && !(k + 1 < after.size() && after[k + 1] == '\n')) after[k] = ' ';
    std::size_t used = 0;
    std::size_t rest = 0;
    if (auto date = read_date(after, &used)) {
      c.date = std::move(date);
      rest = used;
    }
    c.issuer = read_issuer(after, rest);
    out.push_back(std::move(c));
    i = scan->end - 1;
  }
  return out;
}

}  // namespace loa::doc
