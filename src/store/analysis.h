// File: store/analysis.h
//
// What Loa read in articles (category, places, risk, plan topics), the coordinator's decisions
// on it, what those decisions taught, and the trained classifiers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct ArticleAnalysis {
  std::optional<std::string> category;  // by the model
  int relevance = 0;
  std::string places_json = "[]";
  std::optional<std::string> risk;  // false_information | negative
  std::string risk_terms_json = "[]";
  std::optional<std::string> risk_by;  // lexicon | model (with the flag)
  // The story, when decided with the analysis (saved in the same row update): its id and
  // the article's MinHash signature (none for a text too short to fingerprint).
  std::optional<std::int64_t> story_id;
  std::optional<std::string> minhash;
};
// A person's category is kept; a decided risk flag too.
Status save_article_analysis(Database& db, std::int64_t article_id, const ArticleAnalysis& a);

struct TopicMatchRow {
  std::int64_t plan_id = 0;
  int topic_no = 0;
  double score = 0;
  std::string terms_json;
};
// Replaces the article's suggested topics; confirmed and rejected ones stay as decided.
Status save_article_topics(Database& db, std::int64_t article_id,
                           const std::vector<TopicMatchRow>& topics);

struct PlanStructure {
  std::int64_t plan_id = 0;
  std::string title;
  std::string structure_json;
};
Result<std::vector<PlanStructure>> active_plan_structures(Database& db);

using TopicWeights = std::map<std::pair<std::int64_t, int>, std::map<std::string, double>>;
Result<TopicWeights> learnt_topic_weights(Database& db);
Status set_topic_term_weight(Database& db, std::int64_t plan_id, int topic_no,
                             const std::string& term, double weight);

struct PlaceName {
  std::string name;  // as the registry writes it ("Phường Lê Chân")
  std::string kind;  // commune | ward | special_zone | district
};
Result<std::vector<PlaceName>> registry_places(Database& db);

struct ClassifierRow {
  std::string name;
  std::string model;
  std::string labels_json;
  int examples = 0;
  std::optional<double> accuracy;
  std::string trained_at;
};
Status save_classifier(Database& db, const ClassifierRow& row);
Result<std::optional<ClassifierRow>> find_classifier(Database& db, const std::string& name);

}  // namespace loa::store
