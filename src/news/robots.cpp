// robots.txt parsing and matching (RFC 9309).
#include "news/robots.h"

#include <cctype>
#include <charconv>

#include "base/ascii.h"

namespace loa::news {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// %41 → A (unreserved characters decoded), %2f → %2F, raw octets ≥ 0x80 → %XX.
std::string normalise(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      const auto decoded =
          static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (unreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        out += '%';
        out += kHex[decoded >> 4];
        out += kHex[decoded & 15];
      }
      i += 2;
    } else if (c >= 0x80 || c <= 0x20) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Prefix match of a pattern with '*' wildcards and an optional final '$' anchor, by greedy
// matching that backtracks to the last '*' (linear in practice, never exponential).
bool matches(std::string_view pattern, std::string_view path) {
  const bool anchored = pattern.ends_with('$');
  if (anchored) pattern.remove_suffix(1);
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  for (;;) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
      continue;
    }
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || mark >= path.size()) return false;
    p = star + 1;
    s = ++mark;
  }
}

// The product token at the start of a user-agent line's value ("Loa/1.0 …" → "loa").
std::string product_of(std::string_view value) {
  std::size_t n = 0;
  while (n < value.size() && (std::isalpha(static_cast<unsigned char>(value[n])) ||
                              value[n] == '-' || value[n] == '_' || value[n] == '*'))
    ++n;
  return ascii_lower(value.substr(0, n));
}

}  // namespace

RobotsRules RobotsRules::disallow_all() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::from_fetch(long status, std::string_view body,
                                    std::string_view product_token) {
  if (status >= 200 && status < 300) return parse(body, product_token);
  if (status >= 400 && status < 500) return allow_all();
  return disallow_all();  // 5xx, no answer, or an unresolved redirect
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view product_token) {
  if (text.size() > kMaxRobotsBytes) text = text.substr(0, kMaxRobotsBytes);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::string ours = ascii_lower(product_token);

  RobotsRules mine;       // the groups naming us
  RobotsRules anyone;     // the "*" groups
  bool named_us = false;  // whether any group names us (even with no rules)
  // The group being read: which of the two it feeds (both, one or neither).
  bool in_agents = false;  // reading the user-agent lines that open a group
  bool for_us = false;
  bool for_anyone = false;
  RobotsRules result;

  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = ascii_lower(trim_space(line.substr(0, colon)));
    const std::string_view value = trim_space(line.substr(colon + 1));

    if (key == "user-agent") {
      if (!in_agents) for_us = for_anyone = false;
      in_agents = true;
      const std::string agent = product_of(value);
      if (agent == "*")
        for_anyone = true;
      else if (!agent.empty() && agent == ours)
        for_us = named_us = true;
      continue;
    }
    if (key == "sitemap") {
      if (!value.empty()) result.sitemaps_.emplace_back(value);
      continue;
    }
    in_agents = false;
    if (!for_us && !for_anyone) continue;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" with nothing: no rule
      Rule rule{key == "allow", normalise(value)};
      if (for_us) mine.rules_.push_back(rule);
      if (for_anyone) anyone.rules_.push_back(rule);
    } else if (key == "crawl-delay") {
      double seconds = 0;
      const auto* first = value.data();
      const auto [ptr, ec] = std::from_chars(first, first + value.size(), seconds);
      if (ec == std::errc() && seconds >= 0) {
        if (for_us) mine.crawl_delay_ = seconds;
        if (for_anyone) anyone.crawl_delay_ = seconds;
      }
    }
  }
  RobotsRules& chosen = named_us ? mine : anyone;
  result.rules_ = std::move(chosen.rules_);
  result.crawl_delay_ = chosen.crawl_delay_;
  return result;
}

bool RobotsRules::allowed(std::string_view path) const {
  if (path.empty()) path = "/";
  if (path == "/robots.txt") return true;
  const std::string p = normalise(path);
  std::size_t best = 0;
  bool allow = true;
  bool found = false;
  for (const auto& rule : rules_) {
    if (!matches(rule.pattern, p)) continue;
    const std::size_t length = rule.pattern.size();
    if (!found || length > best || (length == best && rule.allow && !allow)) {
      best = length;
      allow = rule.allow;
      found = true;
    }
  }
  return allow;
}

}  // namespace loa::news
