// A minimal SMTP server (RFC 5321 commands without extensions) on a thread.
#include "support/smtp_sink.h"

#include <atomic>
#include <boost/asio.hpp>
#include <mutex>
#include <optional>
#include <thread>

namespace loa::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

struct SmtpSink::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  unsigned short port = acceptor.local_endpoint().port();
  mutable std::mutex mutex;
  std::vector<SunkMail> messages;
  std::atomic<bool> stopping{false};
  std::thread thread;

  void serve(tcp::socket socket) {
    boost::system::error_code ec;
    asio::streambuf buffer;
    auto say = [&](const std::string& line) {
      asio::write(socket, asio::buffer(line + "\r\n"), ec);
    };
    auto read_line = [&]() -> std::optional<std::string> {
      asio::read_until(socket, buffer, "\r\n", ec);
      if (ec) return std::nullopt;
      std::istream in(&buffer);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    };
    say("220 sink ready");
    SunkMail mail;
    while (auto line = read_line()) {
      const std::string verb = line->substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        say("250-sink");
        say("250 OK");
      } else if (verb == "MAIL") {
        mail = {};
        mail.from = line->substr(10);
        say("250 OK");
      } else if (verb == "RCPT") {
        mail.recipients.push_back(line->substr(8));
        say("250 OK");
      } else if (verb == "DATA") {
        say("354 end with .");
        while (auto data = read_line()) {
          if (*data == ".") break;
          mail.data += (data->starts_with("..") ? data->substr(1) : *data) + "\n";
        }
        {
          std::lock_guard lock(mutex);
          messages.push_back(mail);
        }
        say("250 queued");
      } else if (verb == "QUIT") {
        say("221 bye");
        return;
      } else {
        say("250 OK");
      }
    }
  }

  void accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket(io);
      acceptor.accept(socket, ec);
      if (ec || stopping) return;
      serve(std::move(socket));
    }
  }
};

SmtpSink::SmtpSink() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([this] { impl_->accept_loop(); });
}

SmtpSink::~SmtpSink() {
  // Wake the blocking accept() with a connection it will see as the signal to stop.
  impl_->stopping = true;
  boost::system::error_code ec;
  {
    tcp::socket poke(impl_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port), ec);
  }
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->acceptor.close(ec);
}

unsigned short SmtpSink::port() const { return impl_->port; }

std::vector<SunkMail> SmtpSink::messages() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->messages;
}

}  // namespace loa::testing
