// OCR repair: the channel model on its own, and golden repairs of real OCR damage with the
// model trained at build time from ../shared/corpus (skipped when it was not built).
#include "vi/restore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <tuple>

#include "support/temp_dir.h"
#include "vi/utf8.h"

namespace loa::vi {
namespace {

float cost(std::string_view truth, std::string_view ocr) {
  return channel_cost(utf8::to_u32(truth), utf8::to_u32(ocr));
}

// Each OCR line is repaired as its truth.
void expect_repairs(Restorer& r,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> lines) {
  for (const auto& [ocr, truth] : lines) EXPECT_EQ(r.restore(ocr).text, truth) << ocr;
}

TEST(ViChannelTest, LostMarksAreCheapChangedConsonantsDear) {
  EXPECT_EQ(cost("của", "của"), 0.0F);
  EXPECT_LT(cost("tuyên", "tuyén"), 0.5F);
  EXPECT_LT(cost("tuyên", "tuyen"), 0.5F);
  EXPECT_LT(cost("đối", "d6i"), cost("đối", "tôi"));
  EXPECT_LT(cost("làm", "1am"), cost("làm", "cam"));
  EXPECT_LT(cost("xã", "x3"), 1.0F);
  EXPECT_LT(cost("sở", "s&"), 1.0F);
  EXPECT_LT(cost("đảng", "pang"), cost("đảng", "tang"));
  EXPECT_LT(cost("của", "ctia"), cost("cửa", "ctia") + 0.5F);
  EXPECT_GT(cost("ban", "bán"), cost("bán", "ban"));  // OCR drops marks, seldom adds them
}

// The model built by the build (src/CMakeLists.txt) from the shared corpus.
const LanguageModel* built_model() {
  static std::optional<LanguageModel> model = []() -> std::optional<LanguageModel> {
    if (!std::filesystem::exists(LOA_VI_MODEL_FILE)) return std::nullopt;
    auto m = LanguageModel::load(LOA_VI_MODEL_FILE);
    if (!m) return std::nullopt;
    return std::move(*m);
  }();
  return model ? &*model : nullptr;
}

#define REQUIRE_MODEL()                                     \
  if (built_model() == nullptr)                             \
  GTEST_SKIP() << "no language model at " LOA_VI_MODEL_FILE \
                  " (it is trained at build time from ../shared/corpus, which is absent)"

TEST(ViRestoreTest, RepairsTheDamageOfPlansWithoutTheVietnameseModel) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  // Lines of plans 000 and 001 as the OCR engine left them.
  expect_repairs(
      r,
      {{"Tuyén truyén vé céng tac d6i ngoai", "Tuyên truyền về công tác đối ngoại"},
       {"quyén va stc chién d4u cta Pang", "quyền và sức chiến đấu của Đảng"},
       {"tình hình kinh té - x3 hdi ctia thành phố", "tình hình kinh tế - xã hội của thành phố"},
       {"phdi hop véi S& Thoéng tin va Truyén thong", "phối hợp với Sở Thông tin và Truyền thông"},
       {"nhiém vy, giai phap nim 2025; Nghi quyét sé",
        "nhiệm vụ, giải pháp năm 2025; Nghị quyết số"},
       {"viéc hoc tap va 1am theo tu tuéng", "việc học tập và làm theo tư tưởng"}});
}

TEST(ViRestoreTest, KeepsNumbersDocumentNumbersUrlsAndLayout) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  const auto out = r.restore(
      "Thuc hién Nghi quyét sé 45-NQ/TW\n  ngay 20/6/2022 (xem https://haiphong.gov.vn).\n\nUBND");
  EXPECT_EQ(
      out.text,
      "Thực hiện Nghị quyết số 45-NQ/TW\n  ngày 20/6/2022 (xem https://haiphong.gov.vn).\n\nUBND");
}

TEST(ViRestoreTest, KeepsCapitals) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  EXPECT_EQ(r.restore("I. MUC PiCH, YEU CAU").text, "I. MỤC ĐÍCH, YÊU CẦU");
  EXPECT_EQ(r.restore("Thanh pho Hai Phong").text, "Thành phố Hải Phòng");
}

TEST(ViRestoreTest, KeepsTheCaseOfNamesItKeeps) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  // Names the repair keeps letter for letter keep their case too …
  const auto out = r.restore("Tuyen truyen tren YouTube, TikTok va PayPal");
  EXPECT_EQ(out.text, "Tuyên truyền trên YouTube, TikTok và PayPal");
  // … while syllables take the case of the word as written.
  EXPECT_EQ(r.restore("tAm").text, r.restore("tam").text);
  EXPECT_EQ(r.restore("THANH PHO").text, "THÀNH PHỐ");
}

// A restorer of the build's model that knows `names` (RestoreOptions::names).
std::unique_ptr<Restorer> with_names(std::vector<std::string> names) {
  RestoreOptions options;
  options.names = std::move(names);
  return std::make_unique<Restorer>(*built_model(), options);
}

TEST(ViRestoreTest, ReadsTheGivenPlaceNamesAsWritten) {
  REQUIRE_MODEL();
  const auto given =
      with_names({"Bạch Long Vĩ", "Cát Bà", "Tiên Lãng", "thành phố Cảng", "Hải Phòng"});
  Restorer& named = *given;
  Restorer plain(*built_model());
  const std::string text = "Du khach den Bach Long Vi, Cat Ba va Tien Lang cua thanh pho Cang";
  const std::string expected = "Du khách đến Bạch Long Vĩ, Cát Bà và Tiên Lãng của thành phố Cảng";
  EXPECT_NE(plain.restore(text).text, expected);  // the model alone does not know them all
  const auto out = named.restore(text);
  EXPECT_EQ(out.text, expected);
  EXPECT_EQ(out.words[3].confidence, 1.0F);
  // Capitals as in a heading; a name wrapped at the end of a line.
  EXPECT_EQ(named.restore("HUYEN BACH LONG VI").text, "HUYỆN BẠCH LONG VĨ");
  EXPECT_EQ(named.restore("Bach\nLong Vi").text, "Bạch\nLong Vĩ");
  // Not the name: other capitals, or words not side by side.
  EXPECT_EQ(named.restore("tien lang").text, plain.restore("tien lang").text);
  EXPECT_NE(named.restore("tien lang").text, "tiên lãng");
  EXPECT_EQ(named.restore("Bach, Long Vi").text, plain.restore("Bach, Long Vi").text);
  // Trusted text (typed, or read by a Vietnamese-aware engine): a name typed without marks
  // is put right, one whose marks were written stays as it was.
  const std::string trusted = "Đoàn công tác của Sở đã đến Cất Bà và Cat Ba để kiểm tra.";
  EXPECT_EQ(named.restore(trusted).text,
            "Đoàn công tác của Sở đã đến Cất Bà và Cát Bà để kiểm tra.");
}

// A name of eight letters or more is also read one letter off, where that letter makes a word
// that is no syllable — what OCR does ("Thiy Nguyén" for Thủy Nguyên, "Hal Phong") — not
// where the words are Vietnamese ("Dai Duong", Đại Dương, is no "Hải Dương").
TEST(ViRestoreTest, ReadsAPlaceNameOneLetterOffWhereOcrDamagedIt) {
  REQUIRE_MODEL();
  const auto given = with_names({"Thủy Nguyên", "Hải Phòng", "Hải Dương", "Tiên Lãng", "Cát Bà"});
  Restorer& named = *given;
  Restorer plain(*built_model());
  expect_repairs(named, {{"thanh phd\nThiy Nguyén", "thành phố\nThủy Nguyên"},
                         {"Quy hoach thanh phd Hal Phong", "Quy hoạch thành phố Hải Phòng"},
                         {"HAI DUONC", "HẢI DƯƠNG"},
                         {"huyén Tién Lang", "huyện Tiên Lãng"}});
  for (const char* text : {"Ong Dai Duong phat bieu", "Thay Nguyen Phi Hung cho biet",
                           "thanh pho hal phong", "Cat Bi va Cot Ba"}) {
    EXPECT_EQ(named.restore(text).text, plain.restore(text).text) << text;
  }
}

// Text typed without marks — no word has one, few are broken — lost only its marks: its words
// are read as the syllables of their own skeleton, not as OCR misreadings of others ("van"
// is vẫn, văn, vàn …, never "và"; "ong" is no "công"). Text with OCR's broken words is still
// repaired as OCR (KeepsCapitals, LearnsTwoGlyphReadings).
TEST(ViRestoreTest, ReadsTextTypedWithoutMarksAsMarksLostOnly) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  const std::string out =
      r.restore(
           "Trong nam 2020, bat chap nhung tro ngai do dich benh gay ra, cong ty van no luc trien "
           "khai cac chuong trinh ho tro nguoi dan trong giai doan dich benh vua qua. So thu "
           "giam sau, ong Minh noi.")
          .text;
  for (const char* words : {"công ty vẫn nỗ lực triển khai", "dịch bệnh vừa qua", ", ông M"}) {
    EXPECT_NE(out.find(words), std::string::npos) << words << " in: " << out;
  }
}

TEST(ViRestoreTest, ReportsConfidenceAndKeepsUndecidedWords) {
  REQUIRE_MODEL();
  Restorer sure(*built_model());
  const auto out = sure.restore("Uy ban nhan dan thanh pho qwzx");
  ASSERT_EQ(out.words.size(), 7u);
  EXPECT_EQ(out.words[0].original, "Uy");
  EXPECT_EQ(out.words[0].text, "Ủy");
  EXPECT_GT(out.words[1].confidence, 0.8F);
  EXPECT_EQ(out.words[6].text, "qwzx");  // nothing Vietnamese is near it: left as it was
  for (const auto& w : out.words) {
    EXPECT_GE(w.confidence, 0.0F);
    EXPECT_LE(w.confidence, 1.0F);
    EXPECT_EQ(w.review, w.confidence < sure.options().review_below);
  }
  RestoreOptions cautious;
  cautious.keep_below = 1.01F;  // nothing is sure enough: every word stays
  Restorer keep(*built_model(), cautious);
  EXPECT_EQ(keep.restore("Uy ban nhan dan").text, "Uy ban nhan dan");
}

TEST(ViRestoreTest, SurvivesOddInput) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  EXPECT_EQ(r.restore("").text, "");
  EXPECT_EQ(r.restore("  \n\n ").text, "  \n\n ");
  EXPECT_EQ(r.restore("!!! ??? ...").text, "!!! ??? ...");
  const std::string long_word(100000, 'a');
  EXPECT_EQ(r.restore(long_word).text, long_word);
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "thanh pho ";
  const auto out = r.restore(many);
  EXPECT_EQ(out.words.size(), 4000u);
  EXPECT_TRUE(out.text.starts_with("thành phố thành phố ")) << out.text.substr(0, 40);
}

TEST(ViRestoreTest, LearnsTheChannelFromOcrTextAlone) {
  REQUIRE_MODEL();
  EXPECT_FALSE(built_model()->channel().empty());  // the build learned one from plan 001
  // Learning again from a few damaged lines: a table comes back, and it survives saving.
  LanguageModel model = *built_model();
  model.set_channel({});
  std::string sample;
  for (int i = 0; i < 40; ++i) {
    sample +=
        "Tuyén truyén vé céng tac d6i ngoai ctia thanh phé Hai Phong nim 2025.\n"
        "S& Van hoa va Thé thao phdi hop véi Uy ban nhan dan cac xa, phudng.\n";
  }
  ChannelReport report;
  const std::vector<float> table = learn_channel(model, sample, 1, &report);
  EXPECT_GT(report.words, 400u);
  EXPECT_GT(report.learned_substitutions, 3u);
  ASSERT_FALSE(table.empty());
  model.set_channel(table);
  testing::TempDir dir;
  ASSERT_TRUE(model.save(dir.file("m.lm")));
  auto loaded = LanguageModel::load(dir.file("m.lm"));
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->channel().size(), table.size());
  Restorer r(*loaded);
  EXPECT_EQ(r.restore("Tuyén truyén vé d6i ngoai").text, "Tuyên truyền về đối ngoại");
}

// Two glyphs for one letter ("ir" for ứ, "ti" for ủ) are learned as one reading: the words
// where the letter-by-letter channel needs two dear edits are then repaired.
TEST(ViRestoreTest, LearnsTwoGlyphReadings) {
  REQUIRE_MODEL();
  LanguageModel model = *built_model();
  model.set_channel({});
  std::string sample;
  for (int i = 0; i < 20; ++i) {
    sample +=
        "Chirc nang, nhiém vu ctia cac co quan, t6 chirc thirc hién ké hoach.\n"
        "Hinh thirc tuyén truyén ctia S& phai phu hop véi tinh hinh thirc té.\n";
  }
  ChannelReport report;
  const std::vector<float> table = learn_channel(model, sample, 1, &report);
  EXPECT_GE(report.learned_pairs, 2u);
  model.set_channel(table);
  Restorer learned(model);
  EXPECT_EQ(learned.restore("cac phan tir x4u").text, "các phần tử xấu");
  EXPECT_EQ(learned.restore("bang hinh thire").text, "bằng hình thức");
}

// The build's channel, learned from plan 001, prices a marked vowel's readings by how often
// the engine writes each: ề read as é is common, à read as é rare. Losing every mark is one
// event, priced alike for every letter. Real OCR lines where that decides.
TEST(ViRestoreTest, PricesReadingsByHowOftenTheEngineWritesThem) {
  REQUIRE_MODEL();
  const LanguageModel& model = *built_model();
  const auto learned = [&](std::string_view truth, std::string_view ocr) {
    return channel_cost(model, utf8::to_u32(truth), utf8::to_u32(ocr));
  };
  EXPECT_LT(learned("về", "vé") + 0.2F, learned("và", "vé"));
  EXPECT_LT(learned("thể", "thé"), learned("thà", "thé"));
  EXPECT_FLOAT_EQ(learned("về", "ve"), learned("vệ", "ve"));
  EXPECT_FLOAT_EQ(learned("về", "ve"), learned("vẻ", "ve"));
  EXPECT_FLOAT_EQ(learned("về", "ve"), learned("vớ", "vo"));
  Restorer r(model);
  expect_repairs(r, {{"ctia Bo Chinh trj vé tiép tuc nang cao chét luong",
                      "của Bộ Chính trị về tiếp tục nâng cao chất lượng"},
                     {"tap huén, bdi duéng nghiép vu", "tập huấn, bồi dưỡng nghiệp vụ"}});
}

// A damaged word — no syllable is a cheap edit away — keeps more candidates
// (RestoreOptions::damaged_candidates): its letters say little, and the context picks one they
// hardly suggest. With only the usual 16 it cannot.
TEST(ViRestoreTest, GivesDamagedWordsMoreCandidates) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  expect_repairs(
      r, {{"chuyén giao, tmg dung va phat trién cong nghé",
           "chuyển giao, ứng dụng và phát triển công nghệ"},
          {"phat trién hé sinh thai khcn nghiép d6i méi, sang tao",
           "phát triển hệ sinh thái khởi nghiệp đổi mới, sáng tạo"},
          {"kip thoi tra 161 nhing van dé du luan", "kịp thời trả lời những vấn đề dư luận"}});
  RestoreOptions narrow;
  narrow.damaged_candidates = narrow.candidates;
  Restorer n(*built_model(), narrow);
  EXPECT_EQ(n.restore("sinh thai khcn nghiép").text.find("khởi"), std::string::npos);
  EXPECT_EQ(n.restore("kip thoi tra 161 nhing van dé").text.find("lời"), std::string::npos);
}

// "bị 161 kéo": a short number of letter-like digits between two words may be a misread
// syllable, and is repaired when the words around it say so; real numbers stay.
TEST(ViRestoreTest, ReadsLetterLikeNumbersBetweenWords) {
  REQUIRE_MODEL();
  Restorer r(*built_model());
  EXPECT_EQ(r.restore("khong bi 161 kéo kich ddng").text, "không bị lôi kéo kích động");
  EXPECT_EQ(r.restore("trong 10 nam qua").text, "trong 10 năm qua");
  EXPECT_EQ(r.restore("co 3 nhiém vu").text, "có 3 nhiệm vụ");
  EXPECT_EQ(r.restore("161 kéo").text, "161 kéo");  // a number at the start is a number
}

// The build puts the candidates of every accent-free syllable in the model file: repairs with
// and without that table are the same, word for word; a table made with other options, or one
// naming words the model does not have, is not used.
TEST(ViRestoreTest, TheModelsCandidateTableChangesNothingButTheTime) {
  REQUIRE_MODEL();
  const LanguageModel& with = *built_model();
  ASSERT_FALSE(with.candidate_table().empty());
  LanguageModel without = with;
  without.set_candidate_table({});
  const std::string text =
      "Tuyen truyen ve cong tac doi ngoai cua thanh pho Hai Phong nam 2025, nguoi dan "
      "va doanh nghiep. S& Van hoa va Thé thao phdi hop véi Uy ban nhan dan cac xa, phuong.";
  const auto words = [](const Restoration& r) {
    std::vector<std::tuple<std::string, float, bool>> out;
    for (const auto& w : r.words) out.emplace_back(w.text, w.confidence, w.review);
    return out;
  };
  const Restoration a = Restorer(with).restore(text);
  const Restoration b = Restorer(without).restore(text);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(words(a), words(b));
  EXPECT_NE(a.text.find("Tuyên truyền về công tác đối ngoại"), std::string::npos) << a.text;

  RestoreOptions other;
  other.candidates = 4;
  EXPECT_EQ(Restorer(with, other).restore(text).text, Restorer(without, other).restore(text).text);

  LanguageModel damaged = with;
  std::vector<std::uint32_t> table = with.candidate_table();
  table[5 + 3] = static_cast<std::uint32_t>(with.vocabulary_size() + 7);  // a first entry's id
  damaged.set_candidate_table(table);
  EXPECT_EQ(Restorer(damaged).restore(text).text, a.text);
}

}  // namespace
}  // namespace loa::vi
