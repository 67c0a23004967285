// File: tests/support/web_site.h
//
// A local web site for tests of fetching and polling (no internet in tests): an HTTP/1.1
// server on 127.0.0.1 answering from a table of addresses that the test changes as it goes —
// a feed that updates, a page that redirects forever, answers slower than a timeout. It
// finds an address with its query or else without it, answers 304 when a request's If-None-Match
// equals the page's ETag, 404 for addresses not in the table, and keeps a log of the requests.
//
//   WebSite site;
//   site.put("/rss", {.content_type = "application/rss+xml", .body = feed_xml});
//   fetch({.url = site.url("/rss")});
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace loa::testing {

struct WebPage {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body{};
  std::vector<std::pair<std::string, std::string>> headers{};  // extra: Location, ETag…
  std::chrono::milliseconds delay{0};                          // before answering
};

struct WebRequest {
  std::string target;  // path and query
  std::string if_none_match;
  std::string user_agent;
  std::string accept_encoding;
  std::chrono::steady_clock::time_point at;
};

class WebSite {
 public:
  WebSite();
  ~WebSite();
  WebSite(const WebSite&) = delete;
  WebSite& operator=(const WebSite&) = delete;

  unsigned short port() const;
  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(port()) + target;
  }
  void put(const std::string& target, WebPage page);
  void remove(const std::string& target);
  std::vector<WebRequest> requests() const;
  int hits(const std::string& target) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace loa::testing
