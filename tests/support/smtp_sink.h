// File: tests/support/smtp_sink.h
//
// A local SMTP server for tests: accepts every message on 127.0.0.1 and keeps it, so
// e-mail code is tested end to end without a real mail server.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace loa::testing {

struct SunkMail {
  std::string from;                     // MAIL FROM argument
  std::vector<std::string> recipients;  // RCPT TO arguments
  std::string data;                     // the message, headers and body
};

class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  unsigned short port() const;
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port()); }
  std::vector<SunkMail> messages() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace loa::testing
