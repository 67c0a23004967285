// File: vi/restore.h
//
// OCR repair: puts the diacritics back into Vietnamese text that an OCR engine read without
// its Vietnamese model ("Tuyén truyén vé d6i ngoai" → "Tuyên truyền về đối ngoại").
//
// A noisy-channel decoder. For each damaged word, a character-confusion model proposes
// candidate syllables — valid Vietnamese syllables only, found through their accent-free
// skeleton within two edits of the OCR word's — each with a channel cost (a weighted edit
// distance in which a lost tone mark is cheap, a vowel read as a digit or stray letter costs
// more and a changed consonant most). A beam search over the syllable trigram model
// (language_model.h) picks the sequence that best balances the two. Numbers, document
// numbers, URLs, e-mail addresses and punctuation are never changed; every byte between the
// words (spaces, line ends) is kept, so the line structure is the input's.
//
// Text whose words often carry letters only a Vietnamese-aware engine writes (ơ, ư, đ, ạ, …:
// at least one word in five) is trusted: changing a mark in it is dear, so the repair then
// only fixes what cannot be right, such as tesseract's rare misreadings. Text whose words
// carry no mark at all (fewer than one in a hundred any letter beyond ASCII) was typed
// without marks: its words lost only their marks, and are read as the syllables of their own
// skeleton ("thanh" as thành, thanh, thánh …, not as "than" or "tranh").

//
// Each word gets a confidence: the model's probability of its choice against the other
// candidates in the chosen context. A word below `keep_below` stays exactly as it was (the
// model cannot decide); a word below `review_below` is marked for review.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vi/language_model.h"

namespace loa::vi {

struct RestoreOptions {
  float channel_weight = 4.5F;   // nats per unit of channel cost
  int beam = 12;                 // states kept per word at most
  float beam_width = 10.0F;      // … and none more than this many nats behind the best
  int candidates = 16;           // candidates kept per word at most
  float candidate_width = 8.0F;  // … and none ranked this many nats behind the best
  // A damaged word — the cheapest of its candidates costs at least `damaged_cost` — keeps up
  // to `damaged_candidates`: its letters say little, so the context chooses among more.
  int damaged_candidates = 64;
  float damaged_cost = 0.5F;
  float keep_below = 0.0F;    // confidence under which the OCR word is kept as it was
  float review_below = 0.8F;  // confidence under which a word is marked for review
  // Proper names of two to six words the text may hold (the city's places: Loa passes its
  // gazetteer). In OCR text, words one space or line end apart that spell one of them, marks aside
  // and capitalised as it is ("Hai Phong", "HAI PHONG", "thanh pho Cang"), are read as that name;
  // in trusted text only when they were written without marks.
  std::vector<std::string> names;
};

struct RestoredWord {
  std::size_t offset;    // of the word in the input (after vi::clean_ocr_artifacts, which
                         // runs first on text that is not trusted)
  std::string original;  // the input's bytes
  std::string text;      // the output's bytes (== original when kept)
  float confidence;      // 0..1
  bool review;           // confidence < review_below
};

struct Restoration {
  std::string text;
  std::vector<RestoredWord> words;  // every word the decoder looked at
};

class Restorer {
 public:
  explicit Restorer(const LanguageModel& model, RestoreOptions options = {});
  ~Restorer();
  Restorer(const Restorer&) = delete;
  Restorer& operator=(const Restorer&) = delete;

  // Repairs `text` (valid UTF-8, ideally NFC). Thread-compatible: one Restorer per thread.
  Restoration restore(std::string_view text);

  const RestoreOptions& options() const { return options_; }

  // The candidates of every accent-free syllable, as this Restorer ranks them, for the model
  // file (LanguageModel::set_candidate_table): a Restorer built with the same options on a
  // model that carries the table takes those lists from it instead of aligning every
  // syllable of the vocabulary against the word again. Text without marks, the most
  // ambiguous, is then the cheapest to start on.
  std::vector<std::uint32_t> candidate_table();

 private:
  struct Index;
  struct Candidate;
  // How the text was written (restore() decides): by an engine without the Vietnamese model,
  // which loses and misreads marks and letters; typed without marks; or with marks (typed, or
  // read by a Vietnamese-aware engine), which are trusted.
  enum class Reading : char { kOcr, kPlain, kTrusted };
  const std::vector<Candidate>& candidates_for(std::string_view word, Reading reading);
  // A number that may be a misread syllable: the syllables near it, and itself as <num>.
  const std::vector<Candidate>& number_candidates(std::string_view number, WordId number_id);
  void decode(std::string_view text, Reading reading, std::vector<RestoredWord>& out);
  // The words of `text` that spell one of RestoreOptions::names, by offset: their length
  // and the name's word, lower case.
  struct Named {
    std::size_t size;
    std::string word;
  };
  std::unordered_map<std::size_t, Named> find_names(std::string_view text, bool trusted_text) const;

  const LanguageModel& model_;
  const float* learned_ = nullptr;  // the model's learned channel, if it has one
  RestoreOptions options_;
  std::unique_ptr<Index> index_;
};

// The hand-set channel cost of reading the syllable `truth` as `ocr` (both lower case).
float channel_cost(std::u32string_view truth, std::u32string_view ocr);
// … with `model`'s learned channel where it says something (learn_channel): what the repair
// ranks a damaged word's candidates by.
float channel_cost(const LanguageModel& model, std::u32string_view truth, std::u32string_view ocr);

// Learns the channel from OCR text alone (no truth): the text is repaired with the current
// channel, the words repaired with confidence ≥ 0.9 are aligned letter by letter with what
// the engine wrote, and the edits counted become costs (−ln of their odds against the right
// reading, for letters seen at least 30 times and edits seen at least 3 times; the hand-set
// costs stand for the rest; a marked vowel read as two glyphs, "ir" for ư, is counted as one
// edit of its own). `iterations` rounds, each starting from the last one's table.
// Store the result with model.set_channel() so that Restorers built on it use it.
struct ChannelReport {
  std::size_t words = 0;                  // words the last round learned from
  std::size_t learned_substitutions = 0;  // substitution costs it set
  std::size_t learned_pairs = 0;          // costs of a letter read as two glyphs ("ir" for ư)
};
std::vector<float> learn_channel(const LanguageModel& model, std::string_view ocr_text,
                                 int iterations, ChannelReport* report = nullptr);

// Training the whole repair model from files (corpus.h formats) and writing it to `output`:
// the language model from `corpus` (once each) and `in_domain` (three times each: plans like
// the ones Loa repairs), then the channel learned from the raw OCR `ocr_samples` (if any).
// Progress lines go to `log`. What `loa text train-lm` and the build's `loa_train_lm` run.
struct TrainingFiles {
  std::vector<std::string> corpus;
  std::vector<std::string> in_domain;
  std::vector<std::string> ocr_samples;
};
Status train_repair_model(const TrainingFiles& files, int min_trigram_count,
                          const std::string& output,
                          const std::function<void(const std::string&)>& log);

}  // namespace loa::vi
