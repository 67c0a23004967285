// File: news/fetch.h
//
// Fetching a feed or a page over HTTP(S) with libcurl, within bounds an outlet's server (or
// an attacker's) cannot push Loa out of: http and https only (also after redirects), at most
// 5 redirects, a connect timeout, a total timeout, a minimum speed, and a size cap counted on
// the decompressed bytes (a gzip bomb stops at the cap, not at the end of memory). A
// conditional GET sends the ETag and Last-Modified of the previous answer; 304 comes back as
// `not_modified`.
//
//   auto r = news::fetch({.url = source.url, .etag = source.etag});
//   if (!r) mark_unhealthy(r.status().message());   // "timed out after 30 s", "over 8 MiB"…
//   else if (r->status == 200) parse(r->body);
//
// HTTP statuses are answers, not errors: the caller decides what 404 or 503 mean (the
// Retry-After of a 429/503 is given in seconds). Errors are for no answer at all:
// unavailable (network, timeout, TLS), resource_exhausted (too big), invalid_argument (not an
// http(s) address).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "base/status.h"

namespace loa::news {

inline constexpr const char* kUserAgent =
    "Loa/0.1 (press monitoring; +https://loa.haiphong.gov.vn)";

struct FetchRequest {
  std::string url{};
  std::string etag{};           // from the previous answer: If-None-Match
  std::string last_modified{};  // from the previous answer: If-Modified-Since
  std::string user_agent = kUserAgent;
  long connect_timeout_seconds = 10;
  long timeout_seconds = 30;
  long low_speed_bytes_per_second = 64;  // slower than this…
  long low_speed_seconds = 15;           // …for this long: given up
  std::size_t max_bytes = std::size_t{8} << 20;
  long max_redirects = 5;
};

struct FetchResponse {
  long status = 0;  // HTTP status of the last answer (after redirects)
  std::string final_url;
  std::string content_type;  // as sent, parameters included
  std::string etag;
  std::string last_modified;
  std::optional<long> retry_after_seconds;
  std::string body;  // decompressed
  bool not_modified() const { return status == 304; }
};

Result<FetchResponse> fetch(const FetchRequest& request);

}  // namespace loa::news
