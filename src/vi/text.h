// File: vi/text.h
//
// Vietnamese text as Loa stores and compares it: UTF-8 validity, NFC, the one normal form of
// stored text, accent-insensitive folding, and detection of legacy 8-bit encodings.
//
//   *to_nfc("Ho\u0300a")            == "Hòa"        (decomposed input, composed output)
//   *normalize("Hoà\u00A0bình “X”") == "Hòa bình \"X\""
//   fold("Đà Nẵng")                 == "da nang"    (marks off, đ → d, lower case)
//
// The normal form (normalize): NFC; tone marks placed by the convention of syllable.h
// (hoà → hòa, thuý → thúy); Ð (U+00D0) → Đ; typographic quotes → " and ', every dash and
// minus sign → '-', every kind of space → one ' ' (runs collapsed, line ends trimmed);
// CR LF, CR and U+2028/2029 → '\n'; control and zero-width characters removed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::vi {

bool is_valid_utf8(std::string_view text);

// The byte offset of the first malformed UTF-8 sequence, or nullopt when `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The NFC form of `text`; invalid_argument if it is not well-formed UTF-8.
Result<std::string> to_nfc(std::string_view text);

// Loa's normal form of `text` (see above); invalid_argument naming the line and byte offset
// when `text` is not well-formed UTF-8.
Result<std::string> normalize(std::string_view text);

// Lower case with every mark removed and đ/Đ mapped to d, for accent-insensitive comparison.
// Invalid UTF-8 sequences are dropped.
std::string fold(std::string_view text);
void fold_append(std::string_view text, std::string& out);

// Marks an OCR engine without the Vietnamese model leaves where a letter carried a diacritic,
// turned back into letters the repair can work on: a quote or apostrophe between letters is
// dropped ("nhu’ng" → "nhung", "THU'C" → "THUC"); "¢" after a letter is "e" ("thi¢n"),
// elsewhere "c" ("¢6"); "¥" is "y" ("k¥"); "§" is "o" ("N§i"). Other text is unchanged.
std::string clean_ocr_artifacts(std::string_view text);

// `text` with its first letter a capital, marks kept ("đặc khu" → "Đặc khu", "ủy" → "Ủy");
// the rest unchanged.
std::string capitalize(std::string_view text);

// Lower case keeping the marks: "ĐÀ Nẵng" → "đà nẵng".
std::string lower(std::string_view text);

// Upper case keeping the marks, as headers of official documents write names: "Sở Văn hóa"
// → "SỞ VĂN HÓA".
std::string upper(std::string_view text);

// Text typed in a pre-Unicode Vietnamese encoding and pasted as if it were Latin-1/Windows-1252
// ("Céng hoµ x· héi" is TCVN3, "Coäng hoøa xaõ hoäi" is VNI): detected so it can be reported
// instead of being stored as garbage — also a legacy paragraph pasted into a Unicode text, but
// not a Unicode or accent-free text that uses a sign of those encodings now and then ("FSC®").
enum class LegacyEncoding { kNone, kTcvn3, kVni };
LegacyEncoding detect_legacy_encoding(std::string_view text);
std::string_view legacy_encoding_name(LegacyEncoding encoding);

}  // namespace loa::vi
