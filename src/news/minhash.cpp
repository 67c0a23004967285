// MinHash signatures over folded shingles and their LSH index. See minhash.h.
#include "news/minhash.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace loa::news {

namespace {

std::uint64_t mix(std::uint64_t h) {  // splitmix64's finaliser
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ULL) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The kMinHashes hash functions: h_i(x) = high 32 bits of (a_i·x + b_i) mod 2^64, with fixed
// odd a_i and any b_i drawn from a fixed seed (so signatures stored today compare tomorrow).
struct Permutations {
  std::array<std::uint64_t, kMinHashes> a{};
  std::array<std::uint64_t, kMinHashes> b{};
  Permutations() {
    std::uint64_t seed = 0x4c6f614d696e4861ULL;  // "LoaMinHa"
    for (std::size_t i = 0; i < kMinHashes; ++i) {
      a[i] = mix(seed += 0x9e3779b97f4a7c15ULL) | 1U;
      b[i] = mix(seed += 0x9e3779b97f4a7c15ULL);
    }
  }
};

const Permutations& permutations() {
  static const Permutations p;
  return p;
}

// Lowers each of the signature's values to the hash of `x` when smaller: most of a
// signature's time. Built for the vector units the processor may have, chosen when loaded.
__attribute__((target_clones("arch=skylake-avx512", "avx2", "default"))) void take_minimums(
    Signature& s, const Permutations& p, std::uint64_t x) {
  for (std::size_t i = 0; i < kMinHashes; ++i) {
    const auto v = static_cast<std::uint32_t>((p.a[i] * x + p.b[i]) >> 32);
    s[i] = std::min(s[i], v);
  }
}

std::uint64_t band_key(const Signature& s, std::size_t band) {
  std::uint64_t h = 1469598103934665603ULL ^ band;
  for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ s[band * kRows + r]);
  return h;
}

}  // namespace

std::optional<Signature> minhash(std::string_view text) { return minhash(words_of(text)); }

std::optional<Signature> minhash(const Words& w) {
  if (w.size() < kShingleWords + 19) return std::nullopt;
  std::vector<std::uint64_t> shingles;
  shingles.reserve(w.size());
  for (std::size_t i = 0; i + kShingleWords <= w.size(); ++i) {
    std::uint64_t h = fnv1a(w.folded[i]);
    for (std::size_t k = 1; k < kShingleWords; ++k) h = fnv1a(w.folded[i + k], fnv1a(" ", h));
    shingles.push_back(mix(h));
  }
  // A repeated shingle does not change a minimum, so the set need not be made; only whether
  // it holds 20 different shingles (usually the first 20 are).
  std::array<std::uint64_t, 20> different{};
  std::size_t n_different = 0;
  for (std::size_t i = 0; i < shingles.size() && n_different < different.size(); ++i) {
    const auto end = different.begin() + static_cast<std::ptrdiff_t>(n_different);
    if (std::find(different.begin(), end, shingles[i]) == end)
      different[n_different++] = shingles[i];
  }
  if (n_different < different.size()) return std::nullopt;
  const Permutations& p = permutations();
  Signature s;
  s.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::uint64_t x : shingles) take_minimums(s, p, x);
  return s;
}

double estimated_jaccard(const Signature& a, const Signature& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kMinHashes; ++i) equal += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(kMinHashes);
}

std::string signature_bytes(const Signature& s) {
  std::string out(kMinHashes * 4, '\0');
  for (std::size_t i = 0; i < kMinHashes; ++i)
    for (int k = 0; k < 4; ++k) out[i * 4 + k] = static_cast<char>((s[i] >> (8 * k)) & 0xFF);
  return out;
}

std::optional<Signature> signature_from_bytes(std::string_view bytes) {
  if (bytes.size() != kMinHashes * 4) return std::nullopt;
  Signature s{};
  for (std::size_t i = 0; i < kMinHashes; ++i)
    for (int k = 0; k < 4; ++k)
      s[i] |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i * 4 + k])) << (8 * k);
  return s;
}

std::optional<std::int64_t> DuplicateIndex::find(const Signature& s) const {
  std::optional<std::uint32_t> best;
  double best_jaccard = kCopyJaccard;
  std::vector<std::uint32_t> seen;
  for (std::size_t band = 0; band < kBands; ++band) {
    auto [from, to] = bands_[band].equal_range(band_key(s, band));
    for (auto it = from; it != to; ++it) seen.push_back(it->second);
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (std::uint32_t candidate : seen) {
    const double j = estimated_jaccard(s, held_[candidate].second);
    if (j > best_jaccard || (j == best_jaccard && !best)) {
      best_jaccard = j;
      best = candidate;
    }
  }
  if (!best) return std::nullopt;
  return held_[*best].first;
}

void DuplicateIndex::add(std::int64_t id, const Signature& s) {
  const auto at = static_cast<std::uint32_t>(held_.size());
  held_.emplace_back(id, s);
  for (std::size_t band = 0; band < kBands; ++band) bands_[band].emplace(band_key(s, band), at);
}

}  // namespace loa::news
