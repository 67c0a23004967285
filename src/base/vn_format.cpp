// File: base/vn_format.cpp
#include "base/vn_format.h"

#include <cmath>

namespace loa {

std::string group_thousands(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (amount < 0 ? "-" : "") + out;
}

std::string dmy(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

std::string percent(double fraction) {
  const auto tenths = static_cast<std::int64_t>(std::llround(fraction * 1000));
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "," + std::to_string(std::llabs(tenths % 10));
  return out + "%";
}

}  // namespace loa
