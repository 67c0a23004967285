// File: base/edit_distance.h
//
// Levenshtein distance between two sequences (strings of bytes or letters, vectors of words):
// the fewest insertions, deletions and substitutions that turn one into the other.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace loa {

template <typename Sequence>
std::size_t edit_distance(const Sequence& a, const Sequence& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace loa
