// File: news/url.h
//
// Canonical article addresses, so that one article reached by different links is stored
// once: scheme and host lower-cased, default ports and fragments dropped, tracking
// parameters (utm_*, fbclid, gclid, zarsrc, …) removed, the remaining ones kept in order.
//
//   canonical_url("HTTPS://BaoHaiPhong.vn:443/tin-a.html?utm_source=fb&id=7#top")
//     == "https://baohaiphong.vn/tin-a.html?id=7"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loa::news {

// nullopt for what is not an absolute http(s) address.
std::optional<std::string> canonical_url(std::string_view url);

// The host of an absolute address, lower-cased, without "www."; "" when there is none.
std::string url_host(std::string_view url);

// The parts of an absolute http(s) address a request uses, as they are written (not made
// canonical): the origin "https://baohaiphong.vn:8443" (scheme and host lower-cased, no
// credentials) and the target "/a/b?c" (no fragment; "/" when empty). "" when not http(s).
std::string url_origin(std::string_view url);
std::string url_target(std::string_view url);

}  // namespace loa::news
