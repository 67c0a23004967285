// File: work/cascade.h
//
// Plan cascade: a plan that implements another (it cites it as its basis: "Thực hiện Kế
// hoạch số 147/KH-UBND …") should take up the parent's topics and reporting duties. This
// says, for each stored parent, which of its topics and duties the child covers, partly
// covers or leaves out, and why (the terms both share, the child's item that carries them).
//
//   auto c = cover(parent_structure, child_structure);   // two plan-schema.md structures
//   c.topics[3].coverage == Coverage::kCovered;         // "2.4 Tuyên truyền chuyển đổi số …"
//   c.topics[3].matched_terms                           // {"chuyển đổi", "đổi số", "cải cách", …}
//   c.topics[3].covered_by[0].number                    // "2.2" of the child
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::work {

enum class Coverage { kCovered, kPartial, kUncovered };
const char* coverage_name(Coverage c);  // "covered", "partial", "uncovered"

// One item of the child plan that takes up (part of) a parent topic.
struct ChildItem {
  std::string number;  // "2.2" for a topic or outline item; "" for a task
  std::string text;
  int line = 0;
};

struct TopicCoverage {
  std::string number;
  std::string title;
  int line = 0;
  Coverage coverage = Coverage::kUncovered;
  double share = 0;                        // weighted share of the topic's terms the child has
  std::vector<std::string> matched_terms;  // as the parent writes them: "chuyển đổi"
  std::vector<ChildItem> covered_by;
};

struct DutyCoverage {
  nlohmann::json duty;  // the parent's reporting duty, as in the plan structure
  Coverage coverage = Coverage::kUncovered;
  std::optional<nlohmann::json> by;  // the child's duty that answers it
  std::string reason;                // "yearly, due 12-05, before the parent's 12-10"
};

struct PlanCoverage {
  std::vector<TopicCoverage> topics;
  std::vector<DutyCoverage> duties;
  int topics_covered = 0;  // covered; partial ones count half in completion
  int topics_partial = 0;
  int duties_covered = 0;
};

// How far `child` takes up `parent` (both as docs/plan-schema.md describes them).
PlanCoverage cover(const nlohmann::json& parent, const nlohmann::json& child);

struct ParentCoverage {
  std::int64_t plan_id = 0;
  std::string title;
  std::optional<std::string> document_id;
  std::string status;
  PlanCoverage coverage;
};

// Every stored plan that `plan_id` cites as its basis, with the child's coverage of it.
Result<std::vector<ParentCoverage>> plan_cascade(store::Database& db, std::int64_t plan_id);

nlohmann::json coverage_json(const PlanCoverage& c);

}  // namespace loa::work
