// Press monitoring figures (docs/BENCHMARKS.md), on the shared corpus:
//
// 1. Pipeline throughput, one thread (= per core): baomoi articles wrapped in a news site's
//    page (menu, share bar, related links, footer) go through what polling does after the
//    fetch — extraction (charset, HTML5 parse, text selection), storing (SQLite + the FTS5
//    index on the Vietnamese tokenizer), and the analysis (story fingerprint, category by a
//    model trained on Dân trí, gazetteer, risk lexicon, the topics of an active plan).
// 2. Near-duplicate precision and recall on baomoi, where syndicated copies abound. Truth: two
//    articles are copies when the Jaccard similarity of their sets of five-syllable shingles
//    (folded) is at least 0.5, computed exactly. Recall: of the articles with an earlier copy,
//    how many the MinHash index joined to an earlier article; precision: of those joins, how
//    many are to a true copy.
// 3. Category accuracy on Dân trí by 5-fold cross-validation.
// 4. Risk flags on the baomoi articles about Hải Phòng labelled by hand
//    (tests/data/news/risk-labels-baomoi.tsv), 5-fold: the lexicon alone, and the lexicon with
//    the model learnt as train_risk_model learns it — the coordinator having confirmed or
//    dismissed the lexicon's flags of the training folds, the unflagged articles counted as
//    "none" — and, for comparison, with a model learnt from every training label.
//
//   build/release/bench/news_bench [--articles N] [--dedupe N] [--corpus DIR]
//                                  [--only pipeline|dedupe|categories|risk]
//
// LOA_BENCH_SQL, when set, is run on the pipeline's fresh database before the articles go in,
// to try a setting (e.g. "INSERT INTO articles_search(articles_search, rank) VALUES
// ('automerge', 8)") against the shipped schema in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "bench/news/corpus.h"
#include "news/classifier.h"
#include "news/html.h"
#include "news/minhash.h"
#include "news/phrases.h"
#include "store/analysis.h"
#include "store/articles.h"
#include "store/database.h"
#include "store/migrations.h"
#include "vi/corpus.h"
#include "work/news.h"
#include "work/risk.h"

namespace {

using namespace loa;
using Json = nlohmann::json;
using Clock = bench::Steady;

using bench::Article;
using bench::check;
using bench::die;
using bench::read_articles;
using bench::seconds_since;

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

// A news site's page around an article's text, as polling stores it.
std::string as_page(const Article& a, std::size_t n) {
  std::string html =
      "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + escape(a.title) +
      " - Báo Thử</title><meta property=\"article:published_time\" "
      "content=\"2026-12-01T08:30:00+07:00\"><script>var ads = [1,2,3];</script></head><body>"
      "<header><nav><ul><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/thoi-su\">Thời sự</a>"
      "</li><li><a href=\"/kinh-te\">Kinh tế</a></li><li><a href=\"/the-thao\">Thể thao</a></li>"
      "</ul></nav></header><main><article><h1>" +
      escape(a.title) + "</h1><div class=\"share-bar\">Chia sẻ Facebook Zalo</div>";
  std::size_t from = 0;
  while (from < a.text.size()) {
    std::size_t end = a.text.find('\n', from);
    if (end == std::string::npos) end = a.text.size();
    if (end > from)
      html += "<p>" + escape(std::string_view(a.text).substr(from, end - from)) + "</p>";
    from = end + 1;
  }
  html += "</article><div class=\"tin-lien-quan\"><h3>Tin liên quan</h3><ul>";
  for (int i = 0; i < 5; ++i)
    html += "<li><a href=\"/tin-" + std::to_string(n * 10 + i) + ".html\">Tin khác số " +
            std::to_string(i) + "</a></li>";
  html += "</ul></div></main><footer>© Báo Thử. Giấy phép số 123/GP-BTTTT.</footer></body></html>";
  return html;
}

void pipeline(const std::string& corpus, std::size_t count) {
  auto articles = read_articles(corpus + "/news/news-baomoi.jsonl.zst", count);
  std::vector<std::string> pages;
  pages.reserve(articles.size());
  std::size_t page_bytes = 0;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    pages.push_back(as_page(articles[i], i));
    page_bytes += pages.back().size();
  }

  const auto dir = std::filesystem::temp_directory_path() / "loa-news-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = check(store::Database::open((dir / "news.db").string()));
  check(store::migrate(*db));
  if (const char* e = std::getenv("LOA_BENCH_SQL")) check(db->exec(e));
  ManualClock clock(1796000000);
  // The analysis as in production: a trained category model, an active plan's topics.
  const std::string dantri = check(vi::read_file(corpus + "/news/news-dantri.jsonl.zst"));
  auto trained =
      check(work::train_category_model(*db, clock, work::Actor::command_line(), dantri, 0));
  check(db->exec(
      "INSERT INTO organisations (id, code, name, kind, level, created_at) VALUES (1, 'ubnd', "
      "'Ủy ban nhân dân thành phố Hải Phòng', 'people_committee', 'province', "
      "'2025-01-01T00:00:00Z')"));
  const std::string gold = check(vi::read_file(corpus + "/plans/000.gold.json"));
  const Json plan = Json::parse(gold, nullptr, false);
  Json topics = Json::array();
  if (plan.is_object() && plan.contains("topics"))
    for (const auto& t : plan["topics"]) topics.push_back({{"title", t}});
  {
    auto st = check(db->prepare(
        "INSERT INTO plans (organisation_id, status, title, source_name, source_format, "
        "source_text, structure_json, created_at, updated_at) VALUES (1, 'active', 'KH', 'x', "
        "'text', '', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"));
    st.bind(1, Json{{"topics", topics}}.dump());
    check(st.run());
  }
  auto analyser = check(work::ArticleAnalyser::load(*db, clock));

  // Each stage alone, then all of it as polling runs it.
  auto start = Clock::now();
  std::vector<news::ExtractedArticle> extracted;
  extracted.reserve(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    extracted.push_back(
        check(news::extract_article(pages[i], "text/html; charset=utf-8",
                                    "https://baothu.vn/bai-" + std::to_string(i) + ".html")));
  }
  const double extract_s = seconds_since(start);

  start = Clock::now();
  std::vector<std::int64_t> ids;
  const std::size_t batch = 500;
  for (std::size_t from = 0; from < extracted.size(); from += batch) {
    store::Transaction tx(*db);
    check(tx.begin());
    for (std::size_t i = from; i < std::min(extracted.size(), from + batch); ++i) {
      store::ArticleRow row;
      row.outlet = "Báo Thử";
      row.url = "https://baothu.vn/bai-" + std::to_string(i) + ".html";
      row.title = extracted[i].title;
      row.text = extracted[i].text;
      row.published_at = extracted[i].published;
      row.fetched_at = format_utc(clock.now_unix());
      auto id = check(store::insert_article(*db, row));
      ids.push_back(id.value_or(0));
    }
    check(tx.commit());
  }
  const double store_s = seconds_since(start);

  start = Clock::now();
  for (std::size_t from = 0; from < ids.size(); from += batch) {
    store::Transaction tx(*db);
    check(tx.begin());
    for (std::size_t i = from; i < std::min(ids.size(), from + batch); ++i)
      check(analyser.analyse(*db, ids[i], extracted[i].title, extracted[i].text));
    check(tx.commit());
  }
  const double analyse_s = seconds_since(start);

  const double n = static_cast<double>(pages.size());
  const double total = extract_s + store_s + analyse_s;
  std::printf("pipeline: %zu articles (%.1f MB of pages), category model of %zu terms\n",
              pages.size(), static_cast<double>(page_bytes) / 1e6, trained.features);
  std::printf("  extract  %7.0f articles/s  (%.3f ms each)\n", n / extract_s, 1e3 * extract_s / n);
  std::printf("  store    %7.0f articles/s  (%.3f ms each; SQLite + FTS5 index)\n", n / store_s,
              1e3 * store_s / n);
  std::printf(
      "  analyse  %7.0f articles/s  (%.3f ms each; story, category, places, risk, topics)\n",
      n / analyse_s, 1e3 * analyse_s / n);
  std::printf("  all      %7.0f articles/s per core  (%.3f ms each)\n", n / total, 1e3 * total / n);
  auto count_of = [&](const char* sql) {
    auto st = check(db->prepare(sql));
    check(st.step());
    return st.column_int(0);
  };
  std::printf("  found: %ld about the city, %ld flagged, %ld with a plan topic, %ld stories\n",
              count_of("SELECT COUNT(*) FROM articles WHERE relevance >= 3"),
              count_of("SELECT COUNT(*) FROM articles WHERE risk IS NOT NULL"),
              count_of("SELECT COUNT(DISTINCT article_id) FROM article_topics"),
              count_of("SELECT COUNT(DISTINCT COALESCE(story_id, id)) FROM articles"));
  std::filesystem::remove_all(dir);
}

// Five-syllable shingles of the folded text, hashed.
std::vector<std::uint64_t> shingles(std::string_view text) {
  const news::Words w = news::words_of(text);
  std::vector<std::uint64_t> out;
  std::hash<std::string> hash;
  for (std::size_t i = 0; i + 5 <= w.size(); ++i) {
    std::string s = w.folded[i];
    for (std::size_t k = 1; k < 5; ++k) s += ' ' + w.folded[i + k];
    out.push_back(hash(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void dedupe(const std::string& corpus, std::size_t count) {
  auto articles = read_articles(corpus + "/news/news-baomoi.jsonl.zst", count);
  const auto start = Clock::now();
  // Truth: for each article, its earlier articles with shingle Jaccard ≥ 0.5, found through an
  // inverted index (shingles in more than 200 articles are boilerplate and skipped).
  std::vector<std::vector<std::uint64_t>> sets(articles.size());
  for (std::size_t i = 0; i < articles.size(); ++i) sets[i] = shingles(articles[i].text);
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  std::vector<std::vector<std::uint32_t>> copies_of(articles.size());
  std::unordered_map<std::uint32_t, std::uint32_t> shared;
  for (std::uint32_t i = 0; i < articles.size(); ++i) {
    shared.clear();
    for (auto s : sets[i]) {
      auto& list = postings[s];
      if (list.size() <= 200)
        for (auto j : list) ++shared[j];
      list.push_back(i);
    }
    for (const auto& [j, n] : shared) {
      const double jaccard =
          static_cast<double>(n) / static_cast<double>(sets[i].size() + sets[j].size() - n);
      if (jaccard >= 0.5 && sets[i].size() >= 20) copies_of[i].push_back(j);
    }
  }
  const double truth_s = seconds_since(start);

  // MinHash as Loa uses it (work/news.h StoryIndex: the text's signature, the LSH index).
  news::DuplicateIndex index;
  std::size_t with_copy = 0;
  std::size_t found = 0;
  std::size_t joined = 0;
  std::size_t joined_right = 0;
  const auto minhash_start = Clock::now();
  for (std::uint32_t i = 0; i < articles.size(); ++i) {
    const auto signature = news::minhash(articles[i].text);
    std::optional<std::int64_t> same;
    if (signature) {
      same = index.find(*signature);
      index.add(i, *signature);
    }
    const auto& truth = copies_of[i];
    if (!truth.empty()) ++with_copy;
    if (same) {
      ++joined;
      const bool right =
          std::find(truth.begin(), truth.end(), static_cast<std::uint32_t>(*same)) != truth.end();
      if (right) ++joined_right;
      if (!truth.empty()) ++found;
    }
  }
  const double minhash_s = seconds_since(minhash_start);
  std::printf("dedupe: %zu baomoi articles, %zu have an earlier copy (shingle Jaccard >= 0.5)\n",
              articles.size(), with_copy);
  std::printf("  recall    %.3f  (%zu of %zu joined to an earlier article)\n",
              with_copy ? static_cast<double>(found) / static_cast<double>(with_copy) : 0.0, found,
              with_copy);
  std::printf("  precision %.3f  (%zu of %zu joins are to a true copy)\n",
              joined ? static_cast<double>(joined_right) / static_cast<double>(joined) : 0.0,
              joined_right, joined);
  std::printf("  time: truth %.1f s; MinHash signatures and index %.1f s (%.0f articles/s)\n",
              truth_s, minhash_s, static_cast<double>(articles.size()) / minhash_s);
}

void categories(const std::string& corpus) {
  const std::string dantri = check(vi::read_file(corpus + "/news/news-dantri.jsonl.zst"));
  const auto examples = check(news::read_labelled_jsonl(dantri));
  const auto start = Clock::now();
  const auto e = check(news::cross_validate(examples, 5));
  std::printf(
      "categories: Dân trí, %d articles, 5-fold cross-validation: accuracy %.3f, macro F1 "
      "%.3f (%.1f s)\n",
      e.examples, e.accuracy, e.macro_f1, seconds_since(start));
  for (std::size_t i = 0; i < e.labels.size(); ++i)
    std::printf("  %-14s precision %.3f recall %.3f\n", e.labels[i].c_str(), e.precision[i],
                e.recall[i]);
}

void risk(const std::string& corpus) {
  const std::string labels_path =
      std::string(LOA_SOURCE_DIR) + "/tests/data/news/risk-labels-baomoi.tsv";
  const std::string labels_text = check(vi::read_file(labels_path));
  std::unordered_map<std::string, bool> gold;  // baomoi id → risk
  std::size_t pos = 0;
  while (pos < labels_text.size()) {
    std::size_t end = labels_text.find('\n', pos);
    if (end == std::string::npos) end = labels_text.size();
    const std::string line = labels_text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) die(labels_path + ": no tab in '" + line + "'");
    gold[line.substr(0, tab)] = line.substr(tab + 1) == "risk";
  }
  struct Item {
    news::Words words;
    std::string text;
    bool risky;
    news::LexiconFinding lexicon;
  };
  const auto lexicon = check(work::load_risk_lexicon());
  std::vector<Item> items;
  const std::string bytes = check(vi::read_file(corpus + "/news/news-baomoi.jsonl.zst"));
  for (std::size_t p = 0; p < bytes.size();) {
    std::size_t end = bytes.find('\n', p);
    if (end == std::string::npos) end = bytes.size();
    const auto j = Json::parse(std::string_view(bytes).substr(p, end - p), nullptr, false);
    p = end + 1;
    if (!j.is_object() || !j.contains("id")) continue;
    const auto it = gold.find(j["id"].get<std::string>());
    if (it == gold.end()) continue;
    std::string text = j.value("title", "") + "\n" + j.value("text", "");
    news::Words words = news::words_of(text);
    auto found = lexicon.assess(words);
    items.push_back({std::move(words), std::move(text), it->second, std::move(found)});
  }
  if (items.size() != gold.size())
    die("found " + std::to_string(items.size()) + " of the " + std::to_string(gold.size()) +
        " labelled articles in the corpus");
  struct Score {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    void add(bool flagged, bool risky) { (flagged ? (risky ? tp : fp) : (risky ? fn : tn)) += 1; }
    void print(const char* name) const {
      const double precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0.0;
      const double recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0.0;
      const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
      std::printf("  %-34s precision %.3f recall %.3f F1 %.3f  (%d flagged, %d right)\n", name,
                  precision, recall, f1, tp + fp, tp);
    }
  };
  Score lexicon_only, learnt, fully;
  constexpr int kFolds = 5;
  const auto start = Clock::now();
  // Folds are runs of consecutive articles (two months each, about): the copies of a story,
  // published within days, mostly fall in one fold, so the model is not tested on copies of
  // what it learnt from.
  const auto fold_of = [&](std::size_t i) { return static_cast<int>(i * kFolds / items.size()); };
  for (int fold = 0; fold < kFolds; ++fold) {
    std::vector<news::LabelledText> decisions, labelled;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (fold_of(i) == fold) continue;
      const Item& it = items[i];
      const bool flagged = work::judge_risk(it.lexicon, nullptr, it.words).kind.has_value();
      // The coordinator confirms or dismisses the lexicon's flags; unflagged ones count as none.
      decisions.push_back({flagged && it.risky ? "risk" : "none", it.text});
      labelled.push_back({it.risky ? "risk" : "none", it.text});
    }
    const auto from_decisions = check(news::Classifier::train(decisions));
    const auto from_labels = check(news::Classifier::train(labelled));
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (fold_of(i) != fold) continue;
      const Item& it = items[i];
      lexicon_only.add(work::judge_risk(it.lexicon, nullptr, it.words).kind.has_value(), it.risky);
      learnt.add(work::judge_risk(it.lexicon, &from_decisions, it.words).kind.has_value(),
                 it.risky);
      fully.add(work::judge_risk(it.lexicon, &from_labels, it.words).kind.has_value(), it.risky);
    }
  }
  int risky = 0;
  for (const auto& it : items) risky += it.risky ? 1 : 0;
  std::printf(
      "risk: %zu baomoi articles about Hải Phòng labelled by hand (%d risk), %d folds of "
      "consecutive articles (%.1f s)\n",
      items.size(), risky, kFolds, seconds_since(start));
  lexicon_only.print("lexicon");
  learnt.print("lexicon + model from decisions");
  fully.print("lexicon + model from every label");
  // What learning the model costs a polling round at its largest (work::train_risk_model: the
  // latest 1,000 decisions and 2,000 unflagged articles): 3,000 baomoi articles.
  {
    const auto many = read_articles(corpus + "/news/news-baomoi.jsonl.zst", 3000);
    std::vector<news::LabelledText> examples;
    for (std::size_t i = 0; i < many.size(); ++i) {
      const auto found = lexicon.assess(news::words_of(many[i].title + "\n" + many[i].text));
      const bool flagged = work::judge_risk(found, nullptr, news::Words{}).kind.has_value();
      examples.push_back(
          {flagged && i % 3 != 0 ? "risk" : "none", many[i].title + "\n" + many[i].text});
    }
    const auto t = Clock::now();
    const auto model = check(news::Classifier::train(examples));
    std::printf("  learning from %zu articles: %.2f s, %zu terms\n", examples.size(),
                seconds_since(t), model.features());
  }
  // The margin from which the model overrules the lexicon (work::kRiskModelMargin), swept.
  for (const double margin : {0.0, 0.25, 0.5, 1.0, 1.5}) {
    Score swept;
    for (int fold = 0; fold < kFolds; ++fold) {
      std::vector<news::LabelledText> decisions;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (fold_of(i) == fold) continue;
        const Item& it = items[i];
        const bool flagged = work::judge_risk(it.lexicon, nullptr, it.words).kind.has_value();
        decisions.push_back({flagged && it.risky ? "risk" : "none", it.text});
      }
      const auto model = check(news::Classifier::train(decisions));
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (fold_of(i) != fold) continue;
        const Item& it = items[i];
        swept.add(work::judge_risk(it.lexicon, &model, it.words, margin).kind.has_value(),
                  it.risky);
      }
    }
    const std::string name = "  from decisions, margin " + std::to_string(margin).substr(0, 4);
    swept.print(name.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t articles = 5000;
  std::size_t dedupe_count = 40000;
  std::string corpus = std::string(LOA_SOURCE_DIR) + "/../shared/corpus";
  std::string only;  // one part: pipeline, dedupe or categories
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--articles") == 0)
      articles = std::stoul(argv[i + 1]);
    else if (std::strcmp(argv[i], "--dedupe") == 0)
      dedupe_count = std::stoul(argv[i + 1]);
    else if (std::strcmp(argv[i], "--corpus") == 0)
      corpus = argv[i + 1];
    else if (std::strcmp(argv[i], "--only") == 0)
      only = argv[i + 1];
    else
      die(std::string("unknown option ") + argv[i] +
          " (use --articles N, --dedupe N, --corpus DIR, --only pipeline|dedupe|categories|risk)");
  }
  if (!std::filesystem::exists(corpus + "/news/news-baomoi.jsonl.zst"))
    die("no corpus at " + corpus + " (--corpus DIR)");
  if (!only.empty() && only != "pipeline" && only != "dedupe" && only != "categories" &&
      only != "risk")
    die("--only takes pipeline, dedupe, categories or risk, not " + only);
  if (only.empty() || only == "pipeline") pipeline(corpus, articles);
  if (only.empty() || only == "dedupe") dedupe(corpus, dedupe_count);
  if (only.empty() || only == "categories") categories(corpus);
  if (only.empty() || only == "risk") risk(corpus);
  return 0;
}
