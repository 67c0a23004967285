// Boost.Beast HTTP server with coroutines, limits, timeouts, access logs and graceful shutdown.
#include "web/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

namespace loa::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

namespace {

// True when `target` is one of the paths that take file uploads (the larger body limit).
bool is_upload(const ServerConfig& config, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  for (const auto& p : config.upload_paths)
    if (p == path) return true;
  return false;
}

// One accepted connection. The registry keeps weak references so shutdown can close the
// idle ones; `busy` is true from a request's arrival until its response is written.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // touched only on the connection's strand
};

std::string make_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t prefix =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%06llx-%llu", static_cast<unsigned long long>(prefix & 0xffffff),
                static_cast<unsigned long long>(++counter));
  return buf;
}

Request to_request(http::request<http::string_body>&& in, const std::string& remote) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  std::string_view target = r.target;
  std::size_t q = target.find('?');
  r.path = percent_decode(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.body = std::move(in.body());
  r.remote_addr = remote;
  r.request_id = make_request_id();
  return r;
}

// Runs `work` on `pool` and completes with its response on the waiting handler's executor.
template <typename Token>
auto run_blocking(asio::thread_pool& pool, std::function<Response()> work, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&pool](auto handler, std::function<Response()> job) {
        auto back = asio::get_associated_executor(handler);
        asio::post(pool, [handler = std::move(handler), job = std::move(job), back]() mutable {
          Response done = job();
          asio::post(back, [handler = std::move(handler), done = std::move(done)]() mutable {
            std::move(handler)(std::move(done));
          });
        });
      },
      token, std::move(work));
}

http::response<http::string_body> to_beast(Response&& out, unsigned version, bool keep_alive,
                                           bool head) {
  http::response<http::string_body> res{static_cast<http::status>(out.status), version};
  res.set(http::field::server, "loa/" LOA_VERSION);
  res.set("X-Content-Type-Options", "nosniff");
  for (auto& [name, value] : out.headers) res.insert(name, value);
  res.keep_alive(keep_alive);
  res.body() = std::move(out.body);
  res.prepare_payload();
  if (head) res.body().clear();
  return res;
}

}  // namespace

struct Server::Impl {
  ServerConfig config;
  RequestHandler handler;
  RequestObserver observer;
  // One single-threaded event loop per thread: a connection lives on one loop for its whole
  // life, so no strands or scheduler locks are needed; the listener spreads connections
  // round-robin. `ioc` (loop 0) also runs the listener, signals and shutdown.
  std::vector<std::unique_ptr<asio::io_context>> loops;
  asio::thread_pool blocking;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::size_t next_loop = 0;
  asio::io_context& ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::steady_timer shutdown_timer{ioc};
  std::chrono::steady_clock::time_point shutdown_deadline;
  std::atomic<bool> stopping{false};
  std::atomic<int> open_connections{0};
  std::mutex registry_mutex;
  std::list<std::weak_ptr<Connection>> registry;

  static std::vector<std::unique_ptr<asio::io_context>> make_loops(int n) {
    std::vector<std::unique_ptr<asio::io_context>> v;
    for (int i = 0; i < std::max(1, n); ++i) v.push_back(std::make_unique<asio::io_context>(1));
    return v;
  }

  Impl(ServerConfig c, RequestHandler h, RequestObserver o)
      : config(std::move(c)),
        handler(std::move(h)),
        observer(std::move(o)),
        loops(make_loops(config.threads)),
        blocking(static_cast<std::size_t>(std::max(1, config.blocking_threads))),
        ioc(*loops[0]) {
    for (auto& loop : loops) keep_running.push_back(asio::make_work_guard(*loop));
  }

  // One JSON line per request. Built with fmt rather than a JSON tree: it runs for every
  // request. Free-text fields (path, user) are escaped through nlohmann's serializer.
  void log_access(const Request& req, int status, std::size_t bytes, double seconds) {
    auto quoted = [](const std::string& text) {
      return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    spdlog::info(
        R"({{"msg":"request","ts":{},"request_id":"{}","remote":"{}","method":"{}","path":{},)"
        R"("route":{},"status":{},"bytes":{},"ms":{:.3f}{}}})",
        std::time(nullptr), req.request_id, req.remote_addr, req.method, quoted(req.path),
        quoted(req.route), status, bytes, seconds * 1000.0,
        req.username.empty() ? std::string() : ",\"user\":" + quoted(req.username));
  }

  // Answers a request the server itself rejects (too large, malformed) and closes.
  asio::awaitable<void> reject(Connection& conn, int status, const char* code, const char* message,
                               const std::string& remote) {
    Request req;
    req.remote_addr = remote;
    req.request_id = make_request_id();
    req.route = "(rejected)";
    nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    Response out;
    out.status = status;
    out.body = body.dump();
    out.set_header("Content-Type", "application/json; charset=utf-8");
    auto res = to_beast(std::move(out), 11, false, false);
    conn.stream.expires_after(config.read_timeout);
    co_await http::async_write(conn.stream, res, kNoThrow);
    observer(req, status, 0);
    log_access(req, status, res.body().size(), 0);
  }

  asio::awaitable<void> serve(std::shared_ptr<Connection> conn) {
    struct Count {
      std::atomic<int>& n;
      explicit Count(std::atomic<int>& c) : n(c) { ++n; }
      ~Count() { --n; }
    } count(open_connections);
    beast::error_code ec;
    std::string remote = "unknown";
    auto endpoint = conn->stream.socket().remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();

    beast::flat_buffer buffer;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
      // Uploads may be larger than other requests: the larger limit while the header is read
      // (Beast checks Content-Length against it there), the route's own limit after.
      parser.body_limit(std::max(config.body_limit, config.upload_limit));

      conn->stream.expires_after(config.idle_timeout);
      auto [read_ec, header_bytes] =
          co_await http::async_read_header(conn->stream, buffer, parser, kNoThrow);
      (void)header_bytes;
      if (!read_ec) {
        const auto& head = parser.get();
        const std::string_view target = head.target();
        const bool upload = head.method() == http::verb::post && is_upload(config, target);
        const std::size_t limit = upload ? config.upload_limit : config.body_limit;
        parser.body_limit(limit);
        if (parser.content_length() && *parser.content_length() > limit)
          read_ec = http::error::body_limit;
      }
      if (!read_ec && !parser.is_done()) {
        conn->busy = true;
        conn->stream.expires_after(config.read_timeout);
        // Clients such as curl wait for "100 Continue" before sending a large body.
        if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
          http::response<http::empty_body> go_on{http::status::continue_, 11};
          auto [continue_ec, continue_bytes] =
              co_await http::async_write(conn->stream, go_on, kNoThrow);
          (void)continue_bytes;
          read_ec = continue_ec;
        }
      }
      if (!read_ec && !parser.is_done()) {
        auto [body_ec, body_bytes] =
            co_await http::async_read(conn->stream, buffer, parser, kNoThrow);
        (void)body_bytes;
        read_ec = body_ec;
      }
      conn->busy = true;
      if (read_ec) {
        if (read_ec == http::error::body_limit) {
          co_await reject(*conn, 413, "payload_too_large", "request body is too large", remote);
        } else if (read_ec == http::error::header_limit) {
          co_await reject(*conn, 431, "headers_too_large", "request headers are too large", remote);
        } else if (read_ec.category() == beast::error_code(http::error::bad_method).category() &&
                   read_ec != http::error::end_of_stream &&
                   read_ec != http::error::partial_message) {
          co_await reject(*conn, 400, "bad_request", "malformed HTTP request", remote);
        }
        break;  // closed by the peer, timed out, or cancelled by shutdown
      }

      const auto started = std::chrono::steady_clock::now();
      auto beast_request = parser.release();
      const unsigned version = beast_request.version();
      const bool keep_alive = beast_request.keep_alive();
      const bool head = beast_request.method() == http::verb::head;
      Request request = to_request(std::move(beast_request), remote);
      Response response = handler(request);
      if (response.later) {
        auto later = std::move(response.later);
        response = co_await run_blocking(blocking, std::move(later), asio::use_awaitable);
      }
      const int status = response.status;
      auto res = to_beast(std::move(response), version, keep_alive && !stopping, head);
      const std::size_t bytes = res.body().size();

      conn->stream.expires_after(config.read_timeout);
      auto [write_ec, written] = co_await http::async_write(conn->stream, res, kNoThrow);
      (void)written;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      observer(request, status, seconds);
      log_access(request, status, bytes, seconds);
      conn->busy = false;
      if (write_ec || !res.keep_alive()) break;
    }
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    conn->stream.close();
  }

  asio::awaitable<void> accept_loop() {
    while (!stopping) {
      asio::io_context& loop = *loops[next_loop++ % loops.size()];
      auto [ec, socket] = co_await acceptor.async_accept(loop, kNoThrow);
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping) co_return;
        spdlog::warn(R"({{"msg":"accept failed","error":"{}"}})", ec.message());
        continue;
      }
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(registry_mutex);
        registry.remove_if([](const auto& w) { return w.expired(); });
        registry.push_back(conn);
      }
      asio::co_spawn(conn->stream.get_executor(), serve(conn), asio::detached);
    }
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info(R"({{"msg":"shutting down","open_connections":{}}})", open_connections.load());
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel();
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard lock(registry_mutex);
      for (auto& w : registry) {
        if (auto c = w.lock()) live.push_back(std::move(c));
      }
    }
    // Close idle connections on their own strands; busy ones close after their response.
    for (auto& c : live) {
      asio::post(c->stream.get_executor(), [c] {
        if (!c->busy) c->stream.cancel();
      });
    }
    shutdown_deadline = std::chrono::steady_clock::now() + config.shutdown_grace;
    poll_shutdown();
  }

  // Stops the loops once every connection has closed, or when the grace period is over.
  void poll_shutdown() {
    if (open_connections == 0 || std::chrono::steady_clock::now() >= shutdown_deadline) {
      for (auto& loop : loops) loop->stop();
      return;
    }
    shutdown_timer.expires_after(std::chrono::milliseconds(20));
    shutdown_timer.async_wait([this](const beast::error_code&) { poll_shutdown(); });
  }
};

Server::Server(ServerConfig config, RequestHandler handler, RequestObserver observer)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler), std::move(observer))) {}

Server::~Server() = default;

void Server::stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->begin_shutdown(); });
}

Status Server::run() {
  Impl& s = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.config.host, ec);
  if (ec) return invalid_argument("cannot listen on '" + s.config.host + "': not an IP address");
  tcp::endpoint endpoint(address, s.config.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return unavailable("cannot listen on " + s.config.host + ":" + std::to_string(s.config.port) +
                       ": " + ec.message());
  }
  const unsigned short port = s.acceptor.local_endpoint().port();
  if (!s.config.port_file.empty()) {
    std::ofstream(s.config.port_file) << port << "\n";
  }
  spdlog::info(R"({{"msg":"listening","host":"{}","port":{},"threads":{}}})", s.config.host, port,
               s.config.threads);

  s.signals.async_wait([&s](const beast::error_code& error, int) {
    if (!error) s.begin_shutdown();
  });
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);

  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < s.loops.size(); ++i) {
    workers.emplace_back([&s, i] { s.loops[i]->run(); });
  }
  s.ioc.run();
  for (auto& t : workers) t.join();
  spdlog::info(R"({"msg":"stopped"})");
  return Status::ok();
}

Result<std::pair<std::string, unsigned short>> parse_listen_address(const std::string& text) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return invalid_argument("listen address '" + text + "' must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host = text.substr(0, colon);
  std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    return invalid_argument("listen port '" + port_text + "' must be a number from 0 to 65535");
  }
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  if (ec) return invalid_argument("listen host '" + host + "' is not an IP address");
  return std::pair{host, static_cast<unsigned short>(port)};
}

}  // namespace loa::web
