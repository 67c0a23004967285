// File: news/html.h
//
// Article pages to articles: the page's bytes decoded to UTF-8 (byte-order mark, the HTTP
// charset, <meta charset>, valid UTF-8, then a statistical guess — Vietnamese sites still
// serve windows-1258), parsed as HTML5 (gumbo), and read like a person would read them: the
// title, the article's paragraphs without menus, share bars, "related news" boxes or
// comments, the publication time from the page's metadata (never guessed from the layout),
// the author, the canonical address and the language.
//
//   auto page = extract_article(bytes, "text/html; charset=utf-8",
//   "https://baohaiphong.vn/a.html"); page->title; page->text;  // paragraphs separated by "\n"
//   page->published;          // "2026-12-01T01:30:00Z" from article:published_time
//
// A section page (a list of articles) is scanned for article links with article_links().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace loa::news {

struct DecodedPage {
  std::string text;      // UTF-8, NFC
  std::string encoding;  // "utf-8", "windows-1258", … as decided
};

// Decodes a page's bytes. `content_type` is the HTTP header ("" when unknown). Bytes that are
// invalid in the chosen encoding become U+FFFD rather than failing the page.
Result<DecodedPage> decode_page(std::string_view bytes, std::string_view content_type);

struct ExtractedArticle {
  std::string title;
  std::string text;                      // paragraphs separated by "\n"
  std::optional<std::string> published;  // ISO UTC, from metadata only
  std::string author;
  std::string canonical_url;  // canonical_url() of <link rel=canonical>/og:url, else of the page
  std::string language;       // "vi", "en", … ("" when the page does not say and it is unclear)
  std::string encoding;
};

struct ExtractLimits {
  std::size_t max_bytes = 8u << 20;  // larger pages are refused
};

// Fails (invalid_argument) for what is not an HTML page with readable text, naming why.
Result<ExtractedArticle> extract_article(std::string_view bytes, std::string_view content_type,
                                         std::string_view page_url,
                                         const ExtractLimits& limits = {});

// Absolute, canonical addresses of the links on a section page that lead to articles of the
// same site (a path that looks like an article: ending in .html/.htm/.aspx or a long slug with
// an identifier), in page order, without repeats.
std::vector<std::string> article_links(std::string_view html_utf8, std::string_view page_url);

// `relative` resolved against `base` (RFC 3986, for the usual cases); "" when impossible.
std::string resolve_url(std::string_view base, std::string_view relative);

}  // namespace loa::news
