// TF-IDF features and liblinear's linear SVMs. See classifier.h.
#include "news/classifier.h"

#include <linear.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace loa::news {

namespace {

constexpr std::string_view kMagic = "LOA-CLASSIFIER-1\n";

// Lower-cased syllables and words, and each adjacent pair ("giá vàng") — numbers and
// punctuation end a pair.
std::vector<std::string> terms_of(const Words& words) {
  std::vector<std::string> out;
  out.reserve(words.size() * 2);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words.joined[i]) out.push_back(words.lower[i - 1] + ' ' + words.lower[i]);
    out.push_back(words.lower[i]);
  }
  return out;
}

void quiet(const char*) {}

struct ModelDeleter {
  void operator()(model* m) const { free_and_destroy_model(&m); }
};

// Little-endian-agnostic enough for one machine's files: the model is rebuilt, not shipped.
template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_string(std::string& out, std::string_view s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool get_string(std::string& s) {
    std::uint32_t n = 0;
    if (!get(n) || bytes_.size() - pos_ < n) return false;
    s.assign(bytes_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<Classifier> Classifier::train(const std::vector<LabelledText>& examples,
                                     const ClassifierOptions& options) {
  if (examples.empty()) return invalid_argument("no labelled articles to learn from");
  Classifier c;
  std::map<std::string, int> label_ids;
  for (const auto& e : examples) {
    if (e.label.empty()) return invalid_argument("an article has an empty label");
    label_ids.emplace(e.label, 0);
  }
  if (label_ids.size() < 2)
    return invalid_argument("at least two labels are needed, found only '" +
                            label_ids.begin()->first + "'");
  for (auto& [label, id] : label_ids) {
    id = static_cast<int>(c.labels_.size());
    c.labels_.push_back(label);
  }

  // Vocabulary: terms in at least min_document_frequency articles, in a fixed order.
  std::vector<Words> docs;
  docs.reserve(examples.size());
  std::unordered_map<std::string, int> df;
  for (const auto& e : examples) {
    docs.push_back(words_of(e.text));
    const auto terms = terms_of(docs.back());
    std::unordered_set<std::string_view> seen(terms.begin(), terms.end());
    for (auto t : seen) ++df[std::string(t)];
  }
  for (const auto& [term, n] : df)
    if (n >= options.min_document_frequency) c.terms_.push_back(term);
  std::sort(c.terms_.begin(), c.terms_.end());
  const double n_docs = static_cast<double>(examples.size());
  c.idf_.reserve(c.terms_.size());
  for (std::uint32_t f = 0; f < c.terms_.size(); ++f)
    c.idf_.push_back(static_cast<float>(std::log((n_docs + 1) / (df[c.terms_[f]] + 1)) + 1));
  c.index_terms();
  const int n_features = static_cast<int>(c.terms_.size());

  // liblinear's problem: 1-based feature indices, the bias as feature n_features + 1.
  std::vector<std::vector<feature_node>> rows(examples.size());
  std::vector<feature_node*> x(examples.size());
  std::vector<double> y(examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i) {
    auto v = c.count_features(docs[i]);
    double norm = 0;
    for (auto& [f, w] : v) {
      w = (1 + std::log(w)) * c.idf_[f];
      norm += w * w;
    }
    norm = norm > 0 ? std::sqrt(norm) : 1;
    for (const auto& [f, w] : v) rows[i].push_back({static_cast<int>(f) + 1, w / norm});
    rows[i].push_back({n_features + 1, 1.0});
    rows[i].push_back({-1, 0});
    x[i] = rows[i].data();
    y[i] = label_ids[examples[i].label];
  }
  docs.clear();
  problem prob{};
  prob.l = static_cast<int>(examples.size());
  prob.n = n_features + 1;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = 1.0;
  parameter param{};
  param.solver_type = L2R_L2LOSS_SVC_DUAL;
  param.eps = options.epsilon;
  param.C = options.c;
  param.p = 0.1;
  if (const char* wrong = check_parameter(&prob, &param))
    return invalid_argument(std::string("classifier settings: ") + wrong);
  set_print_string_function(quiet);
  // liblinear visits the examples in an order drawn with rand(): seeded, the same examples
  // always give the same model.
  std::srand(20261203);  // NOLINT(cert-msc32-c,cert-msc51-cpp): reproducible, not secret
  std::unique_ptr<model, ModelDeleter> m(::train(&prob, &param));
  if (!m) return internal_error("liblinear did not train a model");

  const std::size_t k = c.labels_.size();
  c.weights_.assign(static_cast<std::size_t>(n_features) * k, 0.0F);
  c.bias_.assign(k, 0.0F);
  for (int column = 0; column < m->nr_class; ++column) {
    const auto label = static_cast<std::size_t>(m->label[column]);
    for (int f = 0; f < n_features; ++f) {
      c.weights_[static_cast<std::size_t>(f) * k + label] =
          static_cast<float>(get_decfun_coef(m.get(), f + 1, column));
    }
    c.bias_[label] = static_cast<float>(get_decfun_coef(m.get(), n_features + 1, column));
  }
  return c;
}

void Classifier::index_terms() {
  words_.clear();
  unigram_.clear();
  bigram_.clear();
  auto id_of = [this](std::string_view word) {
    auto [it, added] =
        words_.try_emplace(std::string(word), static_cast<std::uint32_t>(words_.size()));
    if (added) unigram_.push_back(-1);
    return it->second;
  };
  for (std::uint32_t f = 0; f < terms_.size(); ++f) {
    const std::string_view term = terms_[f];
    const std::size_t space = term.find(' ');
    if (space == std::string_view::npos) {
      const auto id = id_of(term);
      unigram_[id] = f;
    } else {
      const std::uint64_t first = id_of(term.substr(0, space));
      bigram_.emplace(first << 32 | id_of(term.substr(space + 1)), f);
    }
  }
}

std::vector<std::pair<std::uint32_t, double>> Classifier::count_features(const Words& words) const {
  constexpr std::uint32_t kUnknown = UINT32_MAX;
  std::vector<std::uint32_t> found;  // a feature once per occurrence
  found.reserve(words.size() * 2);
  std::uint32_t previous = kUnknown;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = words_.find(words.lower[i]);
    const std::uint32_t id = it == words_.end() ? kUnknown : it->second;
    if (id != kUnknown) {
      if (words.joined[i] && previous != kUnknown) {
        const auto pair = bigram_.find(std::uint64_t{previous} << 32 | id);
        if (pair != bigram_.end()) found.push_back(pair->second);
      }
      if (unigram_[id] >= 0) found.push_back(static_cast<std::uint32_t>(unigram_[id]));
    }
    previous = id;
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<std::uint32_t, double>> tf;
  for (std::uint32_t f : found) {
    if (tf.empty() || tf.back().first != f)
      tf.emplace_back(f, 1.0);
    else
      tf.back().second += 1;
  }
  return tf;
}

Classification Classifier::classify(std::string_view text, std::size_t explain) const {
  return classify(words_of(text), explain);
}

Classification Classifier::classify(const Words& words, std::size_t explain) const {
  const std::size_t k = labels_.size();
  auto v = count_features(words);
  double norm = 0;
  for (auto& [f, w] : v) {
    w = (1 + std::log(w)) * idf_[f];
    norm += w * w;
  }
  norm = norm > 0 ? std::sqrt(norm) : 1;
  std::vector<double> score(bias_.begin(), bias_.end());
  for (auto& [f, w] : v) {
    w /= norm;
    const float* row = &weights_[static_cast<std::size_t>(f) * k];
    for (std::size_t j = 0; j < k; ++j) score[j] += w * row[j];
  }
  std::size_t best = 0;
  for (std::size_t j = 1; j < k; ++j)
    if (score[j] > score[best]) best = j;
  double runner_up = -1e300;
  for (std::size_t j = 0; j < k; ++j)
    if (j != best) runner_up = std::max(runner_up, score[j]);
  Classification out;
  out.label = labels_[best];
  out.margin = score[best] - runner_up;
  std::vector<std::pair<double, std::uint32_t>> parts;
  for (const auto& [f, w] : v) {
    const double part = w * weights_[static_cast<std::size_t>(f) * k + best];
    if (part > 0) parts.emplace_back(part, f);
  }
  const std::size_t n = std::min(explain, parts.size());
  std::partial_sort(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(n), parts.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < n; ++i)
    out.because.emplace_back(terms_[parts[i].second], parts[i].first);
  return out;
}

std::string Classifier::serialize() const {
  std::string raw(kMagic);
  put(raw, static_cast<std::uint32_t>(labels_.size()));
  for (const auto& l : labels_) put_string(raw, l);
  put(raw, static_cast<std::uint32_t>(terms_.size()));
  const std::size_t k = labels_.size();
  for (std::size_t f = 0; f < terms_.size(); ++f) {
    put_string(raw, terms_[f]);
    put(raw, idf_[f]);
    for (std::size_t j = 0; j < k; ++j) put(raw, weights_[f * k + j]);
  }
  for (float b : bias_) put(raw, b);
  std::string packed(ZSTD_compressBound(raw.size()), '\0');
  const std::size_t n = ZSTD_compress(packed.data(), packed.size(), raw.data(), raw.size(), 9);
  packed.resize(ZSTD_isError(n) ? 0 : n);
  return packed;
}

Result<Classifier> Classifier::load(std::string_view bytes) {
  const auto size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1u << 30))
    return invalid_argument("not a Loa classifier model (not zstd-compressed)");
  std::string raw(size, '\0');
  const std::size_t n = ZSTD_decompress(raw.data(), raw.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n) || n != size)
    return invalid_argument("the classifier model is damaged (it does not decompress)");
  if (!std::string_view(raw).starts_with(kMagic))
    return invalid_argument("not a Loa classifier model (wrong header)");
  Reader in(std::string_view(raw).substr(kMagic.size()));
  Classifier c;
  const Status damaged = invalid_argument("the classifier model is damaged (truncated)");
  std::uint32_t k = 0;
  if (!in.get(k) || k < 2 || k > 10000) return damaged;
  c.labels_.resize(k);
  for (auto& l : c.labels_)
    if (!in.get_string(l)) return damaged;
  std::uint32_t features = 0;
  if (!in.get(features) || features > (1u << 26)) return damaged;
  c.terms_.resize(features);
  c.idf_.resize(features);
  c.weights_.resize(static_cast<std::size_t>(features) * k);
  for (std::uint32_t f = 0; f < features; ++f) {
    if (!in.get_string(c.terms_[f]) || !in.get(c.idf_[f])) return damaged;
    for (std::uint32_t j = 0; j < k; ++j)
      if (!in.get(c.weights_[static_cast<std::size_t>(f) * k + j])) return damaged;
  }
  c.index_terms();
  c.bias_.resize(k);
  for (auto& b : c.bias_)
    if (!in.get(b)) return damaged;
  if (!in.done()) return damaged;
  return c;
}

Result<std::vector<LabelledText>> read_labelled_jsonl(std::string_view bytes,
                                                      const std::string& label_field) {
  std::vector<LabelledText> out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (j.is_discarded() || !j.is_object()) return invalid_argument(where + "not a JSON object");
    if (!j.contains(label_field) || !j[label_field].is_string())
      return invalid_argument(where + std::string("no text field \"").append(label_field) + "\"");
    if (!j.contains("text") || !j["text"].is_string())
      return invalid_argument(where + "no text field \"text\"");
    LabelledText t{j[label_field].get<std::string>(), {}};
    if (j.contains("title") && j["title"].is_string())
      t.text = j["title"].get<std::string>() + "\n";
    t.text += j["text"].get<std::string>();
    out.push_back(std::move(t));
  }
  return out;
}

Result<Evaluation> cross_validate(const std::vector<LabelledText>& examples, int folds,
                                  const ClassifierOptions& options) {
  if (folds < 2 || static_cast<std::size_t>(folds) > examples.size())
    return invalid_argument("cross-validation needs 2 or more folds, and no more than examples");
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 shuffle(20261202);
  std::shuffle(order.begin(), order.end(), shuffle);
  Evaluation e;
  std::map<std::string, std::size_t> label_index;
  for (const auto& x : examples) label_index.emplace(x.label, 0);
  for (auto& [label, i] : label_index) {
    i = e.labels.size();
    e.labels.push_back(label);
  }
  e.confusion.assign(e.labels.size(), std::vector<int>(e.labels.size(), 0));
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<LabelledText> training;
    std::vector<const LabelledText*> testing;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (static_cast<int>(i % static_cast<std::size_t>(folds)) == fold)
        testing.push_back(&examples[order[i]]);
      else
        training.push_back(examples[order[i]]);
    }
    auto model = Classifier::train(training, options);
    if (!model) return model.status();
    for (const auto* t : testing) {
      const auto predicted = model->classify(t->text, 0).label;
      ++e.confusion[label_index[t->label]][label_index[predicted]];
      ++e.examples;
      if (predicted == t->label) ++e.correct;
    }
  }
  e.accuracy = e.examples ? static_cast<double>(e.correct) / e.examples : 0;
  double f1_sum = 0;
  for (std::size_t i = 0; i < e.labels.size(); ++i) {
    int predicted = 0;
    int actual = 0;
    for (std::size_t j = 0; j < e.labels.size(); ++j) {
      predicted += e.confusion[j][i];
      actual += e.confusion[i][j];
    }
    const double p = predicted ? static_cast<double>(e.confusion[i][i]) / predicted : 0;
    const double r = actual ? static_cast<double>(e.confusion[i][i]) / actual : 0;
    e.precision.push_back(p);
    e.recall.push_back(r);
    f1_sum += p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  e.macro_f1 = e.labels.empty() ? 0 : f1_sum / static_cast<double>(e.labels.size());
  return e;
}

}  // namespace loa::news
