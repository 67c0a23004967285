// File: tests/support/http_client.h
//
// A small synchronous HTTP/1.1 client for integration tests: one keep-alive connection,
// a cookie jar, and a raw mode for sending malformed bytes.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace loa::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  bool keep_alive = false;
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, unsigned short port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Sends a request on the open connection (reconnecting if the server closed it).
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  // POST with a JSON body and, when known, the CSRF header.
  HttpResponse post_json(const std::string& target, const std::string& json);

  // Signs in and keeps the session cookie and CSRF token ("loa-demo-2025": the demo users').
  HttpResponse sign_in(const std::string& username, const std::string& password = "loa-demo-2025");

  // Writes `bytes` on a new connection and returns everything read until the server closes.
  std::string raw(const std::string& bytes);

  std::map<std::string, std::string> cookies;
  std::string csrf_token;
  // Connections opened so far (1 while keep-alive holds).
  int connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace loa::testing
