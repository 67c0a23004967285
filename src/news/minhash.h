// File: news/minhash.h
//
// Near-duplicate articles (syndicated copies: the same story under several outlets' names,
// with another title, lead, byline or footer). Two texts are copies when the Jaccard
// similarity of their sets of five-syllable shingles (folded: accents and case do not count)
// is at least kCopyJaccard. A MinHash signature of kMinHashes values estimates that similarity
// (the share of equal values; standard error about 0.05 at 0.5); a DuplicateIndex finds a held
// signature likely to be a copy through locality-sensitive hashing — kBands bands of kRows
// values: a pair at Jaccard 0.5 shares a band with probability 0.86, at 0.7 0.998, at 0.3
// 0.22 — and confirms it by the estimate. bench/news measures precision and recall on baomoi.
//
//   auto a = minhash(story), b = minhash(copy_from_another_outlet);
//   estimated_jaccard(*a, *b) >= kCopyJaccard;
//   DuplicateIndex index;  index.add(1, *a);  index.find(*b) == 1;
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "news/phrases.h"

namespace loa::news {

inline constexpr std::size_t kBands = 30;
inline constexpr std::size_t kRows = 4;
inline constexpr std::size_t kMinHashes = kBands * kRows;
inline constexpr double kCopyJaccard = 0.5;
inline constexpr std::size_t kShingleWords = 5;

using Signature = std::array<std::uint32_t, kMinHashes>;

// nullopt for a text of fewer than 20 shingles (too short to tell a copy from a likeness).
std::optional<Signature> minhash(std::string_view text);
std::optional<Signature> minhash(const Words& words);
double estimated_jaccard(const Signature& a, const Signature& b);

// Stored form: kMinHashes × 4 bytes, little-endian.
std::string signature_bytes(const Signature& s);
std::optional<Signature> signature_from_bytes(std::string_view bytes);

class DuplicateIndex {
 public:
  // The id of the held signature most similar to `s` among those at kCopyJaccard or more (the
  // earliest added on a tie), or nullopt.
  std::optional<std::int64_t> find(const Signature& s) const;
  void add(std::int64_t id, const Signature& s);
  std::size_t size() const { return held_.size(); }

 private:
  std::vector<std::pair<std::int64_t, Signature>> held_;
  std::array<std::unordered_multimap<std::uint64_t, std::uint32_t>, kBands> bands_;
};

}  // namespace loa::news
