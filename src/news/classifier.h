// File: news/classifier.h
//
// Sorting articles into general categories (business, education, sport, …) learnt from
// labelled articles: TF-IDF over lower-cased syllables and syllable pairs (sublinear term
// frequency, L2-normalised), and one linear SVM per category (one against the rest), trained
// by liblinear's dual coordinate descent (L2-regularised, squared hinge loss) — the method of
// the published VNTC baseline (92.5 % accuracy). A prediction names the terms that weighed
// most, so a reader can see why.
//
//   auto model = news::Classifier::train(labelled);        // {label, text} pairs
//   auto c = model->classify(article_text);                 // c.label == "sport"
//   auto bytes = model->serialize();                         // stored; Classifier::load(bytes)
//   auto report = news::cross_validate(labelled, 5);        // report->accuracy
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "news/phrases.h"

namespace loa::news {

struct LabelledText {
  std::string label;
  std::string text;
};

struct ClassifierOptions {
  double c = 1.0;                  // the SVM's cost of a training error
  int min_document_frequency = 2;  // rarer terms are not features
  double epsilon = 0.1;            // liblinear's stopping tolerance
};

struct Classification {
  std::string label;
  double margin = 0;  // the winner's decision value minus the runner-up's (> 0)
  std::vector<std::pair<std::string, double>> because;  // terms weighing most for the label
};

class Classifier {
 public:
  // invalid_argument with fewer than two labels or an empty training set.
  static Result<Classifier> train(const std::vector<LabelledText>& examples,
                                  const ClassifierOptions& options = {});
  static Result<Classifier> load(std::string_view bytes);
  std::string serialize() const;

  Classification classify(std::string_view text, std::size_t explain = 5) const;
  Classification classify(const Words& words, std::size_t explain = 5) const;
  const std::vector<std::string>& labels() const { return labels_; }
  std::size_t features() const { return idf_.size(); }

 private:
  // The term frequency of each feature in `words`, by feature.
  std::vector<std::pair<std::uint32_t, double>> count_features(const Words& words) const;
  // Builds the word-id tables below from terms_.
  void index_terms();

  std::vector<std::string> labels_;
  std::vector<std::string> terms_;  // feature → term ("word" or "word word")
  // A term is found by its words' ids, so an article's pairs of words are never built as
  // strings: each word is looked up once. Open addressing (flat maps): these lookups are
  // most of the time a classification takes.
  boost::unordered_flat_map<std::string, std::uint32_t> words_;     // a vocabulary word → id
  std::vector<std::int64_t> unigram_;                               // word id → feature, or -1
  boost::unordered_flat_map<std::uint64_t, std::uint32_t> bigram_;  // (id << 32 | id) → feature
  std::vector<float> idf_;
  std::vector<float> weights_;  // feature-major: weights_[f * labels + k]
  std::vector<float> bias_;     // per label
};

struct Evaluation {
  int examples = 0;
  int correct = 0;
  double accuracy = 0;
  std::vector<std::string> labels;
  std::vector<std::vector<int>> confusion;  // [true][predicted]
  std::vector<double> precision;            // per label
  std::vector<double> recall;
  double macro_f1 = 0;
};

// Labelled articles from JSON Lines: each line an object with a string `label_field` and
// "text" (an optional "title" goes before the text). invalid_argument names the bad line.
Result<std::vector<LabelledText>> read_labelled_jsonl(std::string_view bytes,
                                                      const std::string& label_field = "category");

// k-fold cross-validation: each fold predicted by a model trained (vocabulary, IDF and SVM)
// on the other folds only. Folds are assigned by a fixed shuffle, so runs agree.
Result<Evaluation> cross_validate(const std::vector<LabelledText>& examples, int folds,
                                  const ClassifierOptions& options = {});

}  // namespace loa::news
