// The local web site: Boost.Beast's synchronous HTTP over a thread per connection.
#include "support/web_site.h"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace loa::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct WebSite::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  unsigned short port = acceptor.local_endpoint().port();
  mutable std::mutex mutex;
  std::condition_variable stop_signal;
  bool stopping = false;
  std::map<std::string, WebPage> pages;
  std::vector<WebRequest> log;
  std::set<int> open_sockets;
  std::vector<std::thread> connections;
  std::thread acceptor_thread;

  // false when the site is stopping.
  bool wait(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex);
    return !stop_signal.wait_for(lock, delay, [this] { return stopping; });
  }

  void serve(tcp::socket socket) {
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    for (;;) {
      http::request_parser<http::string_body> parser;
      http::read(socket, buffer, parser, ec);
      if (ec) break;
      const http::request<http::string_body> request = parser.release();
      const std::string target(request.target());
      WebPage page;
      bool found = false;
      {
        std::lock_guard lock(mutex);
        log.push_back({target, std::string(request[http::field::if_none_match]),
                       std::string(request[http::field::user_agent]),
                       std::string(request[http::field::accept_encoding]),
                       std::chrono::steady_clock::now()});
        // The address with its query, else without (a site ignores ?utm_source=…).
        auto it = pages.find(target);
        if (it == pages.end()) it = pages.find(target.substr(0, target.find('?')));
        if (it != pages.end()) {
          page = it->second;
          found = true;
        }
      }
      if (!found) page = {404, "text/plain", "not found", {}, {}};
      if (page.delay.count() > 0 && !wait(page.delay)) break;
      http::response<http::string_body> response{http::status(page.status), request.version()};
      response.set(http::field::server, "loa-test-site");
      response.set(http::field::content_type, page.content_type);
      std::string etag;
      for (const auto& [name, value] : page.headers) {
        response.set(name, value);
        if (beast::iequals(name, "ETag")) etag = value;
      }
      if (!etag.empty() && request[http::field::if_none_match] == etag) {
        response.result(http::status::not_modified);
      } else if (request.method() != http::verb::head) {
        response.body() = page.body;
      }
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      http::write(socket, response, ec);
      if (ec || !request.keep_alive()) break;
    }
    {
      std::lock_guard lock(mutex);
      open_sockets.erase(socket.native_handle());
    }
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  void accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket(io);
      acceptor.accept(socket, ec);
      std::lock_guard lock(mutex);
      if (ec || stopping) return;
      open_sockets.insert(socket.native_handle());
      connections.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
  }
};

WebSite::WebSite() : impl_(std::make_unique<Impl>()) {
  impl_->acceptor_thread = std::thread([this] { impl_->accept_loop(); });
}

WebSite::~WebSite() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    // Wake connections blocked in a read; their threads then end.
    for (int fd : impl_->open_sockets) ::shutdown(fd, SHUT_RDWR);
  }
  impl_->stop_signal.notify_all();
  boost::system::error_code ec;
  {
    tcp::socket poke(impl_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port), ec);
  }
  if (impl_->acceptor_thread.joinable()) impl_->acceptor_thread.join();
  for (auto& t : impl_->connections)
    if (t.joinable()) t.join();
  impl_->acceptor.close(ec);
}

unsigned short WebSite::port() const { return impl_->port; }

void WebSite::put(const std::string& target, WebPage page) {
  std::lock_guard lock(impl_->mutex);
  impl_->pages[target] = std::move(page);
}

void WebSite::remove(const std::string& target) {
  std::lock_guard lock(impl_->mutex);
  impl_->pages.erase(target);
}

std::vector<WebRequest> WebSite::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

int WebSite::hits(const std::string& target) const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<int>(std::count_if(impl_->log.begin(), impl_->log.end(),
                                        [&](const WebRequest& r) { return r.target == target; }));
}

}  // namespace loa::testing
