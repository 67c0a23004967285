// Near-duplicates: MinHash signatures estimate the shingle Jaccard similarity; the index joins
// a syndicated copy (another title, lead and footer) to its original and keeps other stories
// apart. Checked on a hand-made copy and on the real baomoi corpus.
#include "news/minhash.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "news/phrases.h"
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

TEST(MinHashTest, CopiesAreFoundAndOtherStoriesNot) {
  // Another outlet's copy: its own byline and footer, the accents lost in one place.
  const std::string copy =
      "(Báo Hải Phòng) - " + kStory + " Nguồn: Cổng thông tin điện tử thành phố. Hai Phong";
  const std::string other =
      "Giá xăng dầu trong nước giảm nhẹ từ 15 giờ chiều nay theo quyết định của liên bộ Công "
      "Thương - Tài chính. Cụ thể, xăng RON95 giảm 250 đồng mỗi lít, dầu diesel giảm 180 đồng "
      "mỗi lít. Quỹ bình ổn giá không được trích lập và chi sử dụng trong kỳ điều hành này, "
      "các doanh nghiệp đầu mối phải bảo đảm nguồn cung cho thị trường.";
  const auto a = minhash(kStory);
  ASSERT_TRUE(a);
  EXPECT_EQ(minhash(kStory), a);  // deterministic
  EXPECT_GE(estimated_jaccard(*a, *minhash(copy)), kCopyJaccard);
  EXPECT_LT(estimated_jaccard(*a, *minhash(other)), 0.1);
  EXPECT_FALSE(minhash("Hải Phòng đón khách"));  // too short to tell
  EXPECT_EQ(signature_from_bytes(signature_bytes(*a)), a);
  EXPECT_FALSE(signature_from_bytes("short"));

  DuplicateIndex index;
  index.add(1, *a);
  index.add(2, *minhash(other));
  EXPECT_EQ(index.find(*minhash(copy)), 1);
  EXPECT_FALSE(index.find(*minhash(
      "Đội tuyển bóng đá nữ Việt Nam giành huy chương vàng SEA Games sau trận chung kết kịch "
      "tính với Thái Lan trên sân vận động quốc gia, hàng chục nghìn cổ động viên cổ vũ.")));
  EXPECT_EQ(index.size(), 2u);
}

std::set<std::string> shingles(std::string_view text) {
  const Words w = words_of(text);
  std::set<std::string> out;
  for (std::size_t i = 0; i + kShingleWords <= w.size(); ++i) {
    std::string s = w.folded[i];
    for (std::size_t k = 1; k < kShingleWords; ++k) s += " " + w.folded[i + k];
    out.insert(s);
  }
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t both = 0;
  for (const auto& s : a) both += b.count(s);
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

// On 2,000 long baomoi articles: the articles the index joins to an earlier one are copies of
// it by the exact measure (bench/news measures recall and precision on the whole corpus).
TEST(MinHashTest, BaomoiJoinsAreCopies) {
  const std::filesystem::path corpus = std::filesystem::path(LOA_SOURCE_DIR) / ".." / "shared" /
                                       "corpus" / "news" / "news-baomoi.jsonl.zst";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no " << corpus.string();
  auto bytes = vi::read_file(corpus.string());
  ASSERT_TRUE(bytes) << bytes.status().to_string();
  std::vector<std::string> texts;
  std::size_t pos = 0;
  while (texts.size() < 2000 && pos < bytes->size()) {
    std::size_t end = bytes->find('\n', pos);
    if (end == std::string::npos) end = bytes->size();
    const auto j =
        nlohmann::json::parse(std::string_view(*bytes).substr(pos, end - pos), nullptr, false);
    pos = end + 1;
    if (j.is_object() && j.contains("text") && j["text"].is_string() &&
        j["text"].get<std::string>().size() >= 600)
      texts.push_back(j["text"].get<std::string>());
  }
  DuplicateIndex index;
  int joins = 0;
  int true_copies = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto s = minhash(texts[i]);
    if (!s) continue;
    if (auto same = index.find(*s)) {
      ++joins;
      // Within the estimate's error of the threshold.
      if (jaccard(shingles(texts[i]), shingles(texts[static_cast<std::size_t>(*same)])) >= 0.4)
        ++true_copies;
    }
    index.add(static_cast<std::int64_t>(i), *s);
  }
  std::printf("baomoi: %d of %zu articles joined to an earlier one, %d of them copies\n", joins,
              texts.size(), true_copies);
  EXPECT_GT(joins, 0);
  EXPECT_GE(true_copies * 10, joins * 9);  // at least 90 %
}

}  // namespace
}  // namespace loa::news
