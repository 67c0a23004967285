// File: vi/text.h
//
// The first pieces of Loa's Vietnamese text module: UTF-8 validity, NFC normalisation and
// accent-insensitive folding. Everything stored or displayed is NFC; matching that a person
// expects to ignore accents compares folded forms.
//
//   *to_nfc("Ho\u0300a")  == "Hòa"          (decomposed input, composed output)
//   fold("Đà Nẵng")       == "da nang"      (marks off, đ → d, lower case)
//
// Tone-mark placement ("hoà" vs "hòa"), syllables and the search tokenizer come with the
// text-engine issue; they build on these functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::vi {

bool is_valid_utf8(std::string_view text);

// The NFC form of `text`; invalid_argument if it is not well-formed UTF-8.
Result<std::string> to_nfc(std::string_view text);

// Lower case with every combining mark removed and đ/Đ mapped to d, for accent-insensitive
// comparison. Invalid UTF-8 sequences are dropped.
std::string fold(std::string_view text);

}  // namespace loa::vi
