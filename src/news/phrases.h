// File: news/phrases.h
//
// An article's words, read once and shared by everything that looks for terms in it (the
// category classifier, the gazetteer, topics, risk flags): each syllable or word lower-cased
// with its marks and folded without them, with the points where a phrase cannot continue
// (numbers, punctuation).
//
// A PhraseMatcher finds a list of phrases in such words, up to kMaxPhraseWords syllables
// long, in one pass. A phrase written with diacritics matches only with the same diacritics
// ("bán" is not "bạn"); one written without any ("hai phong") matches every accented form —
// what a person typing it means.
//
//   PhraseMatcher places;
//   places.add("Hải Phòng", 0);  places.add("Cát Bà", 1);
//   for (auto& hit : places.find(words_of(text))) use(hit.id, hit.count);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace loa::news {

inline constexpr std::size_t kMaxPhraseWords = 6;

struct Words {
  std::vector<std::string> lower;   // "đà", "nẵng"
  std::vector<std::string> folded;  // "da", "nang"
  std::vector<bool> joined;         // joined[i]: word i continues the phrase of word i-1
  std::size_t size() const { return lower.size(); }
};

Words words_of(std::string_view text);
// `more` appended to `words`, as a new phrase (a title's words, then its text's).
void append_words(Words& words, const Words& more);

struct PhraseHit {
  std::uint32_t id = 0;
  std::string phrase;     // as added
  int count = 0;          // occurrences
  std::size_t first = 0;  // index of the first word of the first occurrence
};

class PhraseMatcher {
 public:
  // Adds a phrase (one to kMaxPhraseWords words; others are ignored and false is returned).
  // Several phrases may share an id (a place's old and new names).
  bool add(std::string_view phrase, std::uint32_t id);
  std::size_t size() const { return phrases_.size(); }
  // Hits in the order of first occurrence; one per phrase.
  std::vector<PhraseHit> find(const Words& words) const;

 private:
  struct Phrase {
    std::string text;
    std::string lower;  // words joined by ' '; empty when the phrase has no diacritics
    std::uint32_t id;
  };
  std::vector<Phrase> phrases_;
  std::unordered_multimap<std::string, std::size_t> by_folded_;  // folded words joined by ' '
  std::unordered_set<std::string> first_words_;                  // folded: where phrases start
  std::size_t longest_ = 0;
};

}  // namespace loa::news
