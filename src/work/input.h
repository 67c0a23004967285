// File: work/input.h
//
// Checks shared by the work module's JSON inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/status.h"

namespace loa::work {

// The NFC form of the text `value` at `path` (named in the message), within `max_bytes`.
Result<std::string> clean_text(const nlohmann::json& value, const std::string& path,
                               std::size_t max_bytes);

// The whole number `raw` (a request parameter `name`) within [min, max]; nullopt when empty.
// invalid_argument names the parameter and the range.
Result<std::optional<std::int64_t>> parse_whole_number(const std::string& name,
                                                       const std::string& raw, std::int64_t min,
                                                       std::int64_t max);

}  // namespace loa::work
