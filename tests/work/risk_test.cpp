// Risk flags: the lexicon's rule, and the model learnt from the coordinator's decisions — it
// flags what the lexicon missed and lifts flags like the dismissed ones, only when it is sure;
// too few decisions teach nothing.
#include "work/risk.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "store/analysis.h"
#include "support/test_db.h"
#include "work/news.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;
using loa::testing::TestDb;

constexpr std::int64_t kNow = 1796000000;

std::string line(const std::string& url, const std::string& title, const std::string& text) {
  return Json{{"url", url}, {"title", title}, {"text", text}, {"outlet", "Báo Thử"}}.dump() + "\n";
}

struct Flag {
  std::optional<std::string> risk;
  std::optional<std::string> status;
  Json terms;
  std::optional<std::string> by;
};

Flag flag_of(store::Database& db, const std::string& url) {
  auto st =
      db.prepare("SELECT risk, risk_status, risk_terms_json, risk_by FROM articles WHERE url = ?");
  st->bind(1, url);
  EXPECT_TRUE(*st->step()) << url;
  return {st->column_optional_text(0), st->column_optional_text(1), Json::parse(st->column_text(2)),
          st->column_optional_text(3)};
}

std::int64_t id_of(store::Database& db, const std::string& url) {
  auto st = db.prepare("SELECT id FROM articles WHERE url = ?");
  st->bind(1, url);
  EXPECT_TRUE(*st->step()) << url;
  return st->column_int(0);
}

TEST(RiskFlags, TheLexiconFlagsByTheWeightOfOneKind) {
  auto lexicon = load_risk_lexicon();
  ASSERT_TRUE(lexicon) << lexicon.status().message();
  const auto judge = [&](const std::string& text) {
    const auto words = news::words_of(text);
    return judge_risk(lexicon->assess(words), nullptr, words);
  };
  const RiskFlag rumour = judge("Công an khẳng định thông tin lan truyền là sai sự thật.");
  EXPECT_EQ(rumour.kind, "false_information");
  EXPECT_EQ(rumour.by, "lexicon");
  EXPECT_EQ(rumour.terms, std::vector<std::string>{"sai sự thật"});
  EXPECT_EQ(judge("Tai nạn giao thông làm một người tử vong.").kind, "negative");  // 2 + 2
  EXPECT_FALSE(judge("Xử lý vi phạm trật tự đô thị.").kind);  // weight 1: not enough alone
  EXPECT_FALSE(judge("Khánh thành cầu vượt sông.").kind);
}

// Articles of two kinds the lexicon judges wrongly: brawls (no lexicon phrase, which the
// coordinator wants to see) and festival programmes that mention "sự cố" and "vi phạm"
// (flagged, and dismissed every time).
std::string brawl(int i) {
  return "Hải Phòng: nhóm thanh niên hỗn chiến bằng dao kiếm, " + std::to_string(i) +
         " người nhập viện cấp cứu sau trận ẩu đả trong đêm ở phường Lê Chân; công an truy bắt "
         "các đối tượng chém người.";
}
std::string festival(int i) {
  return "Hải Phòng chuẩn bị lễ hội hoa phượng đỏ lần thứ " + std::to_string(i) +
         ": ban tổ chức rà soát phương án phòng sự cố điện, nhắc các hộ kinh doanh không vi "
         "phạm, không tăng giá, chào đón du khách về thành phố.";
}
std::string calm(int i) {
  return "Hải Phòng khánh thành công trình " + std::to_string(i) +
         ", đường ven biển, trường học mới và khu công nghiệp thu hút đầu tư.";
}

// Twelve each of: an article flagged by the lexicon that the coordinator will confirm (its
// title and text from `risky`), a festival notice the lexicon flags ("sự cố" 1 + "vi phạm" 1
// + "ô nhiễm" 2) that she will dismiss, and a calm article.
std::string twelve_of_each(const std::string& title, const std::function<std::string(int)>& risky) {
  std::string lines;
  for (int i = 0; i < 12; ++i) {
    lines += line("https://t.vn/a" + std::to_string(i), title, risky(i));
    lines += line("https://t.vn/f" + std::to_string(i), "Lễ hội ở Hải Phòng",
                  festival(i) + " Chống ô nhiễm môi trường biển.");
    lines += line("https://t.vn/c" + std::to_string(i), "Tin Hải Phòng", calm(i));
  }
  return lines;
}

// The coordinator confirms the first kind and dismisses the festival notices; the next round
// learns the model from her decisions.
void decide_all(store::Database& db, ManualClock& clock) {
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(decide_article_risk(db, clock, Actor::command_line(),
                                    id_of(db, "https://t.vn/a" + std::to_string(i)), true));
    ASSERT_TRUE(decide_article_risk(db, clock, Actor::command_line(),
                                    id_of(db, "https://t.vn/f" + std::to_string(i)), false));
  }
  EXPECT_FALSE(store::find_classifier(db, "risk").value());  // deciding does not wait for it
  clock.advance(60);
  auto learnt = refresh_risk_model(db, clock);
  ASSERT_TRUE(learnt) << learnt.status().message();
  ASSERT_TRUE(*learnt);
  EXPECT_EQ((*learnt)->confirmed, 12);
  EXPECT_EQ((*learnt)->dismissed, 12);
  clock.advance(60);
  EXPECT_FALSE(refresh_risk_model(db, clock).value());  // nothing decided since
}

TEST(RiskFlags, TheModelLearnsFromTheCoordinatorsDecisions) {
  TestDb db;
  ManualClock clock(kNow);
  ASSERT_TRUE(
      ingest_articles(*db, clock, twelve_of_each("Tai nạn trên cao tốc ở Hải Phòng", [](int i) {
        return "Hải Phòng: tai nạn giao thông, " + std::to_string(i) + " người tử vong.";
      })));
  ASSERT_EQ(flag_of(*db, "https://t.vn/f0").risk, "negative");
  EXPECT_EQ(flag_of(*db, "https://t.vn/f0").by, "lexicon");
  EXPECT_FALSE(flag_of(*db, "https://t.vn/c0").by);
  EXPECT_EQ(train_risk_model(*db, clock, Actor::command_line()).status().code(),
            StatusCode::kFailedPrecondition);  // no decisions yet
  ASSERT_TRUE(
      decide_article_risk(*db, clock, Actor::command_line(), id_of(*db, "https://t.vn/a0"), true));
  EXPECT_FALSE(refresh_risk_model(*db, clock).value());  // one decision: too few, not an error

  decide_all(*db, clock);
  if (HasFatalFailure()) return;
  // The decisions taught a model, audited.
  auto stored = store::find_classifier(*db, "risk");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->examples, 24 + 12);  // the decisions and the unflagged articles
  auto audit = db->prepare(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'classifier.train' AND entity_id = 'risk'");
  ASSERT_TRUE(*audit->step());
  EXPECT_GE(audit->column_int(0), 1);
  // Decisions stay as they were when the articles are read again.
  ASSERT_TRUE(reanalyse_articles(*db, clock));
  EXPECT_EQ(flag_of(*db, "https://t.vn/f3").status, "dismissed");

  // New articles: a festival notice like the dismissed ones is no longer flagged …
  ASSERT_TRUE(ingest_articles(
      *db, clock,
      line("https://t.vn/new-f", "Lễ hội ở Hải Phòng",
           festival(40) + " Chống ô nhiễm môi trường.") +
          line(
              "https://t.vn/new-a", "Tai nạn ở Hải Phòng",
              "Hải Phòng: tai nạn giao thông trên cầu, hai người tử vong, nhiều người nhập viện.") +
          line("https://t.vn/new-c", "Tin Hải Phòng", calm(40)) +
          line("https://t.vn/new-r", "Tin đồn ở Hải Phòng",
               festival(41) + " Công an bác bỏ tin đồn sai sự thật.")));
  EXPECT_FALSE(flag_of(*db, "https://t.vn/new-f").risk);
  EXPECT_EQ(flag_of(*db, "https://t.vn/new-f").by, "model");  // lifted by it
  // … an accident like the confirmed ones still is, a calm one still is not …
  EXPECT_EQ(flag_of(*db, "https://t.vn/new-a").risk, "negative");
  EXPECT_FALSE(flag_of(*db, "https://t.vn/new-c").risk);
  // … and false information stays flagged whatever the model thinks of the rest.
  EXPECT_EQ(flag_of(*db, "https://t.vn/new-r").risk, "false_information");

  // Learnt again after one more decision: the lifted flag is not taken for an article nobody
  // flagged; the calm ones are.
  clock.advance(60);
  ASSERT_TRUE(decide_article_risk(*db, clock, Actor::command_line(),
                                  id_of(*db, "https://t.vn/new-a"), true));
  clock.advance(60);
  auto again = refresh_risk_model(*db, clock);
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->confirmed, 13);
  EXPECT_EQ((*again)->unflagged, 13);  // c0–c11 and new-c, not new-f
}

TEST(RiskFlags, TheModelFlagsWhatTheLexiconMissed) {
  TestDb db;
  ManualClock clock(kNow);
  ASSERT_TRUE(ingest_articles(*db, clock, twelve_of_each("Hỗn chiến ở Hải Phòng", [](int i) {
    return brawl(i) + " Vụ việc khiến một người tử vong, hai người bị thương do tai nạn.";
  })));
  // A brawl without the lexicon's words: not flagged while there is no model.
  ASSERT_TRUE(
      ingest_articles(*db, clock, line("https://t.vn/before", "Hỗn chiến ở Hải Phòng", brawl(50))));
  EXPECT_FALSE(flag_of(*db, "https://t.vn/before").risk);
  decide_all(*db, clock);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(
      ingest_articles(*db, clock, line("https://t.vn/after", "Hỗn chiến ở Hải Phòng", brawl(60))));
  const Flag after = flag_of(*db, "https://t.vn/after");
  EXPECT_EQ(after.risk, "negative");
  EXPECT_EQ(after.status, "flagged");
  EXPECT_EQ(after.by, "model");
  ASSERT_TRUE(after.terms.is_array());
  EXPECT_FALSE(after.terms.empty());  // the model's reasons, shown with the flag
  // Read again, the article flagged before the model is flagged now.
  ASSERT_TRUE(reanalyse_articles(*db, clock));
  EXPECT_EQ(flag_of(*db, "https://t.vn/before").risk, "negative");
  // The coordinator flags a calm article herself: hers, and kept through a new analysis;
  // deciding on the model's flag keeps it the model's.
  ASSERT_TRUE(decide_article_risk(*db, clock, Actor::command_line(), id_of(*db, "https://t.vn/c1"),
                                  true, "false_information"));
  ASSERT_TRUE(decide_article_risk(*db, clock, Actor::command_line(),
                                  id_of(*db, "https://t.vn/after"), true));
  ASSERT_TRUE(reanalyse_articles(*db, clock));
  const Flag mine = flag_of(*db, "https://t.vn/c1");
  EXPECT_EQ(mine.risk, "false_information");
  EXPECT_EQ(mine.status, "confirmed");
  EXPECT_EQ(mine.by, "person");
  EXPECT_EQ(flag_of(*db, "https://t.vn/after").by, "model");
}

}  // namespace
}  // namespace loa::work
