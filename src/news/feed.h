// File: news/feed.h
//
// Reading the feeds press outlets publish — RSS 2.0, RSS 1.0 (RDF), Atom and (news) sitemaps —
// into items:
// title, link, publication time (from the feed, never guessed), summary as plain text,
// author, id. A document that is not a feed (an HTML page, broken XML, nothing) is refused
// with the reason, so the source can be marked unhealthy with it.
//
//   auto feed = parse_feed(bytes);
//   feed->items[0].published   // "2026-12-01T01:30:00Z" from "Tue, 01 Dec 2026 08:30:00 +0700"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace loa::news {

struct FeedItem {
  std::string title;                     // plain text, NFC, spaces collapsed
  std::string link;                      // as the feed gives it (absolute)
  std::string id;                        // guid / Atom id; the link when absent
  std::optional<std::string> published;  // ISO UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::string summary;                   // plain text (tags removed, entities decoded)
  std::string author;
};

struct Feed {
  std::string format;  // "rss", "rdf", "atom", "sitemap"
  std::string title;
  std::string link;
  std::vector<FeedItem> items;
};

struct FeedLimits {
  std::size_t max_bytes = 16u << 20;
  std::size_t max_items = 2000;
};

Result<Feed> parse_feed(std::string_view bytes, const FeedLimits& limits = {});

// "Tue, 01 Dec 2026 08:30:00 +0700" (RFC 822/1123, with the usual variants and zone names)
// or "2026-12-01T08:30:00+07:00" (ISO 8601 / RFC 3339) as ISO UTC; nullopt when it is neither.
// An ISO time without a zone is taken at `zoneless_offset` seconds east of UTC (feeds: UTC;
// a Vietnamese page's metadata: +07:00, the only zone the country uses).
std::optional<std::string> parse_feed_time(std::string_view text, long zoneless_offset = 0);

// Markup to plain text: tags dropped (block tags become line breaks), HTML entities decoded,
// spaces collapsed.
std::string html_to_text(std::string_view html);

}  // namespace loa::news
