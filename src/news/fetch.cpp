// HTTP(S) fetching through libcurl's easy interface, bounded in time, size and redirects.
#include "news/fetch.h"

#include <curl/curl.h>

#include <memory>

#include "base/ascii.h"

namespace loa::news {

namespace {

struct Received {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_big = false;
  std::string etag;
  std::string last_modified;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  const std::size_t n = size * count;
  if (r->body.size() + n > r->max_bytes) {
    r->too_big = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  r->body.append(data, n);
  return n;
}

// Each answer's headers (a redirect's too): a status line starts a new answer.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    r->etag.clear();
    r->last_modified.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = ascii_lower(line.substr(0, colon));
  const std::string value(trim_space(line.substr(colon + 1)));
  if (name == "etag")
    r->etag = value;
  else if (name == "last-modified")
    r->last_modified = value;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<FetchResponse> fetch(const FetchRequest& request) {
  const std::string scheme = ascii_lower(request.url.substr(0, request.url.find(':')));
  if (scheme != "http" && scheme != "https")
    return invalid_argument("'" + request.url + "' is not an http(s) address");
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return internal_error("curl_easy_init failed");
  CURL* c = curl.get();
  Received received;
  received.max_bytes = request.max_bytes;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  add_header(
      "Accept: text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
      "application/xml;q=0.9,*/*;q=0.5");
  if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
  char error[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, request.max_redirects);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, request.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, request.low_speed_bytes_per_second);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, request.low_speed_seconds);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // every coding curl can decode
  curl_easy_setopt(c, CURLOPT_USERAGENT, request.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &received);

  const CURLcode rc = curl_easy_perform(c);
  const std::string where = " (" + request.url + ")";
  if (received.too_big || rc == CURLE_FILESIZE_EXCEEDED)
    return resource_exhausted("the answer is over " + size_text(request.max_bytes) + where);
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return unavailable(std::string(error[0] ? error : "timed out") + " (limits: " +
                       std::to_string(request.timeout_seconds) + " s in all, at least " +
                       std::to_string(request.low_speed_bytes_per_second) + " bytes/s)" + where);
  }
  if (rc == CURLE_TOO_MANY_REDIRECTS)
    return unavailable("more than " + std::to_string(request.max_redirects) + " redirects" + where);
  if (rc == CURLE_UNSUPPORTED_PROTOCOL)
    return invalid_argument("redirected to an address that is not http(s)" + where);
  if (rc != CURLE_OK)
    return unavailable(std::string(error[0] ? error : curl_easy_strerror(rc)) + where);

  FetchResponse response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  char* final_url = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url)
    response.final_url = final_url;
  char* type = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
    response.content_type = type;
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
    response.retry_after_seconds = static_cast<long>(retry_after);
  response.etag = std::move(received.etag);
  response.last_modified = std::move(received.last_modified);
  response.body = std::move(received.body);
  return response;
}

}  // namespace loa::news
