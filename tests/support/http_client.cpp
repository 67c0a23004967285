// Boost.Beast synchronous client for tests.
#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace loa::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

struct HttpClient::Impl {
  std::string host;
  unsigned short port;
  asio::io_context ioc;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int opened = 0;

  void connect() {
    stream = std::make_unique<beast::tcp_stream>(ioc);
    stream->expires_after(std::chrono::seconds(30));
    stream->connect(tcp::endpoint(asio::ip::make_address(host), port));
    buffer.clear();
    ++opened;
  }
};

HttpClient::HttpClient(std::string host, unsigned short port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

int HttpClient::connections_opened() const { return impl_->opened; }

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.method_string(method);
  req.set(http::field::host, impl_->host);
  std::string cookie_header;
  for (const auto& [k, v] : cookies)
    cookie_header += (cookie_header.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie_header.empty()) req.set(http::field::cookie, cookie_header);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(true);

  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream) impl_->connect();
    beast::error_code ec;
    impl_->stream->expires_after(std::chrono::seconds(30));
    http::write(*impl_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) http::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {  // the server closed an idle keep-alive connection: reconnect once
      impl_->stream.reset();
      if (attempt == 0) continue;
      throw beast::system_error(ec);
    }
    auto res = parser.release();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    out.keep_alive = res.keep_alive();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value(field.value());
      if (name == "set-cookie") {
        std::string pair = value.substr(0, value.find(';'));
        std::size_t eq = pair.find('=');
        std::string key = pair.substr(0, eq), val = pair.substr(eq + 1);
        if (val.empty() || value.find("Max-Age=0") != std::string::npos) {
          cookies.erase(key);
        } else {
          cookies[key] = val;
        }
      }
      out.headers.emplace_back(std::move(name), std::move(value));
    }
    out.body = std::move(res.body());
    if (!out.keep_alive) impl_->stream.reset();
    return out;
  }
  return {};
}

HttpResponse HttpClient::post_json(const std::string& target, const std::string& json) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
  if (!csrf_token.empty()) headers.emplace_back("X-CSRF-Token", csrf_token);
  return request("POST", target, json, headers);
}

std::string HttpClient::raw(const std::string& bytes) {
  beast::tcp_stream stream(impl_->ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(tcp::endpoint(asio::ip::make_address(impl_->host), impl_->port));
  asio::write(stream, asio::buffer(bytes));
  std::string out;
  char chunk[4096];
  beast::error_code ec;
  for (;;) {
    std::size_t n = stream.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
  }
  return out;
}

HttpResponse HttpClient::sign_in(const std::string& username, const std::string& password) {
  HttpResponse r = post_json("/api/v1/auth/login",
                             nlohmann::json{{"username", username}, {"password", password}}.dump());
  if (r.status == 200) csrf_token = nlohmann::json::parse(r.body).value("csrf_token", "");
  return r;
}

}  // namespace loa::testing
