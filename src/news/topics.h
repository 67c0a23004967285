// File: news/topics.h
//
// Matching articles to the topics of the active plans ("Tuyên truyền về chuyển đổi số, cải
// cách hành chính …"). A topic's title is cut into the terms it names — at commas,
// semicolons and "và", without the generic verbs that open them ("tuyên truyền về", "đẩy
// mạnh", "nâng cao chất lượng" …) — and an article matches the topic when the terms it
// contains weigh enough. The matched terms are the explanation. The coordinator's
// confirmations and rejections adjust the weights of the terms that made each match
// (learnt weights are kept per topic and term), so later matching follows them.
//
//   TopicMatcher m;
//   m.add({plan_id, 3, "Tuyên truyền về chuyển đổi số, cải cách hành chính"}, learnt);
//   for (auto& t : m.match(words_of(article))) show(t.topic, t.score, t.terms);
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "news/phrases.h"

namespace loa::news {

struct TopicKey {
  std::int64_t plan_id = 0;
  int topic_no = 0;  // position in the plan's topics, from 1
  auto operator<=>(const TopicKey&) const = default;
};

struct TopicMatch {
  TopicKey topic;
  double score = 0;
  std::vector<std::string> terms;  // matched, strongest first
};

// The terms a topic title names (lower case, with their diacritics).
std::vector<std::string> topic_terms(std::string_view title);

// A term's weight before any feedback: longer terms say more.
double default_term_weight(std::string_view term);

inline constexpr double kTopicMatchFrom = 2.0;
inline constexpr double kFeedbackStep = 0.5;
inline constexpr double kMaxTermWeight = 4.0;

class TopicMatcher {
 public:
  // learnt: term → weight from feedback (replaces the default weight; 0 silences a term).
  void add(const TopicKey& topic, std::string_view title,
           const std::map<std::string, double>& learnt = {});
  std::size_t topics() const { return topics_.size(); }
  // Topics whose matched terms weigh at least kTopicMatchFrom, best first.
  std::vector<TopicMatch> match(const Words& words) const;

 private:
  struct Term {
    std::size_t topic;
    std::string text;
    double weight;
  };
  std::vector<TopicKey> topics_;
  std::vector<Term> terms_;
  PhraseMatcher matcher_;
};

}  // namespace loa::news
