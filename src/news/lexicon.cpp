// Weighted phrase lists. See lexicon.h.
#include "news/lexicon.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace loa::news {

int LexiconFinding::score_of(std::string_view kind) const {
  int total = 0;
  for (const auto& h : hits)
    if (h.kind == kind) total += h.weight * std::min(h.count, 2);
  return total;
}

Result<Lexicon> Lexicon::from_json(std::string_view json, const std::string& list_key) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains(list_key) || !j[list_key].is_array())
    return invalid_argument("not a JSON object with a \"" + list_key + "\" list");
  Lexicon lexicon;
  std::size_t n = 0;
  for (const auto& p : j[list_key]) {
    ++n;
    const std::string where = list_key + " entry " + std::to_string(n) + ": ";
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string())
      return invalid_argument(where + "no \"name\"");
    const int weight =
        p.contains("weight") && p["weight"].is_number_integer() ? p["weight"].get<int>() : 1;
    if (weight < 1 || weight > 3) return invalid_argument(where + "weight must be 1, 2 or 3");
    const std::string kind =
        p.contains("kind") && p["kind"].is_string() ? p["kind"].get<std::string>() : "";
    const std::string name = p["name"].get<std::string>();
    const std::size_t words = words_of(name).size();
    if (words == 0 || words > kMaxPhraseWords)
      return invalid_argument(where + std::string("'").append(name) +
                              "' is not a phrase of 1 to 6 words");
    lexicon.add(name, weight, kind);
  }
  return lexicon;
}

void Lexicon::add(const std::string& phrase, int weight, const std::string& kind) {
  if (matcher_.add(phrase, static_cast<std::uint32_t>(entries_.size())))
    entries_.push_back({phrase, std::clamp(weight, 1, 3), kind});
}

LexiconFinding Lexicon::assess(const Words& words) const {
  LexiconFinding f;
  for (const auto& hit : matcher_.find(words)) {
    const Entry& e = entries_[hit.id];
    f.score += e.weight * std::min(hit.count, 2);
    f.hits.push_back({e.phrase, e.kind, e.weight, hit.count});
  }
  return f;
}

}  // namespace loa::news
