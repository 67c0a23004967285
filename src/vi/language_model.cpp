// Kneser–Ney trigram model: training, the file format, lookups. See language_model.h.
#include "vi/language_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::vi {

namespace {

constexpr int kIdBits = 21;  // vocabulary below two million words
constexpr WordId kMaxWords = (1u << kIdBits) - 1;

std::uint64_t key3(WordId a, WordId b, WordId c) {
  return (std::uint64_t{a} << (2 * kIdBits)) | (std::uint64_t{b} << kIdBits) | c;
}

// Count-of-counts discount D = n1 / (n1 + 2 n2), clamped to a sane range.
float discount(std::uint64_t n1, std::uint64_t n2) {
  if (n1 == 0) return 0.5F;
  const double d =
      static_cast<double>(n1) / (static_cast<double>(n1) + 2.0 * static_cast<double>(n2));
  return static_cast<float>(std::clamp(d, 0.1, 0.95));
}

constexpr char kMagic[8] = {'L', 'O', 'A', 'L', 'M', '0', '0', '7'};

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

// ---- lookups ------------------------------------------------------------------------------

std::uint32_t Followers::find(WordId w) const {
  if (bits != nullptr) {
    const std::uint64_t block = bits[w >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (w & 63);
    if ((block & bit) == 0) return kAbsent;
    return ranks[w >> 6] + static_cast<std::uint32_t>(std::popcount(block & (bit - 1)));
  }
  const Follower* it =
      std::lower_bound(begin, end, w, [](const Follower& f, WordId word) { return f.word < word; });
  return it != end && it->word == w ? static_cast<std::uint32_t>(it - begin) : kAbsent;
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
  return words * 2 + (bigram_.size() + trigram_.size()) * sizeof(Follower) +
         trigram_context_.size() * sizeof(Context) + dense_bits_.size() * 8 +
         (dense_ranks_.size() + bigram_dense_.size()) * 4 +
         (unigram_.size() + log_unigram_.size() + gamma2_.size() + counts_.size() +
          bigram_begin_.size()) *
             4;
}

Followers LanguageModel::followers(const Follower* begin, const Follower* end, float weight,
                                   std::uint32_t dense) const {
  if (dense == kNone) return {begin, end, weight};
  return {begin, end, weight, dense_bits_.data() + std::size_t{dense} * dense_words_,
          dense_ranks_.data() + std::size_t{dense} * dense_words_};
}

Followers LanguageModel::bigram_context(WordId v) const {
  return followers(bigram_.data() + bigram_begin_[v], bigram_.data() + bigram_begin_[v + 1],
                   gamma2_[v], bigram_dense_.empty() ? kNone : bigram_dense_[v]);
}

// Lists longer than this get a bitmap: a search in them costs more than the bitmap's bytes.
constexpr std::ptrdiff_t kLongList = 32;

std::uint32_t LanguageModel::index_list(const Follower* begin, const Follower* end) {
  if (end - begin <= kLongList) return kNone;
  const auto index = static_cast<std::uint32_t>(dense_bits_.size() / dense_words_);
  const std::size_t at = dense_bits_.size();
  dense_bits_.resize(at + dense_words_, 0);
  dense_ranks_.resize(at + dense_words_, 0);
  for (const Follower* f = begin; f != end; ++f) {
    dense_bits_[at + (f->word >> 6)] |= std::uint64_t{1} << (f->word & 63);
  }
  std::uint32_t before = 0;
  for (std::size_t b = 0; b < dense_words_; ++b) {
    dense_ranks_[at + b] = before;
    before += static_cast<std::uint32_t>(std::popcount(dense_bits_[at + b]));
  }
  return index;
}

void LanguageModel::index_long_lists() {
  dense_words_ = (words_.size() + 63) / 64;
  dense_bits_.clear();
  dense_ranks_.clear();
  bigram_dense_.assign(words_.size(), kNone);
  for (std::size_t v = 0; v < words_.size(); ++v) {
    bigram_dense_[v] =
        index_list(bigram_.data() + bigram_begin_[v], bigram_.data() + bigram_begin_[v + 1]);
  }
  for (Context& c : trigram_context_) {
    c.dense = index_list(trigram_.data() + c.begin, trigram_.data() + c.end);
  }
  begin_context_.dense =
      index_list(trigram_.data() + begin_context_.begin, trigram_.data() + begin_context_.end);
}

float LanguageModel::bigram_prob(WordId v, WordId w) const {
  return bigram_context(v).prob(w, unigram_[w]);
}

Followers LanguageModel::context(WordId u, WordId v) const {
  if (u == kBegin && v == kBegin) return begin_context();
  const Followers after_u = bigram_context(u);
  return context_at(entry(after_u, after_u.find(v)));
}

float LanguageModel::log_prob(WordId u, WordId v, WordId w) const {
  return std::log(prob(bigram_context(v), context(u, v), w));
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
    w.array(bigram_begin_);
    w.array(bigram_);
    w.array(trigram_context_);
    w.value(begin_context_);
    w.array(trigram_);
    w.array(channel_);
    w.array(candidate_table_);
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
  if (!r.array(m.bigram_begin_, kMaxWords + 1) || !r.array(m.bigram_, kMax) ||
      !r.array(m.trigram_context_, kMax) || !r.value(m.begin_context_) ||
      !r.array(m.trigram_, kMax) || !r.array(m.channel_, kMax) ||
      !r.array(m.candidate_table_, kMax)) {
    return bad();
  }
  const std::size_t n = m.words_.size();
  if (!r.done() || n < 3 || m.counts_.size() != n || m.unigram_.size() != n ||
      m.gamma2_.size() != n || !m.consistent()) {
    return bad();
  }
  m.log_unigram_.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.log_unigram_[i] = std::log(m.unigram_[i]);
  m.index_long_lists();
  return m;
}

bool LanguageModel::consistent() const {
  const std::size_t n = words_.size();
  if (bigram_begin_.size() != n + 1 || bigram_begin_.front() != 0 ||
      bigram_begin_.back() != bigram_.size()) {
    return false;
  }
  // Followers sorted strictly by word within each context, every word in the vocabulary.
  const auto sorted = [n](const std::vector<Follower>& f, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (f[i].word >= n || (i > begin && f[i - 1].word >= f[i].word)) return false;
    }
    return true;
  };
  for (std::size_t v = 0; v < n; ++v) {
    if (bigram_begin_[v] > bigram_begin_[v + 1] ||
        !sorted(bigram_, bigram_begin_[v], bigram_begin_[v + 1])) {
      return false;
    }
  }
  if (trigram_context_.size() != bigram_.size()) return false;
  const auto valid = [&](const Context& c) {
    return c.weight < 0.0F ||
           (c.begin <= c.end && c.end <= trigram_.size() && sorted(trigram_, c.begin, c.end));
  };
  return valid(begin_context_) &&
         std::all_of(trigram_context_.begin(), trigram_context_.end(), valid);
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
  m.gamma2_.assign(n, -1.0F);  // until v is seen as a context
  // Bigrams grouped by their first word (sorting the keys sorts by v, then w).
  std::vector<std::pair<std::uint64_t, float>> entries;
  entries.reserve(cont2.size());
  for (const auto& [k, c] : cont2) {
    const auto v = static_cast<WordId>(k >> kIdBits);
    entries.emplace_back(
        k, std::max(0.0F, static_cast<float>(c) - d2) / static_cast<float>(ctx2_total[v]));
  }
  std::sort(entries.begin(), entries.end());
  m.bigram_begin_.assign(n + 1, 0);
  m.bigram_.reserve(entries.size());
  for (const auto& [k, part] : entries) {
    ++m.bigram_begin_[(k >> kIdBits) + 1];
    m.bigram_.push_back({static_cast<WordId>(k & mask), part});
  }
  for (std::size_t v = 0; v < n; ++v) m.bigram_begin_[v + 1] += m.bigram_begin_[v];
  for (std::size_t v = 0; v < n; ++v) {
    if (ctx2_total[v] > 0) {
      m.gamma2_[v] = d2 * static_cast<float>(ctx2_types[v]) / static_cast<float>(ctx2_total[v]);
    }
  }
  std::unordered_map<std::uint64_t, float> gamma3;
  for (const auto& [ctx, totals] : ctx3) {
    gamma3[ctx] = d3 * static_cast<float>(totals.second) / static_cast<float>(totals.first);
  }
  entries.clear();
  for (const auto& [k, c] : trigrams_) {
    const auto& totals = ctx3[k >> kIdBits];
    const float alpha =
        std::max(0.0F, static_cast<float>(c) - d3) / static_cast<float>(totals.first);
    if (c >= static_cast<std::uint32_t>(min_trigram_count)) {
      entries.emplace_back(k, alpha);
    } else {
      gamma3[k >> kIdBits] += alpha;  // a dropped trigram's mass goes to the back-off
    }
  }
  // A context whose weight is ≈ 1 adds nothing to the bigram: neither it nor its trigrams
  // are kept.
  std::erase_if(gamma3, [](const auto& kv) { return kv.second >= 0.999F; });
  std::erase_if(entries, [&](const auto& e) { return !gamma3.contains(e.first >> kIdBits); });
  std::sort(entries.begin(), entries.end());
  // Each context on its bigram entry; (<s>, <s>) on its own.
  m.trigram_context_.assign(m.bigram_.size(), LanguageModel::Context{-1.0F, 0, 0, 0});
  const auto context_of = [&](std::uint64_t ctx) -> LanguageModel::Context* {
    const auto u = static_cast<WordId>(ctx >> kIdBits);
    const auto v = static_cast<WordId>(ctx & mask);
    if (u == LanguageModel::kBegin && v == LanguageModel::kBegin) return &m.begin_context_;
    const Followers after_u{m.bigram_.data() + m.bigram_begin_[u],
                            m.bigram_.data() + m.bigram_begin_[u + 1]};
    const std::uint32_t i = after_u.find(v);
    return i == Followers::kAbsent ? nullptr : &m.trigram_context_[m.entry(after_u, i)];
  };
  for (const auto& [ctx, g] : gamma3) {
    if (LanguageModel::Context* c = context_of(ctx)) c->weight = g;
  }
  m.trigram_.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size();) {
    const std::uint64_t ctx = entries[i].first >> kIdBits;
    LanguageModel::Context* c = context_of(ctx);
    const auto begin = static_cast<std::uint32_t>(m.trigram_.size());
    for (; i < entries.size() && entries[i].first >> kIdBits == ctx; ++i) {
      if (c != nullptr) {
        m.trigram_.push_back({static_cast<WordId>(entries[i].first & mask), entries[i].second});
      }
    }
    if (c != nullptr) {
      c->begin = begin;
      c->end = static_cast<std::uint32_t>(m.trigram_.size());
    }
  }
  m.log_unigram_.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.log_unigram_[i] = std::log(m.unigram_[i]);
  m.index_long_lists();
  return m;
}

}  // namespace loa::vi
