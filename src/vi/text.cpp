// NFC and folding through utf8proc.
#include "vi/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace loa::vi {

namespace {
struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Runs utf8proc_map with `options` into `out`; false on error.
bool map(std::string_view text, int options, std::string& out) {
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &raw,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(raw);
  if (n < 0) return false;
  out.assign(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
  return true;
}

// The well-formed UTF-8 of `text`, with every invalid byte left out.
std::string valid_part(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    const bool valid = n > 0 && cp >= 0;
    if (valid) clean.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    const utf8proc_ssize_t step = valid ? n : 1;  // an invalid byte is skipped alone
    p += step;
    left -= step;
  }
  return clean;
}
}  // namespace

bool is_valid_utf8(std::string_view text) { return valid_part(text).size() == text.size(); }

Result<std::string> to_nfc(std::string_view text) {
  std::string out;
  if (!is_valid_utf8(text) || !map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out)) {
    return invalid_argument("text is not valid UTF-8");
  }
  return out;
}

std::string fold(std::string_view text) {
  // Keep only the well-formed part, so one bad byte does not lose the whole text.
  std::string clean = valid_part(text);
  std::string folded;
  if (!map(clean, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
           folded)) {
    return clean;
  }
  // đ (U+0111) is a letter of its own, not d with a mark: map it by hand.
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 2, "\xC4\x91") == 0) {
      out.push_back('d');
      ++i;
    } else {
      out.push_back(folded[i]);
    }
  }
  return out;
}

}  // namespace loa::vi
