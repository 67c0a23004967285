// File: work/input.h
//
// Checks shared by the work module's JSON inputs.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"

namespace loa::work {

// The NFC form of the text `value` at `path` (named in the message), within `max_bytes`.
Result<std::string> clean_text(const nlohmann::json& value, const std::string& path,
                               std::size_t max_bytes);

}  // namespace loa::work
