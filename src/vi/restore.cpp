// OCR repair: candidate generation, channel costs, beam search, confidences. See restore.h.
#include "vi/restore.h"

#include <algorithm>
#include <array>
#include <bit>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "vi/corpus.h"
#include "vi/syllable.h"
#include "vi/text.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::vi {

namespace {

constexpr std::size_t kMaxWordLetters = 9;  // nghiêng is 7; OCR adds a letter or two
constexpr std::size_t kMaxSegment = 200;    // words decoded together at most
constexpr float kKeepCost = 2.2F;           // channel cost of leaving a non-syllable as it is
constexpr std::size_t kMaxNameWords = 6;    // RestoreOptions::names longer are left out
// Names of at least this many letters are also found one letter off ("Hal Phong").
constexpr std::size_t kNearNameLetters = 8;

// The ASCII skeleton letter of a base letter ('?' outside Latin).
char fold_base(char32_t base) {
  const char32_t plain = unmarked(base);
  return plain < 0x80 ? static_cast<char>(plain) : '?';
}

// The accent-free skeleton of an OCR word, with the digits and signs that OCR engines put
// for Vietnamese letters read as those letters (6 for ó/ô, 3 for ã, 1 for l, & for ở).
std::string ocr_fold(std::u32string_view word) {
  std::string out;
  for (char32_t cp : word) {
    switch (cp) {
      case U'0':
      case U'6':
      case U'&':
      case U'8':
        out.push_back('o');
        break;
      case U'3':
      case U'@':
      case U'4':
        out.push_back('a');
        break;
      case U'1':
        out.push_back('l');
        break;
      default:
        out.push_back(fold_base(split_letter(cp).base));
        break;
    }
  }
  return out;
}

// The key of a name of several words (RestoreOptions::names) or of words of the text that may
// spell one: their skeletons joined by spaces ("Hải Phòng", "Hai Phong" → "hai phong").
template <typename It>
std::string name_key(It begin, It end) {
  std::string key;
  for (It it = begin; it != end; ++it) {
    if (it != begin) key += ' ';
    key += ocr_fold(utf8::to_u32(*it));
  }
  return key;
}

// Whether the name of `words` words whose key is `key` is also found one letter off: it has
// kNearNameLetters letters or more (the key's spaces aside).
bool found_near(const std::string& key, std::size_t words) {
  return key.size() + 1 >= kNearNameLetters + words;
}

// Each string made from `key` by deleting one letter (not a space).
template <typename F>
void letter_deletions(const std::string& key, F each) {
  for (std::size_t at = 0; at < key.size(); ++at) {
    if (key[at] == ' ' || (at > 0 && key[at - 1] == key[at])) continue;  // "aab": once
    each(key.substr(0, at) + key.substr(at + 1));
  }
}

// A skeleton of at most 9 ASCII letters packed 7 bits a letter (letters are never 0, so no two
// skeletons share a key): deletion neighbourhoods are looked up without building strings.
constexpr std::size_t kMaxPacked = 9;

bool packable(std::string_view s) {
  return s.size() <= kMaxPacked && std::all_of(s.begin(), s.end(), [](char c) { return c > 0; });
}

std::uint64_t pack(const char* s, std::size_t n) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < n; ++i) key = (key << 7) | static_cast<std::uint8_t>(s[i]);
  return key;
}

// The keys of every string made from `s` (packable) by deleting at most two characters.
void deletions(std::string_view s, std::vector<std::uint64_t>& out) {
  out.clear();
  out.push_back(pack(s.data(), s.size()));
  std::array<char, kMaxPacked> d1{}, d2{};
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t n1 = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (k != i) d1[n1++] = s[k];
    }
    out.push_back(pack(d1.data(), n1));
    for (std::size_t j = 0; j < n1; ++j) {
      std::size_t n2 = 0;
      for (std::size_t k = 0; k < n1; ++k) {
        if (k != j) d2[n2++] = d1[k];
      }
      out.push_back(pack(d2.data(), n2));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// What the channel model needs to know of a letter, worked out once per letter.
struct CharInfo {
  char32_t cp;
  char32_t base;
  char fold;  // ASCII skeleton letter, '?' outside Vietnamese
  bool vowel;
  bool marked;           // a vowel with a quality mark or a tone
  std::size_t at;        // index in the learned channel tables
  std::size_t level_at;  // … of the same letter without its tone (two-glyph readings)
};

// The learned channel (learn_channel) as stored with the language model: costs for reading
// truth letter t as OCR letter o (kLetters × kLetters), for losing t, for an extra o; NaN
// where the data said too little and the hand-set cost stands.
constexpr std::size_t kLetters = 330;  // Latin-1, the 72 Vietnamese vowels, đ, other
constexpr std::size_t kChannelSize = kLetters * kLetters + 2 * kLetters;

// Letters the engine wrote as two glyphs ("chirc" for chức: ư as "ir"; "ctia" for của: ủ as
// "ti"), learned like the rest: the cost of truth letter t read as o1 o2, by t · kLetters² +
// o1 · kLetters + o2. Stored after the channel tables as (t, o1 · kLetters + o2, cost) triples.
struct GlyphPairs {
  boost::unordered_flat_map<std::uint32_t, float> cost;               // by pair_key
  std::vector<bool> glyphs = std::vector<bool>(kLetters * kLetters);  // o1 · kLetters + o2
  bool empty() const { return cost.empty(); }
};

std::uint32_t pair_key(std::size_t t, std::size_t o1, std::size_t o2) {
  return static_cast<std::uint32_t>((t * kLetters + o1) * kLetters + o2);
}

// The letter at index `at` of the channel tables (channel_index), lower case.
char32_t letter_at(std::size_t at) {
  static constexpr std::u32string_view kBases = U"aăâeêioôơuưy";
  if (at < 0x100) return static_cast<char32_t>(at);
  if (at < 256 + kBases.size() * 6) {
    return compose_letter(kBases[(at - 256) / 6], static_cast<Tone>((at - 256) % 6), false);
  }
  return at == 328 ? U'đ' : U'?';
}

// Whether a model's channel() holds a learned channel: the tables, then pair triples.
bool holds_channel(const std::vector<float>& channel) {
  return channel.size() >= kChannelSize && (channel.size() - kChannelSize) % 3 == 0;
}

GlyphPairs glyph_pairs_of(const std::vector<float>& channel) {
  GlyphPairs out;
  if (!holds_channel(channel)) return out;
  for (std::size_t at = kChannelSize; at < channel.size(); at += 3) {
    const float t = channel[at], o = channel[at + 1], cost = channel[at + 2];
    if (!(t >= 0 && t < kLetters && o >= 0 && o < kLetters * kLetters && cost >= 0)) return {};
    const auto o12 = static_cast<std::size_t>(o);
    out.cost[pair_key(static_cast<std::size_t>(t), o12 / kLetters, o12 % kLetters)] = cost;
    out.glyphs[o12] = true;
  }
  return out;
}

std::size_t channel_index(char32_t cp) {
  if (cp < 0x100) return cp;
  const Letter l = split_letter(cp);
  if (l.base == U'đ') return 328;
  if (is_vowel_base(l.base) && !l.upper) {
    static constexpr std::u32string_view kBases = U"aăâeêioôơuưy";
    return 256 + kBases.find(l.base) * 6 + static_cast<std::size_t>(l.tone);
  }
  return 329;
}

CharInfo info_of(char32_t cp) {
  const Letter l = split_letter(cp);
  const char f = fold_base(l.base);
  const bool vowel = is_vowel_base(l.base);
  return {cp,
          l.base,
          f,
          vowel,
          vowel && (l.tone != Tone::kLevel || static_cast<char32_t>(f) != l.base),
          channel_index(cp),
          channel_index(compose_letter(l.base, Tone::kLevel, false))};
}

std::vector<CharInfo> infos_of(std::u32string_view word) {
  std::vector<CharInfo> out;
  out.reserve(word.size());
  for (char32_t cp : word) out.push_back(info_of(cp));
  return out;
}

// A word with letters no Latin-only OCR engine produces (ơ, ư, ă, đ, ạ, ế, ...) came from an
// engine that knows Vietnamese, or was typed: its marks are evidence, not noise.
bool trusts_marks(std::u32string_view word) {
  for (char32_t cp : word) {
    if (cp >= 0x100 && split_letter(cp).base != cp) return true;  // beyond Latin-1
    if (cp == U'đ' || cp == U'Đ') return true;
  }
  return false;
}

float substitution(const CharInfo& t, const CharInfo& o, bool trusted) {
  if (t.cp == o.cp) return 0.0F;
  const char ft = t.fold;
  const char fo = o.fold;
  const char32_t ocr = o.cp;
  if (t.vowel) {
    if (trusted && o.vowel) return ft == fo ? 2.0F : 2.4F;
    if (ft == fo) {
      // Same vowel, other marks. Losing the marks is what OCR without the Vietnamese model
      // does most; a Latin-1 accent (é, ó, à) for a Vietnamese one comes next. An engine
      // that knows Vietnamese seldom gets a mark wrong.
      if (!t.marked) return 0.7F;
      return o.marked ? 0.15F : 0.1F;
    }
    const bool marked = t.marked;
    const bool digit_like = ocr == U'6' || ocr == U'0' || ocr == U'3' || ocr == U'&' ||
                            ocr == U'@' || ocr == U'8' || ocr == U'4';
    if (ocr == U'&' && marked) return 0.5F;  // & for ở, ề, ế
    if (digit_like) {
      const bool o_like = ft == 'o' && (ocr == U'6' || ocr == U'0' || ocr == U'&' || ocr == U'8');
      const bool a_like = ft == 'a' && (ocr == U'3' || ocr == U'@' || ocr == U'4');
      return (o_like || a_like) ? 0.5F : 0.9F;
    }
    if (o.vowel) return marked ? 0.9F : 1.3F;
    return marked ? 1.0F : 1.5F;
  }
  if (t.base == U'đ') {
    if (fo == 'd') return 0.15F;
    if (ocr == U'p' || ocr == U'b' || ocr == U'0' || ocr == U'Ð') return 0.6F;
  }
  if (t.base == U'l' && (ocr == U'1' || ocr == U'i' || ocr == U'|'))
    return ocr == U'1' ? 0.3F : 0.8F;
  if (t.base == U'i' && (ocr == U'1' || ocr == U'l')) return 0.8F;
  if ((t.base == U'm' && fo == 'n') || (t.base == U'n' && fo == 'm')) return 1.0F;
  if (t.base == U'c' && (fo == 'e' || fo == 'o')) return 1.0F;  // "nude" for nước
  if (t.base == U'h' && fo == 'b') return 1.2F;
  return 2.0F;
}

std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::array<std::size_t, 16> prev{}, cur{};
  if (b.size() >= prev.size()) return b.size();
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0), prev[j] + 1, cur[j - 1] + 1});
    }
    prev = cur;
  }
  return prev[b.size()];
}

// An extra OCR character next to a marked vowel is usually that vowel's mark read as a glyph
// of its own ("ctia" for của, "nhitng" for những): cheaper than an insertion elsewhere.
float insertion(const CharInfo& ocr, bool near_mark) {
  if (near_mark) return 0.8F;
  return ocr.vowel ? 1.0F : 1.1F;
}
float deletion(const CharInfo& truth) { return truth.vowel ? 1.0F : 1.4F; }

// How many letters a word has, how many in upper case, and whether the first is.
struct LetterCase {
  std::size_t letters = 0, upper = 0;
  bool first_upper = false;
};

LetterCase letter_case(std::u32string_view word) {
  LetterCase c;
  for (char32_t cp : word) {
    const Letter l = split_letter(cp);
    const bool letter =
        is_vowel_base(l.base) || (l.base >= U'a' && l.base <= U'z') || l.base == U'đ';
    if (!letter) continue;
    if (c.letters == 0) c.first_upper = l.upper;
    ++c.letters;
    c.upper += l.upper ? 1 : 0;
  }
  return c;
}

// Whether a word is in a case people type: all lower, all upper, or capitalised ("PiCH" is not).
bool typed_case(std::u32string_view word) {
  const LetterCase c = letter_case(word);
  return c.upper == 0 || c.upper == c.letters || (c.upper == 1 && c.first_upper);
}

// How the OCR word was capitalised: kept on the repaired word.
enum class Casing { kLower, kCapital, kUpper };

Casing casing_of(std::u32string_view word) {
  const LetterCase c = letter_case(word);
  if (c.letters >= 2 && c.upper * 2 > c.letters) return Casing::kUpper;
  return c.first_upper ? Casing::kCapital : Casing::kLower;
}

std::string apply_casing(std::string_view lower_word, Casing casing) {
  if (casing == Casing::kLower) return std::string(lower_word);
  std::u32string w = utf8::to_u32(lower_word);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (casing == Casing::kUpper || i == 0) {
      const Letter l = split_letter(w[i]);
      w[i] = compose_letter(l.base, l.tone, true);
    }
  }
  return utf8::from_u32(w);
}

// I, II, IV, XIII: section numbers, never words to repair; before a "." also their OCR forms
// with L, l or 1 for I ("1IL." for "III.").
bool roman_numeral(std::string_view word, char next) {
  if (word.empty() || word.size() > 6) return false;
  if (word.find_first_not_of("IVX") == std::string_view::npos) return true;
  return next == '.' && word.find_first_not_of("IVXLl1") == std::string_view::npos &&
         word.find_first_of("IVX") != std::string_view::npos;
}

// "d) Tăng cường …": a lettered list marker at the start of a line, never a word to repair.
bool list_letter(std::string_view text, std::size_t offset, std::string_view word) {
  if (word.size() != 1 && !(word.size() == 2 && word == "đ")) {
    if (utf8::decode(word, 0).length != word.size()) return false;
  }
  const std::size_t after = offset + word.size();
  if (after >= text.size() || text[after] != ')') return false;
  std::size_t i = offset;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == 0 || text[i - 1] == '\n';
}

// Capitals without marks: an abbreviation (UBND, HĐND, KH) unless a syllable is written
// with the same letters (MUC is MỤC in a heading).
bool all_capitals(std::u32string_view word) {
  if (word.size() < 2) return false;
  for (char32_t cp : word) {
    const Letter l = split_letter(cp);
    if (!l.upper || l.tone != Tone::kLevel || !is_letter(cp)) return false;
  }
  return true;
}

// Where each word of the vocabulary stands among the candidates of the position being decoded,
// so that the words seen after a context are matched against all of them in one pass over a
// short array (a context has about 20 followers on average) instead of a search per candidate.
class CandidateSlots {
 public:
  explicit CandidateSlots(std::size_t vocabulary) : slot_(vocabulary, -1) {}

  template <typename Options>
  void mark(const Options& options) {
    duplicates_ = false;
    for (std::size_t c = options.size(); c-- > 0;) {
      std::int16_t& slot = slot_[options[c].id];
      duplicates_ = duplicates_ || slot >= 0;
      slot = static_cast<std::int16_t>(c);  // the first of equal words wins
      marked_.push_back(options[c].id);
    }
  }
  void clear() {
    for (WordId id : marked_) slot_[id] = -1;
    marked_.clear();
  }

  // The parts of the marked candidates after `followers`, 0 where not seen after it, and
  // where they are among the followers (Followers::find), if `where` is given.
  template <typename Options>
  void parts(const Followers& followers, const Options& options, float* out,
             std::uint32_t* where = nullptr) const {
    const std::size_t size = options.size();
    if (followers.bits != nullptr ||
        static_cast<std::size_t>(followers.end - followers.begin) > 8 * size) {
      for (std::size_t c = 0; c < size; ++c) {
        const std::uint32_t i = followers.find(options[c].id);
        out[c] = followers.part_at(i);
        if (where != nullptr) where[c] = i;
      }
      return;
    }
    std::fill(out, out + size, 0.0F);
    if (where != nullptr) std::fill(where, where + size, Followers::kAbsent);
    for (const Follower* f = followers.begin; f != followers.end; ++f) {
      const std::int16_t slot = slot_[f->word];
      if (slot < 0) continue;
      out[slot] = f->part;
      if (where != nullptr) where[slot] = static_cast<std::uint32_t>(f - followers.begin);
    }
    if (duplicates_) {
      for (std::size_t c = 0; c < size; ++c) {
        const auto first = static_cast<std::size_t>(slot_[options[c].id]);
        out[c] = out[first];
        if (where != nullptr) where[c] = where[first];
      }
    }
  }

 private:
  std::vector<std::int16_t> slot_;  // by word id, -1 when not a candidate
  std::vector<WordId> marked_;
  bool duplicates_ = false;
};

}  // namespace

namespace {

// The costs of one edit, from the learned tables where they say something, else by hand.
struct Costs {
  const float* learned;  // kChannelSize floats, or null
  bool trusted;
  const GlyphPairs* pairs = nullptr;  // learned two-glyph readings, or null

  // Reading marked vowel `t` as the two glyphs `o1` `o2` (infinity if never learned).
  float pair(const CharInfo& t, const CharInfo& o1, const CharInfo& o2) const {
    if (pairs == nullptr || trusted || !t.marked || pairs->empty()) {
      return std::numeric_limits<float>::infinity();
    }
    const auto it = pairs->cost.find(pair_key(t.level_at, o1.at, o2.at));
    return it == pairs->cost.end() ? std::numeric_limits<float>::infinity() : it->second;
  }

  float sub(const CharInfo& t, const CharInfo& o) const {
    if (t.cp == o.cp) return 0.0F;
    if (learned != nullptr && !trusted) {
      const float v = learned[t.at * kLetters + o.at];
      if (!std::isnan(v)) return v;
    }
    return substitution(t, o, trusted);
  }
  float del(const CharInfo& t) const {
    if (learned != nullptr && !trusted) {
      const float v = learned[kLetters * kLetters + t.at];
      if (!std::isnan(v)) return v;
    }
    return deletion(t);
  }
  float ins(const CharInfo& o, bool near_mark) const {
    if (learned != nullptr && !trusted) {
      const float v = learned[kLetters * kLetters + kLetters + o.at];
      if (!std::isnan(v)) return near_mark ? std::min(v, insertion(o, true)) : v;
    }
    return insertion(o, near_mark);
  }
};

// The cheapest alignment's cost, or infinity as soon as every alignment costs more than `limit`
// (costs are never negative, so a row's minimum bounds the rest).
float channel_cost(const std::vector<CharInfo>& truth, const std::vector<CharInfo>& ocr,
                   const Costs& costs, std::vector<float>& prev, std::vector<float>& cur,
                   float limit = std::numeric_limits<float>::infinity()) {
  const std::size_t n = truth.size(), m = ocr.size();
  prev.resize(m + 1);
  cur.resize(m + 1);
  prev[0] = 0.0F;
  const bool first_marked = n > 0 && truth[0].marked;
  // Where two OCR glyphs side by side are a learned reading (bit j: ocr[j-2], ocr[j-1]).
  std::uint64_t pair_at = 0;
  if (costs.pairs != nullptr && !costs.pairs->empty() && !costs.trusted && m < 64) {
    for (std::size_t j = 2; j <= m; ++j) {
      if (costs.pairs->glyphs[ocr[j - 2].at * kLetters + ocr[j - 1].at]) {
        pair_at |= std::uint64_t{1} << j;
      }
    }
  }
  for (std::size_t j = 1; j <= m; ++j) prev[j] = prev[j - 1] + costs.ins(ocr[j - 1], first_marked);
  for (std::size_t i = 1; i <= n; ++i) {
    // Insertions after truth[i-1]: next to a mark if it or truth[i] is a marked vowel.
    const bool near_mark = truth[i - 1].marked || (i < n && truth[i].marked);
    const float del = costs.del(truth[i - 1]);
    cur[0] = prev[0] + del;
    float lowest = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      cur[j] = std::min({prev[j - 1] + costs.sub(truth[i - 1], ocr[j - 1]), prev[j] + del,
                         cur[j - 1] + costs.ins(ocr[j - 1], near_mark)});
      if ((pair_at >> j & 1U) != 0) {
        cur[j] = std::min(cur[j], prev[j - 2] + costs.pair(truth[i - 1], ocr[j - 2], ocr[j - 1]));
      }
      lowest = std::min(lowest, cur[j]);
    }
    if (lowest > limit) return std::numeric_limits<float>::infinity();
    std::swap(prev, cur);
  }
  return prev[m];
}

// Counts of the edits on the cheapest path from `truth` to `ocr`, for learn_channel.
struct EditCounts {
  std::vector<double> sub = std::vector<double>(kLetters * kLetters, 0.0);
  std::vector<double> del = std::vector<double>(kLetters, 0.0);
  std::vector<double> ins = std::vector<double>(kLetters, 0.0);
  boost::unordered_flat_map<std::uint32_t, double> pair;  // by pair_key
  double ocr_letters = 0;
};

void count_edits(const std::vector<CharInfo>& truth, const std::vector<CharInfo>& ocr,
                 const Costs& costs, EditCounts& counts) {
  const std::size_t n = truth.size(), m = ocr.size();
  std::vector<float> d((n + 1) * (m + 1));
  const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  // A marked vowel read as two glyphs: at the learned cost, else at what the single-letter
  // edits charge for it (a substitution and an insertion beside it), so that such readings
  // are counted as pairs from the first round on.
  const auto pair = [&](const CharInfo& t, const CharInfo& o1, const CharInfo& o2) {
    if (!t.marked || o1.cp == t.cp || o2.cp == t.cp) return std::numeric_limits<float>::infinity();
    return std::min({costs.pair(t, o1, o2), costs.sub(t, o1) + costs.ins(o2, true),
                     costs.ins(o1, true) + costs.sub(t, o2)});
  };
  for (std::size_t j = 1; j <= m; ++j) d[at(0, j)] = d[at(0, j - 1)] + costs.ins(ocr[j - 1], false);
  for (std::size_t i = 1; i <= n; ++i) {
    const bool near_mark = truth[i - 1].marked || (i < n && truth[i].marked);
    d[at(i, 0)] = d[at(i - 1, 0)] + costs.del(truth[i - 1]);
    for (std::size_t j = 1; j <= m; ++j) {
      d[at(i, j)] = std::min({d[at(i - 1, j - 1)] + costs.sub(truth[i - 1], ocr[j - 1]),
                              d[at(i - 1, j)] + costs.del(truth[i - 1]),
                              d[at(i, j - 1)] + costs.ins(ocr[j - 1], near_mark)});
      if (j >= 2) {
        d[at(i, j)] =
            std::min(d[at(i, j)], d[at(i - 1, j - 2)] + pair(truth[i - 1], ocr[j - 2], ocr[j - 1]));
      }
    }
  }
  counts.ocr_letters += static_cast<double>(m);
  for (std::size_t i = n, j = m; i > 0 || j > 0;) {
    const bool near_mark = i > 0 && (truth[i - 1].marked || (i < n && truth[i].marked));
    if (i > 0 && j >= 2 &&
        std::abs(d[at(i, j)] - (d[at(i - 1, j - 2)] + pair(truth[i - 1], ocr[j - 2], ocr[j - 1]))) <
            1e-5F) {
      counts.pair[pair_key(truth[i - 1].level_at, ocr[j - 2].at, ocr[j - 1].at)] += 1;
      i -= 1, j -= 2;
    } else if (i > 0 && j > 0 &&
               d[at(i, j)] == d[at(i - 1, j - 1)] + costs.sub(truth[i - 1], ocr[j - 1])) {
      counts.sub[truth[i - 1].at * kLetters + ocr[j - 1].at] += 1;
      --i, --j;
    } else if (i > 0 && d[at(i, j)] == d[at(i - 1, j)] + costs.del(truth[i - 1])) {
      counts.del[truth[i - 1].at] += 1;
      --i;
    } else if (j > 0 &&
               (i == 0 || d[at(i, j)] == d[at(i, j - 1)] + costs.ins(ocr[j - 1], near_mark))) {
      counts.ins[ocr[j - 1].at] += 1;
      --j;
    } else {
      break;  // rounding: give up on this word's remaining edits
    }
  }
}

}  // namespace

float channel_cost(std::u32string_view truth, std::u32string_view ocr) {
  std::vector<float> prev, cur;
  return channel_cost(infos_of(truth), infos_of(ocr), Costs{nullptr, trusts_marks(ocr)}, prev, cur);
}

float channel_cost(const LanguageModel& model, std::u32string_view truth, std::u32string_view ocr) {
  const std::vector<float>& channel = model.channel();
  if (!holds_channel(channel)) return channel_cost(truth, ocr);
  const GlyphPairs pairs = glyph_pairs_of(channel);
  std::vector<float> prev, cur;
  return channel_cost(infos_of(truth), infos_of(ocr),
                      Costs{channel.data(), trusts_marks(ocr), &pairs}, prev, cur);
}

struct Restorer::Candidate {
  WordId id;
  std::string text;  // lower case
  float cost;        // channel cost
};

struct Restorer::Index {
  std::vector<std::string> folded;             // distinct skeletons
  std::vector<std::vector<WordId>> syllables;  // by skeleton
  std::vector<std::vector<CharInfo>> letters;  // by WordId (indexed words only)
  boost::unordered_flat_map<std::uint64_t, std::vector<std::uint32_t>> by_deletion;
  std::unordered_set<std::string> skeletons;  // of syllables only
  std::unordered_map<std::string, std::vector<Candidate>> cache;
  GlyphPairs pairs;  // the model's learned two-glyph readings
  // … as skeletons: the two glyphs (ocr_fold) and the truth letter's skeleton letter, so that
  // "nhitmg" (những: ữ read as "it") is looked up also as "nhumg".
  std::vector<std::pair<std::string, char>> pair_skeletons;
  // From the model's candidate table: packed accent-free word → (offset, count) of its
  // (id, cost) pairs in the table.
  boost::unordered_flat_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> precomputed;
  // RestoreOptions::names by their words' skeletons joined by spaces ("hai phong") → the
  // name's words; the most words a name has.
  std::unordered_map<std::string, std::vector<std::string>> names;
  std::unordered_set<std::string> name_starts;  // the skeletons of the names' first words
  std::size_t longest_name = 0;
  // Names of kNearNameLetters letters or more by the keys made from theirs by deleting one
  // letter; their first words' skeletons and the same made from those.
  std::unordered_map<std::string, std::vector<std::string>> near_names;
  std::unordered_set<std::string> near_starts;
};

namespace {

// The candidate table: the options it was made with (5 words), then for each word its packed
// key (2 words), its count and (id, cost bits) pairs.
std::array<std::uint32_t, 5> table_header(const RestoreOptions& o) {
  return {std::bit_cast<std::uint32_t>(o.channel_weight), static_cast<std::uint32_t>(o.candidates),
          std::bit_cast<std::uint32_t>(o.candidate_width),
          static_cast<std::uint32_t>(o.damaged_candidates),
          std::bit_cast<std::uint32_t>(o.damaged_cost)};
}

// A number OCR may have made of a syllable: one to three of the digits read for letters
// (0, 6, 8 for o; 3, 4 for a; 1 for l).
bool letter_like_number(std::string_view number) {
  return !number.empty() && number.size() <= 3 &&
         number.find_first_not_of("013468") == std::string_view::npos;
}

bool accent_free(std::string_view word) {
  return !word.empty() && word.size() <= kMaxPacked &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::vector<std::uint32_t> Restorer::candidate_table() {
  const auto header = table_header(options_);
  std::vector<std::uint32_t> table(header.begin(), header.end());
  for (const std::string& word : index_->folded) {
    if (!accent_free(word)) continue;
    const std::vector<Candidate>& list = candidates_for(word, Reading::kOcr);
    const std::uint64_t key = pack(word.data(), word.size());
    table.push_back(static_cast<std::uint32_t>(key));
    table.push_back(static_cast<std::uint32_t>(key >> 32));
    table.push_back(static_cast<std::uint32_t>(list.size()));
    for (const Candidate& c : list) {
      table.push_back(c.id);
      table.push_back(std::bit_cast<std::uint32_t>(c.cost));
    }
  }
  return table;
}

Restorer::Restorer(const LanguageModel& model, RestoreOptions options)
    : model_(model), options_(std::move(options)), index_(std::make_unique<Index>()) {
  Index& ix = *index_;
  const std::vector<float>& channel = model.channel();
  if (holds_channel(channel)) {
    learned_ = channel.data();
    ix.pairs = glyph_pairs_of(channel);
    for (const auto& [key, cost] : ix.pairs.cost) {
      const std::size_t o1 = key / kLetters % kLetters, o2 = key % kLetters;
      const char t = fold_base(split_letter(letter_at(key / (kLetters * kLetters))).base);
      const std::u32string glyphs{letter_at(o1), letter_at(o2)};
      std::pair<std::string, char> p{ocr_fold(glyphs), t};
      if (p.first.find('?') == std::string::npos && t != '?' &&
          std::find(ix.pair_skeletons.begin(), ix.pair_skeletons.end(), p) ==
              ix.pair_skeletons.end()) {
        ix.pair_skeletons.push_back(std::move(p));
      }
    }
  }
  ix.letters.resize(model.vocabulary_size());
  std::unordered_map<std::string, std::uint32_t> skeleton_ids;
  for (WordId id = 3; id < model.vocabulary_size(); ++id) {
    const std::string& w = model.word(id);
    if (w.empty() || w.front() == '<') continue;
    // Syllables, and words of letters the training text uses often (HĐND, UBND, ...).
    const std::u32string letters = utf8::to_u32(w);
    const bool word_of_letters =
        model.count(id) >= 3 && letters.size() <= kMaxWordLetters &&
        std::all_of(letters.begin(), letters.end(), [](char32_t cp) { return is_letter(cp); });
    if (!is_valid_syllable(std::u32string_view(letters)) && !word_of_letters) continue;
    ix.letters[id] = infos_of(letters);
    const std::string f = fold(w);
    auto [it, added] = skeleton_ids.try_emplace(f, static_cast<std::uint32_t>(ix.folded.size()));
    if (added) {
      ix.folded.push_back(f);
      ix.syllables.emplace_back();
    }
    ix.syllables[it->second].push_back(id);
    if (!word_of_letters || is_valid_syllable(std::u32string_view(letters))) ix.skeletons.insert(f);
  }
  // The model's candidate table, if it was made with these options and holds only words of
  // this model (anything else: the lists are worked out as they are needed).
  const std::vector<std::uint32_t>& table = model.candidate_table();
  const auto header = table_header(options_);
  if (table.size() >= header.size() && std::equal(header.begin(), header.end(), table.begin())) {
    bool sound = true;
    for (std::size_t at = header.size(); sound && at < table.size();) {
      if (table.size() - at < 3) {
        sound = false;
        break;
      }
      const std::uint64_t key = table[at] | (std::uint64_t{table[at + 1]} << 32);
      const std::uint32_t count = table[at + 2];
      at += 3;
      if ((table.size() - at) / 2 < count) {
        sound = false;
        break;
      }
      for (std::size_t c = 0; c < count; ++c) {
        const float cost = std::bit_cast<float>(table[at + 2 * c + 1]);
        sound = sound && table[at + 2 * c] < model.vocabulary_size() && std::isfinite(cost);
      }
      ix.precomputed[key] = {static_cast<std::uint32_t>(at), count};
      at += 2 * std::size_t{count};
    }
    if (!sound) ix.precomputed.clear();
  }
  for (const std::string& name : options_.names) {
    std::vector<std::string> words;
    TokenStream stream(name);
    Token token{};
    bool plain = true;
    while (plain && stream.next(token)) {
      plain = token.kind == TokenKind::kSyllable || token.kind == TokenKind::kWord;
      words.emplace_back(token.text);
    }
    if (!plain || words.size() < 2 || words.size() > kMaxNameWords) continue;
    std::string key = name_key(words.begin(), words.end());
    const std::string start = key.substr(0, key.find(' '));
    ix.name_starts.insert(start);
    ix.longest_name = std::max(ix.longest_name, words.size());
    if (found_near(key, words.size())) {
      letter_deletions(key,
                       [&](std::string near) { ix.near_names[std::move(near)].push_back(key); });
      ix.near_starts.insert(start);
      letter_deletions(start, [&](std::string near) { ix.near_starts.insert(std::move(near)); });
    }
    ix.names.emplace(std::move(key), std::move(words));
  }
  std::vector<std::uint64_t> dels;
  for (std::uint32_t k = 0; k < ix.folded.size(); ++k) {
    if (!packable(ix.folded[k])) continue;  // no OCR skeleton (ASCII, ≤ 9 letters) is near it
    deletions(ix.folded[k], dels);
    for (const auto& d : dels) ix.by_deletion[d].push_back(k);
  }
}

Restorer::~Restorer() = default;

namespace {

// The cost of the cheapest of `candidates`, infinity if there is none.
template <typename Candidates>
float nearest_cost(const Candidates& candidates) {
  float nearest = std::numeric_limits<float>::infinity();
  for (const auto& c : candidates) nearest = std::min(nearest, c.cost);
  return nearest;
}

}  // namespace

const std::vector<Restorer::Candidate>& Restorer::candidates_for(std::string_view word,
                                                                 Reading reading) {
  Index& ix = *index_;
  std::string key(word);
  key.push_back(static_cast<char>(reading));
  if (auto it = ix.cache.find(key); it != ix.cache.end()) return it->second;
  if (reading == Reading::kPlain) {
    // Typed without marks, a word lost only its marks: of the OCR reading's candidates, the
    // syllables of its own skeleton — unless it has none (a name, a foreign word, a typo).
    std::vector<Candidate> out = candidates_for(word, Reading::kOcr);
    std::u32string letters = utf8::to_u32(word);
    for (char32_t& cp : letters) cp = lower_letter(cp);
    const std::string skeleton = ocr_fold(letters);
    const auto other = [&](const Candidate& c) {
      return fold(c.text) != skeleton || !is_valid_syllable(c.text);
    };
    if (!std::all_of(out.begin(), out.end(), other)) std::erase_if(out, other);
    return ix.cache.emplace(std::move(key), std::move(out)).first->second;
  }
  const bool trusted_text = reading == Reading::kTrusted;
  std::u32string ocr = utf8::to_u32(word);
  for (char32_t& cp : ocr) cp = lower_letter(cp);
  const std::string lower_word = utf8::from_u32(ocr);
  std::vector<Candidate> out;
  const float lambda = options_.channel_weight;
  if (!trusted_text && accent_free(lower_word)) {
    const auto it = ix.precomputed.find(pack(lower_word.data(), lower_word.size()));
    if (it != ix.precomputed.end()) {
      const std::vector<std::uint32_t>& table = model_.candidate_table();
      for (std::size_t c = 0; c < it->second.second; ++c) {
        const WordId id = table[it->second.first + 2 * c];
        // Unknown to the model: the word as it stands (see below).
        std::string text = id == LanguageModel::kUnknown ? lower_word : model_.word(id);
        out.push_back(
            {id, std::move(text), std::bit_cast<float>(table[it->second.first + 2 * c + 1])});
      }
      return ix.cache.emplace(std::move(key), std::move(out)).first->second;
    }
  }
  const bool valid = is_valid_syllable(std::u32string_view(ocr));
  const int most_candidates = std::max(options_.candidates, options_.damaged_candidates);
  if (ocr.size() <= kMaxWordLetters) {
    const bool trusted = trusted_text || trusts_marks(utf8::to_u32(word));
    // The skeleton, and where a learned two-glyph reading may stand in a word that is no
    // syllable, the skeleton with those glyphs read as their letter.
    std::vector<std::string> forms{ocr_fold(ocr)};
    if (!trusted && !valid) {
      const std::string skeleton = forms.front();
      for (const auto& [glyphs, letter] : ix.pair_skeletons) {
        for (std::size_t at = skeleton.find(glyphs); at != std::string::npos;
             at = skeleton.find(glyphs, at + 1)) {
          forms.push_back(skeleton.substr(0, at) + letter + skeleton.substr(at + 2));
        }
      }
    }
    std::vector<std::uint64_t> dels;
    std::vector<std::uint32_t> skeletons;
    for (const std::string& form : forms) {
      if (!packable(form)) continue;
      deletions(form, dels);
      for (const auto& d : dels) {
        if (auto it = ix.by_deletion.find(d); it != ix.by_deletion.end()) {
          skeletons.insert(skeletons.end(), it->second.begin(), it->second.end());
        }
      }
    }
    std::sort(skeletons.begin(), skeletons.end());
    skeletons.erase(std::unique(skeletons.begin(), skeletons.end()), skeletons.end());
    const std::vector<CharInfo> ocr_info = infos_of(ocr);
    // Nearest skeletons first, so that the bounds below tighten early.
    std::vector<std::pair<std::size_t, std::uint32_t>> near;
    for (std::uint32_t k : skeletons) {
      // Deletion neighbours can be up to four edits apart; only two are candidates.
      std::size_t distance = SIZE_MAX;
      for (const std::string& form : forms) {
        distance = std::min(distance, levenshtein(form, ix.folded[k]));
      }
      if (distance <= 2) near.emplace_back(distance, k);
    }
    std::sort(near.begin(), near.end());
    // A syllable is kept if it ranks among the best `most` and within `candidate_width` of
    // the best; the best and the `most`-th best so far bound its channel cost, so the
    // alignment of one that cannot make it stops early (the best `most` are exact).
    std::vector<float> kth;  // the best `most` ranks so far, a max-heap
    std::vector<float> prev, cur;
    const auto search = [&](std::size_t most) {
      out.clear();
      kth.clear();
      float best = std::numeric_limits<float>::infinity();
      for (const auto& [distance, k] : near) {
        for (WordId id : ix.syllables[k]) {
          const float unigram = 0.3F * model_.log_unigram(id);
          float bound = best + options_.candidate_width;
          if (kth.size() == most) bound = std::min(bound, kth.front());
          const float cost =
              channel_cost(ix.letters[id], ocr_info, Costs{learned_, trusted, &ix.pairs}, prev, cur,
                           (bound + unigram) / lambda);
          if (std::isinf(cost)) continue;
          out.push_back({id, std::string(), cost});
          const float r = lambda * cost - unigram;
          best = std::min(best, r);
          if (most == 0) continue;
          if (kth.size() < most) {
            kth.push_back(r);
            std::push_heap(kth.begin(), kth.end());
          } else if (r < kth.front()) {
            std::pop_heap(kth.begin(), kth.end());
            kth.back() = r;
            std::push_heap(kth.begin(), kth.end());
          }
        }
      }
    };
    // The usual number first; a damaged word (below) is searched again for more.
    search(static_cast<std::size_t>(std::max(options_.candidates, 0)));
    if (most_candidates > options_.candidates && nearest_cost(out) >= options_.damaged_cost) {
      search(static_cast<std::size_t>(most_candidates));
    }
  }
  const auto rank = [&](const Candidate& c) {
    return lambda * c.cost - 0.3F * model_.log_unigram(c.id);
  };
  const auto by_rank = [&](const Candidate& a, const Candidate& b) { return rank(a) < rank(b); };
  // A word no syllable is a cheap edit away from is damaged: its letters say little, so the
  // language model chooses among more ("tmg" for ứng, "chin" for chặn, "161" for lời).
  const int keep =
      nearest_cost(out) >= options_.damaged_cost ? most_candidates : options_.candidates;
  const auto top = std::min(out.size(), static_cast<std::size_t>(std::max(keep, 0)));
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(top), out.end(),
                    by_rank);
  out.resize(top);
  // … and none that ranks hopelessly behind the best.
  while (out.size() > 1 && rank(out.back()) > rank(out.front()) + options_.candidate_width) {
    out.pop_back();
  }
  for (Candidate& c : out) c.text = model_.word(c.id);
  // The word as it stands is always a candidate: free if it is a syllable, dear otherwise.
  const bool present =
      std::any_of(out.begin(), out.end(), [&](const Candidate& c) { return c.text == lower_word; });
  if (!present) out.push_back({model_.id(lower_word), lower_word, valid ? 0.0F : kKeepCost});
  return ix.cache.emplace(std::move(key), std::move(out)).first->second;
}

const std::vector<Restorer::Candidate>& Restorer::number_candidates(std::string_view number,
                                                                    WordId number_id) {
  std::string key = "#";
  key.append(number);
  if (auto it = index_->cache.find(key); it != index_->cache.end()) return it->second;
  std::vector<Candidate> out = candidates_for(number, Reading::kOcr);
  std::erase_if(out, [&](const Candidate& c) { return c.text == number; });
  out.push_back({number_id, std::string(number), 0.0F});
  return index_->cache.emplace(std::move(key), std::move(out)).first->second;
}

std::unordered_map<std::size_t, Restorer::Named> Restorer::find_names(std::string_view text,
                                                                      bool trusted_text) const {
  std::unordered_map<std::size_t, Named> found;
  const Index& ix = *index_;
  if (ix.names.empty()) return found;
  struct Word {
    std::string_view text;
    std::string skeleton;  // ocr_fold
    std::size_t offset;
    bool joined;  // one space or line end after the word before
  };
  std::vector<Word> window;  // the last words, at most as many as the longest name has
  // Whether a capitalised word may start a name one letter off: its skeleton, or one made from
  // it by deleting a letter, is a long name's first word or made from one so.
  const auto near_start = [&](const Word& w) {
    if (ix.near_starts.empty() || (w.text.front() >= 'a' && w.text.front() <= 'z') ||
        casing_of(utf8::to_u32(w.text)) == Casing::kLower) {
      return false;
    }
    bool near = ix.near_starts.count(w.skeleton) != 0;
    letter_deletions(w.skeleton,
                     [&](const std::string& d) { near = near || ix.near_starts.count(d) != 0; });
    return near;
  };
  // The one long name `key` (of `words` words) is a letter off — one lost, added or changed,
  // in one word that is no syllable — or null if none or several are.
  const auto near_name = [&](const std::string& key,
                             std::size_t words) -> const std::vector<std::string>* {
    std::vector<std::string_view> seen;
    const auto consider = [&](const std::string& name) {
      const auto it = ix.names.find(name);
      if (it == ix.names.end() || it->second.size() != words || !found_near(name, words) ||
          std::find(seen.begin(), seen.end(), name) != seen.end()) {
        return;
      }
      // Word by word, so that no letter moves to another word; the word a letter off must be
      // damaged, no syllable's skeleton ("Thiy", "Hal"): "Dai Duong" (Đại Dương) is no
      // misread "Hai Duong".
      std::size_t edits = 0;
      bool damaged = false;
      std::size_t a = 0, b = 0;
      for (std::size_t j = 0; j < words; ++j) {
        const std::size_t a_end = std::min(key.find(' ', a), key.size());
        const std::size_t b_end = std::min(name.find(' ', b), name.size());
        const std::string word = key.substr(a, a_end - a);
        const std::size_t off = levenshtein(word, std::string_view(name).substr(b, b_end - b));
        edits += off;
        damaged = damaged || (off > 0 && ix.skeletons.count(word) == 0);
        a = a_end + 1, b = b_end + 1;
      }
      if (edits == 1 && damaged) seen.push_back(it->first);
    };
    const auto near_to = [&](const std::string& k) {
      if (const auto it = ix.near_names.find(k); it != ix.near_names.end()) {
        for (const std::string& name : it->second) consider(name);
      }
    };
    near_to(key);  // a letter lost
    letter_deletions(key, [&](const std::string& d) {
      consider(d);  // a letter added
      near_to(d);   // a letter changed
    });
    return seen.size() == 1 ? &ix.names.find(std::string(seen.front()))->second : nullptr;
  };
  // Tries the names of `window.size()` words down to two at the window's start; drops the
  // words of the name found, else the first word.
  const auto match_front = [&] {
    const bool exact_start = ix.name_starts.count(window.front().skeleton) != 0;
    const bool may_be_near = near_start(window.front());
    if (!exact_start && !may_be_near) {  // most words: no name starts so
      window.erase(window.begin());
      return;
    }
    // Names as written first, then names a letter off.
    for (std::size_t pass = exact_start ? 0 : 1; pass < (may_be_near ? 2U : 1U); ++pass) {
      for (std::size_t k = window.size(); k >= 2; --k) {
        if (!std::all_of(window.begin() + 1, window.begin() + static_cast<std::ptrdiff_t>(k),
                         [](const Word& w) { return w.joined; })) {
          continue;
        }
        std::string key = window[0].skeleton;
        for (std::size_t j = 1; j < k; ++j) key.append(" ").append(window[j].skeleton);
        const std::vector<std::string>* name = nullptr;
        if (pass == 0) {
          const auto it = ix.names.find(key);
          if (it != ix.names.end()) name = &it->second;
        } else {
          name = near_name(key, k);
        }
        if (name == nullptr) continue;
        bool same = true;
        for (std::size_t j = 0; same && j < k; ++j) {
          const Casing written = casing_of(utf8::to_u32(window[j].text));
          const Casing named = casing_of(utf8::to_u32((*name)[j]));
          same = (written == named || written == Casing::kUpper) &&
                 (!trusted_text || std::all_of(window[j].text.begin(), window[j].text.end(),
                                               [](char c) { return (c & 0x80) == 0; }));
        }
        if (!same) continue;
        for (std::size_t j = 0; j < k; ++j) {
          found[window[j].offset] = {window[j].text.size(), lower((*name)[j])};
        }
        window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(k));
        return;
      }
    }
    window.erase(window.begin());
  };
  TokenStream stream(text);
  Token token{};
  std::size_t last_end = SIZE_MAX;
  while (stream.next(token)) {
    if (token.kind != TokenKind::kSyllable && token.kind != TokenKind::kWord) {
      last_end = SIZE_MAX;
      continue;
    }
    // One space between the words, or one line end: OCR wraps names as lines wrap.
    const std::string_view gap = last_end == SIZE_MAX
                                     ? std::string_view("?")
                                     : text.substr(last_end, token.offset - last_end);
    const bool joined = gap == " " || gap == "\n" || gap == "\r\n";
    window.push_back({token.text, ocr_fold(utf8::to_u32(token.text)), token.offset, joined});
    last_end = token.offset + token.text.size();
    if (window.size() == ix.longest_name) match_front();
  }
  while (window.size() >= 2) match_front();
  return found;
}

Restoration Restorer::restore(std::string_view text) {
  Restoration result;
  // Text in which many words have letters that only a Vietnamese-aware engine (or a person)
  // writes: every mark in it is trusted, and only what cannot be Vietnamese gets repaired.
  std::size_t words = 0, vietnamese = 0;
  std::size_t marked = 0, broken = 0;  // words with a letter beyond ASCII; see below
  TokenStream stream(text);
  Token token{};
  while (stream.next(token)) {
    if (token.kind != TokenKind::kSyllable && token.kind != TokenKind::kWord) continue;
    ++words;
    const std::u32string letters = utf8::to_u32(token.text);
    vietnamese += trusts_marks(letters) ? 1 : 0;
    marked += std::any_of(letters.begin(), letters.end(), [](char32_t cp) { return cp >= 0x80; });
    // Words in lower case or capitalised that are no syllable ("tir", "phd", "x4u"), and words
    // in a case no one types ("PiCH"): OCR damage, or now and then a foreign word or a brand.
    if ((casing_of(letters) != Casing::kUpper && index_->skeletons.count(fold(token.text)) == 0) ||
        !typed_case(letters)) {
      ++broken;
    }
  }
  const bool trusted = words > 0 && vietnamese * 5 >= words;
  std::string cleaned;
  if (!trusted) {
    cleaned = clean_ocr_artifacts(text);
    text = cleaned;
  }
  // Typed without marks: no word has one (under 1 %), and few are broken (under 10 %; OCR
  // text of a Latin-only engine has about a fifth, news typed without marks 3–5 %: foreign
  // words and names).
  const bool plain = marked * 100 < words && broken * 10 < words;
  decode(text, trusted ? Reading::kTrusted : (plain ? Reading::kPlain : Reading::kOcr),
         result.words);
  result.text.reserve(text.size() + text.size() / 4);
  std::size_t copied = 0;
  for (const RestoredWord& w : result.words) {
    result.text.append(text.substr(copied, w.offset - copied));
    result.text.append(w.text);
    copied = w.offset + w.original.size();
  }
  result.text.append(text.substr(copied));
  if (index_->cache.size() > 200000) index_->cache.clear();  // bounded across calls
  return result;
}

void Restorer::decode(std::string_view text, Reading reading, std::vector<RestoredWord>& out) {
  const bool trusted_text = reading == Reading::kTrusted;
  // One position per word or fixed token of the current segment.
  struct Position {
    std::vector<Candidate> fixed;                     // for tokens that are never changed
    const std::vector<Candidate>* options = nullptr;  // in the cache; null: use `fixed`
    const std::vector<Candidate>& list() const { return options ? *options : fixed; }
    std::size_t word = SIZE_MAX;  // index in `out` when the position is a word
    Casing casing = Casing::kLower;
  };
  std::vector<Position> segment;
  const float lambda = options_.channel_weight;

  struct State {
    WordId u, v;
    float score;
    int back;                      // state index at the previous position
    int candidate;                 // candidate index at this position
    LanguageModel::Entry context;  // of (u, v); kNoEntry for (<s>, <s>) and unseen pairs
  };

  CandidateSlots candidate_slots(model_.vocabulary_size());
  const auto flush = [&] {
    if (segment.empty()) return;
    const std::size_t n = segment.size();
    std::vector<std::vector<State>> beams(n + 1);
    beams[0].push_back(
        {LanguageModel::kBegin, LanguageModel::kBegin, 0.0F, -1, -1, LanguageModel::kNoEntry});
    std::vector<int> seen;      // index in `next` by (previous candidate, candidate), or -1
    std::vector<float> bigram;  // P2(v, w) by (previous candidate, candidate)
    std::vector<LanguageModel::Entry> entries;  // the bigram entry of (v, w), likewise
    std::vector<std::uint32_t> where;           // Followers::find of each candidate
    std::vector<char> has_row;   // whether `bigram` holds that previous candidate's row
    std::vector<float> trigram;  // the trigram parts of the candidates after one state
    std::vector<float> channel;  // e^(−λ cost) of each candidate
    for (std::size_t i = 0; i < n; ++i) {
      const auto& options = segment[i].list();
      const std::size_t size = options.size();
      const std::size_t previous = i == 0 ? 1 : segment[i - 1].list().size();
      auto& next = beams[i + 1];
      seen.assign(previous * size, -1);
      bigram.resize(previous * size);
      entries.resize(previous * size);
      where.resize(size);
      has_row.assign(previous, 0);
      trigram.resize(size);
      candidate_slots.mark(options);
      // Transitions are scored in probability space, relative to the best state (the states
      // come best first and lie within `beam_width` nats of it): e^(score − base) · P · e^(−λ
      // cost), with no logarithm per transition; the states kept go back to log scores.
      // A transition is at most its state's weight times its channel weight (P ≤ 1): one that
      // cannot come within `beam_width` of the best so far would be dropped below, so it is
      // not scored (once a state cannot, none after it can).
      const float base = beams[i].front().score;
      const float width = std::exp(-options_.beam_width);
      channel.resize(size);
      float cheapest = 0.0F;
      for (std::size_t c = 0; c < size; ++c) {
        channel[c] = std::exp(-lambda * options[c].cost);
        cheapest = std::max(cheapest, channel[c]);
      }
      float best_next = 0.0F;
      for (int s = 0; s < static_cast<int>(beams[i].size()); ++s) {
        const State& st = beams[i][s];
        const float weight = std::exp(st.score - base);
        if (weight * cheapest < best_next * width) break;
        const std::size_t row = st.candidate < 0 ? 0 : static_cast<std::size_t>(st.candidate);
        float* p2 = bigram.data() + row * size;
        LanguageModel::Entry* entry = entries.data() + row * size;
        if (has_row[row] == 0) {
          has_row[row] = 1;
          const Followers f = model_.bigram_context(st.v);
          candidate_slots.parts(f, options, p2, where.data());
          for (std::size_t c = 0; c < size; ++c) {
            const float uni = model_.unigram(options[c].id);
            p2[c] = f.interpolate(p2[c], uni);
            entry[c] = model_.entry(f, where[c]);
          }
        }
        const Followers context = st.u == LanguageModel::kBegin && st.v == LanguageModel::kBegin
                                      ? model_.begin_context()
                                      : model_.context_at(st.context);
        if (context.weight >= 0.0F) candidate_slots.parts(context, options, trigram.data());
        for (int c = 0; c < static_cast<int>(size); ++c) {
          const Candidate& cand = options[c];
          const float bound = weight * channel[c];
          if (bound < best_next * width) continue;
          const float p = context.interpolate(trigram[c], p2[c]);
          const float value = bound * p;  // held in State::score until the position is done
          best_next = std::max(best_next, value);
          // States with the same last two words are merged (Viterbi): the better one stays.
          int& slot = seen[row * size + static_cast<std::size_t>(c)];
          if (slot < 0) {
            slot = static_cast<int>(next.size());
            next.push_back({st.v, cand.id, value, s, c, entry[c]});
          } else if (value > next[static_cast<std::size_t>(slot)].score) {
            next[static_cast<std::size_t>(slot)] = {st.v, cand.id, value, s, c, entry[c]};
          }
        }
      }
      candidate_slots.clear();
      // Keep at most `beam` states, and none far behind the best, best first.
      std::erase_if(next, [&](const State& st) { return st.score < best_next * width; });
      // Ties (words the model knows equally little of) go to the better-ranked candidate.
      const auto better = [](const State& a, const State& b) {
        return a.score > b.score || (a.score == b.score && a.candidate < b.candidate);
      };
      const auto keep = static_cast<std::size_t>(std::max(1, options_.beam));
      if (next.size() > keep) {
        std::nth_element(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(keep) - 1,
                         next.end(), better);
        next.resize(keep);
      }
      std::sort(next.begin(), next.end(), better);
      for (State& st : next) {
        st.score = base + std::log(st.score);
        model_.prefetch(st.context);  // for the next position
      }
    }
    int best = 0;
    float best_score = -std::numeric_limits<float>::infinity();
    for (int s = 0; s < static_cast<int>(beams[n].size()); ++s) {
      const State& st = beams[n][s];
      const float score = st.score + model_.log_prob(st.u, st.v, LanguageModel::kEnd);
      if (score > best_score) best_score = score, best = s;
    }
    std::vector<int> chosen(n);
    for (std::size_t i = n; i-- > 0;) {
      chosen[i] = beams[i + 1][best].candidate;
      best = beams[i + 1][best].back;
    }
    // Word ids of the chosen path, padded: <s> <s> w0 … wn-1 </s>.
    std::vector<WordId> path = {LanguageModel::kBegin, LanguageModel::kBegin};
    for (std::size_t i = 0; i < n; ++i) path.push_back(segment[i].list()[chosen[i]].id);
    path.push_back(LanguageModel::kEnd);
    for (std::size_t i = 0; i < n; ++i) {
      if (segment[i].word == SIZE_MAX) continue;
      const auto& options = segment[i].list();
      const std::size_t p = i + 2;  // index in path
      std::vector<float> scores(options.size());
      float top = -std::numeric_limits<float>::infinity();
      // Each candidate w between its chosen neighbours u v _ x y: P(w | u v) · P(x | v w) ·
      // P(y | w x). Finding w after v gives P2(w | v) and the context (v, w); finding x after w
      // gives P2(x | w) and the context (w, x); no pair is looked up twice.
      const WordId u = path[p - 2], v = path[p - 1], x = path[p + 1];
      const bool third = p + 2 < path.size();
      const WordId y = third ? path[p + 2] : LanguageModel::kEnd;
      const Followers after_v = model_.bigram_context(v);
      const Followers after_uv = model_.context(u, v);
      const float next_p2 = third ? model_.bigram_prob(x, y) : 0.0F;
      for (std::size_t c = 0; c < options.size(); ++c) {
        const WordId w = options[c].id;
        const std::uint32_t at_w = after_v.find(w);
        const float p_w =
            after_uv.prob(w, after_v.interpolate(after_v.part_at(at_w), model_.unigram(w)));
        const Followers after_w = model_.bigram_context(w);
        const std::uint32_t at_x = after_w.find(x);
        const float p_x =
            model_.context_at(model_.entry(after_v, at_w))
                .prob(x, after_w.interpolate(after_w.part_at(at_x), model_.unigram(x)));
        float s = -lambda * options[c].cost + std::log(p_w) + std::log(p_x);
        if (third) s += std::log(model_.context_at(model_.entry(after_w, at_x)).prob(y, next_p2));
        scores[c] = s;
        top = std::max(top, s);
      }
      float total = 0.0F;
      for (float& s : scores) total += (s = std::exp(s - top));
      RestoredWord& word = out[segment[i].word];
      const Candidate& pick = options[chosen[i]];
      word.confidence = scores[chosen[i]] / total;
      const bool undecided = word.confidence < options_.keep_below;
      // A word that is no syllable, kept letter for letter, is kept as written: "TikTok",
      // "PayPal" are names, not "Tiktok", "Paypal".
      const bool as_written = pick.text.size() == word.original.size() &&
                              pick.text == lower(word.original) && !is_valid_syllable(pick.text);
      word.text =
          undecided || as_written ? word.original : apply_casing(pick.text, segment[i].casing);
      word.review = word.confidence < options_.review_below;
    }
    segment.clear();
  };

  const std::unordered_map<std::size_t, Named> named = find_names(text, trusted_text);
  TokenStream stream(text);
  Token token{};
  std::size_t last_end = 0;
  std::unordered_map<std::string_view, WordId> fixed_ids = {
      {"<num>", model_.id("<num>")}, {"<doc>", model_.id("<doc>")}, {"<url>", model_.id("<url>")}};
  const auto fixed = [&](std::string_view name) {
    Position p;
    p.fixed.push_back({fixed_ids[name], std::string(name), 0.0F});
    segment.push_back(std::move(p));
  };
  // A position for a word of the text, choosing among `p`'s candidates.
  const auto add_word = [&](const Token& word, const std::u32string& letters, Position p) {
    p.casing = casing_of(letters);
    p.word = out.size();
    out.push_back({word.offset, std::string(word.text), std::string(word.text), 1.0F, false});
    segment.push_back(std::move(p));
  };
  bool have = stream.next(token);
  while (have) {
    const std::string_view gap = text.substr(last_end, token.offset - last_end);
    const auto nl = gap.find('\n');
    if (nl != std::string_view::npos && gap.find('\n', nl + 1) != std::string_view::npos) flush();
    if (segment.size() >= kMaxSegment) flush();
    Token current = token;
    have = stream.next(token);
    // "S&", "vé&": an ampersand glued to a word is a letter the OCR engine misread.
    while (have && (current.kind == TokenKind::kSyllable || current.kind == TokenKind::kWord) &&
           token.text == "&" && token.offset == current.offset + current.text.size()) {
      current.text = text.substr(current.offset, current.text.size() + 1);
      current.kind = TokenKind::kWord;
      have = stream.next(token);
    }
    last_end = current.offset + current.text.size();
    switch (current.kind) {
      case TokenKind::kPunctuation:
        flush();
        break;
      case TokenKind::kNumber: {
        // "bị 161 kéo", "mối 16 ràng": in OCR text, between two words, a short number of the
        // digits OCR puts for letters may be a misread syllable. The model decides; the
        // number as it stands costs nothing.
        const auto word_gap = [&](std::size_t from, std::size_t to) {
          return to == from + 1 && text[from] == ' ';
        };
        const bool between_words =
            reading == Reading::kOcr && !segment.empty() && segment.back().word != SIZE_MAX &&
            word_gap(out.back().offset + out.back().original.size(), current.offset) && have &&
            (token.kind == TokenKind::kSyllable || token.kind == TokenKind::kWord) &&
            word_gap(last_end, token.offset);
        if (!between_words || !letter_like_number(current.text)) {
          fixed("<num>");
          break;
        }
        Position p;
        p.options = &number_candidates(current.text, fixed_ids["<num>"]);
        add_word(current, utf8::to_u32(current.text), std::move(p));
        break;
      }
      case TokenKind::kDocumentNumber:
        fixed("<doc>");
        break;
      case TokenKind::kUrl:
      case TokenKind::kEmail:
        fixed("<url>");
        break;
      case TokenKind::kSyllable:
      case TokenKind::kWord: {
        const std::u32string letters = utf8::to_u32(current.text);
        if (const auto name = named.find(current.offset);
            name != named.end() && name->second.size == current.text.size()) {
          Position p;
          p.fixed.push_back({model_.id(name->second.word), name->second.word, 0.0F});
          add_word(current, letters, std::move(p));
          break;
        }
        const std::size_t after = current.offset + current.text.size();
        if (roman_numeral(current.text, after < text.size() ? text[after] : '\0') ||
            list_letter(text, current.offset, current.text)) {
          fixed("<num>");
          break;
        }
        // Not ours to change: long words, abbreviations (UBND, NQ, GDĐT) and, in trusted text,
        // every word that is not a syllable (Covid, 5K): the engine read them as they are.
        const bool abbreviation =
            all_capitals(letters) && index_->skeletons.count(ocr_fold(letters)) == 0;
        if (letters.size() > kMaxWordLetters + 4 || abbreviation ||
            (trusted_text && !is_valid_syllable(std::u32string_view(letters)))) {
          fixed("<unk>");
          break;
        }
        Position p;
        p.options = &candidates_for(current.text, reading);
        add_word(current, letters, std::move(p));
        break;
      }
    }
  }
  flush();
}

// ---- learning the channel -----------------------------------------------------------------

namespace {

// −ln(the odds of a reading seen `count` times against one seen `against` times), in units of
// the channel weight, between a floor and a ceiling.
float odds_cost(double count, double against, float lambda) {
  return std::clamp(static_cast<float>(-std::log((count + 0.5) / (against + 0.5)) / lambda), 0.02F,
                    3.0F);
}

}  // namespace

std::vector<float> learn_channel(const LanguageModel& model, std::string_view ocr_text,
                                 int iterations, ChannelReport* report) {
  std::vector<float> table;
  auto normal = normalize(ocr_text);
  const std::string text = normal ? std::move(*normal) : std::string();
  for (int round = 0; round < iterations; ++round) {
    LanguageModel current_model = model;  // a copy carrying the table of the last round
    current_model.set_channel(table);
    Restorer restorer(current_model);
    const Restoration r = restorer.restore(text);
    const GlyphPairs pairs = glyph_pairs_of(table);
    const Costs costs{table.size() >= kChannelSize ? table.data() : nullptr, false, &pairs};
    EditCounts counts;
    std::size_t used = 0;
    for (const RestoredWord& w : r.words) {
      const std::u32string original = utf8::to_u32(lower(w.original));
      if (w.confidence < 0.9F || trusts_marks(original) || w.text == w.original) continue;
      count_edits(infos_of(utf8::to_u32(lower(w.text))), infos_of(original), costs, counts);
      ++used;
    }
    // Costs relative to the letter's most frequent reading, in units of the channel weight.
    // For most letters that is the letter itself; a marked vowel an engine without the
    // Vietnamese model never writes (ế is read as é, e, &, …), and pricing its readings
    // against reading it right would put every one of them at the floor, the rare as cheap as
    // the usual.
    const float lambda = RestoreOptions{}.channel_weight;
    table.assign(kChannelSize, std::numeric_limits<float>::quiet_NaN());
    std::size_t learned = 0;
    double bare_seen = 0, usual_seen = 0;  // marked vowels read bare; their usual readings
    for (std::size_t t = 0; t < kLetters; ++t) {
      const double* read = counts.sub.data() + t * kLetters;
      const double seen = std::accumulate(read, read + kLetters, counts.del[t]);
      if (seen < 30) continue;  // too few to say anything about this letter
      const double usual = *std::max_element(read, read + kLetters);
      const auto cost = [&](double c) { return odds_cost(c, usual, lambda); };
      const CharInfo truth = info_of(letter_at(t));
      for (std::size_t o = 0; o < kLetters; ++o) {
        if (o == t) continue;
        if (read[o] >= 3) {
          table[t * kLetters + o] = cost(read[o]);
          ++learned;
        } else if (truth.marked && letter_at(o) != U'?') {
          // A marked vowel's reading seen less often costs at least what so rare a reading
          // would: the hand-set costs, made for marks merely lost, are below it.
          table[t * kLetters + o] =
              std::max(substitution(truth, info_of(letter_at(o)), false), cost(read[o]));
        }
      }
      if (counts.del[t] >= 3) table[kLetters * kLetters + t] = cost(counts.del[t]);
      if (truth.marked) {
        bare_seen += read[static_cast<unsigned char>(truth.fold)];
        usual_seen += usual;
      }
    }
    // Losing every mark (ề read as e) is one event whatever the letter: its cost is pooled over
    // the marked vowels, so that text typed without marks, where it is all that happened, is
    // read by the language model alone.
    if (usual_seen > 0) {
      const float bare = odds_cost(bare_seen, usual_seen, lambda);
      for (std::size_t t = 256; t < 328; ++t) {
        const CharInfo truth = info_of(letter_at(t));
        if (truth.marked) table[t * kLetters + static_cast<unsigned char>(truth.fold)] = bare;
      }
    }
    // Two-glyph readings are counted by the letter without its tone (an engine without the
    // Vietnamese model writes ư as "ir" whatever its tone), against the most frequent reading
    // of a marked letter of that family.
    std::vector<float> pair_costs;
    std::size_t learned_pairs = 0;
    for (const auto& [key, count] : counts.pair) {
      if (count < 3) continue;
      const std::size_t level = key / (kLetters * kLetters);
      double usual = 0;
      for (int tone = 0; tone < 6; ++tone) {
        const CharInfo t = info_of(
            compose_letter(split_letter(letter_at(level)).base, static_cast<Tone>(tone), false));
        if (!t.marked) continue;
        const double* read = counts.sub.data() + t.at * kLetters;
        usual = std::max(usual, *std::max_element(read, read + kLetters));
      }
      const float cost = odds_cost(count, usual, lambda);
      pair_costs.insert(pair_costs.end(), {static_cast<float>(level),
                                           static_cast<float>(key % (kLetters * kLetters)), cost});
      ++learned_pairs;
    }
    for (std::size_t o = 0; o < kLetters; ++o) {
      if (counts.ins[o] >= 3) {
        table[kLetters * kLetters + kLetters + o] = std::clamp(
            static_cast<float>(-std::log(counts.ins[o] / counts.ocr_letters) / lambda), 0.3F, 3.0F);
      }
    }
    table.insert(table.end(), pair_costs.begin(), pair_costs.end());
    if (report != nullptr) {
      report->words = used;
      report->learned_substitutions = learned;
      report->learned_pairs = learned_pairs;
    }
  }
  return table;
}

// ---- training from files -----------------------------------------------------------------

Status train_repair_model(const TrainingFiles& files, int min_trigram_count,
                          const std::string& output,
                          const std::function<void(const std::string&)>& log) {
  LanguageModelTrainer trainer;
  const auto add = [&](const std::string& path, int weight) -> Status {
    std::size_t documents = 0;
    LOA_RETURN_IF_ERROR(read_corpus(path, [&](std::string_view text) {
      trainer.add_text(text, weight);
      ++documents;
    }));
    log(path + ": " + std::to_string(documents) + " document(s), weight " + std::to_string(weight) +
        ", " + std::to_string(trainer.tokens()) + " tokens so far");
    return Status::ok();
  };
  for (const auto& f : files.corpus) LOA_RETURN_IF_ERROR(add(f, 1));
  for (const auto& f : files.in_domain) LOA_RETURN_IF_ERROR(add(f, 3));
  if (trainer.tokens() == 0) return invalid_argument("no training text in the given files");
  LanguageModel model = trainer.build(min_trigram_count);
  if (!files.ocr_samples.empty()) {
    std::string sample;
    for (const auto& f : files.ocr_samples) {
      auto text = read_file(f);
      if (!text) return text.status();
      sample += *text + "\n\n";
    }
    ChannelReport report;
    model.set_channel(learn_channel(model, sample, 2, &report));
    log("channel learned from " + std::to_string(report.words) +
        " repaired words: " + std::to_string(report.learned_substitutions) +
        " substitution costs, " + std::to_string(report.learned_pairs) + " two-glyph readings");
  }
  model.set_candidate_table(Restorer(model).candidate_table());
  LOA_RETURN_IF_ERROR(model.save(output));
  std::error_code ec;
  log("wrote " + output + ": " + std::to_string(model.vocabulary_size()) + " words, " +
      std::to_string(model.ngram_count()) + " n-grams, " +
      std::to_string(std::filesystem::file_size(output, ec) / 1024) + " KiB");
  return Status::ok();
}

}  // namespace loa::vi
