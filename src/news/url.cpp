// File: news/url.cpp
#include "news/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/ascii.h"

namespace loa::news {

namespace {

bool tracking_parameter(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n.starts_with("utm_")) return true;
  static constexpr const char* kNames[] = {"fbclid", "gclid",  "dclid", "msclkid", "zarsrc",
                                           "mc_cid", "mc_eid", "_ga",   "igshid",  "ref_src",
                                           "gidzl",  "yclid",  "spm",   "cmpid"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* k) { return n == k; });
}

struct Split {
  std::string scheme;  // lower-cased; empty when not http(s)
  std::string_view authority;
  std::string_view tail;  // path and query, without the fragment
};

Split split(std::string_view url) {
  url = trim_space(url);
  Split s;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return s;
  const std::string scheme = ascii_lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return s;
  std::string_view rest = url.substr(scheme_end + 3);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const auto path_start = rest.find_first_of("/?");
  s.authority = rest.substr(0, path_start);
  s.tail = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  if (const auto at = s.authority.rfind('@'); at != std::string_view::npos)
    s.authority = s.authority.substr(at + 1);  // credentials never belong in a stored address
  if (!s.authority.empty()) s.scheme = scheme;
  return s;
}

}  // namespace

std::string url_origin(std::string_view url) {
  const Split s = split(url);
  if (s.scheme.empty()) return "";
  return s.scheme + "://" + ascii_lower(s.authority);
}

std::string url_target(std::string_view url) {
  const Split s = split(url);
  if (s.scheme.empty()) return "";
  if (s.tail.empty()) return "/";
  if (s.tail.front() == '?') return "/" + std::string(s.tail);
  return std::string(s.tail);
}

std::optional<std::string> canonical_url(std::string_view url) {
  const Split parts = split(url);
  if (parts.scheme.empty()) return std::nullopt;
  const std::string& scheme = parts.scheme;
  const std::string_view tail = parts.tail;
  std::string host = ascii_lower(parts.authority);
  if ((scheme == "http" && host.ends_with(":80")) || (scheme == "https" && host.ends_with(":443")))
    host.erase(host.rfind(':'));
  while (!host.empty() && host.back() == '.') host.pop_back();
  std::string_view path = tail.substr(0, tail.find('?'));
  std::string_view query = tail.find('?') == std::string_view::npos
                               ? std::string_view()
                               : tail.substr(tail.find('?') + 1);
  std::string out = scheme + "://" + host + (path.empty() ? "/" : std::string(path));
  std::vector<std::string_view> kept;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty() && !tracking_parameter(name)) kept.push_back(pair);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    out += i == 0 ? '?' : '&';
    out += kept[i];
  }
  return out;
}

std::string url_host(std::string_view url) {
  auto c = canonical_url(url);
  if (!c) return "";
  std::string_view rest = std::string_view(*c).substr(c->find("://") + 3);
  std::string host(rest.substr(0, rest.find('/')));
  if (const auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace loa::news
