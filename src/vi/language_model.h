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
// padded as <s> <s> w1 … wn </s>. Words other than syllables seen fewer than three times are
// <unk>; every syllable seen is kept.
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

// An open-addressing hash map from 64-bit keys to floats, stored as two flat arrays so that
// it saves and loads as raw memory.
class FloatTable {
 public:
  void reserve(std::size_t n);
  void put(std::uint64_t key, float value);
  // The value for `key`, or `missing`.
  float get(std::uint64_t key, float missing) const;
  // Starts loading the slot of `key` into the cache, for a get() a little later.
  void prefetch(std::uint64_t key) const;
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  friend class LanguageModel;
  // Key and value side by side: one cache line per probe.
  struct Slot {
    std::uint64_t key;
    float value;
    float unused;
  };
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::uint64_t mask_ = 0;
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
  // The parts of P(w | u v) = trigram_part(u,v,w) + context_weight(u,v) · bigram_prob(v,w),
  // or bigram_prob(v,w) alone when context_weight(u,v) < 0 (the pair was never a context):
  // decoders reuse the bigram and context parts across many candidates.
  float bigram_prob(WordId v, WordId w) const;
  float context_weight(WordId u, WordId v) const;
  float trigram_part(WordId u, WordId v, WordId w) const;
  void prefetch_trigram(WordId u, WordId v, WordId w) const;
  void prefetch_bigram(WordId v, WordId w) const;
  // Natural log of the unigram (continuation) probability of w.
  float log_unigram(WordId w) const { return log_unigram_[w]; }
  // How often `w` was seen in training.
  std::uint32_t count(WordId w) const { return counts_[w]; }

  // The OCR channel model learned beside the language model (restore.h, learn_channel),
  // kept in the same file; empty when none was learned. Its layout is restore.cpp's.
  const std::vector<float>& channel() const { return channel_; }
  void set_channel(std::vector<float> channel) { channel_ = std::move(channel); }

 private:
  friend class LanguageModelTrainer;
  std::vector<std::string> words_;
  std::unordered_map<std::string, WordId> ids_;
  std::vector<std::uint32_t> counts_;
  std::vector<float> unigram_;      // P1(w), continuation probability
  std::vector<float> log_unigram_;  // log P1(w)
  std::vector<float> gamma2_;       // back-off weight of context v (0 when v never a context)
  FloatTable bigram_;               // (v,w) → discounted P2 part
  FloatTable trigram_;              // (u,v,w) → discounted P3 part
  FloatTable gamma3_;               // (u,v) → back-off weight of the context
  std::vector<float> channel_;
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
