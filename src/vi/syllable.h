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

#include <cstdint>
#include <string>
#include <string_view>

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

bool is_vowel_base(char32_t base);  // a ă â e ê i o ô ơ u ư y

// True when `word` (any case, NFC) is a possible Vietnamese syllable: a known onset, a known
// rhyme for that onset, at most one tone, and a checked-stop rhyme (-p -t -c -ch) only with
// the acute or dot tone.
bool is_valid_syllable(std::string_view word);
bool is_valid_syllable(std::u32string_view word);

// For scanners that hash while they read (the tokenizer): the FNV-1a hash of a word's
// lower-case UTF-8, fed one byte at a time from kSyllableHashSeed, then looked up.
inline constexpr std::uint64_t kSyllableHashSeed = 0xcbf29ce484222325ULL;
inline std::uint64_t syllable_hash_step(std::uint64_t h, unsigned char byte) {
  return (h ^ byte) * 0x100000001b3ULL;
}
bool is_syllable_hash(std::uint64_t hash);

// `word` with its tone mark moved to the conventional vowel; unchanged when `word` is not a
// valid syllable. Case is kept letter by letter.
std::string place_tone(std::string_view word);
std::u32string place_tone(std::u32string_view word);

}  // namespace loa::vi
