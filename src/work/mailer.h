// File: work/mailer.h
//
// E-mail for reminders and notifications, over SMTP with libcurl (STARTTLS when the server
// offers it; required with require_tls; smtps:// for implicit TLS). Messages are plain UTF-8
// text, base64-encoded, the subject an RFC 2047 encoded word, so Vietnamese survives any relay.
//
//   SmtpMailer mailer({"smtp://mail.haiphong.gov.vn:587", "loa@haiphong.gov.vn", …});
//   Status s = mailer.send({"lan@sngv.haiphong.gov.vn", "Lê Thị Lan", "Sắp đến hạn", "…"});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace loa::work {

struct Attachment {
  std::string file_name;  // ASCII ("diem-bao-2026-12-03.docx")
  std::string content_type;
  std::string bytes;
};

struct Mail {
  std::string to;       // address
  std::string to_name;  // display name
  std::string subject;
  std::string body;
  std::vector<Attachment> attachments;  // any: the message is multipart/mixed
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status send(const Mail& mail) = 0;
};

struct SmtpSettings {
  std::string url;   // smtp://host:port, smtps://host:port
  std::string from;  // sender address
  std::string from_name = "Loa";
  std::string user;  // empty: no authentication
  std::string password;
  bool require_tls = false;
  long timeout_seconds = 30;
};

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {}
  Status send(const Mail& mail) override;

 private:
  SmtpSettings settings_;
};

// The RFC 5322 message text (headers and base64 body, CRLF line ends).
std::string format_mail(const Mail& mail, const std::string& from, const std::string& from_name,
                        std::int64_t unix_time, const std::string& message_id);

}  // namespace loa::work
