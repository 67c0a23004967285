// File: bench/vi/quality.h
// What the two quality tools (restore_quality, ocr_quality) measure with: the words of a text
// and the edit distance between two sequences; and the gazetteer's place names, which
// `loa text restore` gives the repair, for the tools and benchmarks that repair as it does.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/edit_distance.h"
#include "vi/corpus.h"
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

// The place names of a gazetteer file (data/gazetteer/haiphong.json), or nothing if it cannot
// be read or has no "places" list.
inline std::optional<std::vector<std::string>> gazetteer_names(const std::string& path) {
  auto file = vi::read_file(path);
  if (!file) return std::nullopt;
  const auto json = nlohmann::json::parse(*file, nullptr, false);
  if (!json.is_object() || !json.contains("places") || !json["places"].is_array())
    return std::nullopt;
  std::vector<std::string> names;
  for (const auto& place : json["places"]) {
    if (place.is_object() && place.contains("name") && place["name"].is_string())
      names.push_back(place["name"].get<std::string>());
  }
  return names;
}

}  // namespace loa::bench
