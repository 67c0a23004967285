// Articles from files: feeds and JSON Lines.
#include "work/news.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "news/classifier.h"
#include "news/feed.h"
#include "news/lexicon.h"
#include "news/topics.h"
#include "news/url.h"
#include "store/analysis.h"
#include "store/articles.h"
#include "vi/text.h"
#include "work/risk.h"

namespace loa::work {

const char* gazetteer_json();  // data/gazetteer/haiphong.json, embedded

namespace {

using Json = nlohmann::json;

// "Xã Tiên Lãng" → "Tiên Lãng": a registry place's name without its kind ("" if none).
std::string bare_place_name(const std::string& name) {
  static constexpr std::string_view kPrefixes[] = {"Đặc khu ", "Thị trấn ", "Thị xã ", "Phường ",
                                                   "Huyện ",   "Quận ",     "Xã "};
  for (auto prefix : kPrefixes) {
    if (name.starts_with(prefix)) return name.substr(prefix.size());
  }
  return "";
}

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
    if (auto signature = news::signature_from_bytes(p.signature)) {
      index.index_.add(p.article_id, *signature);
      index.story_of_[p.article_id] = p.story_id;
    }
  }
  return index;
}

Result<std::int64_t> StoryIndex::assign(store::Database& db, std::int64_t article_id,
                                        std::string_view title, std::string_view text) {
  const news::Words text_words = news::words_of(text);
  news::Words all = news::words_of(title);
  news::append_words(all, text_words);
  return assign(db, article_id, text_words, all);
}

Result<std::int64_t> StoryIndex::assign(store::Database& db, std::int64_t article_id,
                                        const news::Words& text, const news::Words& all) {
  Decision d = decide(article_id, text, all);
  LOA_RETURN_IF_ERROR(store::set_article_story(db, article_id, d.signature, d.story_id));
  return d.story_id;
}

StoryIndex::Decision StoryIndex::decide(std::int64_t article_id, const news::Words& text,
                                        const news::Words& all) {
  // The text alone when there is enough of it: a copy often gets a new title.
  auto signature = news::minhash(text);
  if (!signature) signature = news::minhash(all);
  Decision d{article_id, std::nullopt};
  if (signature) {
    if (auto same = index_.find(*signature)) {
      auto it = story_of_.find(*same);
      d.story_id = it == story_of_.end() ? *same : it->second;
    }
    index_.add(article_id, *signature);
    story_of_[article_id] = d.story_id;
    d.signature = news::signature_bytes(*signature);
  }
  return d;
}

std::vector<std::string> gazetteer_place_names() {
  std::vector<std::string> names;
  const Json j = Json::parse(gazetteer_json(), nullptr, false);
  if (!j.is_object() || !j.contains("places") || !j["places"].is_array()) return names;
  for (const auto& place : j["places"]) {
    if (place.is_object() && place.contains("name") && place["name"].is_string())
      names.push_back(place["name"].get<std::string>());
  }
  return names;
}

Result<std::vector<std::string>> place_names(store::Database& db) {
  std::vector<std::string> names = gazetteer_place_names();
  auto registry = store::registry_places(db);
  if (!registry) return registry.status();
  for (const auto& place : *registry) {
    names.push_back(place.name);
    if (std::string bare = bare_place_name(place.name); !bare.empty())
      names.push_back(std::move(bare));
  }
  return names;
}

std::vector<std::string> plan_topic_titles(std::string_view structure_json) {
  std::vector<std::string> out;
  const auto j = Json::parse(structure_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("topics") || !j["topics"].is_array())
    return out;
  for (const auto& t : j["topics"]) {
    if (t.is_string())
      out.push_back(t.get<std::string>());
    else if (t.is_object() && t.contains("title") && t["title"].is_string())
      out.push_back(t["title"].get<std::string>());
  }
  return out;
}

namespace {

// The classifier trained under `name` (category, risk), if one was.
Result<std::optional<news::Classifier>> stored_classifier(store::Database& db,
                                                          const std::string& name) {
  auto row = store::find_classifier(db, name);
  if (!row) return row.status();
  if (!*row) return std::optional<news::Classifier>();
  auto loaded = news::Classifier::load((*row)->model);
  if (!loaded) return internal_error("the stored " + name + " model: " + loaded.status().message());
  return std::optional<news::Classifier>(std::move(*loaded));
}

}  // namespace

struct ArticleAnalyser::Parts {
  std::optional<StoryIndex> stories;
  std::optional<news::Classifier> categories;
  std::optional<news::Classifier> risk_model;  // learnt from the decisions (work/risk.h)
  news::Lexicon places;
  news::Lexicon risk;
  news::TopicMatcher topics;
};

ArticleAnalyser::ArticleAnalyser() : parts_(std::make_unique<Parts>()) {}
ArticleAnalyser::ArticleAnalyser(ArticleAnalyser&&) noexcept = default;
ArticleAnalyser& ArticleAnalyser::operator=(ArticleAnalyser&&) noexcept = default;
ArticleAnalyser::~ArticleAnalyser() = default;

Result<ArticleAnalyser> ArticleAnalyser::load(store::Database& db, const Clock& clock) {
  ArticleAnalyser a;
  Parts& p = *a.parts_;
  auto stories = StoryIndex::load(db, clock);
  if (!stories) return stories.status();
  p.stories = std::move(*stories);
  auto categories = stored_classifier(db, "category");
  if (!categories) return categories.status();
  p.categories = std::move(*categories);
  auto places = news::Lexicon::from_json(gazetteer_json(), "places");
  if (!places) return internal_error("data/gazetteer/haiphong.json: " + places.status().message());
  p.places = std::move(*places);
  auto registry = store::registry_places(db);
  if (!registry) return registry.status();
  for (const auto& place : *registry) {
    p.places.add(place.name, 2, place.kind);
    if (const std::string bare = bare_place_name(place.name); !bare.empty())
      p.places.add(bare, news::words_of(bare).size() >= 3 ? 2 : 1, place.kind);
  }
  auto risk = load_risk_lexicon();
  if (!risk) return risk.status();
  p.risk = std::move(*risk);
  auto risk_model = stored_classifier(db, "risk");
  if (!risk_model) return risk_model.status();
  p.risk_model = std::move(*risk_model);
  auto plans = store::active_plan_structures(db);
  if (!plans) return plans.status();
  auto learnt = store::learnt_topic_weights(db);
  if (!learnt) return learnt.status();
  static const std::map<std::string, double> kNothingLearnt;
  for (const auto& plan : *plans) {
    int number = 0;
    for (const auto& title : plan_topic_titles(plan.structure_json)) {
      ++number;
      auto it = learnt->find({plan.plan_id, number});
      p.topics.add({plan.plan_id, number}, title,
                   it == learnt->end() ? kNothingLearnt : it->second);
    }
  }
  return a;
}

Status ArticleAnalyser::analyse(store::Database& db, std::int64_t article_id,
                                std::string_view title, std::string_view text) {
  Parts& p = *parts_;
  const news::Words text_words = news::words_of(text);
  news::Words words = news::words_of(title);
  news::append_words(words, text_words);
  store::ArticleAnalysis a;
  StoryIndex::Decision story = p.stories->decide(article_id, text_words, words);
  a.story_id = story.story_id;
  a.minhash = std::move(story.signature);
  if (p.categories && words.size() > 0) a.category = p.categories->classify(words, 0).label;
  const auto places = p.places.assess(words);
  a.relevance = places.score;
  Json found = Json::array();
  for (const auto& h : places.hits) found.push_back({{"name", h.phrase}, {"count", h.count}});
  a.places_json = found.dump();
  // Risk flags are for the province's news: an accident elsewhere is not the coordinator's.
  const bool about_city = places.score >= news::kRelevantFrom;
  if (about_city) {
    const RiskFlag flag =
        judge_risk(p.risk.assess(words), p.risk_model ? &*p.risk_model : nullptr, words);
    if (flag.kind) {
      a.risk = flag.kind;
      a.risk_terms_json = Json(flag.terms).dump();
    }
    if (!flag.by.empty()) a.risk_by = flag.by;
  }
  LOA_RETURN_IF_ERROR(store::save_article_analysis(db, article_id, a));
  std::vector<store::TopicMatchRow> topics;
  if (about_city) {
    for (const auto& m : p.topics.match(words))
      topics.push_back({m.topic.plan_id, m.topic.topic_no, m.score, Json(m.terms).dump()});
  }
  return store::save_article_topics(db, article_id, topics);
}

Result<NewsPage> search_news(store::Database& db, const store::ArticleSearch& search) {
  NewsPage page;
  auto found = store::search_article_page(db, search);
  if (!found) return found.status();
  page.total = found->total;
  page.total_estimated = found->total_estimated;
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> stories;
  for (auto& h : found->hits) {
    ids.push_back(h.id);
    stories.push_back(h.story_id);
    page.items.push_back({std::move(h), {}, {}});
  }
  auto topics = store::topics_of_articles(db, ids);
  if (!topics) return topics.status();
  auto copies = store::story_members(db, stories);
  if (!copies) return copies.status();
  std::map<std::int64_t, std::vector<std::string>> titles;  // by plan
  for (const auto& t : *topics) {
    if (!titles.contains(t.plan_id)) {
      auto st = db.prepare("SELECT structure_json FROM plans WHERE id = ?");
      if (!st) return st.status();
      st->bind(1, t.plan_id);
      auto row = st->step();
      if (!row) return row.status();
      titles[t.plan_id] = *row ? plan_topic_titles(st->column_text(0)) : std::vector<std::string>();
    }
    const auto& plan_titles = titles[t.plan_id];
    TopicRef ref{t.plan_id,
                 t.topic_no,
                 t.topic_no >= 1 && static_cast<std::size_t>(t.topic_no) <= plan_titles.size()
                     ? plan_titles[static_cast<std::size_t>(t.topic_no) - 1]
                     : "",
                 t.status,
                 {},
                 t.score};
    const Json terms = Json::parse(t.terms_json, nullptr, false);
    if (terms.is_array())
      for (const auto& term : terms)
        if (term.is_string()) ref.terms.push_back(term.get<std::string>());
    for (auto& item : page.items)
      if (item.article.id == t.article_id) item.topics.push_back(ref);
  }
  for (const auto& m : *copies)
    for (auto& item : page.items)
      if (item.article.story_id == m.story_id && item.article.id != m.id)
        item.duplicates.push_back(m);
  return page;
}

Json news_item_json(const NewsItem& item) {
  const auto& a = item.article;
  auto optional = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
  Json topics = Json::array();
  for (const auto& t : item.topics) {
    topics.push_back({{"plan_id", t.plan_id},
                      {"topic_no", t.topic_no},
                      {"title", t.title},
                      {"status", t.status},
                      {"terms", t.terms},
                      {"score", t.score}});
  }
  Json duplicates = Json::array();
  for (const auto& d : item.duplicates) {
    duplicates.push_back({{"id", d.id},
                          {"url", d.url},
                          {"outlet", d.outlet},
                          {"published", optional(d.published_at)}});
  }
  return {{"id", a.id},
          {"url", a.url},
          {"title", a.title},
          {"outlet", a.outlet},
          {"published", optional(a.published_at)},
          {"fetched", a.fetched_at},
          {"snippet", a.snippet},
          {"score", a.score},
          {"category", optional(a.category)},
          {"risk", optional(a.risk)},
          {"risk_status", optional(a.risk_status)},
          {"relevance", a.relevance},
          {"topics", topics},
          {"duplicates", duplicates}};
}

Status decide_article_topic(store::Database& db, const Clock& clock, const Actor& actor,
                            std::int64_t article_id, std::int64_t plan_id, int topic_no,
                            bool confirmed) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto st = db.prepare(
      "SELECT terms_json, status FROM article_topics WHERE article_id = ? AND plan_id = ? AND "
      "topic_no = ?");
  if (!st) return st.status();
  st->bind_all(article_id, plan_id, topic_no);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row)
    return not_found("article " + std::to_string(article_id) + " has no topic " +
                     std::to_string(topic_no) + " of plan " + std::to_string(plan_id));
  const Json terms = Json::parse(st->column_text(0), nullptr, false);
  const std::string before = st->column_text(1);
  const std::string after = confirmed ? "confirmed" : "rejected";
  auto update = db.prepare(
      "UPDATE article_topics SET status = ?, decided_by = ?, decided_at = ? "
      "WHERE article_id = ? AND plan_id = ? AND topic_no = ?");
  if (!update) return update.status();
  update->bind_all(after, actor.user_id, format_utc(clock.now_unix()), article_id, plan_id,
                   topic_no);
  LOA_RETURN_IF_ERROR(update->run());
  // A decision changed (or made) teaches once: undo the previous decision's step first.
  double step = 0;
  if (before != after) {
    if (before == "confirmed") step -= news::kFeedbackStep;
    if (before == "rejected") step += news::kFeedbackStep;
    step += confirmed ? news::kFeedbackStep : -news::kFeedbackStep;
  }
  if (step != 0 && terms.is_array()) {
    auto learnt = store::learnt_topic_weights(db);
    if (!learnt) return learnt.status();
    const auto& known = (*learnt)[{plan_id, topic_no}];
    for (const auto& t : terms) {
      if (!t.is_string()) continue;
      const std::string term = t.get<std::string>();
      auto it = known.find(term);
      const double now = it != known.end() ? it->second : news::default_term_weight(term);
      LOA_RETURN_IF_ERROR(store::set_topic_term_weight(
          db, plan_id, topic_no, term, std::clamp(now + step, 0.0, news::kMaxTermWeight)));
    }
  }
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor,
      {"article.topic." + after, "article", std::to_string(article_id),
       Json{{"plan_id", plan_id}, {"topic_no", topic_no}, {"status", before}}.dump(),
       Json{{"plan_id", plan_id}, {"topic_no", topic_no}, {"status", after}}.dump()}));
  return tx.commit();
}

Status decide_article_risk(store::Database& db, const Clock& clock, const Actor& actor,
                           std::int64_t article_id, bool confirmed,
                           const std::optional<std::string>& kind) {
  if (kind && *kind != "false_information" && *kind != "negative") {
    return invalid_argument("kind must be false_information or negative, not '" + *kind + "'");
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto st = db.prepare("SELECT risk, risk_status, risk_terms_json FROM articles WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, article_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no article " + std::to_string(article_id));
  const std::optional<std::string> risk = st->column_optional_text(0);
  const std::optional<std::string> status = st->column_optional_text(1);
  const std::string terms = st->column_text(2);
  const auto or_null = [](const std::optional<std::string>& v) {
    return v ? Json(*v) : Json(nullptr);
  };
  const Json before = {{"risk", or_null(risk)}, {"risk_status", or_null(status)}};
  if (!risk && !(confirmed && kind)) {
    return not_found("article " + std::to_string(article_id) +
                     " has no risk flag (confirm it with a kind to flag it)");
  }
  const std::string after_kind = kind ? *kind : *risk;
  const std::string after = confirmed ? "confirmed" : "dismissed";
  // A flag the coordinator raises herself is hers; deciding on Loa's keeps who raised it.
  auto update = db.prepare(
      "UPDATE articles SET risk = ?, risk_status = ?, risk_terms_json = ?, "
      "risk_by = CASE WHEN ? THEN risk_by ELSE 'person' END WHERE id = ?");
  if (!update) return update.status();
  update->bind_all(after_kind, after, risk ? terms : std::string("[]"), risk ? 1 : 0, article_id);
  LOA_RETURN_IF_ERROR(update->run());
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"article.risk." + after, "article", std::to_string(article_id), before.dump(),
                     Json{{"risk", after_kind}, {"risk_status", after}}.dump()}));
  return tx.commit();
}

Status set_article_category(store::Database& db, const Clock& clock, const Actor& actor,
                            std::int64_t article_id, const std::string& category) {
  std::vector<std::string> allowed = {"business", "education", "entertainment", "health", "science",
                                      "society",  "sport",     "tech",          "travel", "world"};
  auto model = store::find_classifier(db, "category");
  if (!model) return model.status();
  if (*model) {
    const Json labels = Json::parse((*model)->labels_json, nullptr, false);
    if (labels.is_array()) {
      for (const auto& l : labels)
        if (l.is_string() && std::find(allowed.begin(), allowed.end(), l) == allowed.end())
          allowed.push_back(l.get<std::string>());
    }
  }
  if (std::find(allowed.begin(), allowed.end(), category) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return invalid_argument("category must be one of " + list + ", not '" + category + "'");
  }
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto st = db.prepare("SELECT category, category_by FROM articles WHERE id = ?");
  if (!st) return st.status();
  st->bind(1, article_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return not_found("no article " + std::to_string(article_id));
  auto text_or_null = [&](int column) {
    auto v = st->column_optional_text(column);
    return v ? Json(*v) : Json(nullptr);
  };
  const Json before = {{"category", text_or_null(0)}, {"category_by", text_or_null(1)}};
  auto update = db.prepare("UPDATE articles SET category = ?, category_by = 'person' WHERE id = ?");
  if (!update) return update.status();
  update->bind_all(category, article_id);
  LOA_RETURN_IF_ERROR(update->run());
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"article.category", "article", std::to_string(article_id), before.dump(),
                     Json{{"category", category}, {"category_by", "person"}}.dump()}));
  return tx.commit();
}

Result<TrainedModel> train_category_model(store::Database& db, const Clock& clock,
                                          const Actor& actor, std::string_view jsonl, int folds) {
  auto examples = news::read_labelled_jsonl(jsonl, "category");
  if (!examples) return examples.status();
  TrainedModel out;
  out.examples = static_cast<int>(examples->size());
  if (folds > 0) {
    auto measured = news::cross_validate(*examples, folds);
    if (!measured) return measured.status();
    out.accuracy = measured->accuracy;
  }
  auto model = news::Classifier::train(*examples);
  if (!model) return model.status();
  out.labels = model->labels();
  out.features = model->features();
  store::ClassifierRow row{"category",   model->serialize(), Json(out.labels).dump(),
                           out.examples, out.accuracy,       format_utc(clock.now_unix())};
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::save_classifier(db, row));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"classifier.train", "classifier", "category", std::nullopt,
                     Json{{"examples", out.examples},
                          {"labels", out.labels},
                          {"accuracy", out.accuracy ? Json(*out.accuracy) : Json(nullptr)}}
                         .dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return out;
}

Result<std::int64_t> reanalyse_articles(store::Database& db, const Clock& clock) {
  auto analyser = ArticleAnalyser::load(db, clock);
  if (!analyser) return analyser.status();
  std::int64_t last = 0;
  std::int64_t done = 0;
  for (;;) {
    auto st = db.prepare("SELECT id, title, text FROM articles WHERE id > ? ORDER BY id LIMIT 500");
    if (!st) return st.status();
    st->bind(1, last);
    struct Row {
      std::int64_t id;
      std::string title;
      std::string text;
    };
    auto rows = store::collect_rows(*st, [](const store::Statement& s) {
      return Row{s.column_int(0), s.column_text(1), s.column_text(2)};
    });
    if (!rows) return rows.status();
    if (rows->empty()) break;
    store::Transaction tx(db);
    LOA_RETURN_IF_ERROR(tx.begin());
    for (const auto& r : *rows) LOA_RETURN_IF_ERROR(analyser->analyse(db, r.id, r.title, r.text));
    LOA_RETURN_IF_ERROR(tx.commit());
    last = rows->back().id;
    done += static_cast<std::int64_t>(rows->size());
  }
  return done;
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
  auto analyser = ArticleAnalyser::load(db, clock);
  if (!analyser) return analyser.status();
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  for (const auto& a : articles) {
    auto id = store::insert_article(db, a);
    if (!id) return id.status();
    if (*id) {
      ++result.added;
      LOA_RETURN_IF_ERROR(analyser->analyse(db, **id, a.title, a.text));
    } else {
      ++result.duplicates;
    }
  }
  LOA_RETURN_IF_ERROR(tx.commit());
  return result;
}

}  // namespace loa::work
