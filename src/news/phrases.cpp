// Words of an article and phrase matching over them. See phrases.h.
#include "news/phrases.h"

#include <algorithm>
#include <map>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::news {

Words words_of(std::string_view text) {
  Words w;
  const std::size_t expected = text.size() / 5;  // Vietnamese: about 5 bytes a word
  w.lower.reserve(expected);
  w.folded.reserve(expected);
  w.joined.reserve(expected);
  vi::TokenStream stream(text);
  vi::Token token{};
  bool joined = false;
  while (stream.next(token)) {
    if (token.kind != vi::TokenKind::kSyllable && token.kind != vi::TokenKind::kWord) {
      joined = false;
      continue;
    }
    w.lower.push_back(vi::lower(token.text));
    vi::fold_append(token.text, w.folded.emplace_back());
    w.joined.push_back(joined);
    joined = true;
  }
  return w;
}

void append_words(Words& words, const Words& more) {
  words.lower.reserve(words.size() + more.size());
  words.folded.reserve(words.size() + more.size());
  words.joined.reserve(words.size() + more.size());
  for (std::size_t i = 0; i < more.size(); ++i) {
    words.lower.push_back(more.lower[i]);
    words.folded.push_back(more.folded[i]);
    words.joined.push_back(i > 0 && more.joined[i]);
  }
}

bool PhraseMatcher::add(std::string_view phrase, std::uint32_t id) {
  const Words w = words_of(phrase);
  if (w.size() == 0 || w.size() > kMaxPhraseWords) return false;
  std::string folded;
  std::string lower;
  bool marked = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i > 0) {
      folded += ' ';
      lower += ' ';
    }
    folded += w.folded[i];
    lower += w.lower[i];
    marked = marked || w.folded[i] != w.lower[i];
  }
  by_folded_.emplace(folded, phrases_.size());
  first_words_.insert(w.folded[0]);
  phrases_.push_back({std::string(phrase), marked ? lower : std::string(), id});
  longest_ = std::max(longest_, w.size());
  return true;
}

std::vector<PhraseHit> PhraseMatcher::find(const Words& words) const {
  std::map<std::size_t, PhraseHit> hits;  // by phrase
  std::string key;
  std::string exact;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!first_words_.contains(words.folded[i])) continue;  // most words start no phrase
    key = words.folded[i];
    exact.clear();
    for (std::size_t n = 1; n <= longest_ && i + n <= words.size(); ++n) {
      if (n > 1) {
        if (!words.joined[i + n - 1]) break;
        key += ' ';
        key += words.folded[i + n - 1];
      }
      auto [from, to] = by_folded_.equal_range(key);
      if (from == to) continue;
      exact.clear();
      for (std::size_t j = i; j < i + n; ++j) {
        if (j > i) exact += ' ';
        exact += words.lower[j];
      }
      for (auto it = from; it != to; ++it) {
        const Phrase& p = phrases_[it->second];
        if (!p.lower.empty() && p.lower != exact) continue;
        auto [hit, fresh] = hits.try_emplace(it->second);
        if (fresh) {
          hit->second.id = p.id;
          hit->second.phrase = p.text;
          hit->second.first = i;
        }
        ++hit->second.count;
      }
    }
  }
  std::vector<PhraseHit> out;
  out.reserve(hits.size());
  for (auto& [index, hit] : hits) out.push_back(std::move(hit));
  std::sort(out.begin(), out.end(), [](const PhraseHit& a, const PhraseHit& b) {
    return a.first != b.first ? a.first < b.first : a.phrase < b.phrase;
  });
  return out;
}

}  // namespace loa::news
