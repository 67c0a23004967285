// Kneser–Ney trigram model: training, the file format, lookups. See language_model.h.
#include "vi/language_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::vi {

namespace {

constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
constexpr int kIdBits = 21;  // vocabulary below two million words
constexpr WordId kMaxWords = (1u << kIdBits) - 1;

std::uint64_t key2(WordId a, WordId b) { return (std::uint64_t{a} << kIdBits) | b; }
std::uint64_t key3(WordId a, WordId b, WordId c) {
  return (std::uint64_t{a} << (2 * kIdBits)) | (std::uint64_t{b} << kIdBits) | c;
}

std::uint64_t mix(std::uint64_t k) {  // splitmix64 finaliser
  k ^= k >> 30;
  k *= 0xbf58476d1ce4e5b9ULL;
  k ^= k >> 27;
  k *= 0x94d049bb133111ebULL;
  return k ^ (k >> 31);
}

// Count-of-counts discount D = n1 / (n1 + 2 n2), clamped to a sane range.
float discount(std::uint64_t n1, std::uint64_t n2) {
  if (n1 == 0) return 0.5F;
  const double d =
      static_cast<double>(n1) / (static_cast<double>(n1) + 2.0 * static_cast<double>(n2));
  return static_cast<float>(std::clamp(d, 0.1, 0.95));
}

constexpr char kMagic[8] = {'L', 'O', 'A', 'L', 'M', '0', '0', '3'};

class Writer {
 public:
  explicit Writer(std::ofstream& out) : out_(out) {}
  template <typename T>
  void value(const T& v) {
    out_.write(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    value<std::uint64_t>(v.size());
    out_.write(reinterpret_cast<const char*>(v.data()),
               static_cast<std::streamsize>(v.size() * sizeof(T)));
  }

 private:
  std::ofstream& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  template <typename T>
  bool value(T& v) {
    if (data_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  template <typename T>
  bool array(std::vector<T>& v, std::uint64_t max_size) {
    std::uint64_t n = 0;
    if (!value(n) || n > max_size || (data_.size() - pos_) / sizeof(T) < n) return false;
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), data_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

// ---- segments -----------------------------------------------------------------------------

void lm_segments(std::string_view text, bool line_breaks_split,
                 const std::function<void(const std::vector<std::string>& segment)>& each) {
  std::vector<std::string> segment;
  const auto flush = [&] {
    if (!segment.empty()) each(segment);
    segment.clear();
  };
  TokenStream stream(text);
  Token token{};
  std::size_t last_end = 0;
  while (stream.next(token)) {
    // Line ends between the previous token and this one.
    const std::string_view gap = text.substr(last_end, token.offset - last_end);
    const auto first_nl = gap.find('\n');
    if (first_nl != std::string_view::npos &&
        (line_breaks_split || gap.find('\n', first_nl + 1) != std::string_view::npos)) {
      flush();
    }
    last_end = token.offset + token.text.size();
    switch (token.kind) {
      case TokenKind::kPunctuation:
        flush();
        break;
      case TokenKind::kNumber:
        segment.emplace_back("<num>");
        break;
      case TokenKind::kDocumentNumber:
        segment.emplace_back("<doc>");
        break;
      case TokenKind::kUrl:
      case TokenKind::kEmail:
        segment.emplace_back("<url>");
        break;
      case TokenKind::kSyllable:
      case TokenKind::kWord:
        segment.push_back(lower(token.text));
        break;
    }
  }
  flush();
}

// ---- FloatTable ---------------------------------------------------------------------------

void FloatTable::reserve(std::size_t n) {
  std::size_t capacity = 16;
  while (capacity < n * 2) capacity <<= 1;  // load factor ≤ 1/2
  slots_.assign(capacity, Slot{kEmpty, 0.0F, 0.0F});
  mask_ = capacity - 1;
  size_ = 0;
}

void FloatTable::put(std::uint64_t key, float value) {
  if ((size_ + 1) * 2 > slots_.size()) {
    FloatTable bigger;
    bigger.reserve(std::max(size_ + 1, slots_.size()));
    for (const Slot& slot : slots_) {
      if (slot.key != kEmpty) bigger.put(slot.key, slot.value);
    }
    *this = std::move(bigger);
  }
  for (std::uint64_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.key == kEmpty) {
      slot = {key, value, 0.0F};
      ++size_;
      return;
    }
    if (slot.key == key) {
      slot.value = value;
      return;
    }
  }
}

void FloatTable::prefetch(std::uint64_t key) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[mix(key) & mask_]);
}

float FloatTable::get(std::uint64_t key, float missing) const {
  if (slots_.empty()) return missing;
  for (std::uint64_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.key == key) return slot.value;
    if (slot.key == kEmpty) return missing;
  }
}

// ---- LanguageModel ------------------------------------------------------------------------

WordId LanguageModel::id(std::string_view word) const {
  const auto it = ids_.find(std::string(word));
  return it == ids_.end() ? kUnknown : it->second;
}

std::size_t LanguageModel::ngram_count() const {
  return words_.size() + bigram_.size() + trigram_.size();
}

std::size_t LanguageModel::memory_bytes() const {
  std::size_t words = 0;
  for (const auto& w : words_) words += w.size() + sizeof(std::string);
  return words * 2 + bigram_.bytes() + trigram_.bytes() + gamma3_.bytes() +
         (unigram_.size() + log_unigram_.size() + gamma2_.size() + counts_.size()) * 4;
}

float LanguageModel::bigram_prob(WordId v, WordId w) const {
  const float g2 = gamma2_[v];
  return g2 == 0.0F ? unigram_[w] : bigram_.get(key2(v, w), 0.0F) + g2 * unigram_[w];
}

float LanguageModel::context_weight(WordId u, WordId v) const {
  return gamma3_.get(key2(u, v), -1.0F);
}

float LanguageModel::trigram_part(WordId u, WordId v, WordId w) const {
  return trigram_.get(key3(u, v, w), 0.0F);
}

void LanguageModel::prefetch_trigram(WordId u, WordId v, WordId w) const {
  trigram_.prefetch(key3(u, v, w));
}

void LanguageModel::prefetch_bigram(WordId v, WordId w) const { bigram_.prefetch(key2(v, w)); }

float LanguageModel::log_prob(WordId u, WordId v, WordId w) const {
  const float p2 = bigram_prob(v, w);
  const float g3 = context_weight(u, v);
  return std::log(g3 < 0.0F ? p2 : trigram_part(u, v, w) + g3 * p2);
}

Status LanguageModel::save(const std::string& path) const {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return unavailable("cannot write '" + tmp + "'");
    Writer w(out);
    out.write(kMagic, sizeof kMagic);
    std::string vocab;
    for (const auto& word : words_) vocab += word + '\n';
    std::vector<char> vocab_bytes(vocab.begin(), vocab.end());
    w.array(vocab_bytes);
    w.array(counts_);
    w.array(unigram_);
    w.array(gamma2_);
    for (const FloatTable* t : {&bigram_, &trigram_, &gamma3_}) {
      w.value<std::uint64_t>(t->size_);
      w.array(t->slots_);
    }
    w.array(channel_);
    if (!out) return unavailable("cannot write '" + tmp + "'");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return unavailable("cannot rename '" + tmp + "' to '" + path + "'");
  }
  return Status::ok();
}

Result<LanguageModel> LanguageModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return not_found("cannot open language model '" + path + "'");
  std::string data(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (!in) return unavailable("cannot read language model '" + path + "'");
  const auto bad = [&] {
    return invalid_argument("'" + path + "' is not a Loa language model (or is damaged)");
  };
  if (data.size() < sizeof kMagic || data.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) {
    return bad();
  }
  Reader r(std::string_view(data).substr(sizeof kMagic));
  LanguageModel m;
  std::vector<char> vocab;
  constexpr std::uint64_t kMax = std::uint64_t{1} << 32;
  if (!r.array(vocab, kMax) || !r.array(m.counts_, kMaxWords) || !r.array(m.unigram_, kMaxWords) ||
      !r.array(m.gamma2_, kMaxWords)) {
    return bad();
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    if (vocab[i] != '\n') continue;
    m.ids_.emplace(std::string(vocab.data() + start, i - start), m.words_.size());
    m.words_.emplace_back(vocab.data() + start, i - start);
    start = i + 1;
  }
  for (FloatTable* t : {&m.bigram_, &m.trigram_, &m.gamma3_}) {
    std::uint64_t size = 0;
    if (!r.value(size) || !r.array(t->slots_, kMax)) return bad();
    const std::size_t cap = t->slots_.size();
    if (cap == 0 || (cap & (cap - 1)) != 0 || size >= cap) return bad();
    t->size_ = size;
    t->mask_ = cap - 1;
  }
  if (!r.array(m.channel_, kMax)) return bad();
  const std::size_t n = m.words_.size();
  if (!r.done() || n < 3 || m.counts_.size() != n || m.unigram_.size() != n ||
      m.gamma2_.size() != n) {
    return bad();
  }
  m.log_unigram_.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.log_unigram_[i] = std::log(m.unigram_[i]);
  return m;
}

// ---- LanguageModelTrainer -----------------------------------------------------------------

void LanguageModelTrainer::add_text(std::string_view text, int weight) {
  auto normal = normalize(text);
  std::string repaired;
  if (!normal) {  // skip invalid bytes rather than lose the document
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto bad = first_invalid_utf8(text.substr(i));
      if (!bad) {
        repaired.append(text.substr(i));
        break;
      }
      repaired.append(text.substr(i, *bad));
      i += *bad;
    }
    normal = normalize(repaired);
    if (!normal) return;
  }
  std::vector<WordId> ids;
  lm_segments(*normal, true, [&](const std::vector<std::string>& segment) {
    ids.assign({LanguageModel::kBegin, LanguageModel::kBegin});
    for (const auto& word : segment) {
      auto [it, added] = ids_.try_emplace(word, static_cast<WordId>(words_.size()));
      if (added) {
        if (words_.size() >= kMaxWords) {
          ids_.erase(it);
          ids.push_back(LanguageModel::kUnknown);
          continue;
        }
        words_.push_back(word);
        counts_.push_back(0);
      }
      ids.push_back(it->second);
    }
    ids.push_back(LanguageModel::kEnd);
    for (std::size_t i = 2; i < ids.size(); ++i) {
      counts_[ids[i]] += static_cast<std::uint32_t>(weight);
      trigrams_[key3(ids[i - 2], ids[i - 1], ids[i])] += static_cast<std::uint32_t>(weight);
    }
    tokens_ += ids.size() - 2;
  });
}

LanguageModel LanguageModelTrainer::build(int min_trigram_count) const {
  const std::size_t n = words_.size();
  const auto mask = (std::uint64_t{1} << kIdBits) - 1;
  // Trigram contexts and bigram continuation counts.
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> ctx3;  // total, types
  std::unordered_map<std::uint64_t, std::uint32_t> cont2;
  std::uint64_t n1 = 0, n2 = 0;
  for (const auto& [k, c] : trigrams_) {
    auto& ctx = ctx3[k >> kIdBits];
    ctx.first += c;
    ctx.second += 1;
    cont2[k & ((std::uint64_t{1} << (2 * kIdBits)) - 1)] += 1;
    n1 += c == 1;
    n2 += c == 2;
  }
  const float d3 = discount(n1, n2);
  // Bigram contexts and unigram continuation counts.
  std::vector<std::uint32_t> ctx2_total(n, 0), ctx2_types(n, 0), cont1(n, 0);
  n1 = n2 = 0;
  for (const auto& [k, c] : cont2) {
    const auto v = static_cast<WordId>(k >> kIdBits);
    const auto w = static_cast<WordId>(k & mask);
    ctx2_total[v] += c;
    ctx2_types[v] += 1;
    cont1[w] += 1;
    n1 += c == 1;
    n2 += c == 2;
  }
  const float d2 = discount(n1, n2);
  n1 = n2 = 0;
  std::uint64_t cont1_total = 0, types1 = 0;
  for (std::size_t w = 0; w < n; ++w) {
    cont1_total += cont1[w];
    types1 += cont1[w] > 0;
    n1 += cont1[w] == 1;
    n2 += cont1[w] == 2;
  }
  const float d1 = discount(n1, n2);

  LanguageModel m;
  m.words_ = words_;
  m.ids_ = ids_;
  m.counts_ = counts_;
  m.unigram_.resize(n);
  const double total1 = std::max<double>(1.0, static_cast<double>(cont1_total));
  for (std::size_t w = 0; w < n; ++w) {
    // Interpolated with the uniform distribution, so unseen words (<unk>) keep some mass.
    const double seen = std::max(0.0, static_cast<double>(cont1[w]) - static_cast<double>(d1));
    m.unigram_[w] = static_cast<float>(
        (seen + d1 * static_cast<double>(types1) / static_cast<double>(n)) / total1);
  }
  m.gamma2_.assign(n, 0.0F);
  m.bigram_.reserve(cont2.size());
  for (const auto& [k, c] : cont2) {
    const auto v = static_cast<WordId>(k >> kIdBits);
    m.bigram_.put(k,
                  std::max(0.0F, static_cast<float>(c) - d2) / static_cast<float>(ctx2_total[v]));
  }
  for (std::size_t v = 0; v < n; ++v) {
    if (ctx2_total[v] > 0) {
      m.gamma2_[v] = d2 * static_cast<float>(ctx2_types[v]) / static_cast<float>(ctx2_total[v]);
    }
  }
  std::unordered_map<std::uint64_t, float> gamma3;
  std::size_t kept = 0;
  for (const auto& [k, c] : trigrams_) kept += c >= static_cast<std::uint32_t>(min_trigram_count);
  m.trigram_.reserve(kept);
  for (const auto& [ctx, totals] : ctx3) {
    gamma3[ctx] = d3 * static_cast<float>(totals.second) / static_cast<float>(totals.first);
  }
  for (const auto& [k, c] : trigrams_) {
    const auto& totals = ctx3[k >> kIdBits];
    const float alpha =
        std::max(0.0F, static_cast<float>(c) - d3) / static_cast<float>(totals.first);
    if (c >= static_cast<std::uint32_t>(min_trigram_count)) {
      m.trigram_.put(k, alpha);
    } else {
      gamma3[k >> kIdBits] += alpha;  // a dropped trigram's mass goes to the back-off
    }
  }
  m.gamma3_.reserve(gamma3.size());
  for (const auto& [ctx, g] : gamma3) {
    if (g < 0.999F) m.gamma3_.put(ctx, g);  // ≈ 1: the context adds nothing to the bigram
  }
  m.log_unigram_.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.log_unigram_[i] = std::log(m.unigram_[i]);
  return m;
}

}  // namespace loa::vi
