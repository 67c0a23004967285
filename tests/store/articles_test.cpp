// Press articles in real SQLite with the Vietnamese tokenizer: stored once per address,
// found without accents ("da nang" → "Đà Nẵng"), not confused across tones ("bạn" ≠ "bán"),
// with phrases, NOT, prefixes, snippets and a clear refusal of a malformed query.
#include "store/articles.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace loa::store {
namespace {

ArticleRow article(const std::string& url, const std::string& title, const std::string& text,
                   const std::string& published) {
  ArticleRow a;
  a.outlet = "Báo Hải Phòng";
  a.url = url;
  a.title = title;
  a.text = text;
  a.published_at = published;
  a.fetched_at = "2026-12-01T00:00:00Z";
  return a;
}

std::vector<std::string> titles(Database& db, const std::string& query,
                                ArticleSearch::Order order = ArticleSearch::Order::kRelevance) {
  ArticleSearch s;
  s.query = query;
  s.order = order;
  auto hits = search_articles(db, s);
  EXPECT_TRUE(hits) << hits.status().to_string();
  std::vector<std::string> out;
  if (hits)
    for (const auto& h : *hits) out.push_back(h.title);
  return out;
}

class ArticlesTest : public ::testing::Test {
 protected:
  loa::testing::TestDb db_;
  void SetUp() override {
    for (const auto& a :
         {article("https://a.vn/1", "Đà Nẵng đón khách quốc tế",
                  "Thành phố Đà Nẵng đón 10 nghìn lượt khách trong dịp lễ.",
                  "2026-11-01T00:00:00Z"),
          article("https://a.vn/2", "Giá bán nhà ở xã hội tại Hải Phòng",
                  "Giá bán căn hộ nhà ở xã hội được công bố.", "2026-11-20T00:00:00Z"),
          article("https://a.vn/3", "Người bạn đồng hành của nông dân",
                  "Ngân hàng là người bạn của nông dân Hải Phòng.", "2026-11-25T00:00:00Z"),
          article("https://a.vn/4", "Chuyển đổi số ở Hải Phòng",
                  "Hải Phòng đẩy mạnh chuyển đổi số trong cải cách hành chính.",
                  "2026-11-30T00:00:00Z")}) {
      auto id = insert_article(*db_, a);
      ASSERT_TRUE(id && *id);
    }
  }
};

TEST_F(ArticlesTest, StoresEachAddressOnce) {
  auto again = insert_article(*db_, article("https://a.vn/1", "Bản sao", "x", "2026-11-02"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(*count_articles(*db_), 4);
}

TEST_F(ArticlesTest, AccentInsensitiveButToneAware) {
  EXPECT_EQ(titles(*db_, "da nang"), std::vector<std::string>{"Đà Nẵng đón khách quốc tế"});
  EXPECT_EQ(titles(*db_, "Đà Nẵng"), std::vector<std::string>{"Đà Nẵng đón khách quốc tế"});
  EXPECT_EQ(titles(*db_, "bạn"), std::vector<std::string>{"Người bạn đồng hành của nông dân"});
  EXPECT_EQ(titles(*db_, "bán"), std::vector<std::string>{"Giá bán nhà ở xã hội tại Hải Phòng"});
  EXPECT_EQ(titles(*db_, "ban").size(), 2u);  // without accents: both
}

TEST_F(ArticlesTest, PhrasesBooleansPrefixesAndOrder) {
  EXPECT_EQ(titles(*db_, "\"chuyen doi so\""),
            std::vector<std::string>{"Chuyển đổi số ở Hải Phòng"});
  EXPECT_EQ(titles(*db_, "\"doi chuyen so\"").size(), 0u);
  EXPECT_EQ(titles(*db_, "hai phong NOT nong dan").size(), 2u);
  EXPECT_EQ(titles(*db_, "nang OR phong").size(), 4u);
  EXPECT_EQ(titles(*db_, "chuy*").size(), 1u);
  // Newest first, or best first: the title match outranks a match in the text only.
  const auto newest = titles(*db_, "hai phong", ArticleSearch::Order::kNewest);
  ASSERT_EQ(newest.size(), 3u);
  EXPECT_EQ(newest[0], "Chuyển đổi số ở Hải Phòng");
  EXPECT_EQ(*count_matching_articles(*db_, "hai phong"), 3);
  ArticleSearch s;
  s.query = "khach";
  auto hits = search_articles(*db_, s);
  ASSERT_TRUE(hits && hits->size() == 1);
  EXPECT_NE((*hits)[0].snippet.find("[khách]"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_GT((*hits)[0].score, 0);
}

// [ and ] in a snippet mark matches; the text's own brackets come full-width, whichever way the
// search was answered (FTS5 alone, the ranked index, or the stream without a query).
TEST_F(ArticlesTest, TheTextsOwnBracketsAreNotMarks) {
  auto id = insert_article(
      *db_, article("https://a.vn/9", "Cầu [mới]", "[Ảnh] Cầu Bính [ảnh minh họa] nối đôi bờ.",
                    "2026-12-02T00:00:00Z"));
  ASSERT_TRUE(id);
  for (const bool ranked : {false, true}) {
    ArticleSearch s;
    s.query = "\"cau binh\"";
    s.ranked = ranked;
    auto hits = search_articles(*db_, s);
    ASSERT_TRUE(hits && hits->size() == 1) << ranked;
    EXPECT_EQ((*hits)[0].snippet, "［Ảnh］ [Cầu Bính] ［ảnh minh họa］ nối đôi bờ.") << ranked;
  }
  ArticleSearch stream;
  auto all = search_articles(*db_, stream);
  ASSERT_TRUE(all && !all->empty());
  EXPECT_EQ((*all)[0].snippet, "［Ảnh］ Cầu Bính ［ảnh minh họa］ nối đôi bờ.");
}

TEST_F(ArticlesTest, MalformedQueryIsNamed) {
  ArticleSearch s;
  s.query = "\"unclosed phrase";
  auto hits = search_articles(*db_, s);
  ASSERT_FALSE(hits);
  EXPECT_EQ(hits.status().code(), StatusCode::kInvalidArgument) << hits.status().to_string();
  EXPECT_NE(hits.status().message().find("unclosed phrase"), std::string::npos);
  EXPECT_EQ(count_matching_articles(*db_, "AND AND").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ArticlesTest, FiltersDatesStoriesAndTheStreamWithoutAQuery) {
  // Article 4 is a copy of article 2's story; 3 is flagged; 2 is about the city.
  ASSERT_TRUE(db_->exec(
      "UPDATE articles SET story_id = 2 WHERE id IN (2, 4); "
      "UPDATE articles SET story_id = id WHERE id IN (1, 3); "
      "UPDATE articles SET risk = 'negative', risk_status = 'flagged', category = 'business' "
      "WHERE id = 3; UPDATE articles SET relevance = 3, outlet = 'Báo Khác' WHERE id = 2"));
  ArticleSearch all;  // no query: the stream, newest first, a story once
  auto stream = search_articles(*db_, all);
  ASSERT_TRUE(stream) << stream.status().message();
  ASSERT_EQ(stream->size(), 3u);
  EXPECT_EQ((*stream)[0].id, 3);
  EXPECT_EQ((*stream)[0].snippet, "Ngân hàng là người bạn của nông dân Hải Phòng.");
  EXPECT_EQ(*count_matching_articles(*db_, all), 3);
  auto copies = story_members(*db_, {2});
  ASSERT_TRUE(copies && copies->size() == 1);
  EXPECT_EQ((*copies)[0].id, 4);

  auto count = [&](const ArticleSearch& s) {
    auto n = count_matching_articles(*db_, s);
    EXPECT_TRUE(n) << n.status().message();
    return n ? *n : -1;
  };
  ArticleSearch flagged;
  flagged.flagged_only = true;
  EXPECT_EQ(count(flagged), 1);
  ArticleSearch category;
  category.category = "business";
  EXPECT_EQ(count(category), 1);
  ArticleSearch outlet;
  outlet.outlet = "Báo Khác";
  outlet.query = "gia ban";
  EXPECT_EQ(count(outlet), 1);
  ArticleSearch relevant;
  relevant.relevant_only = true;
  EXPECT_EQ(count(relevant), 1);
  // Vietnam's dates: 2026-11-25T00:00Z is 25 November in Hải Phòng.
  ArticleSearch dates;
  dates.from = "2026-11-20";
  dates.to = "2026-11-25";
  dates.one_per_story = false;
  EXPECT_EQ(count(dates), 2);
  ArticleSearch later;
  later.after_id = 3;
  later.one_per_story = false;
  EXPECT_EQ(count(later), 1);
  ArticleSearch bad;
  bad.from = "25/11/2026";
  EXPECT_EQ(count_matching_articles(*db_, bad).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace loa::store
