// Plan cascade: which of a parent plan's topics and reporting duties a child plan takes up.
// On the corpus: Sở Giáo dục và Đào tạo's plan (002) implements the city's media cooperation
// plan (000); the gold annotations give both plans' topics as a person reads them.
#include "work/cascade.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace loa::work {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kPlans = fs::path(LOA_SOURCE_DIR) / ".." / "shared" / "corpus" / "plans";

// A structure with the gold topics of corpus plan `prefix`, numbered 2.1, 2.2 …
std::optional<Json> gold_structure(const std::string& prefix) {
  std::ifstream in(kPlans / (prefix + ".gold.json"));
  if (!in) return std::nullopt;
  const Json gold = Json::parse(in);
  Json topics = Json::array();
  int k = 0;
  for (const auto& t : gold["topics"])
    topics.push_back({{"number", "2." + std::to_string(++k)}, {"title", t}, {"line", k}});
  return Json{{"topics", topics}, {"reporting", Json::array()}};
}

TEST(CascadeTest, EducationPlanCoversTheCityTopicsItTakesUp) {
  auto city = gold_structure("000");
  auto education = gold_structure("002");
  if (!city || !education) GTEST_SKIP() << "corpus gold plans 000/002 not in " << kPlans.string();
  const PlanCoverage c = cover(*city, *education);
  ASSERT_EQ(c.topics.size(), 5u);
  // The city's topics 2.1 (the Party, the political system) and 2.2 (economy, land, urban
  // order) are not education's; 2.3, 2.4 and 2.5 are, 2.4 split over education's 2.2 and 2.3.
  EXPECT_EQ(c.topics[0].coverage, Coverage::kUncovered) << c.topics[0].title;
  EXPECT_EQ(c.topics[1].coverage, Coverage::kUncovered) << c.topics[1].title;
  EXPECT_EQ(c.topics[2].coverage, Coverage::kCovered) << c.topics[2].title;
  EXPECT_EQ(c.topics[3].coverage, Coverage::kCovered) << c.topics[3].title;
  EXPECT_EQ(c.topics[4].coverage, Coverage::kCovered) << c.topics[4].title;
  EXPECT_EQ(c.topics_covered, 3);
  std::set<std::string> by;
  for (const auto& item : c.topics[3].covered_by) by.insert(item.number);
  EXPECT_TRUE(by.contains("2.2") && by.contains("2.3")) << coverage_json(c).dump(1);
  const auto& terms = c.topics[3].matched_terms;
  EXPECT_NE(std::find(terms.begin(), terms.end(), "chuyển đổi"), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), "hành chính"), terms.end());
  // "tuyên truyền" opens every topic: it is no evidence of any one.
  for (const auto& t : c.topics)
    EXPECT_EQ(std::find(t.matched_terms.begin(), t.matched_terms.end(), "tuyên truyền"),
              t.matched_terms.end());
}

TEST(CascadeTest, ReportingDutyIsCoveredByAnEarlierOrMoreFrequentOne) {
  const Json parent = {{"topics", Json::array()},
                       {"reporting",
                        {{{"from", "Các Sở, ban, ngành"},
                          {"to", "Ủy ban nhân dân thành phố"},
                          {"recurrence", "yearly"},
                          {"due", "12-10"}}}}};
  auto child_with = [](const std::string& recurrence, const std::string& due) {
    return Json{{"reporting", {{{"recurrence", recurrence}, {"due", due}}}}};
  };
  EXPECT_EQ(cover(parent, child_with("yearly", "12-05")).duties[0].coverage, Coverage::kCovered);
  EXPECT_EQ(cover(parent, child_with("quarterly", "")).duties[0].coverage, Coverage::kCovered);
  // Too late for the city's deadline, or only when asked: partly.
  const auto late = cover(parent, child_with("yearly", "12-20"));
  EXPECT_EQ(late.duties[0].coverage, Coverage::kPartial);
  EXPECT_NE(late.duties[0].reason.find("12-10"), std::string::npos) << late.duties[0].reason;
  EXPECT_EQ(cover(parent, child_with("on_request", "")).duties[0].coverage, Coverage::kPartial);
  const auto none = cover(parent, Json{{"reporting", Json::array()}});
  EXPECT_EQ(none.duties[0].coverage, Coverage::kUncovered);
  EXPECT_EQ(none.duties_covered, 0);
}

TEST(CascadeTest, MalformedStructuresCoverNothing) {
  const Json parent = {{"topics", {{{"number", "1"}, {"title", "Chuyển đổi số quốc gia"}}, 7}}};
  const PlanCoverage c = cover(parent, Json{{"topics", "not a list"}, {"assignments", {1, 2}}});
  ASSERT_EQ(c.topics.size(), 1u);  // the 7 is no topic
  EXPECT_EQ(c.topics[0].coverage, Coverage::kUncovered);
  EXPECT_TRUE(cover(Json::object(), Json::object()).topics.empty());
}

}  // namespace
}  // namespace loa::work
