// File: news/robots.h
//
// robots.txt as RFC 9309 reads it: the groups naming Loa's product token (case-insensitive;
// several are merged), else the "*" groups, else everything allowed. Within the chosen rules
// the longest matching pattern decides, "allow" winning a tie; "*" matches any run of octets
// and a final "$" anchors the end; paths and patterns compare after percent-encoding is
// normalised (unreserved characters decoded, other non-ASCII octets encoded). /robots.txt
// itself is always allowed. Crawl-delay (not in the RFC, but outlets use it) and Sitemap
// lines are kept.
//
// What the fetch of robots.txt answered decides too (RFC 9309 §2.3.1): 2xx → the rules;
// 4xx → no rules, everything allowed; 5xx or no answer → everything disallowed, until a later
// fetch answers.
//
//   auto robots = news::RobotsRules::from_fetch(status, body, "Loa");
//   if (!robots.allowed("/tin-tuc/abc.html?x=1")) skip();
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loa::news {

inline constexpr std::size_t kMaxRobotsBytes = 500 * 1024;  // the RFC's minimum to read

class RobotsRules {
 public:
  static RobotsRules allow_all() { return RobotsRules(); }
  static RobotsRules disallow_all();
  // Only the first kMaxRobotsBytes of text are read.
  static RobotsRules parse(std::string_view text, std::string_view product_token);
  // status: the HTTP status of the robots.txt fetch after redirects, 0 for no answer.
  static RobotsRules from_fetch(long status, std::string_view body, std::string_view product_token);

  // path: the address's path and query ("/a/b?c=d"); empty means "/".
  bool allowed(std::string_view path) const;
  std::optional<double> crawl_delay_seconds() const { return crawl_delay_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;  // normalised; may end with '$'
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

}  // namespace loa::news
