// File: vi/language_model.h
//
// A syllable trigram language model with interpolated Kneser–Ney smoothing (Chen & Goodman
// 1998, one discount per order), trained from clean Vietnamese and saved as one compact
// binary file that loads with a few reads.
//
//   LanguageModelTrainer trainer;
//   trainer.add_text("Ủy ban nhân dân thành phố ...");
//   LanguageModel model = trainer.build();
//   model.save("vi.lm");
//   float lp = model.log_prob(model.id("ủy"), model.id("ban"), model.id("nhân"));
//
// What the model sees (lm_segments): text in Loa's normal form, lower-cased, split into
// segments at punctuation and line ends; inside a segment every syllable or word is a token,
// numbers are <num>, document numbers <doc>, URLs and e-mail addresses <url>. Each segment is
// padded as <s> <s> w1 … wn </s>. Every word seen is kept (<unk> only past the id space); the
// repair offers as candidates only syllables and letter words seen at least three times.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace loa::vi {

using WordId = std::uint32_t;

// The token sequences of `text` as the model sees them (see above); `text` should be NFC.
// `line_breaks_split`: whether a single line end ends a segment (training on clean text) or
// only a blank line does (repairing OCR text, whose lines break mid-sentence).
void lm_segments(std::string_view text, bool line_breaks_split,
                 const std::function<void(const std::vector<std::string>& segment)>& each);

// A word seen after a context, with its discounted probability part.
struct Follower {
  WordId word;
  float part;
};

// The words seen after one context (sorted by id) and the context's back-off weight.
struct Followers {
  const Follower* begin = nullptr;
  const Follower* end = nullptr;
  float weight = -1.0F;  // < 0: never a context
  // For long lists, a bitmap over the vocabulary and the followers before each 64-bit block:
  // part() is then a bit test and a population count instead of a search.
  const std::uint64_t* bits = nullptr;
  const std::uint32_t* ranks = nullptr;

  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};
  // Where `w` is among the followers (begin[i]), or kAbsent.
  std::uint32_t find(WordId w) const;
  // The part of the follower found at `i` (find), 0 for kAbsent; the part of `w`.
  float part_at(std::uint32_t i) const { return i == kAbsent ? 0.0F : begin[i].part; }
  float part(WordId w) const { return part_at(find(w)); }
  // Interpolated Kneser–Ney: a word's probability after this context is its part plus the
  // context's weight times its probability one order lower — or the lower one alone where
  // the context was never seen.
  float interpolate(float part, float lower) const {
    return weight < 0.0F ? lower : part + weight * lower;
  }
  float prob(WordId w, float lower) const { return interpolate(part(w), lower); }
};

class LanguageModel {
 public:
  static constexpr WordId kUnknown = 0;
  static constexpr WordId kBegin = 1;
  static constexpr WordId kEnd = 2;

  static Result<LanguageModel> load(const std::string& path);
  Status save(const std::string& path) const;

  WordId id(std::string_view word) const;  // kUnknown when absent
  const std::string& word(WordId id) const { return words_[id]; }
  std::size_t vocabulary_size() const { return words_.size(); }
  std::size_t ngram_count() const;
  std::size_t memory_bytes() const;

  // Natural log of P(w | u v).
  float log_prob(WordId u, WordId v, WordId w) const;
  // P(w | u v) = context(u,v).prob(w, bigram_prob(v,w)) and
  // P2(w | v) = bigram_context(v).prob(w, unigram(w)) (Followers::interpolate). A decoder
  // looks a context up once and scores every candidate after it from one short sorted array.
  float bigram_prob(WordId v, WordId w) const;
  Followers context(WordId u, WordId v) const;
  Followers bigram_context(WordId v) const;
  float unigram(WordId w) const { return unigram_[w]; }
  // P(w | u v) from bigram_context(v) and context(u, v), looked up once for many w.
  float prob(const Followers& after_v, const Followers& after_uv, WordId w) const {
    return after_uv.prob(w, after_v.prob(w, unigram_[w]));
  }
  // Every bigram (v, w) is an entry; the trigram context (v, w) hangs on it, so a decoder
  // that found w after v has the context of (v, w) without a search:
  //   const Followers after_v = model.bigram_context(v);
  //   const Entry e = model.entry(after_v, after_v.find(w));   // kNoEntry when absent
  //   model.context_at(e) == model.context(v, w)
  using Entry = std::uint32_t;
  static constexpr Entry kNoEntry = ~Entry{0};
  Entry entry(const Followers& after_v, std::uint32_t i) const {
    return i == Followers::kAbsent ? kNoEntry
                                   : static_cast<Entry>(after_v.begin - bigram_.data()) + i;
  }
  Followers context_at(Entry e) const {
    return e == kNoEntry ? Followers{} : followers(trigram_context_[e]);
  }
  Followers begin_context() const { return followers(begin_context_); }  // (<s>, <s>)
  void prefetch(Entry e) const {  // for a context_at(e) a little later
    if (e != kNoEntry) __builtin_prefetch(&trigram_context_[e]);
  }
  // Natural log of the unigram (continuation) probability of w.
  float log_unigram(WordId w) const { return log_unigram_[w]; }
  // How often `w` was seen in training.
  std::uint32_t count(WordId w) const { return counts_[w]; }

  // The OCR channel model learned beside the language model (restore.h, learn_channel),
  // kept in the same file; empty when none was learned. Its layout is restore.cpp's.
  const std::vector<float>& channel() const { return channel_; }
  void set_channel(std::vector<float> channel) { channel_ = std::move(channel); }
  // The repair's candidate lists worked out when the model was trained (restore.h,
  // Restorer::candidate_table), kept in the same file; empty when none. Layout: restore.cpp's.
  const std::vector<std::uint32_t>& candidate_table() const { return candidate_table_; }
  void set_candidate_table(std::vector<std::uint32_t> table) {
    candidate_table_ = std::move(table);
  }

 private:
  friend class LanguageModelTrainer;
  std::vector<std::string> words_;
  std::unordered_map<std::string, WordId> ids_;
  std::vector<std::uint32_t> counts_;
  std::vector<float> unigram_;      // P1(w), continuation probability
  std::vector<float> log_unigram_;  // log P1(w)
  std::vector<float> gamma2_;       // back-off weight of context v (-1 when v never a context)
  // The followers of v: bigram_[bigram_begin_[v] .. bigram_begin_[v + 1]), sorted by word.
  std::vector<std::uint32_t> bigram_begin_;
  std::vector<Follower> bigram_;
  // Trigram contexts: their back-off weight (< 0: not a context) and their followers'
  // range in trigram_ (sorted by u, v, w); one per bigram entry (v, w), and (<s>, <s>),
  // the only context that is never a bigram.
  struct Context {
    float weight;
    std::uint32_t begin;
    std::uint32_t end;
    std::uint32_t dense;  // its bitmap in dense_*, or kNone (worked out again at every load)
  };
  std::vector<Context> trigram_context_;  // by bigram entry
  Context begin_context_{-1.0F, 0, 0, 0};
  std::vector<Follower> trigram_;
  // Bitmaps of the long follower lists (index_long_lists), dense_words_ words each.
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  std::vector<std::uint64_t> dense_bits_;
  std::vector<std::uint32_t> dense_ranks_;
  std::vector<std::uint32_t> bigram_dense_;  // by v, or kNone
  std::size_t dense_words_ = 0;
  std::uint32_t index_list(const Follower* begin, const Follower* end);
  void index_long_lists();
  Followers followers(const Follower* begin, const Follower* end, float weight,
                      std::uint32_t dense) const;
  Followers followers(const Context& c) const {
    if (c.weight < 0.0F) return {};
    return followers(trigram_.data() + c.begin, trigram_.data() + c.end, c.weight, c.dense);
  }
  bool consistent() const;  // what load() checks of a file's tables
  std::vector<float> channel_;
  std::vector<std::uint32_t> candidate_table_;
};

class LanguageModelTrainer {
 public:
  // Adds `text` (any UTF-8: it is normalised first; invalid bytes are skipped) `weight` times.
  void add_text(std::string_view text, int weight = 1);
  // The model of everything added; trigrams seen fewer than `min_trigram_count` times are
  // dropped from the file (their mass goes to the back-off), which keeps it compact.
  LanguageModel build(int min_trigram_count = 2) const;
  std::uint64_t tokens() const { return tokens_; }

 private:
  std::vector<std::string> words_ = {"<unk>", "<s>", "</s>"};
  std::unordered_map<std::string, WordId> ids_ = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
  std::vector<std::uint32_t> counts_ = {0, 0, 0};
  std::unordered_map<std::uint64_t, std::uint32_t> trigrams_;
  std::uint64_t tokens_ = 0;
};

}  // namespace loa::vi
