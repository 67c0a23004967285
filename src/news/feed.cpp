// File: news/feed.cpp
#include "news/feed.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <pugixml.hpp>

#include "base/ascii.h"
#include "base/dates.h"
#include "vi/text.h"

namespace loa::news {

namespace {

// The local part of an element name: "content:encoded" → "encoded".
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_local(const pugi::xml_node& parent, std::string_view local) {
  for (auto c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

// All the text inside a node (text and CDATA, nested markup included as text).
std::string inner_text(const pugi::xml_node& n) {
  std::string out;
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
      out += c.value();
    else if (c.type() == pugi::node_element)
      out += inner_text(c);
  }
  return out;
}

std::string clean(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  auto nfc = vi::to_nfc(out);
  return nfc ? *nfc : out;
}

std::string text_of(const pugi::xml_node& n) { return clean(html_to_text(inner_text(n))); }

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int month_of(std::string_view m) {
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    bool same = true;
    for (int k = 0; k < 3; ++k)
      same = same && std::tolower(static_cast<unsigned char>(m[k])) == kMonths[i][k];
    if (same) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Offset in seconds east of UTC of "+0700", "+07:00", "Z", "GMT", "UT", "EST" …
std::optional<long> zone_offset(std::string_view z) {
  if (z.empty() || z == "Z" || z == "GMT" || z == "UT" || z == "UTC") return 0;
  if (z[0] == '+' || z[0] == '-') {
    std::string digits;
    for (char c : z.substr(1))
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.size() != 4 && digits.size() != 2) return std::nullopt;
    const long h = std::stol(digits.substr(0, 2));
    const long m = digits.size() == 4 ? std::stol(digits.substr(2, 2)) : 0;
    if (h > 14 || m > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  }
  struct Named {
    const char* name;
    long hours;
  };
  static constexpr Named kZones[] = {{"EST", -5}, {"EDT", -4}, {"CST", -6},
                                     {"CDT", -5}, {"MST", -7}, {"MDT", -6},
                                     {"PST", -8}, {"PDT", -7}, {"ICT", 7}};
  for (const auto& n : kZones)
    if (z == n.name) return n.hours * 3600;
  return std::nullopt;
}

std::optional<std::string> to_utc(int y, int mo, int d, int h, int mi, int s, long offset) {
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
  auto day = day_number(date);
  if (!day || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const std::int64_t t =
      *day * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + std::min(s, 59) - offset;
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t rest = t - days * 86400;
  char out[32];
  std::snprintf(out, sizeof out, "%sT%02d:%02d:%02dZ", iso_from_day(days).c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                static_cast<int>(rest % 60));
  return std::string(out);
}

}  // namespace

std::optional<std::string> parse_feed_time(std::string_view text, long zoneless_offset) {
  std::string t(text);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::size_t start = 0;
  while (start < t.size() && std::isspace(static_cast<unsigned char>(t[start]))) ++start;
  t = t.substr(start);
  if (t.empty()) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  // ISO 8601: 2026-12-01T08:30:00+07:00, 2026-12-01T08:30:00.123Z, 2026-12-01 08:30:00, 2026-12-01
  if (t.size() >= 10 && std::isdigit(static_cast<unsigned char>(t[0])) && t[4] == '-') {
    int used = 0;
    if (std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3) return std::nullopt;
    std::string_view rest = std::string_view(t).substr(static_cast<std::size_t>(used));
    if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
      int n = 0;
      const std::string r(rest.substr(1));
      if (std::sscanf(r.c_str(), "%2d:%2d%n", &h, &mi, &n) != 2) return std::nullopt;
      std::size_t k = static_cast<std::size_t>(n);
      if (k < r.size() && r[k] == ':') {
        int n2 = 0;
        if (std::sscanf(r.c_str() + k + 1, "%2d%n", &s, &n2) != 1) return std::nullopt;
        k += 1 + static_cast<std::size_t>(n2);
      }
      if (k < r.size() && (r[k] == '.' || r[k] == ',')) {
        ++k;
        while (k < r.size() && std::isdigit(static_cast<unsigned char>(r[k]))) ++k;
      }
      const std::string_view zone = std::string_view(r).substr(k);
      auto offset = zone.empty() ? std::optional<long>(zoneless_offset) : zone_offset(zone);
      if (!offset) return std::nullopt;
      return to_utc(y, mo, d, h, mi, s, *offset);
    }
    if (!rest.empty()) return std::nullopt;
    return to_utc(y, mo, d, 0, 0, 0, zoneless_offset);
  }
  // RFC 822: [Tue, ]01 Dec 2026 08:30[:00] +0700
  std::string_view v(t);
  if (const auto comma = v.find(','); comma != std::string_view::npos && comma < 10)
    v.remove_prefix(comma + 1);
  char month[16] = {0}, zone[16] = {0};
  const std::string rfc(v);
  int fields =
      std::sscanf(rfc.c_str(), " %2d %15s %4d %2d:%2d:%2d %15s", &d, month, &y, &h, &mi, &s, zone);
  if (fields < 6) {
    s = 0;
    fields = std::sscanf(rfc.c_str(), " %2d %15s %4d %2d:%2d %15s", &d, month, &y, &h, &mi, zone);
    if (fields < 5) return std::nullopt;
  }
  mo = month_of(month);
  if (mo == 0) return std::nullopt;
  if (y < 100) y += y < 70 ? 2000 : 1900;
  auto offset = zone_offset(zone);
  if (!offset) return std::nullopt;
  return to_utc(y, mo, d, h, mi, s, *offset);
}

std::string html_to_text(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      const auto end = html.find('>', i);
      if (end == std::string_view::npos) break;
      const std::string tag = ascii_lower(html.substr(i + 1, end - i - 1));
      if (tag.starts_with("br") || tag.starts_with("p") || tag.starts_with("/p") ||
          tag.starts_with("div") || tag.starts_with("/div") || tag.starts_with("li"))
        out += '\n';
      i = end + 1;
      // Scripts and styles carry no text to read: skip to their closing tag.
      for (const char* skip : {"script", "style"}) {
        if (tag.starts_with(skip)) {
          const auto close = html.find(std::string("</") + skip, i);
          i = close == std::string_view::npos ? html.size() : close;
          break;
        }
      }
      continue;
    }
    if (c == '&') {
      const auto semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view e = html.substr(i + 1, semi - i - 1);
        struct Entity {
          const char* name;
          unsigned long cp;
        };
        static constexpr Entity kEntities[] = {
            {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
            {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
            {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"ldquo", 0x201C},
            {"rdquo", 0x201D},  {"lsquo", 0x2018}, {"rsquo", 0x2019}};
        bool done = false;
        if (!e.empty() && e[0] == '#') {
          const bool hex = e.size() > 1 && (e[1] == 'x' || e[1] == 'X');
          const std::string digits(e.substr(hex ? 2 : 1));
          char* endp = nullptr;
          const unsigned long cp = std::strtoul(digits.c_str(), &endp, hex ? 16 : 10);
          if (!digits.empty() && endp != nullptr && *endp == '\0') {
            append_utf8(out, cp == 0xA0 ? ' ' : cp);
            done = true;
          }
        } else {
          for (const auto& ent : kEntities) {
            if (e == ent.name) {
              append_utf8(out, ent.cp == 0xA0 ? ' ' : ent.cp);
              done = true;
              break;
            }
          }
        }
        if (done) {
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

Result<Feed> parse_feed(std::string_view bytes, const FeedLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return resource_exhausted("the feed is larger than " + std::to_string(limits.max_bytes >> 20) +
                              " MiB");
  }
  std::size_t first = 0;
  while (first < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[first]))) ++first;
  if (first == bytes.size()) return invalid_argument("not a feed: the document is empty");
  pugi::xml_document xml;
  const auto parsed =
      xml.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_declaration);
  const pugi::xml_node root = xml.document_element();
  const std::string root_name = ascii_lower(root ? local_name(root) : "");
  if (root_name == "html" ||
      (!parsed && bytes.substr(first, 200).find("<html") != std::string_view::npos) ||
      bytes.substr(first, 15).starts_with("<!DOCTYPE html") ||
      bytes.substr(first, 15).starts_with("<!doctype html"))
    return invalid_argument("not a feed: the address returned an HTML page");
  if (!parsed) {
    return invalid_argument(std::string("not a feed: the XML is broken at byte ") +
                            std::to_string(parsed.offset) + " (" + parsed.description() + ")");
  }
  Feed feed;
  auto add = [&](FeedItem item) -> Status {
    if (item.id.empty()) item.id = item.link;
    if (item.link.empty() && item.title.empty()) return Status::ok();
    if (feed.items.size() >= limits.max_items)
      return resource_exhausted("the feed has more than " + std::to_string(limits.max_items) +
                                " items");
    feed.items.push_back(std::move(item));
    return Status::ok();
  };
  if (root_name == "rss" || root_name == "rdf") {
    feed.format = root_name;
    pugi::xml_node channel = child_local(root, "channel");
    feed.title = text_of(child_local(channel, "title"));
    feed.link = clean(inner_text(child_local(channel, "link")));
    // RSS 2.0 puts items in the channel, RSS 1.0 beside it.
    const pugi::xml_node holder = root_name == "rss" ? channel : root;
    for (auto n : holder.children()) {
      if (n.type() != pugi::node_element || local_name(n) != "item") continue;
      FeedItem item;
      item.title = text_of(child_local(n, "title"));
      item.link = clean(inner_text(child_local(n, "link")));
      if (item.link.empty()) item.link = n.attribute("rdf:about").as_string();
      item.id = clean(inner_text(child_local(n, "guid")));
      for (const char* when : {"pubDate", "date", "published", "updated"}) {
        if (auto w = child_local(n, when)) {
          item.published = parse_feed_time(inner_text(w));
          if (item.published) break;
        }
      }
      auto body = child_local(n, "encoded");
      if (!body) body = child_local(n, "description");
      item.summary = text_of(body);
      auto author = child_local(n, "creator");
      if (!author) author = child_local(n, "author");
      item.author = text_of(author);
      LOA_RETURN_IF_ERROR(add(std::move(item)));
    }
  } else if (root_name == "feed") {
    feed.format = "atom";
    feed.title = text_of(child_local(root, "title"));
    for (auto l : root.children()) {
      if (local_name(l) == "link" &&
          std::string_view(l.attribute("rel").as_string("alternate")) == "alternate")
        feed.link = l.attribute("href").as_string();
    }
    for (auto n : root.children()) {
      if (n.type() != pugi::node_element || local_name(n) != "entry") continue;
      FeedItem item;
      item.title = text_of(child_local(n, "title"));
      for (auto l : n.children()) {
        if (local_name(l) != "link") continue;
        const std::string_view rel = l.attribute("rel").as_string("alternate");
        if (rel == "alternate" || item.link.empty()) item.link = l.attribute("href").as_string();
        if (rel == "alternate") break;
      }
      item.id = clean(inner_text(child_local(n, "id")));
      for (const char* when : {"published", "updated", "issued", "modified"}) {
        if (auto w = child_local(n, when)) {
          item.published = parse_feed_time(inner_text(w));
          if (item.published) break;
        }
      }
      auto body = child_local(n, "content");
      if (!body) body = child_local(n, "summary");
      item.summary = text_of(body);
      item.author = text_of(child_local(child_local(n, "author"), "name"));
      LOA_RETURN_IF_ERROR(add(std::move(item)));
    }
  } else if (root_name == "urlset") {
    // A (news) sitemap: <url><loc>…</loc><news:news><news:title>…<news:publication_date>…
    feed.format = "sitemap";
    for (auto n : root.children()) {
      if (n.type() != pugi::node_element || local_name(n) != "url") continue;
      FeedItem item;
      item.link = clean(inner_text(child_local(n, "loc")));
      const pugi::xml_node news = child_local(n, "news");
      item.title = text_of(child_local(news, "title"));
      for (auto w : {child_local(news, "publication_date"), child_local(n, "lastmod")}) {
        if (w) item.published = parse_feed_time(inner_text(w));
        if (item.published) break;
      }
      if (item.link.empty()) continue;
      LOA_RETURN_IF_ERROR(add(std::move(item)));
    }
  } else if (root_name == "sitemapindex") {
    return invalid_argument(
        "not a feed: the document is a sitemap index; add one of the sitemaps it lists");
  } else {
    return invalid_argument("not a feed: the document is <" + std::string(root.name()) +
                            ">, not RSS, Atom or a sitemap");
  }
  return feed;
}

}  // namespace loa::news
