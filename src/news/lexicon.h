// File: news/lexicon.h
//
// Weighted lists of phrases looked for in articles, each phrase with a kind: the gazetteer
// that ties an article to the province (data/gazetteer/haiphong.json: the city's names, the
// province merged into it in 2025, former districts, well-known places, and the registry's
// communes and wards), and the risk lexicon that flags possibly false or negative news
// (data/lexicon/risk-vi.json). What was found is the explanation shown with the article.
//
//   auto places = Lexicon::from_json(gazetteer_text, "places");
//   places->add("Thủy Nguyên", 2, "ward");                  // from the registry
//   auto found = places->assess(words_of(article));         // found.score, found.hits
//   bool about_the_city = found.score >= kRelevantFrom;
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "news/phrases.h"

namespace loa::news {

// A total place weight from which an article is about the province: one mention of the city
// itself (weight 3), or several of lesser places.
inline constexpr int kRelevantFrom = 3;

struct LexiconHit {
  std::string phrase;
  std::string kind;
  int weight = 0;
  int count = 0;
};

struct LexiconFinding {
  int score = 0;                 // Σ weight × min(mentions, 2)
  std::vector<LexiconHit> hits;  // in order of first appearance
  int score_of(std::string_view kind) const;
};

class Lexicon {
 public:
  // {"<list_key>": [{"name", "weight" (1–3, default 1), "kind"}…]}; invalid_argument names
  // the bad entry.
  static Result<Lexicon> from_json(std::string_view json, const std::string& list_key);
  void add(const std::string& phrase, int weight, const std::string& kind);
  std::size_t size() const { return entries_.size(); }
  LexiconFinding assess(const Words& words) const;

 private:
  struct Entry {
    std::string phrase;
    int weight;
    std::string kind;
  };
  std::vector<Entry> entries_;
  PhraseMatcher matcher_;
};

}  // namespace loa::news
