// Queries read by Loa as FTS5 reads them, for searches the ranked index answers: the same
// articles match as through FTS5 itself (checked on a real database with the "vietnamese"
// tokenizer), and snippets mark the words FTS5 would match, around the best place, from the text
// before the title.
#include "store/search_query.h"

#include <gtest/gtest.h>

#include <set>

#include "store/articles.h"
#include "support/test_db.h"

namespace loa::store {
namespace {

std::string snippet(const std::string& query, std::string_view title, std::string_view text,
                    int words = 16) {
  auto parsed = parse_search_query(query);
  EXPECT_TRUE(parsed) << query;
  return parsed ? read_article(*parsed, title, text, words).snippet : "";
}

TEST(SnippetTest, MarksWhatTheTokenizerMatches) {
  const std::string text = "Bán hàng cho bạn, ban ngày.";
  // Without accents every form; with accents only that form.
  EXPECT_EQ(snippet("ban", "", text), "[Bán] hàng cho [bạn], [ban] ngày.");
  EXPECT_EQ(snippet("bạn", "", text), "Bán hàng cho [bạn], ban ngày.");
  EXPECT_EQ(snippet("\"đà nẵng\"", "", "Đà Nẵng, Da Nang, Đà  Nẵng"),
            "[Đà Nẵng], Da Nang, [Đà  Nẵng]");
  // A phrase's words side by side (punctuation between them does not count, as in FTS5).
  EXPECT_EQ(snippet("\"da nang\"", "", "“Đà Nẵng” và Đà, Nẵng; Đà mưa Nẵng"),
            "“[Đà Nẵng]” và [Đà, Nẵng]; Đà mưa Nẵng");
  // The text's own brackets are no marks.
  EXPECT_EQ(snippet("ban", "", "[Ảnh] bạn [x]"), "［Ảnh］ [bạn] ［x］");
  // Phrases that overlap are one mark.
  EXPECT_EQ(snippet("\"hai phong\" OR \"phong chay\"", "", "Hải Phòng Cháy"), "[Hải Phòng Cháy]");
}

TEST(SnippetTest, ShowsSixteenWordsAroundTheBestPlace) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "một ";
  text += "Đà Nẵng ";
  for (int i = 0; i < 40; ++i) text += "hai ";
  text += "Hải Phòng và Đà Nẵng ";
  for (int i = 0; i < 40; ++i) text += "ba ";
  text.pop_back();
  // The place with both phrases wins over the first with one, and is centred.
  EXPECT_EQ(snippet("\"da nang\" OR \"hai phong\"", "", text),
            "…hai hai hai hai hai [Hải Phòng] và [Đà Nẵng] ba ba ba ba ba ba…");
  // One phrase: its first place.
  EXPECT_EQ(snippet("\"da nang\"", "", text),
            "…một một một một một một một [Đà Nẵng] hai hai hai hai hai hai hai…");
  // Nothing found: the opening words.
  EXPECT_EQ(snippet("\"cat ba\"", "Tiêu đề", text, 3), "một một một…");
  EXPECT_EQ(snippet("khong", "Tiêu đề", "Ngắn."), "Ngắn.");
}

TEST(SnippetTest, TheTextBeforeTheTitleUnlessOnlyTheTitleHasIt) {
  EXPECT_EQ(snippet("\"da nang\"", "Đà Nẵng mưa lớn", "Mưa lớn ở Đà Nẵng."),
            "Mưa lớn ở [Đà Nẵng].");
  EXPECT_EQ(snippet("\"da nang\"", "Đà Nẵng mưa lớn", "Mưa lớn kéo dài."), "[Đà Nẵng] mưa lớn");
  // The title when it holds more of the query.
  EXPECT_EQ(snippet("\"da nang\" mua", "Đà Nẵng mưa lớn", "Ở Đà Nẵng."), "[Đà Nẵng] [mưa] lớn");
  EXPECT_EQ(snippet("da", "Đà Nẵng", ""), "[Đà] Nẵng");
  EXPECT_EQ(snippet("da", "", ""), "");
  // Invalid bytes and stray marks do not break it.
  EXPECT_EQ(snippet("da", "", "a\xff \u0301 đa"), "a\xff \u0301 [đa]");
}

TEST(SearchQueryTest, ReadsTheGrammarLoaTakesOverAndLeavesTheRest) {
  auto q = parse_search_query("\"Đà Nẵng\" OR (lua NOT \"nang, mua\") AND x");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->phrases, (std::vector<std::vector<std::string>>{
                            {"đà", "nẵng"}, {"lua"}, {"nang", "mua"}, {"x"}}));
  EXPECT_EQ(q->negated, (std::vector<bool>{false, false, true, false}));
  EXPECT_EQ(q->root.op, SearchQuery::Op::kOr);  // OR binds last
  for (const std::string bad :
       {"chuy*", "NEAR(hai phong)", "title:nong", "^hai", "a +b", "\"hai", "a AND", "", "()",
        "a OR OR b", "\"...\"", "(a", "NOT a", "a NOT"}) {
    EXPECT_FALSE(parse_search_query(bad)) << bad;
  }
}

// Every query on every article: Loa's reading and FTS5's MATCH agree.
TEST(SearchQueryTest, MatchesExactlyWhatFts5Matches) {
  loa::testing::TestDb db;
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"Đà Nẵng mưa lớn", "Người dân Hải Phòng, Đà Nẵng chuẩn bị."},
      {"Tin tức", "Bán hàng cho bạn; ban ngày ở da nang."},
      {"Chuyển đổi số", "Số người chuyển sang đổi nghề tăng."},
      {"Hải", "Phòng họp mới ở cảng."},  // a phrase does not run from title into text
      {"Giá \u0301 vàng", "Tăng ( \u0301 ) mạnh; giá vàng giảm."},
      {"Cải cách hành chính", "Đẩy mạnh cải cách hành chính và chuyển đổi số ở Hải Phòng."},
      {"ĐÀ NẴNG", "CHUYỂN ĐỔI SỐ"},
      {"", "45-NQ/TW ngày 20/6/2022 về cảng"},
  };
  int n = 0;
  for (const auto& [title, text] : articles) {
    ArticleRow a;
    a.outlet = "Báo";
    a.url = "https://a.vn/" + std::to_string(++n);
    a.title = title;
    a.text = text;
    a.fetched_at = "2026-12-01T00:00:00Z";
    ASSERT_TRUE(insert_article(*db, a));
  }
  for (const std::string q : {"da nang",
                              "\"da nang\"",
                              "\"đà nẵng\"",
                              "\"Đà Nẵng\"",
                              "bán",
                              "bạn",
                              "ban",
                              "\"chuyen doi so\"",
                              "\"chuyển đổi số\"",
                              "chuyen doi so",
                              "\"hai phong\"",
                              "\"phong hop\"",
                              "\"gia vang\"",
                              "\"gia, vang\"",
                              "gia vang",
                              "\"tang manh\"",
                              "hai NOT phong",
                              "(da OR ban) AND nang",
                              "\"cai cach hanh chinh\" NOT \"da nang\"",
                              "cang OR \"doi nghe\"",
                              "\"hải phòng\" chuyen",
                              "nang NOT (mua OR ban)",
                              "\"20/6/2022\"",
                              "cảng",
                              "\"nguoi dan hai phong da nang\""}) {
    SCOPED_TRACE(q);
    auto parsed = parse_search_query(q);
    ASSERT_TRUE(parsed);
    std::set<std::int64_t> fts;
    auto st = db->prepare("SELECT rowid FROM articles_search WHERE articles_search MATCH ?");
    ASSERT_TRUE(st);
    st->bind(1, q);
    for (;;) {
      auto row = st->step();
      ASSERT_TRUE(row) << row.status().to_string();
      if (!*row) break;
      fts.insert(st->column_int(0));
    }
    std::set<std::int64_t> loa;
    for (std::size_t i = 0; i < articles.size(); ++i)
      if (read_article(*parsed, articles[i].first, articles[i].second).matches)
        loa.insert(static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(loa, fts);
  }
}

}  // namespace
}  // namespace loa::store
