// File: news/simhash.h
//
// Near-duplicate articles (syndicated copies: the same story under several outlets' names,
// with a different lead, byline or footer). Each text gets a 64-bit SimHash over shingles of
// three consecutive folded syllables; copies differ in a few bits, unrelated stories in about
// half of them. A DuplicateIndex finds, among the fingerprints it holds, one within a Hamming
// distance (6 by default; at most 7) through eight 8-bit bands: two fingerprints within 7 bits
// agree exactly on at least one band (pigeonhole), so only those are compared.
//
// On the first 20,000 long baomoi articles, 100,000 random pairs were never closer than 15
// bits, while copies that share a passage were mostly within 6 (22 of 28 pairs): hence 6.
//
//   auto a = simhash(story_from_outlet_a), b = simhash(copy_from_outlet_b);
//   hamming(a, b) <= 6;                       // the same story
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace loa::news {

// 0 for a text with fewer than three syllables (too short to fingerprint).
std::uint64_t simhash(std::string_view text);
int hamming(std::uint64_t a, std::uint64_t b);

class DuplicateIndex {
 public:
  explicit DuplicateIndex(int max_distance = 6);  // clamped to 7

  // The id of a held fingerprint within the distance (the closest; the earliest on a tie),
  // or nullopt.
  std::optional<std::int64_t> find(std::uint64_t fingerprint) const;
  void add(std::int64_t id, std::uint64_t fingerprint);
  std::size_t size() const { return fingerprints_.size(); }

 private:
  int max_distance_;
  std::vector<std::pair<std::int64_t, std::uint64_t>> fingerprints_;
  std::array<std::unordered_multimap<std::uint8_t, std::size_t>, 8> bands_;
};

}  // namespace loa::news
