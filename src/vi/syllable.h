// File: vi/syllable.h
//
// Vietnamese letters and syllables: the six tones, vowel letters with and without their
// tone, and the syllable structure (onset + rhyme + tone) that decides whether a string is a
// possible Vietnamese syllable and where its tone mark belongs.
//
//   split_letter(U'Ế')            == {U'ê', Tone::kAcute, true}
//   is_valid_syllable("nghiêng")  == true     is_valid_syllable("ngha") == false
//   is_valid_syllable("hoạt")     == true     is_valid_syllable("hoàt") == false  (stop coda)
//   place_tone("hoà")             == "hòa"    place_tone("THUÝ")        == "THÚY"
//
// Tone placement follows the convention of Vietnamese government documents and most of the
// press (the "traditional" placement of Unikey/Vietkey defaults): on the vowel with a quality
// mark if there is one (ơ of ươ), otherwise on the last vowel when a final consonant follows,
// otherwise on the first of two vowels (hòa, hòe, thúy, mía) or the middle of three
// (ngoái, khuỷu). docs/ARCHITECTURE.md, "Vietnamese text", explains the choice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vi/utf8.h"

namespace loa::vi {

enum class Tone : std::uint8_t { kLevel, kGrave, kHook, kTilde, kAcute, kDot };

struct Letter {
  char32_t base;  // lower case without tone: U'ê' for 'Ế', U'đ' for 'Đ', the letter itself
  Tone tone;
  bool upper;
};

// The parts of a letter; letters outside Vietnamese come back as themselves (lowered for
// ASCII and Vietnamese capitals only) with Tone::kLevel.
Letter split_letter(char32_t cp);

// The letter with `base` (one of a ă â e ê i o ô ơ u ư y, lower case) carrying `tone`.
char32_t compose_letter(char32_t base, Tone tone, bool upper);

bool is_vowel_base(char32_t base);     // a ă â e ê i o ô ơ u ư y
bool has_quality_mark(char32_t base);  // ă â ê ô ơ ư

// The letter in lower case ('Ế' → 'ế', 'Đ' → 'đ', 'A' → 'a'); other code points unchanged.
inline char32_t lower_letter(char32_t cp) {
  const Letter l = split_letter(cp);
  return l.upper ? compose_letter(l.base, l.tone, false) : cp;
}

// A base letter without its quality mark or bar: ă â → a, ê → e, ô ơ → o, ư → u, đ → d;
// every other code point unchanged.
char32_t unmarked(char32_t base);

// True when `word` (any case, NFC) is a possible Vietnamese syllable: a known onset, a known
// rhyme for that onset, at most one tone, and a checked-stop rhyme (-p -t -c -ch) only with
// the acute or dot tone.
bool is_valid_syllable(std::string_view word);
bool is_valid_syllable(std::u32string_view word);

// Tells a syllable while a word is being read, letter by letter, without a second pass
// (the tokenizer's hot path): the lower-case UTF-8 of the letters is hashed as the set of all
// syllables is.
class SyllableHash {
 public:
  static constexpr std::uint64_t kSeed = 0xcbf29ce484222325ULL;  // FNV-1a over UTF-8 bytes
  static constexpr std::uint64_t step(std::uint64_t hash, unsigned char byte) {
    return (hash ^ byte) * 0x100000001b3ULL;
  }

  void add(char32_t letter) {
    ++letters_;
    if (letter < 0x80) {  // ASCII, the common case
      hash_ = step(hash_, static_cast<unsigned char>(letter - 'A' < 26 ? letter + 32 : letter));
    } else {
      utf8::encode(lower_letter(letter), [this](unsigned char b) { hash_ = step(hash_, b); });
    }
  }
  bool is_syllable() const;

 private:
  std::uint64_t hash_ = kSeed;
  std::size_t letters_ = 0;
};

// `word` with its tone mark moved to the conventional vowel; unchanged when `word` is not a
// valid syllable. Case is kept letter by letter.
std::string place_tone(std::string_view word);
std::u32string place_tone(std::u32string_view word);

}  // namespace loa::vi
