// File: base/ascii.h
//
// The ASCII case and space handling that protocols and markup need (header names, tags,
// charset labels, URL parts) — not for Vietnamese text, which vi/text.h lowers and folds.
//
//   ascii_lower("Content-Type") == "content-type";  trim_space("  a b\n") == "a b"
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace loa {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Without leading and trailing ASCII white space (spaces, tabs, line breaks).
inline std::string_view trim_space(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace loa
