// Vietnamese letters and syllable structure. See syllable.h.
#include "vi/syllable.h"

#include <array>
#include <unordered_set>
#include <vector>

#include "vi/utf8.h"

namespace loa::vi {

namespace {

// The twelve vowel bases, each with its six tones in Tone order; lower then upper case.
constexpr std::array<char32_t, 12> kBases = {U'a', U'ă', U'â', U'e', U'ê', U'i',
                                             U'o', U'ô', U'ơ', U'u', U'ư', U'y'};
constexpr std::u32string_view kLower[12] = {U"aàảãáạ", U"ăằẳẵắặ", U"âầẩẫấậ", U"eèẻẽéẹ",
                                            U"êềểễếệ", U"iìỉĩíị", U"oòỏõóọ", U"ôồổỗốộ",
                                            U"ơờởỡớợ", U"uùủũúụ", U"ưừửữứự", U"yỳỷỹýỵ"};
constexpr std::u32string_view kUpper[12] = {U"AÀẢÃÁẠ", U"ĂẰẲẴẮẶ", U"ÂẦẨẪẤẬ", U"EÈẺẼÉẸ",
                                            U"ÊỀỂỄẾỆ", U"IÌỈĨÍỊ", U"OÒỎÕÓỌ", U"ÔỒỔỖỐỘ",
                                            U"ƠỜỞỠỚỢ", U"UÙỦŨÚỤ", U"ƯỪỬỮỨỰ", U"YỲỶỸÝỴ"};

// A direct table for code points below U+1F00: bits 0-3 base index + 1 (0 = not a vowel),
// bits 4-6 tone, bit 7 upper case.
struct LetterTable {
  std::array<std::uint8_t, 0x1F00> code{};
  constexpr LetterTable() {
    for (std::size_t b = 0; b < 12; ++b) {
      for (std::size_t t = 0; t < 6; ++t) {
        code[kLower[b][t]] = static_cast<std::uint8_t>((b + 1) | (t << 4));
        code[kUpper[b][t]] = static_cast<std::uint8_t>((b + 1) | (t << 4) | 0x80);
      }
    }
  }
};
constexpr LetterTable kLetterTable;  // built by the compiler

int base_index(char32_t base) {
  switch (base) {
    case U'a':
      return 0;
    case U'ă':
      return 1;
    case U'â':
      return 2;
    case U'e':
      return 3;
    case U'ê':
      return 4;
    case U'i':
      return 5;
    case U'o':
      return 6;
    case U'ô':
      return 7;
    case U'ơ':
      return 8;
    case U'u':
      return 9;
    case U'ư':
      return 10;
    case U'y':
      return 11;
    default:
      return -1;
  }
}

using Set = std::unordered_set<std::u32string_view>;

// Rhymes without a medial (the onset's own vowel in qu/gi aside).
const Set& plain_rhymes() {
  static const Set set = {
      U"a",    U"ac",   U"ach", U"ai",  U"am",  U"an",  U"ang", U"anh", U"ao",   U"ap",  U"at",
      U"au",   U"ay",   U"ăc",  U"ăm",  U"ăn",  U"ăng", U"ăp",  U"ăt",  U"âc",   U"âm",  U"ân",
      U"âng",  U"âp",   U"ât",  U"âu",  U"ây",  U"e",   U"ec",  U"em",  U"en",   U"eng", U"eo",
      U"ep",   U"et",   U"ê",   U"êch", U"êm",  U"ên",  U"ênh", U"êp",  U"êt",   U"êu",  U"i",
      U"ia",   U"ich",  U"im",  U"in",  U"inh", U"ip",  U"it",  U"iu",  U"iêc",  U"iêm", U"iên",
      U"iêng", U"iêp",  U"iêt", U"iêu", U"o",   U"oc",  U"oi",  U"om",  U"on",   U"ong", U"ooc",
      U"oong", U"op",   U"ot",  U"ô",   U"ôc",  U"ôi",  U"ôm",  U"ôn",  U"ông",  U"ôp",  U"ôt",
      U"ơ",    U"ơi",   U"ơm",  U"ơn",  U"ơp",  U"ơt",  U"u",   U"ua",  U"uc",   U"ui",  U"um",
      U"un",   U"ung",  U"up",  U"ut",  U"uôc", U"uôi", U"uôm", U"uôn", U"uông", U"uôt", U"ư",
      U"ưa",   U"ưc",   U"ưi",  U"ưm",  U"ưn",  U"ưng", U"ưt",  U"ưu",  U"ươc",  U"ươi", U"ươm",
      U"ươn",  U"ương", U"ươp", U"ươt", U"ươu", U"y",   U"yêm", U"yên", U"yêt",  U"yêu", U"yêng"};
  return set;
}

// Rhymes with the medial o or u after a consonant other than q (hoa, khuyên, thuở).
const Set& medial_rhymes() {
  static const Set set = {U"oa",  U"oac", U"oach", U"oai",  U"oam", U"oan",  U"oang", U"oanh",
                          U"oao", U"oap", U"oat",  U"oay",  U"oăc", U"oăm",  U"oăn",  U"oăng",
                          U"oăt", U"oe",  U"oen",  U"oeo",  U"oet", U"uân",  U"uâng", U"uât",
                          U"uây", U"uê",  U"uêch", U"uênh", U"uy",  U"uych", U"uynh", U"uyt",
                          U"uyu", U"uya", U"uyên", U"uyêt", U"uơ",  U"uyn",  U"uyp"};
  return set;
}

// After qu: the rhymes whose u the onset already holds (quy, quýnh, quyết).
const Set& qu_extra_rhymes() {
  static const Set set = {U"ych", U"ynh", U"yt", U"yu", U"ya", U"yp", U"yn", U"oang", U"oăt"};
  return set;
}

struct Parsed {
  std::array<char32_t, 8> buf{};  // lower case, toneless letters
  std::size_t size = 0;
  std::u32string_view bases() const { return {buf.data(), size}; }
  std::size_t onset_length = 0;
  Tone tone = Tone::kLevel;
  std::size_t tone_at = 0;  // index of the toned letter when tone != kLevel
};

bool is_front(char32_t b) { return b == U'e' || b == U'ê' || b == U'i' || b == U'y'; }

bool rhyme_allowed(std::u32string_view onset, std::u32string_view rhyme) {
  if (rhyme.empty() || !is_vowel_base(rhyme.front())) return false;
  const char32_t first = rhyme.front();
  if (onset == U"qu") {
    if (first == U'u' || first == U'ư') return false;  // "quu" is not written
    return plain_rhymes().count(rhyme) || qu_extra_rhymes().count(rhyme);
  }
  if (onset == U"gi") {
    return plain_rhymes().count(rhyme) || medial_rhymes().count(rhyme) ||
           plain_rhymes().count(U"i" + std::u32string(rhyme));
  }
  // Spelling rules: k, gh, ngh before front vowels; c, g, ng elsewhere.
  if (onset == U"k" && !is_front(first)) return false;
  if ((onset == U"gh" || onset == U"ngh") && !(first == U'e' || first == U'ê' || first == U'i')) {
    return false;
  }
  if ((onset == U"c" || onset == U"q") && is_front(first)) return false;
  if ((onset == U"g" || onset == U"ng") && (first == U'e' || first == U'ê')) return false;
  if (onset == U"q") return false;
  if (plain_rhymes().count(rhyme) || medial_rhymes().count(rhyme)) return true;
  return false;
}

constexpr std::u32string_view kOnsets[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"th", U"tr", U"qu", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};

bool is_consonant_base(char32_t b) {
  return (b >= U'a' && b <= U'z' && !is_vowel_base(b)) || b == U'đ';
}

// Splits `word` into toneless bases and its tone; false if it is not a valid syllable.
bool parse(std::u32string_view word, Parsed& out) {
  if (word.empty() || word.size() > out.buf.size()) return false;
  out.size = 0;
  out.tone = Tone::kLevel;
  out.tone_at = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const Letter l = split_letter(word[i]);
    if (!is_vowel_base(l.base) && !is_consonant_base(l.base)) return false;
    if (l.tone != Tone::kLevel) {
      if (out.tone != Tone::kLevel) return false;  // two tones
      out.tone = l.tone;
      out.tone_at = i;
    }
    out.buf[out.size++] = l.base;
  }
  const std::u32string_view b = out.bases();
  out.onset_length = 0;
  for (std::u32string_view onset : kOnsets) {
    if (!b.starts_with(onset)) continue;
    if (onset == U"gi" && (b.size() < 3 || !is_vowel_base(b[2]))) continue;
    if (onset == U"qu" && b.size() < 3) continue;
    out.onset_length = onset.size();
    break;
  }
  if (out.onset_length == 0 && !b.empty() && !is_vowel_base(b[0])) return false;
  const std::u32string_view onset = b.substr(0, out.onset_length);
  const std::u32string_view rhyme = b.substr(out.onset_length);
  if (!rhyme_allowed(onset, rhyme)) return false;
  const char32_t last = rhyme.back();
  const bool stop = last == U'p' || last == U't' || last == U'c' || rhyme.ends_with(U"ch");
  if (stop && out.tone != Tone::kAcute && out.tone != Tone::kDot) return false;
  // A toned letter must be a vowel of the rhyme (a tone on the i of "gi" is the "gì" case).
  return out.tone == Tone::kLevel || is_vowel_base(b[out.tone_at]);
}

// Index (into the whole word) of the vowel that carries the tone by convention.
std::size_t tone_position(const Parsed& p) {
  const std::u32string_view b = p.bases();
  std::size_t start = p.onset_length;
  std::size_t end = start;
  while (end < b.size() && is_vowel_base(b[end])) ++end;
  const bool coda = end < b.size();
  for (std::size_t i = end; i-- > start;) {
    if (has_quality_mark(b[i])) return i;
  }
  const std::size_t vowels = end - start;
  if (coda || vowels == 1) return end - 1;
  return vowels == 2 ? start : start + 1;
}

}  // namespace

Letter split_letter(char32_t cp) {
  if (cp < 0x80) {
    const bool upper = cp >= U'A' && cp <= U'Z';
    return {upper ? cp + 32 : cp, Tone::kLevel, upper};
  }
  if (cp == U'đ') return {U'đ', Tone::kLevel, false};
  if (cp == U'Đ' || cp == 0x00D0) return {U'đ', Tone::kLevel, true};
  if (cp < kLetterTable.code.size()) {
    const std::uint8_t c = kLetterTable.code[cp];
    if (c != 0) {
      return {kBases[(c & 0x0F) - 1], static_cast<Tone>((c >> 4) & 0x07), (c & 0x80) != 0};
    }
  }
  return {cp, Tone::kLevel, false};
}

char32_t compose_letter(char32_t base, Tone tone, bool upper) {
  const int b = base_index(base);
  if (b < 0) {
    if (base == U'đ') return upper ? U'Đ' : U'đ';
    if (upper && base >= U'a' && base <= U'z') return base - 32;
    return base;
  }
  const auto t = static_cast<std::size_t>(tone);
  return upper ? kUpper[b][t] : kLower[b][t];
}

bool is_vowel_base(char32_t base) { return base_index(base) >= 0; }

bool has_quality_mark(char32_t base) {
  return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' ||
         base == U'ư';
}

char32_t unmarked(char32_t base) {
  switch (base) {
    case U'ă':
    case U'â':
      return U'a';
    case U'ê':
      return U'e';
    case U'ô':
    case U'ơ':
      return U'o';
    case U'ư':
      return U'u';
    case U'đ':
      return U'd';
    default:
      return base;
  }
}

namespace {

// Every valid syllable in lower case (about 20,000 with the tone on any of its vowels),
// enumerated once from the onsets and rhymes above and checked by parse(), held as 64-bit
// hashes of their UTF-8 in an open-addressing table: the hot path of the tokenizer.
class SyllableSet {
 public:
  SyllableSet() {
    std::vector<std::u32string> rhymes;
    for (const Set* set : {&plain_rhymes(), &medial_rhymes(), &qu_extra_rhymes()}) {
      for (auto r : *set) {
        rhymes.emplace_back(r);
        if (r.size() > 1 && r.front() == U'i') rhymes.emplace_back(r.substr(1));  // gi + êng
      }
    }
    std::vector<std::uint64_t> hashes;
    Parsed p;
    std::u32string word;
    const auto add = [&](const std::u32string& w) {
      if (!parse(w, p)) return;
      std::uint64_t h = SyllableHash::kSeed;
      for (char32_t cp : w) {
        utf8::encode(cp, [&h](unsigned char b) { h = SyllableHash::step(h, b); });
      }
      hashes.push_back(h);
    };
    for (std::u32string_view onset : kOnsets) {
      for (std::u32string_view onset_or_none : {onset, std::u32string_view()}) {
        for (const auto& r : rhymes) {
          word.assign(onset_or_none);
          word += r;
          add(word);
          for (std::size_t at = onset_or_none.size(); at < word.size(); ++at) {
            const Letter l = split_letter(word[at]);
            if (!is_vowel_base(l.base)) continue;
            for (int t = 1; t < 6; ++t) {
              std::u32string toned = word;
              toned[at] = compose_letter(l.base, static_cast<Tone>(t), false);
              add(toned);
            }
          }
        }
      }
    }
    std::size_t capacity = 1;
    while (capacity < hashes.size() * 2) capacity <<= 1;
    table_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::uint64_t h : hashes) {
      if (h == 0) h = 1;
      std::size_t i = h & mask_;
      while (table_[i] != 0 && table_[i] != h) i = (i + 1) & mask_;
      table_[i] = h;
    }
  }

  bool contains_hash(std::uint64_t h) const {
    if (h == 0) h = 1;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (table_[i] == h) return true;
      if (table_[i] == 0) return false;
    }
  }

 private:
  std::vector<std::uint64_t> table_;
  std::uint64_t mask_ = 0;
};

const SyllableSet& syllables() {
  static const SyllableSet set;
  return set;
}

}  // namespace

bool SyllableHash::is_syllable() const {
  return letters_ > 0 && letters_ <= 8 && syllables().contains_hash(hash_);
}

bool is_valid_syllable(std::u32string_view word) {
  if (word.size() > 8) return false;
  SyllableHash hash;
  for (char32_t cp : word) hash.add(cp);
  return hash.is_syllable();
}

bool is_valid_syllable(std::string_view word) {
  if (word.size() > 32) return false;
  SyllableHash hash;
  for (std::size_t i = 0; i < word.size();) {
    const utf8::Decoded d = utf8::decode(word, i);
    if (d.cp == utf8::kInvalid) return false;
    hash.add(d.cp);
    i += d.length;
  }
  return hash.is_syllable();
}

std::u32string place_tone(std::u32string_view word) {
  Parsed p;
  if (!parse(word, p) || p.tone == Tone::kLevel) return std::u32string(word);
  const std::size_t at = tone_position(p);
  if (at == p.tone_at) return std::u32string(word);
  std::u32string out(word);
  const Letter from = split_letter(word[p.tone_at]);
  const Letter to = split_letter(word[at]);
  out[p.tone_at] = compose_letter(from.base, Tone::kLevel, from.upper);
  out[at] = compose_letter(to.base, p.tone, to.upper);
  return out;
}

std::string place_tone(std::string_view word) {
  if (word.size() > 32) return std::string(word);
  return utf8::from_u32(place_tone(utf8::to_u32(word)));
}

}  // namespace loa::vi
