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

}  // namespace loa::work
