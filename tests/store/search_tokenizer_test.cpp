// The "vietnamese" FTS5 tokenizer through real SQLite queries.
#include "store/search_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_db.h"

namespace loa::store {
namespace {

class SearchTokenizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->exec("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'vietnamese')"));
    const std::vector<std::string> rows = {
        "Đà Nẵng đón khách du lịch",                                       // 1
        "Giá bán lẻ xăng dầu tăng",                                        // 2
        "Người bạn đồng hành của doanh nghiệp",                            // 3
        "Thực hiện Nghị quyết 45-NQ/TW và Quyết định 1511/QĐ-TTg",         // 4
        "Ban chỉ đạo họp tại Hải Phòng",                                   // 5
        "Nghiên cứu, nghiệm thu đề tài khoa học",                          // 6
        "Liên hệ so.vhttdl@haiphong.gov.vn hoặc https://haiphong.gov.vn",  // 7
    };
    for (const auto& row : rows) {
      auto st = db_->prepare("INSERT INTO docs(body) VALUES (?)");
      ASSERT_TRUE(st);
      st->bind(1, row);
      ASSERT_TRUE(st->run());
    }
  }

  std::vector<std::int64_t> match(const std::string& query) {
    std::vector<std::int64_t> ids;
    auto st = db_->prepare("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid");
    EXPECT_TRUE(st);
    st->bind(1, query);
    while (true) {
      auto row = st->step();
      EXPECT_TRUE(row) << query << ": " << row.status().message();
      if (!row || !*row) break;
      ids.push_back(st->column_int(0));
    }
    return ids;
  }

  testing::TestDb db_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(SearchTokenizerTest, UnaccentedQueriesFindAccentedText) {
  EXPECT_EQ(match("da nang"), Ids({1}));  // unicode61 cannot do this: it keeps đ
  EXPECT_EQ(match("\"da nang\""), Ids({1}));
  EXPECT_EQ(match("hai phong"), Ids({5}));
  EXPECT_EQ(match("DA NANG"), Ids({1}));
}

TEST_F(SearchTokenizerTest, UnaccentedQueryMatchesEveryAccentedForm) {
  EXPECT_EQ(match("ban"), Ids({2, 3, 5}));  // bán, bạn, Ban
}

TEST_F(SearchTokenizerTest, AccentedQueryMatchesOnlyItself) {
  EXPECT_EQ(match("bán"), Ids({2}));
  EXPECT_EQ(match("bạn"), Ids({3}));
  EXPECT_EQ(match("Đà Nẵng"), Ids({1}));
  EXPECT_EQ(match("đa"), Ids());
}

TEST_F(SearchTokenizerTest, PhraseAndPrefixQueriesWork) {
  EXPECT_EQ(match("\"nang don\""), Ids({1}));
  EXPECT_EQ(match("\"don nang\""), Ids());
  EXPECT_EQ(match("nghi*"), Ids({3, 4, 6}));  // nghiệp, Nghị, Nghiên, nghiệm
  EXPECT_EQ(match("nghiê*"), Ids({6}));
  EXPECT_EQ(match("\"ban chi dao\""), Ids({5}));
}

TEST_F(SearchTokenizerTest, DocumentNumbersUrlsAndEmailsAreWholeTokens) {
  EXPECT_EQ(match("\"45-NQ/TW\""), Ids({4}));
  EXPECT_EQ(match("\"1511/QĐ-TTg\""), Ids({4}));
  EXPECT_EQ(match("\"1511/qd-ttg\""), Ids({4}));
  EXPECT_EQ(match("\"so.vhttdl@haiphong.gov.vn\""), Ids({7}));
  EXPECT_EQ(match("\"https://haiphong.gov.vn\""), Ids({7}));
}

TEST_F(SearchTokenizerTest, HighlightUsesOriginalOffsets) {
  auto st = db_->prepare("SELECT highlight(docs, 0, '[', ']') FROM docs WHERE docs MATCH ?");
  ASSERT_TRUE(st);
  st->bind(1, "da nang");
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->column_text(0), "[Đà] [Nẵng] đón khách du lịch");
}

}  // namespace
}  // namespace loa::store
