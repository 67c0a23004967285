// File: web/http.h
//
// Loa's own small HTTP request and response types. The Beast server (server.cpp) converts
// to and from them, so handlers, the router and their tests never include Boost headers.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loa::web {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/api/v1/organisations?as_of=2025-07-01"
  std::string path;    // target without the query, percent-decoded
  std::string query;   // after '?', raw
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_addr;
  std::string request_id;

  // Filled in while handling, for the access log and metrics.
  std::string route;     // the matched pattern, e.g. "/api/v1/organisations/:id"
  std::string username;  // the signed-in user, if any

  // The first header of that name (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
  // A query parameter (percent-decoded), or "" when absent.
  std::string query_param(std::string_view name) const;
  bool changes_state() const { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set instead of an answer for long work (documents through LibreOffice, fetching a page,
  // reading a scanned plan): the server runs it on its blocking threads, so the event loop
  // keeps answering others meanwhile, and sends what it returns.
  std::function<Response()> later;

  Response& set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

// "%C3%A1" → "á", "+" kept as is (only query strings treat "+" as space).
std::string percent_decode(std::string_view text, bool plus_is_space = false);

// Every byte but A–Z a–z 0–9 - . _ ~ as %XX (RFC 3986), e.g. for filename*=UTF-8''….
std::string percent_encode(std::string_view text);

// The value of one cookie from a Cookie header, or "".
std::string cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace loa::web
