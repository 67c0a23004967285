// Near-duplicates: SimHash fingerprints of syndicated copies are within a few bits; those of
// different stories are not. Checked on a hand-made copy and on the real baomoi corpus, whose
// articles are often the same story under several outlets' names.
#include "news/simhash.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "vi/corpus.h"

namespace loa::news {
namespace {

const std::string kStory =
    "Sáng 1/12, Ủy ban nhân dân thành phố Hải Phòng tổ chức hội nghị triển khai kế hoạch thông "
    "tin đối ngoại năm 2027. Phát biểu tại hội nghị, Phó Chủ tịch Ủy ban nhân dân thành phố đề "
    "nghị các sở, ngành, địa phương tăng cường quảng bá hình ảnh thành phố ra thế giới, chủ động "
    "cung cấp thông tin cho phóng viên nước ngoài, đổi mới hình thức tuyên truyền trên các nền "
    "tảng số. Năm 2026, thành phố đã đón 35 đoàn phóng viên quốc tế, tổ chức 12 sự kiện quảng bá "
    "du lịch tại Nhật Bản, Hàn Quốc và châu Âu, thu hút hơn 2 triệu lượt khách quốc tế.";

TEST(SimHashTest, CopiesAreCloseAndOtherStoriesFar) {
  // The copy another outlet runs: its own byline and footer, accents lost in one place.
  const std::string copy =
      "(Báo Hải Phòng) - " + kStory + " Nguồn: Cổng thông tin điện tử thành phố. Hai Phong";
  const std::string other =
      "Giá xăng dầu trong nước giảm nhẹ từ 15 giờ chiều nay theo quyết định của liên bộ Công "
      "Thương - Tài chính. Cụ thể, xăng RON95 giảm 250 đồng mỗi lít, dầu diesel giảm 180 đồng "
      "mỗi lít. Quỹ bình ổn giá không được trích lập và chi sử dụng trong kỳ điều hành này.";
  const std::uint64_t a = simhash(kStory);
  EXPECT_NE(a, 0u);
  EXPECT_LE(hamming(a, simhash(copy)), 6);
  EXPECT_EQ(simhash(kStory), a);        // deterministic
  EXPECT_EQ(simhash("Hải Phòng"), 0u);  // too short to fingerprint
  EXPECT_GT(hamming(a, simhash(other)), 12);

  DuplicateIndex index;
  index.add(1, a);
  index.add(2, simhash(other));
  EXPECT_EQ(index.find(simhash(copy)), 1);
  EXPECT_FALSE(
      index.find(simhash("Đội tuyển bóng đá nữ Việt Nam giành huy chương vàng SEA "
                         "Games sau trận chung kết kịch tính với Thái Lan.")));
  EXPECT_EQ(index.size(), 2u);
}

// On baomoi (3,000 long articles, every pair): different stories almost never fingerprint
// within the index's distance; the few that do are copies sharing their text.
TEST(SimHashTest, BaomoiStrangersStayApart) {
  const std::filesystem::path corpus = std::filesystem::path(LOA_SOURCE_DIR) / ".." / "shared" /
                                       "corpus" / "news" / "news-baomoi.jsonl.zst";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no " << corpus.string();
  std::vector<std::uint64_t> prints;
  std::vector<std::string> heads;
  auto status = vi::read_corpus(corpus.string(), [&](std::string_view text) {
    if (prints.size() >= 3000 || text.size() < 600) return;
    prints.push_back(simhash(text));
    heads.emplace_back(text.substr(100, 200));
  });
  ASSERT_TRUE(status) << status.to_string();
  ASSERT_EQ(prints.size(), 3000u);
  long pairs = 0, close = 0, close_strangers = 0;
  for (std::size_t i = 0; i < prints.size(); ++i) {
    for (std::size_t k = i + 1; k < prints.size(); ++k, ++pairs) {
      if (hamming(prints[i], prints[k]) > 6) continue;
      ++close;
      if (heads[i] != heads[k]) ++close_strangers;
    }
  }
  std::printf("baomoi: %ld pairs, %ld within 6 bits, %ld of them without a shared passage\n", pairs,
              close, close_strangers);
  EXPECT_LE(close_strangers * 100000, pairs);  // at most 1 in 100,000 pairs

  DuplicateIndex index;
  long found = 0;
  for (std::size_t i = 0; i < prints.size(); ++i) {
    if (index.find(prints[i])) ++found;
    index.add(static_cast<std::int64_t>(i), prints[i]);
  }
  EXPECT_LE(found, close);  // the index finds no more than the pairs within its distance
}

}  // namespace
}  // namespace loa::news
