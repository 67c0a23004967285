// The ranked index beside a real SQLite file: built from every stored article, kept up to date
// by the queue the triggers fill, rebuilt when its directory is gone, and never changing what a
// search finds, only how fast the best of it comes: every page is checked against FTS5.
#include "store/ranked_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "store/articles.h"
#include "support/test_db.h"

namespace loa::store {
namespace {

ArticleRow article(int n, const std::string& title, const std::string& text) {
  ArticleRow a;
  a.outlet = n % 2 ? "Báo Hải Phòng" : "Báo Khác";
  a.url = "https://a.vn/" + std::to_string(n);
  a.title = title;
  a.text = text;
  a.published_at = "2026-11-" + std::to_string(10 + n % 20) + "T00:00:00Z";
  a.fetched_at = "2026-12-01T00:00:00Z";
  return a;
}

// Articles about the city, some with "nông dân", some about "chuyển đổi số", some whose words
// are all there but not side by side (a phrase must not find them).
void add_articles(Database& db, int from, int to) {
  for (int n = from; n < to; ++n) {
    std::string title =
        n % 3 == 0 ? "Nông dân Hải Phòng thu hoạch lúa" : "Hải Phòng đẩy mạnh chuyển đổi số";
    std::string text = n % 5 == 0 ? "Số người chuyển sang đổi nghề tăng ở Đà Nẵng."
                                  : "Bài số " + std::to_string(n) + " về thành phố Hải Phòng.";
    auto id = insert_article(db, article(n, title, text));
    ASSERT_TRUE(id && *id) << n;
  }
}

ArticleSearch query(const std::string& q, int limit = 20, int offset = 0) {
  ArticleSearch s;
  s.query = q;
  s.limit = limit;
  s.offset = offset;
  return s;
}

std::set<std::int64_t> ids_of(const std::vector<ArticleHit>& hits) {
  std::set<std::int64_t> out;
  for (const auto& h : hits) out.insert(h.id);
  return out;
}

// Everything a query finds, by relevance (through the index when it answers) and by date
// (through FTS5 alone).
std::pair<std::set<std::int64_t>, std::set<std::int64_t>> both_ways(Database& db, ArticleSearch s) {
  s.limit = 1000;
  s.order = ArticleSearch::Order::kRelevance;
  auto ranked = search_articles(db, s);
  EXPECT_TRUE(ranked) << ranked.status().to_string();
  s.order = ArticleSearch::Order::kNewest;
  auto fts = search_articles(db, s);
  EXPECT_TRUE(fts) << fts.status().to_string();
  return {ranked ? ids_of(*ranked) : std::set<std::int64_t>{},
          fts ? ids_of(*fts) : std::set<std::int64_t>{}};
}

bool index_answers(Database& db, const std::string& query) {
  auto found = ranked_candidates(db, query, 10);
  EXPECT_TRUE(found) << found.status().to_string();
  return found && found->has_value();
}

class RankedIndexTest : public ::testing::Test {
 protected:
  loa::testing::TestDb db_;
  void SetUp() override {
    add_articles(*db_, 0, 60);
    auto left = sync_ranked_index(*db_);
    ASSERT_TRUE(left) << left.status().to_string();
    ASSERT_EQ(*left, 0);
  }
  std::string dir() const { return db_.path() + ".ranked"; }
};

TEST_F(RankedIndexTest, FindsExactlyWhatFts5FindsBestFirst) {
  ASSERT_TRUE(std::filesystem::is_directory(dir()));
  for (const std::string q :
       {"hai phong", "\"chuyen doi so\"", "\"chuyển đổi số\"", "nong dan OR \"da nang\"",
        "hai phong NOT nong dan", "(lua OR nang) AND phong", "\"doi so\" NOT \"da nang\"",
        "nông dân", "khong co dau nay"}) {
    SCOPED_TRACE(q);
    EXPECT_TRUE(index_answers(*db_, q));
    auto [ranked, fts] = both_ways(*db_, query(q));
    EXPECT_EQ(ranked, fts);
  }
  // Exact where the index's terms are FTS5's: no check needed then.
  for (const std::string q :
       {"hai phong", "\"da nang\"", "nong dan OR \"da nang\"", "(lua OR nang) AND phong"}) {
    auto found = ranked_candidates(*db_, q, 10);
    ASSERT_TRUE(found && *found) << q;
    EXPECT_TRUE((*found)->exact) << q;
  }
  for (const std::string q : {"\"chuyen doi so\"", "nông dân", "hai NOT phong"}) {
    auto found = ranked_candidates(*db_, q, 10);
    ASSERT_TRUE(found && *found) << q;
    EXPECT_FALSE((*found)->exact) << q;
  }
  // The words of a phrase apart do not make the phrase: 4 articles have "chuyển … đổi … số"
  // apart only (n a multiple of 15), and FTS5 leaves them out.
  auto [phrase, fts] = both_ways(*db_, query("\"chuyen doi so\""));
  EXPECT_EQ(phrase.size(), 40u);
  // Best first: the articles matching both sides before those matching one.
  ArticleSearch s = query("da nang OR lua");
  auto best = search_articles(*db_, s);
  ASSERT_TRUE(best && !best->empty());
  EXPECT_NE((*best)[0].title.find("lúa"), std::string::npos);
  EXPECT_NE((*best)[0].snippet.find("[Đà] [Nẵng]"), std::string::npos) << (*best)[0].snippet;
  EXPECT_GT((*best)[0].score, 0);
}

TEST_F(RankedIndexTest, FiltersStoriesAndPagesAreRespected) {
  ArticleSearch outlet = query("hai phong");
  outlet.outlet = "Báo Khác";
  auto [ranked, fts] = both_ways(*db_, outlet);
  EXPECT_EQ(ranked.size(), 30u);
  EXPECT_EQ(ranked, fts);
  // Every article a copy of the first of its three.
  ASSERT_TRUE(db_->exec("UPDATE articles SET story_id = (id - 1) / 3 * 3 + 1"));
  auto [stories, fts_stories] = both_ways(*db_, query("hai phong"));
  EXPECT_EQ(stories.size(), 20u);
  EXPECT_EQ(stories, fts_stories);
  // Pages follow one another without gaps or repeats.
  std::set<std::int64_t> paged;
  for (int offset = 0; offset < 60; offset += 7) {
    ArticleSearch page = query("hai phong", 7, offset);
    page.one_per_story = false;
    auto hits = search_articles(*db_, page);
    ASSERT_TRUE(hits);
    for (const auto& h : *hits) EXPECT_TRUE(paged.insert(h.id).second) << h.id;
  }
  EXPECT_EQ(paged.size(), 60u);
}

TEST_F(RankedIndexTest, TotalIsCountedWhenAllCameAndEstimatedOtherwise) {
  auto few = search_article_page(*db_, query("nong dan", 5));
  ASSERT_TRUE(few);
  EXPECT_EQ(few->total, 20);
  EXPECT_FALSE(few->total_estimated);
  EXPECT_EQ(few->hits.size(), 5u);
  // Read by Loa (three words): every candidate read, so counted too.
  auto read = search_article_page(*db_, query("\"chuyen doi so\"", 5));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->total, 40);
  EXPECT_FALSE(read->total_estimated);
  add_articles(*db_, 60, 200);
  ASSERT_TRUE(sync_ranked_index(*db_));
  auto many = search_article_page(*db_, query("\"hai phong\"", 5));
  ASSERT_TRUE(many);
  EXPECT_TRUE(many->total_estimated);
  EXPECT_EQ(many->total, 200);  // every candidate was kept: the estimate is Xapian's count
  ArticleSearch newest = query("hai phong");
  newest.order = ArticleSearch::Order::kNewest;
  auto counted = search_article_page(*db_, newest);
  ASSERT_TRUE(counted);
  EXPECT_FALSE(counted->total_estimated);
  EXPECT_EQ(counted->total, 200);
  ArticleSearch fts_alone = query("\"hai phong\"", 5);
  fts_alone.ranked = false;
  auto exact = search_article_page(*db_, fts_alone);
  ASSERT_TRUE(exact);
  EXPECT_FALSE(exact->total_estimated);
  EXPECT_EQ(exact->total, 200);
  EXPECT_EQ(exact->hits.size(), 5u);
}

TEST_F(RankedIndexTest, LeavesToFts5WhatItDoesNotTranslate) {
  for (const std::string q : {"chuy*", "NEAR(hai phong)", "title:nong", "^hai", "\"hai"}) {
    SCOPED_TRACE(q);
    EXPECT_FALSE(index_answers(*db_, q));
  }
  auto [prefix, fts] = both_ways(*db_, query("chuy*"));
  EXPECT_EQ(prefix.size(), 60u - 20u + 4u);
  EXPECT_EQ(prefix, fts);
  auto bad = search_articles(*db_, query("\"unclosed"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RankedIndexTest, ChangesAreTakenInAndTheIndexIsRebuiltWhenGone) {
  // A few new articles are taken in by the search that needs them; a stray combining mark
  // (a word that folds to nothing, as in scraped pages) is left out, not a failure.
  add_articles(*db_, 60, 61);
  ASSERT_TRUE(insert_article(*db_, article(61, "Giá \u0301 vàng", "Tăng ( \u0301 ) mạnh.")));
  ASSERT_TRUE(db_->exec("UPDATE articles SET title = 'Cảng biển Lạch Huyện' WHERE id = 2"));
  auto found = ranked_candidates(*db_, "\"lach huyen\"", 10);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->ids, std::vector<std::int64_t>{2});
  // FTS5 counts the mark as a word: "gia vang" is no phrase there, the two words are.
  found = ranked_candidates(*db_, "gia vang", 10);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->ids, std::vector<std::int64_t>{62});
  found = ranked_candidates(*db_, "\"gia vang\"", 10);
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->ids.empty());
  auto [apart, apart_fts] = both_ways(*db_, query("\"gia vang\" OR \"tang mạnh\""));
  EXPECT_EQ(apart, apart_fts);
  EXPECT_TRUE(apart.empty());
  ASSERT_TRUE(db_->exec("DELETE FROM articles WHERE id = 2"));
  found = ranked_candidates(*db_, "\"lach huyen\"", 10);
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->ids.empty());

  // Many: FTS5 answers until the index has taken them in.
  add_articles(*db_, 100, 100 + kRankedBatch + 50);
  EXPECT_FALSE(index_answers(*db_, "hai phong"));
  auto [waiting, fts] = both_ways(*db_, query("hai phong"));
  EXPECT_EQ(waiting.size(), 60u + kRankedBatch + 50u);
  EXPECT_EQ(waiting, fts);
  auto left = sync_ranked_index(*db_, kRankedBatch);
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 50);  // at most `limit`, batch by batch
  ASSERT_TRUE(sync_ranked_index(*db_));
  EXPECT_TRUE(index_answers(*db_, "hai phong"));

  // The directory removed (a restore, a disk cleaned): rebuilt from every stored article.
  std::filesystem::remove_all(dir());
  EXPECT_FALSE(index_answers(*db_, "hai phong"));
  left = sync_ranked_index(*db_);
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 0);
  auto all = ranked_candidates(*db_, "hai phong", 1000);
  ASSERT_TRUE(all && *all);
  EXPECT_EQ((*all)->ids.size(), 60u + kRankedBatch + 50u);
  EXPECT_TRUE((*all)->complete);
}

TEST_F(RankedIndexTest, ADatabasePutBackFromABackupGetsItsIndexRebuilt) {
  const std::string backup = db_.dir.file("backup.db");
  ASSERT_TRUE(db_->backup_to(backup));
  // After the backup: article 4 ("Nông dân …") deleted, one about Lạch Huyện added.
  ASSERT_TRUE(db_->exec("DELETE FROM articles WHERE id = 4"));
  ASSERT_TRUE(insert_article(*db_, article(70, "Cảng biển Lạch Huyện", "Tàu vào cảng.")));
  ASSERT_TRUE(sync_ranked_index(*db_));
  const auto nong_dan = [&] {
    auto found = ranked_candidates(*db_, "\"nong dan\"", 1000);
    EXPECT_TRUE(found && *found);
    return found && *found ? (*found)->ids : std::vector<std::int64_t>{};
  };
  const auto later = nong_dan();
  ASSERT_FALSE(later.empty());
  ASSERT_EQ(std::count(later.begin(), later.end(), 4), 0);

  // The administrator puts the backup back; the index directory is the later one.
  db_.db.reset();
  for (const char* extra : {"-wal", "-shm"}) std::filesystem::remove(db_.path() + extra);
  std::filesystem::copy_file(backup, db_.path(), std::filesystem::copy_options::overwrite_existing);
  auto reopened = Database::open(db_.path());
  ASSERT_TRUE(reopened);
  db_.db = std::move(*reopened);
  // Out of step: FTS5 answers (and finds article 4) until the index is rebuilt…
  EXPECT_FALSE(index_answers(*db_, "\"nong dan\""));
  auto [before, before_fts] = both_ways(*db_, query("\"nong dan\""));
  EXPECT_EQ(before, before_fts);
  EXPECT_TRUE(before.contains(4));
  // … which the next sync does, from every article the database has.
  auto left = sync_ranked_index(*db_);
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 0);
  const auto ids = nong_dan();
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 4), 1);
  auto harbour = ranked_candidates(*db_, "\"lach huyen\"", 10);
  ASSERT_TRUE(harbour && *harbour);
  EXPECT_TRUE((*harbour)->ids.empty());
  auto [after, after_fts] = both_ways(*db_, query("\"nong dan\""));
  EXPECT_EQ(after, after_fts);
}

TEST(RankedIndexMemoryTest, NoIndexForADatabaseInMemory) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  EXPECT_FALSE(ranked_index_dir(**db));
  auto left = sync_ranked_index(**db);
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 0);
}

}  // namespace
}  // namespace loa::store
