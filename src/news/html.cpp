// File: news/html.cpp
//
// Extraction is Readability's idea (Arc90, later Mozilla's Readability.js) kept small:
// paragraphs score their containers by length and commas, containers lose what is link text,
// and the best container is read paragraph by paragraph. Boilerplate is recognised by tag and
// by the class/id words Vietnamese and international sites use ("tin-lien-quan", "share",
// "comment", …).
#include "news/html.h"

#include <gumbo.h>
#include <iconv.h>
#include <uchardet.h>

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "base/ascii.h"
#include "news/feed.h"
#include "news/url.h"
#include "vi/text.h"

namespace loa::news {
namespace {

// ---- encodings -------------------------------------------------------------------------

// WHATWG labels to what iconv knows; Latin-1 and ASCII are read as windows-1252 like browsers do.
std::string encoding_from_label(std::string_view label) {
  std::string l = ascii_lower(trim_space(label));
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  while (!l.empty() && (l.back() == '"' || l.back() == '\'')) l.pop_back();
  if (l.empty()) return "";
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "utf-8";
  if (l == "iso-8859-1" || l == "latin1" || l == "l1" || l == "us-ascii" || l == "ascii" ||
      l == "cp1252" || l == "windows-1252" || l == "iso8859-1")
    return "windows-1252";
  if (l == "cp1258" || l == "windows-1258" || l == "x-cp1258") return "windows-1258";
  return l;
}

std::string charset_in(std::string_view text) {
  const std::string lower = ascii_lower(text);
  const auto at = lower.find("charset");
  if (at == std::string::npos) return "";
  std::size_t i = at + 7;
  while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
  if (i >= lower.size() || lower[i] != '=') return "";
  ++i;
  while (i < lower.size() && (std::isspace(static_cast<unsigned char>(lower[i])) ||
                              lower[i] == '"' || lower[i] == '\''))
    ++i;
  std::size_t end = i;
  while (end < lower.size() &&
         (std::isalnum(static_cast<unsigned char>(lower[end])) || lower[end] == '-' ||
          lower[end] == '_' || lower[end] == ':' || lower[end] == '.'))
    ++end;
  return encoding_from_label(lower.substr(i, end - i));
}

// <meta charset=…> or <meta http-equiv="Content-Type" content="…; charset=…"> in the first
// kilobytes, as the HTML standard's prescan does.
std::string meta_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 8192));
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const auto end = head.find('>', at);
    if (end == std::string::npos) break;
    if (auto e = charset_in(std::string_view(head).substr(at, end - at)); !e.empty()) return e;
  }
  return "";
}

void append_replacement(std::string& out) { out += "\xEF\xBF\xBD"; }

// Converts with iconv; undecodable bytes become U+FFFD. nullopt when iconv does not know it.
std::optional<std::string> convert(std::string_view bytes, const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))  // NOLINT(performance-no-int-to-ptr): iconv's API
    return std::nullopt;
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<char, 16384> buffer{};
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = buffer.data();
    std::size_t o_left = buffer.size();
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buffer.data(), buffer.size() - o_left);
    if (r != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL (truncated at the end): one byte becomes U+FFFD.
    append_replacement(out);
    ++in;
    --in_left;
  }
  return out;
}

// Invalid UTF-8 sequences replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  while (!bytes.empty()) {
    const auto bad = vi::first_invalid_utf8(bytes);
    if (!bad) {
      out.append(bytes);
      break;
    }
    out.append(bytes.substr(0, *bad));
    append_replacement(out);
    bytes.remove_prefix(*bad + 1);
  }
  return out;
}

std::string guess_encoding(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(
      uchardet_new(), uchardet_delete);
  if (!detector) return "windows-1252";
  uchardet_handle_data(detector.get(), bytes.data(), std::min<std::size_t>(bytes.size(), 1 << 16));
  uchardet_data_end(detector.get());
  const std::string e = encoding_from_label(uchardet_get_charset(detector.get()));
  return e.empty() || e == "utf-8" ? "windows-1252" : e;
}

// ---- the HTML tree ---------------------------------------------------------------------

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDeleter>;

// How deep the element tree goes (iteratively: the tree may be too deep to recurse into).
std::size_t depth_of(const GumboNode* root) {
  std::vector<std::pair<const GumboNode*, std::size_t>> stack = {{root, 1}};
  std::size_t deepest = 0;
  while (!stack.empty()) {
    const auto [n, d] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, d);
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& children = n->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), d + 1);
  }
  return deepest;
}

GumboPtr parse_html(const std::string& html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 16;
  return GumboPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

constexpr std::size_t kMaxDepth = 1000;

bool is_void_tag(std::string_view name_and_rest) {
  std::size_t n = 0;
  while (n < name_and_rest.size() && std::isalnum(static_cast<unsigned char>(name_and_rest[n])))
    ++n;
  const std::string name = ascii_lower(name_and_rest.substr(0, n));
  for (std::string_view v : {"br",     "img",  "meta", "link",  "input", "hr",    "wbr", "source",
                             "area",   "base", "col",  "embed", "param", "track", "p",   "li",
                             "option", "td",   "tr",   "th",    "dt",    "dd"})
    if (name == v) return true;  // void, or closed implicitly by the next one (p, li, td, …)
  return false;
}

// Scripts and styles are most of a news page's bytes and none of its text: cut their bodies
// before parsing (JSON-LD is kept: it carries the metadata).
//
// `open_tags` receives the most start tags seen open at once (void and self-closed tags
// aside): a lexical bound on the nesting, checked before the parser, whose time grows with
// the square of the depth of unclosed formatting tags.
std::string without_script_bodies(std::string_view html, std::size_t* open_tags = nullptr) {
  std::size_t open = 0, most_open = 0;
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    const auto lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    out.append(html.substr(i, lt - i));
    const std::string_view rest = html.substr(lt);
    auto starts = [&](std::string_view tag) {
      if (rest.size() <= tag.size() + 1) return false;
      for (std::size_t k = 0; k < tag.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(rest[k + 1])) != tag[k]) return false;
      const char after = rest[tag.size() + 1];
      return after == '>' || std::isspace(static_cast<unsigned char>(after)) || after == '/';
    };
    const char* raw = starts("script") ? "script" : starts("style") ? "style" : nullptr;
    if (raw == nullptr && rest.starts_with("<!--")) {
      const auto end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const auto tag_end = html.find('>', lt);
    if (tag_end == std::string_view::npos) {
      out.append(rest);
      i = html.size();
      break;
    }
    out.append(html.substr(lt, tag_end + 1 - lt));
    i = tag_end + 1;
    if (rest.size() > 1 && rest[1] == '/') {
      open -= open > 0 ? 1 : 0;
    } else if (rest.size() > 1 && std::isalpha(static_cast<unsigned char>(rest[1])) &&
               html[tag_end - 1] != '/' && !is_void_tag(rest.substr(1))) {
      most_open = std::max(most_open, ++open);
    }
    if (raw == nullptr) continue;
    const std::string open_tag = ascii_lower(html.substr(lt, tag_end + 1 - lt));
    const std::string close = std::string("</") + raw;
    std::size_t end = i;
    // Case-insensitive search for the closing tag.
    while (true) {
      end = html.find("</", end);
      if (end == std::string_view::npos) break;
      if (ascii_lower(html.substr(end, close.size())) == close) break;
      end += 2;
    }
    if (end == std::string_view::npos) end = html.size();
    if (open_tag.find("ld+json") != std::string::npos) out.append(html.substr(i, end - i));
    i = end;
  }
  if (i < html.size()) out.append(html.substr(i));
  if (open_tags != nullptr) *open_tags = most_open;
  return out;
}

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a != nullptr ? a->value : nullptr;
}

std::string attr_or(const GumboNode* n, const char* name) {
  const char* v = attr(n, name);
  return v != nullptr ? v : "";
}

template <typename F>
void each_element(const GumboNode* n, const F& visit) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
  if (n->type == GUMBO_NODE_ELEMENT) visit(n);
  const GumboVector& children =
      n->type == GUMBO_NODE_ELEMENT ? n->v.element.children : n->v.document.children;
  for (unsigned i = 0; i < children.length; ++i)
    each_element(static_cast<const GumboNode*>(children.data[i]), visit);
}

bool is_dropped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
      return true;
    default:
      return false;
  }
}

// Words in class and id that mark what is not the article. Vietnamese sites name their boxes
// in Vietnamese without marks: tin-lien-quan (related news), binh-luan (comments), xem-them
// (see also), chia-se (share), quang-cao (advertising), doc-nhieu (most read).
constexpr std::array<std::string_view, 30> kUnlikely = {
    "comment",   "related",    "share",      "social",  "menu",      "footer",
    "banner",    "advert",     "breadcrumb", "popup",   "subscribe", "newsletter",
    "navbar",    "navigation", "tag-list",   "tags",    "lienquan",  "lien-quan",
    "binh-luan", "binhluan",   "xem-them",   "xemthem", "chia-se",   "quang-cao",
    "quangcao",  "doc-nhieu",  "docnhieu",   "hashtag", "most-read", "mostread"};
// Words that mark a box as secondary but that sites also use for their main column
// (VnExpress's article sits in "sidebar-1"): such a box is dropped only when it holds no
// article container.
constexpr std::array<std::string_view, 5> kWeaklyUnlikely = {"sidebar", "widget", "promo",
                                                             "sponsor", "recommend"};
constexpr std::array<std::string_view, 8> kContainer = {
    "article", "content", "detail", "fck", "chi-tiet", "noi-dung", "story", "post-body"};

std::string class_and_id(const GumboNode* n) {
  return ascii_lower(attr_or(n, "class") + " " + attr_or(n, "id"));
}

template <std::size_t N>
bool has_word(const std::string& words, const std::array<std::string_view, N>& list) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view w) { return words.find(w) != std::string::npos; });
}

bool holds_article_container(const GumboNode* n) {
  bool found = false;
  each_element(n, [&](const GumboNode* d) {
    if (found || d == n) return;
    const GumboTag tag = d->v.element.tag;
    found = tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
            std::string_view(attr_or(d, "itemprop")) == "articleBody" ||
            has_word(class_and_id(d), kContainer);
  });
  return found;
}

bool is_unlikely(const GumboNode* n) {
  const GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN)
    return false;
  const std::string words = class_and_id(n);
  if (words.size() <= 1) return false;
  if (std::string_view(attr_or(n, "itemprop")) == "articleBody") return false;
  if (has_word(words, kUnlikely)) return true;
  return has_word(words, kWeaklyUnlikely) && !holds_article_container(n);
}

bool skipped(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  if (is_dropped_tag(n->v.element.tag)) return true;
  if (attr(n, "hidden") != nullptr) return true;
  const std::string style = ascii_lower(attr_or(n, "style"));
  if (style.find("display:none") != std::string::npos ||
      style.find("display: none") != std::string::npos)
    return true;
  return is_unlikely(n);
}

struct Stats {
  std::size_t text = 0;  // visible characters (bytes of UTF-8) under the node
  std::size_t link = 0;  // of which inside <a>
  std::size_t commas = 0;
};

std::string node_text(const GumboNode* n) {
  std::string out;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
      n->type == GUMBO_NODE_WHITESPACE) {
    out += n->v.text.text;
    return out;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& children = n->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    out += node_text(static_cast<const GumboNode*>(children.data[i]));
    out += ' ';
  }
  return out;
}

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class Extractor {
 public:
  explicit Extractor(const GumboNode* root) { measure(root, false); }

  const Stats& stats(const GumboNode* n) const {
    static const Stats kNone;
    auto it = stats_.find(n);
    return it == stats_.end() ? kNone : it->second;
  }

  // The container that holds the article's paragraphs.
  const GumboNode* best(const GumboNode* root) const {
    const GumboNode* marked = nullptr;
    each_element(root, [&](const GumboNode* n) {
      if (marked == nullptr && std::string_view(attr_or(n, "itemprop")) == "articleBody" &&
          stats(n).text > 0)
        marked = n;
    });
    if (marked != nullptr) return marked;
    std::unordered_map<const GumboNode*, double> score;
    each_element(root, [&](const GumboNode* n) {
      const GumboTag tag = n->v.element.tag;
      if (tag != GUMBO_TAG_P && tag != GUMBO_TAG_PRE && tag != GUMBO_TAG_TD &&
          tag != GUMBO_TAG_BLOCKQUOTE && !(tag == GUMBO_TAG_DIV && direct_text(n) >= 80))
        return;
      const Stats& s = stats(n);
      if (s.text < 25) return;  // also what sits inside skipped boxes: never measured
      const double points =
          1.0 + static_cast<double>(s.commas) + std::min(static_cast<double>(s.text) / 100.0, 3.0);
      const GumboNode* parent = n->parent;
      if (parent != nullptr && parent->type == GUMBO_NODE_ELEMENT) {
        score[parent] += points;
        const GumboNode* grand = parent->parent;
        if (grand != nullptr && grand->type == GUMBO_NODE_ELEMENT) score[grand] += points / 2;
      }
    });
    const GumboNode* best = nullptr;
    double best_score = 0;
    for (const auto& [n, s] : score) {
      const Stats& st = stats(n);
      const double density =
          st.text == 0 ? 1.0 : static_cast<double>(st.link) / static_cast<double>(st.text);
      double final_score = s * (1.0 - density);
      const GumboTag tag = n->v.element.tag;
      if (tag == GUMBO_TAG_ARTICLE) final_score *= 1.25;
      if (final_score > best_score) {
        best = n;
        best_score = final_score;
      }
    }
    return best;
  }

  // The container and those of its siblings that read as part of the article (a lead
  // paragraph set apart, a second body block), as Readability does: long with little link
  // text, or short without links and ending a sentence.
  std::vector<const GumboNode*> with_siblings(const GumboNode* best) const {
    const GumboNode* parent = best->parent;
    if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return {best};
    std::vector<const GumboNode*> parts;
    const GumboVector& children = parent->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(children.data[i]);
      if (c == best) {
        parts.push_back(c);
        continue;
      }
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      const Stats& s = stats(c);
      if (s.text == 0) continue;
      bool keep = s.text >= 80 && s.link * 4 < s.text;
      if (!keep && s.link == 0) {
        const std::string t = collapse(node_text(c));
        keep = t.size() >= 20 && (t.ends_with('.') || t.find(". ") != std::string::npos);
      }
      if (keep) parts.push_back(c);
    }
    return parts;
  }

  // The paragraphs of the parts, with their share of link text.
  struct Line {
    std::string text;
    std::size_t link = 0;
  };
  std::vector<Line> lines(const std::vector<const GumboNode*>& parts) const {
    std::vector<Line> out(1);
    for (const GumboNode* n : parts) {
      emit(n, false, out);
      if (!out.back().text.empty()) out.emplace_back();
    }
    std::vector<Line> kept;
    for (auto& l : out) {
      std::string t(trim_space(l.text));
      if (!t.empty()) kept.push_back({std::move(t), l.link});
    }
    return kept;
  }

 private:
  Stats measure(const GumboNode* n, bool in_link) {
    Stats s;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      const std::string_view t = trim_space(n->v.text.text);
      s.text = t.size();
      s.link = in_link ? t.size() : 0;
      s.commas = static_cast<std::size_t>(std::count(t.begin(), t.end(), ','));
      return s;
    }
    if (n->type != GUMBO_NODE_ELEMENT || skipped(n)) return s;
    const bool link = in_link || n->v.element.tag == GUMBO_TAG_A;
    const GumboVector& children = n->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const Stats c = measure(static_cast<const GumboNode*>(children.data[i]), link);
      s.text += c.text;
      s.link += c.link;
      s.commas += c.commas;
    }
    stats_[n] = s;
    return s;
  }

  static std::size_t direct_text(const GumboNode* n) {
    std::size_t total = 0;
    const GumboVector& children = n->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(children.data[i]);
      if (c->type == GUMBO_NODE_TEXT) total += trim_space(c->v.text.text).size();
    }
    return total;
  }

  static void append_text(std::string_view t, Line& line, bool in_link) {
    std::string collapsed;
    bool space = !line.text.empty() && !std::isspace(static_cast<unsigned char>(line.text.back()));
    bool pending = false;
    for (const char c : t) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        pending = true;
        continue;
      }
      if (pending && (space || !collapsed.empty())) collapsed += ' ';
      pending = false;
      collapsed += c;
    }
    if (pending && !collapsed.empty()) collapsed += ' ';
    // A leading space in the source separates from the previous inline text.
    if (!collapsed.empty() && !t.empty() && std::isspace(static_cast<unsigned char>(t.front())) &&
        space && collapsed.front() != ' ')
      collapsed.insert(collapsed.begin(), ' ');
    line.text += collapsed;
    if (in_link) line.link += collapsed.size();
  }

  void emit(const GumboNode* n, bool in_link, std::vector<Line>& out) const {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      append_text(n->v.text.text, out.back(), in_link);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || skipped(n)) return;
    const GumboTag tag = n->v.element.tag;
    const bool block = is_block(tag);
    if (block && !out.back().text.empty()) out.emplace_back();
    const bool link = in_link || tag == GUMBO_TAG_A;
    const GumboVector& children = n->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      emit(static_cast<const GumboNode*>(children.data[i]), link, out);
    if (block && !out.back().text.empty()) out.emplace_back();
  }

  std::unordered_map<const GumboNode*, Stats> stats_;
};

struct Metadata {
  std::unordered_map<std::string, std::string> meta;  // lower-cased name/property → content
  std::string title_tag, h1, canonical, lang;
  std::vector<std::string> times;  // <time datetime> marked as the publication
  std::vector<nlohmann::json> ld;  // JSON-LD objects
};

void collect_ld(const nlohmann::json& j, std::vector<nlohmann::json>& out, int depth = 0) {
  if (depth > 4) return;
  if (j.is_array()) {
    for (const auto& e : j) collect_ld(e, out, depth + 1);
  } else if (j.is_object()) {
    out.push_back(j);
    if (auto g = j.find("@graph"); g != j.end()) collect_ld(*g, out, depth + 1);
  }
}

Metadata read_metadata(const GumboNode* root) {
  Metadata m;
  each_element(root, [&](const GumboNode* n) {
    switch (n->v.element.tag) {
      case GUMBO_TAG_HTML:
        m.lang = attr_or(n, "lang");
        break;
      case GUMBO_TAG_META: {
        const char* content = attr(n, "content");
        if (content == nullptr) break;
        for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
          const char* k = attr(n, key);
          if (k != nullptr) m.meta.emplace(ascii_lower(k), collapse(content));
        }
        break;
      }
      case GUMBO_TAG_TITLE:
        if (m.title_tag.empty()) m.title_tag = collapse(node_text(n));
        break;
      case GUMBO_TAG_H1:
        if (m.h1.empty()) m.h1 = collapse(node_text(n));
        break;
      case GUMBO_TAG_LINK:
        if (ascii_lower(attr_or(n, "rel")) == "canonical") m.canonical = attr_or(n, "href");
        break;
      case GUMBO_TAG_TIME:
        if (const char* dt = attr(n, "datetime");
            dt != nullptr && (attr(n, "pubdate") != nullptr ||
                              std::string_view(attr_or(n, "itemprop")) == "datePublished"))
          m.times.emplace_back(dt);
        break;
      case GUMBO_TAG_SCRIPT:
        if (ascii_lower(attr_or(n, "type")).find("ld+json") != std::string::npos) {
          auto j = nlohmann::json::parse(node_text(n), nullptr, false);
          if (!j.is_discarded()) collect_ld(j, m.ld);
        }
        break;
      default:
        break;
    }
  });
  return m;
}

std::string ld_string(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    if (auto n = j.find("name"); n != j.end() && n->is_string()) return n->get<std::string>();
  }
  if (j.is_array() && !j.empty()) return ld_string(j.front());
  return "";
}

bool is_article_type(const nlohmann::json& j) {
  auto t = j.find("@type");
  if (t == j.end()) return false;
  auto check = [](const nlohmann::json& v) {
    if (!v.is_string()) return false;
    const std::string s = v.get<std::string>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report";
  };
  if (t->is_array()) return std::any_of(t->begin(), t->end(), check);
  return check(*t);
}

constexpr long kVietnamOffset = 7L * 3600;

std::optional<std::string> published_time(const Metadata& m) {
  for (const auto& j : m.ld) {
    if (!is_article_type(j)) continue;
    if (auto d = j.find("datePublished"); d != j.end() && d->is_string())
      if (auto t = parse_feed_time(d->get<std::string>(), kVietnamOffset)) return t;
  }
  for (const char* key :
       {"article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
        "publish-date", "dc.date.issued", "dcterms.created", "date"}) {
    if (auto it = m.meta.find(key); it != m.meta.end())
      if (auto t = parse_feed_time(it->second, kVietnamOffset)) return t;
  }
  for (const auto& t : m.times)
    if (auto p = parse_feed_time(t, kVietnamOffset)) return p;
  return std::nullopt;
}

std::string author_of(const Metadata& m) {
  for (const auto& j : m.ld) {
    if (!is_article_type(j)) continue;
    if (auto a = j.find("author"); a != j.end())
      if (auto s = ld_string(*a); !s.empty()) return s;
  }
  for (const char* key : {"author", "article:author", "dc.creator"}) {
    if (auto it = m.meta.find(key);
        it != m.meta.end() && !it->second.empty() && it->second.find("://") == std::string::npos)
      return it->second;
  }
  return "";
}

// "Tiêu đề bài - Báo Hải Phòng" → "Tiêu đề bài": the longest part between " | ", " - ", " – ".
std::string without_site_name(const std::string& title) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < title.size();) {
    std::size_t sep = 0;
    for (std::string_view s : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "})
      if (title.compare(i, s.size(), s) == 0) sep = s.size();
    if (sep != 0) {
      parts.push_back(title.substr(start, i - start));
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  parts.push_back(title.substr(start));
  return *std::max_element(parts.begin(), parts.end(),
                           [](const auto& a, const auto& b) { return a.size() < b.size(); });
}

std::string title_of(const Metadata& m) {
  std::string og;
  if (auto it = m.meta.find("og:title"); it != m.meta.end()) og = it->second;
  if (!m.h1.empty() && ((!og.empty() && og.starts_with(m.h1)) || m.title_tag.starts_with(m.h1)))
    return m.h1;
  if (!og.empty()) return without_site_name(og);
  if (!m.h1.empty()) return m.h1;
  return without_site_name(m.title_tag);
}

// Letters only Vietnamese uses among Latin scripts (ơ ư ă đ and the stacked marks).
bool looks_vietnamese(std::string_view text) {
  std::size_t letters = 0, marked = 0;
  for (std::size_t i = 0; i < text.size() && letters < 4000; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c)) ++letters;
    if (c == 0xC4 || c == 0xC6 || c == 0xE1) {  // ă đ / ơ ư / U+1EA0–U+1EFF (ạ ả … ỹ)
      const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
      if ((c == 0xC4 && (next == 0x83 || next == 0x82 || next == 0x91 || next == 0x90)) ||
          (c == 0xC6 && (next == 0xA1 || next == 0xA0 || next == 0xB0 || next == 0xAF)) ||
          (c == 0xE1 && (next == 0xBA || next == 0xBB))) {
        ++marked;
        ++letters;
      }
    }
  }
  return letters >= 20 && marked * 25 >= letters;
}

std::string language_of(const Metadata& m, std::string_view text) {
  std::string lang = ascii_lower(trim_space(m.lang));
  if (lang.empty()) {
    if (auto it = m.meta.find("content-language"); it != m.meta.end())
      lang = ascii_lower(it->second);
    else if (auto og = m.meta.find("og:locale"); og != m.meta.end())
      lang = ascii_lower(og->second);
  }
  if (const auto cut = lang.find_first_of("-_,; "); cut != std::string::npos) lang.erase(cut);
  if (lang.size() >= 2 && lang.size() <= 3) return lang;
  return looks_vietnamese(text) ? "vi" : "";
}

bool looks_like_article_path(std::string_view path) {
  const std::string p = ascii_lower(path);
  for (std::string_view no : {"/tag/", "/tags/", "/chu-de/", "/tac-gia/", "/author/", "/search",
                              "/tim-kiem", "/video/", "/page/", "/trang-"})
    if (p.find(no) != std::string::npos) return false;
  for (std::string_view ext : {".html", ".htm", ".aspx", ".shtml", ".ghtml", ".vn.html"})
    if (p.ends_with(ext)) return true;
  const std::string_view last = std::string_view(p).substr(p.rfind('/') + 1);
  const auto hyphens = std::count(last.begin(), last.end(), '-');
  std::size_t run = 0, longest = 0;
  for (const char c : last) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return hyphens >= 4 && longest >= 5;
}

}  // namespace

Result<DecodedPage> decode_page(std::string_view bytes, std::string_view content_type) {
  DecodedPage page;
  std::string_view body = bytes;
  std::string encoding;
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    encoding = "utf-8";
  } else if (body.starts_with("\xFF\xFE")) {
    body.remove_prefix(2);
    encoding = "utf-16le";
  } else if (body.starts_with("\xFE\xFF")) {
    body.remove_prefix(2);
    encoding = "utf-16be";
  }
  if (encoding.empty()) encoding = charset_in(content_type);
  if (encoding.empty()) encoding = meta_charset(body);
  if (encoding.empty()) encoding = vi::is_valid_utf8(body) ? "utf-8" : guess_encoding(body);
  std::string utf8;
  if (encoding == "utf-8") {
    utf8 = repair_utf8(body);
  } else if (auto converted = convert(body, encoding)) {
    utf8 = std::move(*converted);
  } else {
    // A charset iconv does not know: read as UTF-8 if it is, else guess.
    const std::string guess = vi::is_valid_utf8(body) ? "utf-8" : guess_encoding(body);
    encoding = guess;
    utf8 = guess == "utf-8" ? std::string(body) : convert(body, guess).value_or(repair_utf8(body));
  }
  auto nfc = vi::to_nfc(utf8);
  if (!nfc) return nfc.status();
  page.text = std::move(*nfc);
  page.encoding = encoding;
  return page;
}

std::string resolve_url(std::string_view base, std::string_view relative) {
  relative = trim_space(relative);
  auto b = boost::urls::parse_uri(base);
  if (!b) return "";
  auto r = boost::urls::parse_uri_reference(relative);
  if (!r) return "";
  boost::urls::url out;
  if (boost::urls::resolve(*b, *r, out)) return std::string(out.buffer());
  return "";
}

Result<ExtractedArticle> extract_article(std::string_view bytes, std::string_view content_type,
                                         std::string_view page_url, const ExtractLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return resource_exhausted("the page is larger than " + std::to_string(limits.max_bytes >> 20) +
                              " MiB");
  }
  const std::string type = ascii_lower(content_type);
  if (!type.empty() && type.find("html") == std::string::npos &&
      type.find("xml") == std::string::npos && type.find("text/plain") == std::string::npos)
    return invalid_argument("not an HTML page: the server says it is " + std::string(content_type));
  auto decoded = decode_page(bytes, content_type);
  if (!decoded) return decoded.status();
  std::size_t open_tags = 0;
  const std::string html = without_script_bodies(decoded->text, &open_tags);
  if (open_tags > kMaxDepth) {
    return invalid_argument("the page nests its markup more than " + std::to_string(kMaxDepth) +
                            " levels deep");
  }
  const GumboPtr doc = parse_html(html);
  if (!doc) return internal_error("the HTML parser failed");
  const GumboNode* root = doc->root;
  if (depth_of(root) > kMaxDepth) {
    return invalid_argument("the page nests its markup more than " + std::to_string(kMaxDepth) +
                            " levels deep");
  }

  ExtractedArticle a;
  a.encoding = decoded->encoding;
  const Metadata m = read_metadata(root);
  a.title = title_of(m);
  a.published = published_time(m);
  a.author = author_of(m);

  const Extractor extractor(root);
  const GumboNode* best = extractor.best(root);
  if (best == nullptr) return invalid_argument("no article text found on the page");
  const std::vector<const GumboNode*> parts = extractor.with_siblings(best);
  // A byline inside the article ("Hoàng Anh", class "author") is the author, not the text.
  std::unordered_set<std::string> bylines;
  for (const GumboNode* part : parts)
    each_element(part, [&](const GumboNode* n) {
      const std::string words = class_and_id(n);
      if (words.find("author") == std::string::npos && words.find("tac-gia") == std::string::npos &&
          words.find("byline") == std::string::npos)
        return;
      std::string t = collapse(node_text(n));
      if (t.empty() || t.size() > 80) return;
      if (a.author.empty()) a.author = t;
      bylines.insert(std::move(t));
    });
  std::string text;
  for (const auto& line : extractor.lines(parts)) {
    // Lists of links ("Xem thêm: …", tag rows) are navigation, not the article.
    if (line.link * 2 > line.text.size() && line.text.size() < 200) continue;
    if (line.text == a.title || bylines.contains(line.text)) continue;
    if (!text.empty()) text += '\n';
    text += line.text;
  }
  if (text.empty()) return invalid_argument("no article text found on the page");
  a.text = std::move(text);
  if (a.title.empty()) a.title = a.text.substr(0, a.text.find('\n'));

  std::string canonical = m.canonical;
  if (canonical.empty())
    if (auto it = m.meta.find("og:url"); it != m.meta.end()) canonical = it->second;
  std::optional<std::string> c;
  if (!canonical.empty()) c = canonical_url(resolve_url(page_url, canonical));
  if (!c) c = canonical_url(page_url);
  a.canonical_url = c.value_or(std::string(page_url));
  a.language = language_of(m, a.text);
  return a;
}

std::vector<std::string> article_links(std::string_view html_utf8, std::string_view page_url) {
  std::size_t open_tags = 0;
  const std::string html = without_script_bodies(html_utf8, &open_tags);
  std::vector<std::string> out;
  if (open_tags > kMaxDepth) return out;
  const GumboPtr doc = parse_html(html);
  if (!doc || depth_of(doc->root) > kMaxDepth) return out;
  const std::string host = url_host(page_url);
  std::unordered_set<std::string> seen;
  each_element(doc->root, [&](const GumboNode* n) {
    if (n->v.element.tag != GUMBO_TAG_A) return;
    const char* href = attr(n, "href");
    if (href == nullptr) return;
    auto c = canonical_url(resolve_url(page_url, href));
    if (!c || url_host(*c) != host) return;
    std::string_view path = std::string_view(*c).substr(c->find("://") + 3);
    path = path.substr(std::min(path.find('/'), path.size()));
    path = path.substr(0, path.find('?'));
    if (!looks_like_article_path(path)) return;
    if (seen.insert(*c).second) out.push_back(*c);
  });
  return out;
}

}  // namespace loa::news
