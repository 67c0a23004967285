// Input checks shared by the work module.
#include "work/input.h"

#include "vi/text.h"

namespace loa::work {

Result<std::string> clean_text(const nlohmann::json& value, const std::string& path,
                               std::size_t max_bytes) {
  if (!value.is_string()) return invalid_argument(path + " must be text");
  auto nfc = vi::to_nfc(value.get<std::string>());
  if (!nfc) return invalid_argument(path + ": " + nfc.status().message());
  if (nfc->size() > max_bytes) {
    return invalid_argument(path + " is too long (" + std::to_string(nfc->size()) +
                            " bytes; at most " + std::to_string(max_bytes) + ")");
  }
  return nfc;
}

Result<std::optional<std::int64_t>> parse_whole_number(const std::string& name,
                                                       const std::string& raw, std::int64_t min,
                                                       std::int64_t max) {
  if (raw.empty()) return std::optional<std::int64_t>();
  if (raw.size() <= 15 && raw.find_first_not_of("0123456789") == std::string::npos) {
    const std::int64_t value = std::stoll(raw);
    if (value >= min && value <= max) return std::optional<std::int64_t>(value);
  }
  return invalid_argument(name + " must be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", not '" + raw + "'");
}

}  // namespace loa::work
