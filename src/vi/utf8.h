// File: vi/utf8.h
//
// Small UTF-8 helpers for the text module's hot loops: decode one code point, append one.
// Decoding never reads past the end and reports malformed sequences (overlong forms,
// surrogates, values above U+10FFFF, truncation) as kInvalid with a length of 1, so callers
// can skip one byte and go on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace loa::vi::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

struct Decoded {
  char32_t cp;
  std::size_t length;  // bytes consumed, ≥ 1
};

// Decodes the code point starting at text[i] (i < text.size()).
inline Decoded decode(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {kInvalid, 1};
  }
  if (i + len > text.size()) return {kInvalid, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kInvalid, 1};
  return {cp, len};
}

// Calls emit(byte) for each byte of the UTF-8 form of `cp`.
template <typename Emit>
inline void encode(char32_t cp, Emit&& emit) {
  if (cp < 0x80) {
    emit(static_cast<unsigned char>(cp));
  } else if (cp < 0x800) {
    emit(static_cast<unsigned char>(0xC0 | (cp >> 6)));
    emit(static_cast<unsigned char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    emit(static_cast<unsigned char>(0xE0 | (cp >> 12)));
    emit(static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F)));
    emit(static_cast<unsigned char>(0x80 | (cp & 0x3F)));
  } else {
    emit(static_cast<unsigned char>(0xF0 | (cp >> 18)));
    emit(static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F)));
    emit(static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F)));
    emit(static_cast<unsigned char>(0x80 | (cp & 0x3F)));
  }
}

inline void append(std::string& out, char32_t cp) {
  encode(cp, [&out](unsigned char b) { out.push_back(static_cast<char>(b)); });
}

// The code points of well-formed `text`; invalid bytes are dropped.
inline std::u32string to_u32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (d.cp != kInvalid) out.push_back(d.cp);
    i += d.length;
  }
  return out;
}

inline std::string from_u32(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t cp : text) append(out, cp);
  return out;
}

// The longest start of `text` of at most `max_bytes` that does not cut a code point.
inline std::string_view prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace loa::vi::utf8
