// The Kneser-Ney trigram model: segments, probabilities, the file format, corpus reading.
#include "vi/language_model.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <cmath>
#include <fstream>

#include "support/temp_dir.h"
#include "vi/corpus.h"

namespace loa::vi {
namespace {

std::vector<std::vector<std::string>> segments(std::string_view text, bool line_breaks_split) {
  std::vector<std::vector<std::string>> out;
  lm_segments(text, line_breaks_split, [&](const auto& s) { out.push_back(s); });
  return out;
}

TEST(ViLanguageModelTest, SegmentsAtPunctuationAndLineEnds) {
  using Segments = std::vector<std::vector<std::string>>;
  EXPECT_EQ(segments("Ủy ban nhân dân, năm 2025: Quyết định 1511/QĐ-TTg.", true),
            Segments({{"ủy", "ban", "nhân", "dân"}, {"năm", "<num>"}, {"quyết", "định", "<doc>"}}));
  EXPECT_EQ(segments("thành phố\nHải Phòng", true), Segments({{"thành", "phố"}, {"hải", "phòng"}}));
  EXPECT_EQ(segments("thành phố\nHải Phòng\n\nKế hoạch", false),
            Segments({{"thành", "phố", "hải", "phòng"}, {"kế", "hoạch"}}));
}

LanguageModel small_model() {
  LanguageModelTrainer trainer;
  for (int i = 0; i < 3; ++i) {
    trainer.add_text(
        "Ủy ban nhân dân thành phố Hải Phòng ban hành kế hoạch.\n"
        "Kế hoạch tuyên truyền về thành phố Hải Phòng.\n"
        "Người bạn đồng hành. Giá bán lẻ.");
  }
  return trainer.build(1);
}

TEST(ViLanguageModelTest, ProbabilitiesSumToOne) {
  const LanguageModel m = small_model();
  for (const auto& [u, v] : std::vector<std::pair<std::string, std::string>>{
           {"thành", "phố"}, {"<s>", "<s>"}, {"ban", "hành"}, {"phố", "bạn"}}) {
    const WordId a = u == "<s>" ? LanguageModel::kBegin : m.id(u);
    const WordId b = v == "<s>" ? LanguageModel::kBegin : m.id(v);
    double total = 0;
    for (WordId w = 0; w < m.vocabulary_size(); ++w) {
      if (w == LanguageModel::kBegin) continue;
      total += std::exp(m.log_prob(a, b, w));
    }
    EXPECT_NEAR(total, 1.0, 0.02) << u << " " << v;
  }
}

TEST(ViLanguageModelTest, PrefersWhatItWasTrainedOn) {
  const LanguageModel m = small_model();
  const WordId thanh = m.id("thành"), pho = m.id("phố");
  EXPECT_NE(thanh, LanguageModel::kUnknown);
  EXPECT_EQ(m.id("không có"), LanguageModel::kUnknown);
  EXPECT_GT(m.log_prob(thanh, pho, m.id("hải")), m.log_prob(thanh, pho, m.id("bán")));
  EXPECT_GT(m.log_prob(LanguageModel::kBegin, m.id("người"), m.id("bạn")),
            m.log_prob(LanguageModel::kBegin, m.id("người"), m.id("bán")));
  EXPECT_EQ(m.count(m.id("hải")), 6u);
}

TEST(ViLanguageModelTest, SavesAndLoads) {
  testing::TempDir dir;
  const LanguageModel m = small_model();
  ASSERT_TRUE(m.save(dir.file("m.lm")));
  auto loaded = LanguageModel::load(dir.file("m.lm"));
  ASSERT_TRUE(loaded) << loaded.status().message();
  EXPECT_EQ(loaded->vocabulary_size(), m.vocabulary_size());
  EXPECT_EQ(loaded->ngram_count(), m.ngram_count());
  for (WordId w = 0; w < m.vocabulary_size(); ++w) {
    EXPECT_EQ(loaded->word(w), m.word(w));
    EXPECT_FLOAT_EQ(loaded->log_prob(m.id("thành"), m.id("phố"), w),
                    m.log_prob(m.id("thành"), m.id("phố"), w));
  }
}

// "thành phố" followed by 80 syllables, syllable k seen (k mod 5) + 1 times: its followers
// are a long list (a bitmap over the vocabulary), like the city's common contexts.
TEST(ViLanguageModelTest, LongFollowerListsScoreByTheirCounts) {
  std::vector<std::string> words;
  for (const char* initial : {"b", "c", "d", "h", "l", "m", "n", "t"}) {
    for (const char* rhyme : {"a", "an", "anh", "ao", "am", "ang", "ai", "ay", "o", "on"}) {
      words.push_back(std::string(initial) + rhyme);
    }
  }
  LanguageModelTrainer trainer;
  for (std::size_t k = 0; k < words.size(); ++k) {
    for (std::size_t i = 0; i <= k % 5; ++i) trainer.add_text("thành phố " + words[k] + ".");
  }
  trainer.add_text("Hải Phòng.");
  const LanguageModel built = trainer.build(1);
  testing::TempDir dir;
  ASSERT_TRUE(built.save(dir.file("m.lm")));
  auto loaded = LanguageModel::load(dir.file("m.lm"));
  ASSERT_TRUE(loaded) << loaded.status().message();
  for (const LanguageModel* m : {&built, static_cast<const LanguageModel*>(&*loaded)}) {
    const WordId thanh = m->id("thành"), pho = m->id("phố");
    double total = 0;
    for (WordId w = 0; w < m->vocabulary_size(); ++w) {
      if (w != LanguageModel::kBegin) total += std::exp(m->log_prob(thanh, pho, w));
    }
    EXPECT_NEAR(total, 1.0, 0.02);
    // Equal counts score equally, more seen scores higher, unseen lowest.
    std::vector<float> by_count(5, 0.0F);
    for (std::size_t k = 0; k < words.size(); ++k) {
      const float lp = m->log_prob(thanh, pho, m->id(words[k]));
      if (k < 5) {
        by_count[k] = lp;
      } else {
        EXPECT_FLOAT_EQ(lp, by_count[k % 5]) << words[k];
      }
      EXPECT_FLOAT_EQ(m->bigram_prob(pho, m->id(words[k])),
                      m->bigram_prob(pho, m->id(words[k % 5])))
          << words[k];
    }
    for (std::size_t c = 1; c < 5; ++c) EXPECT_GT(by_count[c], by_count[c - 1]);
    EXPECT_LT(m->log_prob(thanh, pho, m->id("hải")), by_count[0]);
  }
}

TEST(ViLanguageModelTest, RejectsDamagedFiles) {
  testing::TempDir dir;
  ASSERT_TRUE(small_model().save(dir.file("m.lm")));
  std::string bytes;
  {
    std::ifstream in(dir.file("m.lm"), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    std::ofstream(dir.file("cut.lm"), std::ios::binary) << bytes.substr(0, cut);
    auto r = LanguageModel::load(dir.file("cut.lm"));
    EXPECT_FALSE(r) << cut;
    if (!r) {
      EXPECT_NE(r.status().message().find("cut.lm"), std::string::npos);
    }
  }
  EXPECT_EQ(LanguageModel::load(dir.file("absent.lm")).status().code(), StatusCode::kNotFound);
}

TEST(ViCorpusTest, ReadsJsonLinesCompressedOrNot) {
  testing::TempDir dir;
  const std::string jsonl = "{\"id\": \"a\", \"text\": \"Điều 1.\"}\n\n{\"text\": \"Điều 2.\"}\n";
  std::ofstream(dir.file("c.jsonl")) << jsonl;
  std::string packed(ZSTD_compressBound(jsonl.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), jsonl.data(), jsonl.size(), 3));
  std::ofstream(dir.file("c.jsonl.zst"), std::ios::binary) << packed;
  for (const char* name : {"c.jsonl", "c.jsonl.zst"}) {
    std::vector<std::string> docs;
    ASSERT_TRUE(read_corpus(dir.file(name), [&](std::string_view t) { docs.emplace_back(t); }));
    EXPECT_EQ(docs, std::vector<std::string>({"Điều 1.", "Điều 2."})) << name;
  }
  std::ofstream(dir.file("plain.txt")) << "Kế hoạch";
  std::vector<std::string> docs;
  ASSERT_TRUE(
      read_corpus(dir.file("plain.txt"), [&](std::string_view t) { docs.emplace_back(t); }));
  EXPECT_EQ(docs, std::vector<std::string>({"Kế hoạch"}));
}

TEST(ViCorpusTest, NamesTheBadLineAndTheBadFile) {
  testing::TempDir dir;
  std::ofstream(dir.file("bad.jsonl")) << "{\"text\": \"ok\"}\n{\"text\": 3}\n";
  auto s = read_corpus(dir.file("bad.jsonl"), [](std::string_view) {});
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("line 2"), std::string::npos) << s.message();
  std::ofstream(dir.file("bad.jsonl.zst"), std::ios::binary) << "not zstd at all";
  s = read_corpus(dir.file("bad.jsonl.zst"), [](std::string_view) {});
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("zstd"), std::string::npos) << s.message();
  EXPECT_FALSE(read_corpus(dir.file("absent.txt"), [](std::string_view) {}));
}

}  // namespace
}  // namespace loa::vi
