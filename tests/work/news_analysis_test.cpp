// What Loa reads in stored articles: category (once a model is trained), places and relevance,
// risk flags, active plans' topics with their terms, stories; the coordinator's topic
// decisions moving the weights; everything again after a change.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/analysis.h"
#include "support/test_db.h"
#include "work/news.h"

namespace loa::work {
namespace {

using Json = nlohmann::json;
using loa::testing::TestDb;

constexpr std::int64_t kNow = 1796000000;

std::int64_t add_active_plan(store::Database& db) {
  EXPECT_TRUE(db.exec(
      "INSERT INTO organisations (id, code, name, kind, level, created_at) VALUES "
      "(1, 'ubnd-hp', 'Ủy ban nhân dân thành phố Hải Phòng', 'people_committee', 'province', "
      "'2025-01-01T00:00:00Z'), "
      "(2, 'le-chan', 'Phường Lê Chân', 'ward', 'commune', '2025-07-01T00:00:00Z')"));
  const Json structure = {
      {"topics",
       {{{"number", "1"}, {"title", "Tuyên truyền về chuyển đổi số, cải cách hành chính"}},
        {{"number", "2"}, {"title", "Tuyên truyền về phát triển du lịch, văn hóa"}}}}};
  auto st = db.prepare(
      "INSERT INTO plans (organisation_id, status, title, source_name, source_format, "
      "source_text, structure_json, created_at, updated_at) VALUES (1, 'active', 'Kế hoạch', "
      "'kh.txt', 'text', '', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  st->bind(1, structure.dump());
  EXPECT_TRUE(st->run());
  return db.last_insert_id();
}

struct Read {
  std::optional<std::string> category;
  int relevance = 0;
  Json places;
  std::optional<std::string> risk;
  std::optional<std::string> risk_status;
  std::int64_t story = 0;
};

Read read(store::Database& db, const std::string& url) {
  auto st = db.prepare(
      "SELECT category, relevance, places_json, risk, risk_status, COALESCE(story_id, 0) "
      "FROM articles WHERE url = ?");
  st->bind(1, url);
  EXPECT_TRUE(*st->step()) << url;
  return {st->column_optional_text(0),     static_cast<int>(st->column_int(1)),
          Json::parse(st->column_text(2)), st->column_optional_text(3),
          st->column_optional_text(4),     st->column_int(5)};
}

std::vector<std::pair<int, std::string>> topics_of(store::Database& db, const std::string& url) {
  auto st = db.prepare(
      "SELECT t.topic_no, t.terms_json || ' ' || t.status FROM article_topics t "
      "JOIN articles a ON a.id = t.article_id WHERE a.url = ? ORDER BY t.topic_no");
  st->bind(1, url);
  return *store::collect_rows(*st, [](const store::Statement& s) {
    return std::make_pair(static_cast<int>(s.column_int(0)), s.column_text(1));
  });
}

std::string line(const std::string& url, const std::string& title, const std::string& text) {
  return Json{{"url", url}, {"title", title}, {"text", text}, {"outlet", "Báo Thử"}}.dump() + "\n";
}

TEST(NewsAnalysis, TheRepairKnowsTheGazetteersAndTheRegistrysPlaceNames) {
  TestDb db;
  add_active_plan(*db);
  ASSERT_TRUE(
      db->exec("INSERT INTO organisations (code, name, kind, level, created_at) VALUES "
               "('tan-minh', 'Xã Tân Minh Thượng', 'commune', 'commune', '2025-07-01T00:00:00Z')"));
  auto names = place_names(*db);
  ASSERT_TRUE(names) << names.status().message();
  const auto has = [&](const std::string& n) {
    return std::find(names->begin(), names->end(), n) != names->end();
  };
  EXPECT_TRUE(has("Hải Phòng"));  // the gazetteer's
  EXPECT_TRUE(has("Bạch Long Vĩ"));
  EXPECT_TRUE(has("Phường Lê Chân"));  // the registry's, as written and without their kind
  EXPECT_TRUE(has("Lê Chân"));
  EXPECT_TRUE(has("Xã Tân Minh Thượng"));
  EXPECT_TRUE(has("Tân Minh Thượng"));
  EXPECT_FALSE(has("Ủy ban nhân dân thành phố Hải Phòng"));  // not a place
}

TEST(NewsAnalysis, PlacesRiskTopicsAndStoriesAreReadOnIngest) {
  TestDb db;
  ManualClock clock(kNow);
  const auto plan = add_active_plan(*db);
  const std::string lines =
      line("https://a.vn/1", "Hải Phòng đẩy mạnh chuyển đổi số",
           "Thành phố Hải Phòng đẩy mạnh chuyển đổi số trong cải cách hành chính, phường Lê "
           "Chân thí điểm hồ sơ trực tuyến.") +
      line("https://b.vn/2", "Bác bỏ tin đồn",
           "Công an phường Lê Chân, Hải Phòng khẳng định thông tin lan truyền là sai sự thật.") +
      line("https://c.vn/3", "Hà Nội chuyển đổi số",
           "Hà Nội đẩy mạnh chuyển đổi số và cải cách hành chính.");
  auto r = ingest_articles(*db, clock, lines);
  ASSERT_TRUE(r) << r.status().message();
  ASSERT_EQ(r->added, 3);

  const auto city = read(*db, "https://a.vn/1");
  EXPECT_GE(city.relevance, 3);
  EXPECT_EQ(city.places[0]["name"], "Hải Phòng");
  EXPECT_FALSE(city.category);  // no model trained yet
  EXPECT_FALSE(city.risk);
  auto topics = topics_of(*db, "https://a.vn/1");
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].first, 1);
  EXPECT_EQ(topics[0].second, R"(["chuyển đổi số","cải cách hành chính"] suggested)");

  const auto rumour = read(*db, "https://b.vn/2");
  EXPECT_EQ(rumour.risk, "false_information");
  EXPECT_EQ(rumour.risk_status, "flagged");
  EXPECT_GE(rumour.relevance, 4);  // the city, and a ward from the registry

  // The same words about another city: not the province's coverage, no topic.
  EXPECT_LT(read(*db, "https://c.vn/3").relevance, 3);
  EXPECT_TRUE(topics_of(*db, "https://c.vn/3").empty());
  // A rumour about another city is not the coordinator's to handle: no flag.
  ASSERT_TRUE(ingest_articles(*db, clock,
                              line("https://d.vn/6", "Tin đồn ở Đà Nẵng",
                                   "Công an Đà Nẵng khẳng định thông tin là sai sự thật.")));
  EXPECT_FALSE(read(*db, "https://d.vn/6").risk);

  // Rejecting the match lowers its terms for that topic, confirming raises them.
  auto article_id = [&](const std::string& url) {
    auto st = db->prepare("SELECT id FROM articles WHERE url = ?");
    st->bind(1, url);
    EXPECT_TRUE(*st->step());
    return st->column_int(0);
  };
  ASSERT_TRUE(decide_article_topic(*db, clock, Actor::command_line(), article_id("https://a.vn/1"),
                                   plan, 1, false));
  auto weights = store::learnt_topic_weights(*db);
  ASSERT_TRUE(weights);
  EXPECT_DOUBLE_EQ(((*weights)[{plan, 1}]["chuyển đổi số"]), 1.0);  // 1.5 − 0.5
  EXPECT_DOUBLE_EQ(((*weights)[{plan, 1}]["cải cách hành chính"]), 1.0);
  // Changing one's mind undoes the step and takes the other.
  ASSERT_TRUE(decide_article_topic(*db, clock, Actor::command_line(), article_id("https://a.vn/1"),
                                   plan, 1, true));
  weights = store::learnt_topic_weights(*db);
  EXPECT_DOUBLE_EQ(((*weights)[{plan, 1}]["chuyển đổi số"]), 2.0);
  EXPECT_EQ(topics_of(*db, "https://a.vn/1")[0].second,
            R"(["chuyển đổi số","cải cách hành chính"] confirmed)");
  EXPECT_EQ(decide_article_topic(*db, clock, Actor::command_line(), 999, plan, 1, true).code(),
            StatusCode::kNotFound);

  // Rejected after all (each term back to 1.0): a similar article still matches (1 + 1) …
  ASSERT_TRUE(decide_article_topic(*db, clock, Actor::command_line(), article_id("https://a.vn/1"),
                                   plan, 1, false));
  const std::string similar = "Thành phố Hải Phòng chuyển đổi số, cải cách hành chính.";
  ASSERT_TRUE(ingest_articles(*db, clock, line("https://a.vn/4", "Tin ngắn", similar)));
  ASSERT_EQ(topics_of(*db, "https://a.vn/4").size(), 1u);
  // … rejected too (each term 0.5): the next one like it is no longer matched.
  ASSERT_TRUE(decide_article_topic(*db, clock, Actor::command_line(), article_id("https://a.vn/4"),
                                   plan, 1, false));
  ASSERT_TRUE(ingest_articles(*db, clock, line("https://a.vn/5", "Tin ngắn khác", similar)));
  EXPECT_TRUE(topics_of(*db, "https://a.vn/5").empty());
  // The decided topic stays as decided when the article is read again.
  ASSERT_TRUE(reanalyse_articles(*db, clock));
  EXPECT_EQ(topics_of(*db, "https://a.vn/1").size(), 1u);
  EXPECT_NE(topics_of(*db, "https://a.vn/1")[0].second.find("rejected"), std::string::npos);
}

TEST(NewsAnalysis, ATrainedModelSortsNewAndStoredArticles) {
  TestDb db;
  ManualClock clock(kNow);
  ASSERT_TRUE(ingest_articles(*db, clock,
                              line("https://a.vn/old", "Đội bóng thắng trận",
                                   "Cầu thủ ghi hai bàn thắng, đội bóng vào chung kết.")));
  std::string labelled;
  const std::pair<const char*, const char*> examples[] = {
      {"sport", "Đội tuyển bóng đá thắng trận, cầu thủ ghi bàn"},
      {"sport", "Vận động viên giành huy chương vàng tại giải đấu"},
      {"sport", "Trận bóng đá kết thúc với chiến thắng của đội chủ nhà"},
      {"business", "Ngân hàng giảm lãi suất cho vay doanh nghiệp"},
      {"business", "Giá vàng tăng, thị trường chứng khoán giảm điểm"},
      {"business", "Doanh nghiệp xuất khẩu tăng doanh thu và lợi nhuận"}};
  for (const auto& [label, text] : examples)
    labelled += Json{{"category", label}, {"title", ""}, {"text", text}}.dump() + "\n";
  auto trained = train_category_model(*db, clock, Actor::command_line(), labelled, 2);
  ASSERT_TRUE(trained) << trained.status().message();
  EXPECT_EQ(trained->examples, 6);
  ASSERT_TRUE(trained->accuracy);
  EXPECT_EQ(trained->labels, (std::vector<std::string>{"business", "sport"}));

  ASSERT_TRUE(ingest_articles(*db, clock,
                              line("https://a.vn/new", "Lãi suất giảm",
                                   "Ngân hàng giảm lãi suất, doanh nghiệp vay vốn dễ hơn.")));
  EXPECT_EQ(read(*db, "https://a.vn/new").category, "business");
  EXPECT_FALSE(read(*db, "https://a.vn/old").category);  // stored before the model
  auto n = reanalyse_articles(*db, clock);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(read(*db, "https://a.vn/old").category, "sport");

  auto bad = train_category_model(*db, clock, Actor::command_line(), "{\"text\": \"x\"}\n", 0);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace loa::work
