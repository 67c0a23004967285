// File: doc/citations.h
//
// Document numbers cited in Vietnamese administrative text, as canonical ids. The forms
// (../shared/DOMAIN.md, "Document numbers"):
//   administrative  62/KH-UBND, 1511/QĐ-TTg, 1578/BTTTT-TTĐN
//   normative       09/2017/NĐ-CP, 35/2021/QH15
//   Party           45-NQ/TW, 358-KH/TU
// OCR damage is undone only where the pattern makes the intent certain: a code that is not a
// known type or issuer but becomes one with "Đ" for "D"/"P" or "L" for "I" ("91/NQ-HPND" →
// "91/NQ-HĐND", "71- KI/TW" → "71-KL/TW"), a lost hyphen between a known type and a known
// issuer ("1232/NQUBTVQH15"), spaces around the separators ("284/QD -UBND" → "284/QĐ-UBND").
//
//   for (const doc::Citation& c : doc::find_citations(text)) std::cout << c.id << '\n';
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loa::doc {

struct Citation {
  std::string id;                     // canonical, e.g. "45-NQ/TW"
  std::string written;                // the bytes of the input it was read from
  std::size_t offset = 0;             // of `written` in the input
  std::optional<std::string> date;    // ISO 8601, from "ngày 26/01/2019" right after it
  std::optional<std::string> issuer;  // from "của Bộ Chính trị" right after it (or the date)
  bool repaired = false;              // the id differs from what was written
};

// Every citation in `text` (normalised UTF-8), in order of appearance, repeats included.
std::vector<Citation> find_citations(std::string_view text);

// A date written as "26/01/2019", "26-01-2019" or "26 tháng 01 năm 2019" at the start of
// `text` (after "ngày" if present) as "2019-01-26"; how many bytes it took in `consumed`.
std::optional<std::string> read_date(std::string_view text, std::size_t* consumed = nullptr);

// "2025-12-10" for (2025, 12, 10); with year 0, "12-10" (a day in every year).
std::string iso_date(int year, int month, int day);

}  // namespace loa::doc
