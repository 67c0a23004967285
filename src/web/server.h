// File: web/server.h
//
// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines, one coroutine per
// connection, `threads` threads running the event loop. It reads requests within the
// configured limits and timeouts, hands each to the handler as a web::Request, and writes
// the web::Response back. Beast stays inside server.cpp.
//
//   Server server(config, [&](Request& r) { return app.handle(r); },
//                 [&](const Request& r, int status, double s) { app.observe(r, status, s); });
//   Status s = server.run();  // returns after SIGINT/SIGTERM, once in-flight requests finish
//
// A handler with long work answers with Response::later; that runs on `blocking_threads`
// other threads while the connection waits, so one slow document never stalls the rest.
//
// Shutdown: on SIGINT or SIGTERM the listener closes, idle keep-alive connections are
// closed, requests being handled finish and are answered with "Connection: close"; after
// `shutdown_grace` whatever is left is cut off.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "web/http.h"

namespace loa::web {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;           // 0: any free port (see port_file)
  int threads = 2;                      // running the event loop
  int blocking_threads = 2;             // running long handlers (Response::later)
  std::size_t body_limit = 1 << 20;     // bytes of request body
  std::size_t upload_limit = 64 << 20;  // … for POST to upload_paths (document uploads)
  std::vector<std::string> upload_paths = {"/api/v1/plans", "/api/v1/files",
                                           "/api/v1/organisations/import"};
  std::size_t header_limit = 16 << 10;    // bytes of request line + headers
  std::chrono::seconds read_timeout{30};  // to receive a whole request, or send a response
  std::chrono::seconds idle_timeout{60};  // keep-alive wait for the next request
  std::chrono::seconds shutdown_grace{10};
  std::string port_file;  // if set, the bound port is written here once listening
};

using RequestHandler = std::function<Response(Request&)>;
using RequestObserver = std::function<void(const Request&, int status, double seconds)>;

class Server {
 public:
  Server(ServerConfig config, RequestHandler handler, RequestObserver observer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, serves until SIGINT/SIGTERM (or stop()), then shuts down gracefully.
  Status run();
  // Starts the same graceful shutdown as a signal; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080" = all interfaces).
Result<std::pair<std::string, unsigned short>> parse_listen_address(const std::string& text);

}  // namespace loa::web
