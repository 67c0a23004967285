// File: base/vn_format.h
//
// Numbers and dates as Vietnamese documents write them: "12.500.000" (dots between thousands),
// "03/12/2026".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace loa {

// 12500000 → "12.500.000"; -1500 → "-1.500".
std::string group_thousands(std::int64_t amount);

// "2026-12-03" → "03/12/2026"; other text unchanged.
std::string dmy(std::string_view iso);

// 0.625 → "62,5%" (one decimal, a comma, no decimal when whole: 0.5 → "50%").
std::string percent(double fraction);

}  // namespace loa
