// SMTP through libcurl.
#include "work/mailer.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "work/passwords.h"

namespace loa::work {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// "=?UTF-8?B?...?=" when the text is not plain ASCII.
std::string encoded_word(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text) ascii &= c >= 0x20 && c < 0x7f;
  return ascii ? text : "=?UTF-8?B?" + base64(text) + "?=";
}

std::string clean_header(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

struct Upload {
  std::string data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, u->data.size() - u->at);
  std::copy_n(u->data.data() + u->at, n, buffer);
  u->at += n;
  return n;
}

}  // namespace

std::string format_mail(const Mail& mail, const std::string& from, const std::string& from_name,
                        std::int64_t unix_time, const std::string& message_id) {
  char date[64];
  const std::time_t t = unix_time;
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string out;
  out += "Date: " + std::string(date) + "\r\n";
  out += "From: " + encoded_word(clean_header(from_name)) + " <" + clean_header(from) + ">\r\n";
  out += "To: " + encoded_word(clean_header(mail.to_name)) + " <" + clean_header(mail.to) + ">\r\n";
  out += "Subject: " + encoded_word(clean_header(mail.subject)) + "\r\n";
  out += "Message-ID: <" + clean_header(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  auto base64_lines = [&out](const std::string& bytes) {
    const std::string encoded = base64(bytes);
    for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  };
  if (mail.attachments.empty()) {
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(mail.body);
    return out;
  }
  const std::string boundary = "loa-" + message_id.substr(0, message_id.find('@'));
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  base64_lines(mail.body);
  for (const Attachment& a : mail.attachments) {
    const std::string name = clean_header(a.file_name);
    out += "--" + boundary + "\r\n";
    out += "Content-Type: " + clean_header(a.content_type) + "; name=\"" + name + "\"\r\n";
    out += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(a.bytes);
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

Status SmtpMailer::send(const Mail& mail) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return internal_error("smtp: curl_easy_init failed");
  const std::string domain = settings_.from.substr(settings_.from.find('@') + 1);
  Upload upload{format_mail(mail, settings_.from, settings_.from_name, std::time(nullptr),
                            random_token(12) + "@" + domain)};
  const std::string from = "<" + settings_.from + ">";
  const std::string to = "<" + mail.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   settings_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                         : static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return unavailable("smtp " + settings_.url + ": sending to " + mail.to + " failed: " +
                       (error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc)));
  }
  return Status::ok();
}

}  // namespace loa::work
