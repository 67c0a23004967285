// File: work/evidence.h
//
// Press articles as evidence of the agencies' tasks. An article is attached to a task in one
// step: a task update (progress from the task's own organisation, a contribution from a
// cooperating one) carrying the article's link, with the pair kept in task_articles so it is
// attached once. Suggestions go both ways — the tasks an article may prove, the articles
// that may prove a task — ranked on what can be shown: the article covers a topic of the
// task's plan (confirmed weighs more), it names the task's agency (its name, abbreviation or
// former name), and it shares terms with the task's text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/articles.h"
#include "store/database.h"
#include "store/tasks.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

// The update's id. not_found for an article or a task the user cannot see, permission_denied
// when the user cannot add to the task, already_exists when the article is attached already.
Result<std::int64_t> attach_article(store::Database& db, const Clock& clock,
                                    const SignedInUser& user, const Actor& actor,
                                    std::int64_t task_id, std::int64_t article_id,
                                    const std::string& note);

struct EvidenceReason {
  std::string kind;    // topic, agency, terms
  std::string detail;  // the topic's title, the name found, the shared terms
};

struct TaskSuggestion {
  store::TaskRow task;
  double score = 0;
  std::vector<EvidenceReason> reasons;
  bool attached = false;  // the article is this task's evidence already
};
// The tasks the user may attach the article to, best first (at most `limit`; those with no
// reason last, newest plans first).
Result<std::vector<TaskSuggestion>> tasks_for_article(store::Database& db, const SignedInUser& user,
                                                      std::int64_t article_id, int limit);

struct ArticleSuggestion {
  store::ArticleHit article;
  double score = 0;
  std::vector<EvidenceReason> reasons;
};
// Articles not yet attached that may prove the task, best first (only those with a reason).
Result<std::vector<ArticleSuggestion>> articles_for_task(store::Database& db,
                                                         const SignedInUser& user,
                                                         std::int64_t task_id, int limit);

// The articles attached to a task, in the order attached.
Result<std::vector<store::ArticleHit>> task_evidence(store::Database& db, const SignedInUser& user,
                                                     std::int64_t task_id);

}  // namespace loa::work
