// Press articles as evidence of tasks.
#include "work/evidence.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/dates.h"
#include "news/phrases.h"
#include "news/topics.h"
#include "store/organisations.h"
#include "store/plans.h"
#include "store/saved_searches.h"
#include "vi/text.h"
#include "vi/utf8.h"
#include "work/news.h"
#include "work/tasks.h"

namespace loa::work {

namespace {

using Json = nlohmann::json;

constexpr double kTopicWeight = 3.0;
constexpr double kConfirmedTopicWeight = 4.0;
constexpr double kAgencyWeight = 2.0;
constexpr double kTermsWeight = 1.5;
constexpr int kCandidatesPerPlan = 300;
constexpr int kCandidatesPerName = 100;
constexpr std::size_t kMinNameBytes = 4;

// Folded words between single spaces, padded (" so van hoa the thao "): names are found
// whole, whatever the marks, case and punctuation.
std::string name_form(std::string_view text) {
  const std::string folded = vi::fold(text);
  std::string out = " ";
  for (unsigned char c : folded) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

// What is read once of an article to weigh it against tasks.
struct ArticleView {
  store::ArticleHit hit;
  std::string names;  // name_form of title and text
  news::Words words;
  std::vector<store::ArticleTopicRow> topics;
};

Result<ArticleView> view_article(store::Database& db, std::int64_t article_id) {
  auto detail = store::find_article(db, article_id);
  if (!detail) return detail.status();
  ArticleView v;
  v.hit = detail->hit;
  v.names = name_form(detail->hit.title + "\n" + detail->text);
  v.words = news::words_of(detail->hit.title);
  news::append_words(v.words, news::words_of(detail->text));
  auto topics = store::topics_of_articles(db, {article_id});
  if (!topics) return topics.status();
  v.topics = std::move(*topics);
  if (v.hit.snippet.empty()) v.hit.snippet = vi::utf8::prefix(detail->text, 300);
  return v;
}

// What is read once of a task: the names of its agency and its plan's topic titles.
struct TaskView {
  std::vector<std::string> names;  // as written
  std::vector<std::string> name_forms;
  std::vector<std::string> topic_titles;
  news::TopicMatcher terms;
};

Result<TaskView> view_task(store::Database& db, const store::TaskRow& task,
                           std::map<std::int64_t, std::vector<std::string>>& plan_titles) {
  TaskView v;
  std::set<std::string> seen;
  auto add = [&](const std::string& name) {
    std::string form = name_form(name);
    if (form.size() < kMinNameBytes + 2 || !seen.insert(form).second) return;
    v.names.push_back(name);
    v.name_forms.push_back(std::move(form));
  };
  if (task.organisation_id) {
    auto org = store::find_organisation(db, *task.organisation_id);
    if (!org) return org.status();
    add(org->name);
    if (org->short_name) add(*org->short_name);
    for (const auto& a : org->aliases)
      if (a.kind != "ocr") add(a.text);
  }
  add(task.agency);
  auto titles = plan_titles.find(task.plan_id);
  if (titles == plan_titles.end()) {
    auto plan = store::find_plan(db, task.plan_id);
    if (!plan) return plan.status();
    titles = plan_titles.emplace(task.plan_id, plan_topic_titles(plan->structure_json)).first;
  }
  v.topic_titles = titles->second;
  v.terms.add({task.plan_id, 1}, task.text);
  return v;
}

// The reasons an article may prove a task, and their weight.
double weigh(const ArticleView& a, const store::TaskRow& task, const TaskView& t,
             std::vector<EvidenceReason>& reasons) {
  double score = 0;
  const store::ArticleTopicRow* best = nullptr;
  for (const auto& topic : a.topics) {
    if (topic.plan_id != task.plan_id || topic.status == "rejected") continue;
    if (!best || (topic.status == "confirmed" && best->status != "confirmed")) best = &topic;
  }
  if (best) {
    score += best->status == "confirmed" ? kConfirmedTopicWeight : kTopicWeight;
    const auto no = static_cast<std::size_t>(best->topic_no);
    reasons.push_back({"topic", no >= 1 && no <= t.topic_titles.size()
                                    ? t.topic_titles[no - 1]
                                    : "chủ đề " + std::to_string(best->topic_no)});
  }
  for (std::size_t i = 0; i < t.name_forms.size(); ++i) {
    if (a.names.find(t.name_forms[i]) == std::string::npos) continue;
    score += kAgencyWeight;
    reasons.push_back({"agency", t.names[i]});
    break;
  }
  auto matches = t.terms.match(a.words);
  if (!matches.empty()) {
    score += kTermsWeight;
    std::string terms;
    for (const auto& term : matches.front().terms) terms += (terms.empty() ? "" : ", ") + term;
    reasons.push_back({"terms", terms});
  }
  return score;
}

}  // namespace

Result<std::int64_t> attach_article(store::Database& db, const Clock& clock,
                                    const SignedInUser& user, const Actor& actor,
                                    std::int64_t task_id, std::int64_t article_id,
                                    const std::string& note) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto writable = writable_task(db, user, task_id);
  if (!writable) return writable.status();
  const store::TaskRow& task = writable->task;
  const TaskAccess access = writable->access;
  auto article = store::find_article(db, article_id);
  if (!article) return article.status();
  auto attached = store::article_tasks(db, article_id);
  if (!attached) return attached.status();
  if (std::find(attached->begin(), attached->end(), task_id) != attached->end())
    return already_exists("the article is evidence of this task already");
  TaskChange change;
  if (access >= TaskAccess::kUpdate && task.organisation_id)
    change.kind = "progress";
  else if (access == TaskAccess::kCoordinate)
    change.kind = "comment";
  else
    change.kind = "contribution";
  const store::ArticleHit& hit = article->hit;
  if (note.empty()) {
    change.text = "Minh chứng: bài “" + hit.title + "” (" + hit.outlet;
    if (hit.published_at) change.text += ", " + vietnam_date_text(*hit.published_at);
    change.text += ")";
  } else {
    change.text = note;
  }
  change.links = Json::array({{{"url", hit.url}, {"title", hit.title}}});
  auto update = change_task(db, clock, user, actor, task_id, change);
  if (!update) return update.status();
  LOA_RETURN_IF_ERROR(store::insert_task_article(
      db, {task_id, article_id, *update, user.id, format_utc(clock.now_unix())}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *update;
}

Result<std::vector<TaskSuggestion>> tasks_for_article(store::Database& db, const SignedInUser& user,
                                                      std::int64_t article_id, int limit) {
  auto article = view_article(db, article_id);
  if (!article) return article.status();
  auto attached = store::article_tasks(db, article_id);
  if (!attached) return attached.status();
  store::TaskFilter filter;
  filter.scope = task_scope(user.role);
  filter.viewer_organisation = user.organisation_id;
  filter.include_groups = user.role == Role::kCoordinator;
  filter.limit = 2000;
  auto tasks = store::list_tasks(db, filter);
  if (!tasks) return tasks.status();
  std::map<std::int64_t, std::vector<std::string>> plan_titles;
  std::vector<TaskSuggestion> out;
  for (const auto& task : *tasks) {
    auto access = task_access(db, user, task);
    if (!access) return access.status();
    if (*access < TaskAccess::kContribute) continue;
    auto view = view_task(db, task, plan_titles);
    if (!view) return view.status();
    TaskSuggestion s;
    s.task = task;
    s.score = weigh(*article, task, *view, s.reasons);
    s.attached = std::find(attached->begin(), attached->end(), task.id) != attached->end();
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const TaskSuggestion& a, const TaskSuggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.task.plan_id != b.task.plan_id) return a.task.plan_id > b.task.plan_id;
    return a.task.id < b.task.id;
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

Result<std::vector<ArticleSuggestion>> articles_for_task(store::Database& db,
                                                         const SignedInUser& user,
                                                         std::int64_t task_id, int limit) {
  auto task = visible_task(db, user, task_id);
  if (!task) return task.status();
  std::map<std::int64_t, std::vector<std::string>> plan_titles;
  auto view = view_task(db, *task, plan_titles);
  if (!view) return view.status();
  auto candidates = store::articles_covering_plan(db, task->plan_id, kCandidatesPerPlan);
  if (!candidates) return candidates.status();
  std::set<std::int64_t> ids(candidates->begin(), candidates->end());
  for (const auto& form : view->name_forms) {
    store::ArticleSearch search;
    // Folded, the phrase matches every accented spelling.
    search.query = "\"" + std::string(form.substr(1, form.size() - 2)) + "\"";
    search.order = store::ArticleSearch::Order::kNewest;
    search.limit = kCandidatesPerName;
    auto hits = store::search_articles(db, search);
    if (!hits) return hits.status();
    for (const auto& h : *hits) ids.insert(h.id);
  }
  auto attached = store::task_articles(db, task_id);
  if (!attached) return attached.status();
  for (const auto& a : *attached) ids.erase(a.article_id);
  std::vector<ArticleSuggestion> out;
  for (auto id : ids) {
    auto article = view_article(db, id);
    if (!article) return article.status();
    ArticleSuggestion s;
    s.score = weigh(*article, *task, *view, s.reasons);
    // Shared words alone are too weak a reason to show.
    if (s.score < kAgencyWeight) continue;
    s.article = std::move(article->hit);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const ArticleSuggestion& a, const ArticleSuggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.article.id > b.article.id;
  });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

Result<std::vector<store::ArticleHit>> task_evidence(store::Database& db, const SignedInUser& user,
                                                     std::int64_t task_id) {
  auto task = visible_task(db, user, task_id);
  if (!task) return task.status();
  auto attached = store::task_articles(db, task_id);
  if (!attached) return attached.status();
  std::vector<store::ArticleHit> out;
  for (const auto& a : *attached) {
    auto article = store::find_article(db, a.article_id);
    if (!article) return article.status();
    out.push_back(article->hit);
  }
  return out;
}

}  // namespace loa::work
