// File: news/simhash.cpp
#include "news/simhash.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <string>

#include "vi/text.h"

namespace loa::news {

namespace {

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  // splitmix64 finaliser: spreads FNV's weak low bits over all 64.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::uint8_t band(std::uint64_t f, int k) { return static_cast<std::uint8_t>(f >> (8 * k)); }

}  // namespace

std::uint64_t simhash(std::string_view text) {
  // Folded syllables: accents, case and punctuation do not make two copies differ.
  const std::string folded = vi::fold(text);
  std::vector<std::string_view> syllables;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !std::isalnum(static_cast<unsigned char>(folded[i]))) ++i;
    std::size_t j = i;
    while (j < folded.size() && std::isalnum(static_cast<unsigned char>(folded[j]))) ++j;
    if (j > i) syllables.emplace_back(folded.data() + i, j - i);
    i = j;
  }
  if (syllables.size() < 3) return 0;
  std::array<int, 64> votes{};
  std::string shingle;
  for (std::size_t k = 0; k + 2 < syllables.size(); ++k) {
    shingle.assign(syllables[k])
        .append(" ")
        .append(syllables[k + 1])
        .append(" ")
        .append(syllables[k + 2]);
    const std::uint64_t h = fnv1a(shingle);
    for (int b = 0; b < 64; ++b) votes[b] += (h >> b) & 1U ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (votes[b] > 0) out |= std::uint64_t{1} << b;
  return out;
}

int hamming(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

DuplicateIndex::DuplicateIndex(int max_distance) : max_distance_(std::min(max_distance, 7)) {}

std::optional<std::int64_t> DuplicateIndex::find(std::uint64_t fingerprint) const {
  std::optional<std::size_t> best;
  int best_distance = max_distance_ + 1;
  for (int k = 0; k < 8; ++k) {
    auto [from, to] = bands_[k].equal_range(band(fingerprint, k));
    for (auto it = from; it != to; ++it) {
      const int d = hamming(fingerprint, fingerprints_[it->second].second);
      if (d < best_distance || (d == best_distance && best && it->second < *best)) {
        best_distance = d;
        best = it->second;
      }
    }
  }
  if (!best) return std::nullopt;
  return fingerprints_[*best].first;
}

void DuplicateIndex::add(std::int64_t id, std::uint64_t fingerprint) {
  const std::size_t at = fingerprints_.size();
  fingerprints_.emplace_back(id, fingerprint);
  for (int k = 0; k < 8; ++k) bands_[k].emplace(band(fingerprint, k), at);
}

}  // namespace loa::news
