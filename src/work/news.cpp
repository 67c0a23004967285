// Articles from files: feeds and JSON Lines.
#include "work/news.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "news/feed.h"
#include "news/url.h"
#include "store/articles.h"
#include "vi/text.h"

namespace loa::work {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxText = 1u << 20;  // one article's text

Result<std::string> clean(const Json& v, const std::string& field, std::size_t max, bool required) {
  if (v.is_null() && !required) return std::string();
  if (!v.is_string()) return invalid_argument(field + " must be text");
  auto n = vi::normalize(v.get<std::string>());
  if (!n) return invalid_argument(field + ": " + n.status().message());
  if (required && n->empty()) return invalid_argument(field + " is empty");
  if (n->size() > max) return invalid_argument(field + " is too long");
  return n;
}

Result<store::ArticleRow> article_from_json(const Json& j, const std::string& now) {
  if (!j.is_object()) return invalid_argument("not a JSON object");
  store::ArticleRow a;
  const Json none;
  auto url = clean(j.contains("url") ? j["url"] : none, "url", 4000, true);
  if (!url) return url.status();
  auto canonical = news::canonical_url(*url);
  if (!canonical) return invalid_argument("url '" + *url + "' is not an http(s) address");
  a.url = *canonical;
  auto title = clean(j.contains("title") ? j["title"] : none, "title", 2000, true);
  if (!title) return title.status();
  a.title = *title;
  auto text = clean(j.contains("text") ? j["text"] : none, "text", kMaxText, false);
  if (!text) return text.status();
  a.text = *text;
  auto outlet = clean(j.contains("outlet") ? j["outlet"] : none, "outlet", 400, false);
  if (!outlet) return outlet.status();
  a.outlet = outlet->empty() ? news::url_host(a.url) : *outlet;
  if (j.contains("published") && !j["published"].is_null()) {
    if (!j["published"].is_string()) return invalid_argument("published must be text");
    a.published_at = news::parse_feed_time(j["published"].get<std::string>());
    if (!a.published_at)
      return invalid_argument("published '" + j["published"].get<std::string>() +
                              "' is not a date and time (ISO 8601 or RFC 822)");
  }
  if (j.contains("author") && j["author"].is_string()) a.author = j["author"].get<std::string>();
  a.fetched_at = now;
  return a;
}

}  // namespace

Result<StoryIndex> StoryIndex::load(store::Database& db, const Clock& clock, int window_days) {
  StoryIndex index;
  auto prints = store::fingerprints_since(
      db, format_utc(clock.now_unix() - std::int64_t{window_days} * 86400));
  if (!prints) return prints.status();
  for (const auto& p : *prints) {
    index.index_.add(p.article_id, p.simhash);
    index.story_of_[p.article_id] = p.story_id;
  }
  return index;
}

Result<std::int64_t> StoryIndex::assign(store::Database& db, std::int64_t article_id,
                                        std::string_view title, std::string_view text) {
  std::string all(title);
  all += '\n';
  all += text;
  const std::uint64_t print = news::simhash(all);
  std::int64_t story = article_id;
  if (print != 0) {
    if (auto same = index_.find(print)) {
      auto it = story_of_.find(*same);
      story = it == story_of_.end() ? *same : it->second;
    }
    index_.add(article_id, print);
    story_of_[article_id] = story;
  }
  LOA_RETURN_IF_ERROR(store::set_article_story(db, article_id, print, story));
  return story;
}

Result<IngestResult> ingest_articles(store::Database& db, const Clock& clock,
                                     std::string_view bytes, const IngestOptions& options) {
  const std::string now = format_utc(clock.now_unix());
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::size_t first = 0;
  while (first < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[first]))) ++first;
  IngestResult result;
  std::vector<store::ArticleRow> articles;
  if (first < bytes.size() && bytes[first] == '<') {
    auto feed = news::parse_feed(bytes);
    if (!feed) return feed.status();
    result.format = feed->format;
    const std::string outlet = !options.outlet.empty() ? options.outlet
                               : !feed->title.empty()  ? feed->title
                                                       : news::url_host(feed->link);
    for (const auto& item : feed->items) {
      auto url = news::canonical_url(item.link);
      if (!url) continue;  // an item without a usable address cannot be an article
      store::ArticleRow a;
      a.url = *url;
      a.title = item.title.empty() ? item.link : item.title;
      a.text = item.summary;
      a.outlet = outlet.empty() ? news::url_host(*url) : outlet;
      a.published_at = item.published;
      if (!item.author.empty()) a.author = item.author;
      a.fetched_at = now;
      articles.push_back(std::move(a));
    }
  } else {
    result.format = "jsonl";
    std::string errors;
    std::size_t error_count = 0;
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
      std::size_t end = bytes.find('\n', pos);
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view line = bytes.substr(pos, end - pos);
      pos = end + 1;
      ++line_no;
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.remove_suffix(1);
      if (line.empty()) continue;
      const Json j = Json::parse(line, nullptr, false);
      auto a = j.is_discarded() ? Result<store::ArticleRow>(invalid_argument("not valid JSON"))
                                : article_from_json(j, now);
      if (!a) {
        if (++error_count <= options.max_errors)
          errors += (errors.empty() ? "" : "; ") + std::string("line ") + std::to_string(line_no) +
                    ": " + a.status().message();
        continue;
      }
      articles.push_back(std::move(*a));
    }
    if (error_count > 0) {
      return invalid_argument(std::to_string(error_count) + " bad line(s), nothing stored: " +
                              errors + (error_count > options.max_errors ? "; …" : ""));
    }
  }
  result.read = static_cast<int>(articles.size());
  auto stories = StoryIndex::load(db, clock);
  if (!stories) return stories.status();
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  for (const auto& a : articles) {
    auto id = store::insert_article(db, a);
    if (!id) return id.status();
    if (*id) {
      ++result.added;
      auto story = stories->assign(db, **id, a.title, a.text);
      if (!story) return story.status();
    } else {
      ++result.duplicates;
    }
  }
  LOA_RETURN_IF_ERROR(tx.commit());
  return result;
}

}  // namespace loa::work
