// Plan cascade: how far a plan takes up the topics and reporting duties of the plan it
// implements.
#include "work/cascade.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "store/plans.h"
#include "vi/text.h"

namespace loa::work {

namespace {

using Json = nlohmann::json;

// Syllables that carry no topic on their own; a term with one of them is no term.
const std::set<std::string>& function_syllables() {
  static const std::set<std::string> words = {
      "va",   "cac", "cua", "ve",    "cho", "trong", "voi", "tren", "theo", "tai",
      "de",   "la",  "co",  "nhung", "mot", "nay",   "do",  "duoc", "den",  "tu",
      "nham", "khi", "thi", "ma",    "o",   "vao",   "ra",  "hoac", "cung", "nhu"};
  return words;
}

// A term: two adjacent syllables of one phrase ("chuyển đổi"), folded for matching.
struct Term {
  std::string folded;  // "chuyen doi"
  std::string shown;   // "chuyển đổi"
};

bool is_syllable_byte(unsigned char c) {
  // Letters and digits of any script; ASCII punctuation and spaces end a syllable.
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<Term> terms_of(const std::string& text) {
  std::vector<Term> out;
  std::string prev_folded, prev_shown;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_syllable_byte(c)) {
      // A space joins syllables of one phrase; punctuation ends the phrase.
      if (c != ' ') prev_folded.clear();
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_syllable_byte(static_cast<unsigned char>(text[j]))) ++j;
    std::string shown = text.substr(i, j - i);
    std::string folded = vi::fold(shown);
    // Typographic dashes and quotes (non-ASCII) fold to nothing useful: they end a phrase.
    if (folded.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos) {
      prev_folded.clear();
      i = j;
      continue;
    }
    if (!prev_folded.empty() && !function_syllables().contains(prev_folded) &&
        !function_syllables().contains(folded)) {
      Term term{prev_folded, vi::lower(prev_shown)};
      term.folded.append(" ").append(folded);
      term.shown.append(" ").append(vi::lower(shown));
      out.push_back(std::move(term));
    }
    prev_folded = folded;
    prev_shown = shown;
    i = j;
  }
  return out;
}

std::set<std::string> folded_set(const std::vector<Term>& terms) {
  std::set<std::string> out;
  for (const auto& t : terms) out.insert(t.folded);
  return out;
}

// The child's items that can carry a topic: its topics and outline headings, and its tasks.
std::vector<ChildItem> child_items(const Json& child) {
  std::vector<ChildItem> items;
  std::set<std::string> seen;
  auto add = [&](const Json& number, const Json& text, const Json& line) {
    if (!text.is_string()) return;
    const std::string t = text.get<std::string>();
    if (!seen.insert(t).second) return;
    items.push_back({number.is_string() ? number.get<std::string>() : "", t,
                     line.is_number_integer() ? line.get<int>() : 0});
  };
  for (const char* list : {"topics", "outline"}) {
    if (!child.contains(list) || !child[list].is_array()) continue;
    for (const auto& item : child[list])
      if (item.is_object())
        add(item.value("number", Json()), item.value("title", Json()), item.value("line", Json()));
  }
  if (child.contains("assignments") && child["assignments"].is_array()) {
    for (const auto& a : child["assignments"]) {
      if (!a.is_object() || !a.contains("tasks") || !a["tasks"].is_array()) continue;
      for (const auto& task : a["tasks"])
        if (task.is_object()) add(Json(), task.value("text", Json()), task.value("line", Json()));
    }
  }
  return items;
}

int frequency_rank(const std::string& recurrence) {
  static const std::map<std::string, int> ranks = {
      {"monthly", 1}, {"quarterly", 2}, {"half_yearly", 3}, {"yearly", 4}};
  auto it = ranks.find(recurrence);
  return it == ranks.end() ? 0 : it->second;
}

std::string text_or(const Json& j, const char* key, const std::string& fallback) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

DutyCoverage cover_duty(const Json& duty, const Json& child) {
  DutyCoverage out;
  out.duty = duty;
  const std::string recurrence = text_or(duty, "recurrence", "");
  const std::string due = text_or(duty, "due", "");
  const int rank = frequency_rank(recurrence);
  std::optional<Json> partial;
  if (child.contains("reporting") && child["reporting"].is_array()) {
    for (const auto& d : child["reporting"]) {
      if (!d.is_object()) continue;
      const std::string r = text_or(d, "recurrence", "");
      const std::string child_due = text_or(d, "due", "");
      const int child_rank = frequency_rank(r);
      // Often enough, and in time: yearly by 12-05 answers yearly by 12-10. Dates of the
      // same form compare as text ("12-05" < "12-10"; "2025-12-05" < "2025-12-10").
      const bool often_enough = rank > 0 && child_rank > 0 && child_rank <= rank;
      const bool in_time =
          due.empty() || child_due.empty() || (child_due.size() == due.size() && child_due <= due);
      if (often_enough && in_time) {
        out.coverage = Coverage::kCovered;
        out.by = d;
        out.reason = r;
        if (!child_due.empty()) out.reason.append(", due ").append(child_due);
        if (!due.empty()) out.reason.append(", not after the parent's ").append(due);
        return out;
      }
      if (!partial) partial = d;
    }
  }
  if (partial) {
    out.coverage = Coverage::kPartial;
    out.by = *partial;
    out.reason = "the child asks for reports (" + text_or(*partial, "recurrence", "?") +
                 "), but not " + (rank > 0 ? recurrence : "on this schedule") +
                 (due.empty() ? "" : " by " + due);
  } else {
    out.reason = "the child sets no reporting duty";
  }
  return out;
}

}  // namespace

const char* coverage_name(Coverage c) {
  switch (c) {
    case Coverage::kCovered:
      return "covered";
    case Coverage::kPartial:
      return "partial";
    case Coverage::kUncovered:
      return "uncovered";
  }
  return "uncovered";
}

PlanCoverage cover(const Json& parent, const Json& child) {
  PlanCoverage result;
  Json topics = Json::array();
  if (parent.contains("topics") && parent["topics"].is_array())
    for (const auto& t : parent["topics"])
      if (t.is_object()) topics.push_back(t);

  // Terms found in most of the parent's topics ("tuyên truyền") say nothing about any one.
  std::vector<std::vector<Term>> topic_terms;
  std::map<std::string, int> df;
  for (const auto& t : topics) {
    topic_terms.push_back(terms_of(text_or(t, "title", "")));
    for (const auto& f : folded_set(topic_terms.back())) ++df[f];
  }
  const auto n = static_cast<int>(topics.size());
  auto generic = [&](const std::string& f) {
    auto it = df.find(f);
    return n >= 3 && it != df.end() && it->second * 5 >= n * 3;
  };
  auto weight = [&](const std::string& f) {
    auto it = df.find(f);
    const int d = it == df.end() ? 1 : it->second;
    return std::log(1.0 + static_cast<double>(std::max(n, 1)) / d);
  };

  const std::vector<ChildItem> items = child_items(child);
  std::vector<std::set<std::string>> item_terms;
  for (const auto& item : items) {
    std::set<std::string> s;
    for (const auto& f : folded_set(terms_of(item.text)))
      if (!generic(f)) s.insert(f);
    item_terms.push_back(std::move(s));
  }

  for (std::size_t k = 0; k < topics.size(); ++k) {
    TopicCoverage tc;
    tc.number = text_or(topics[k], "number", "");
    tc.title = text_or(topics[k], "title", "");
    tc.line = topics[k].contains("line") && topics[k]["line"].is_number_integer()
                  ? topics[k]["line"].get<int>()
                  : 0;
    std::map<std::string, std::string> shown;  // folded → as written, distinctive terms only
    for (const auto& t : topic_terms[k])
      if (!generic(t.folded)) shown.emplace(t.folded, t.shown);
    double total = 0;
    for (const auto& [f, s] : shown) total += weight(f);

    // The child's items that are mostly about this topic, and the topic terms they carry.
    std::set<std::string> carried;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (item_terms[i].empty()) continue;
      int inside = 0;
      for (const auto& f : item_terms[i]) inside += shown.contains(f) ? 1 : 0;
      const double about = static_cast<double>(inside) / static_cast<double>(item_terms[i].size());
      if (inside >= 2 && about >= 0.5) {
        tc.covered_by.push_back(items[i]);
        for (const auto& f : item_terms[i])
          if (shown.contains(f)) carried.insert(f);
      }
    }
    double got = 0;
    for (const auto& f : carried) {
      got += weight(f);
      tc.matched_terms.push_back(shown[f]);
    }
    tc.share = total > 0 ? got / total : 0;
    if (tc.covered_by.empty())
      tc.coverage = Coverage::kUncovered;
    else
      tc.coverage = tc.share >= 0.5 ? Coverage::kCovered : Coverage::kPartial;
    result.topics_covered += tc.coverage == Coverage::kCovered ? 1 : 0;
    result.topics_partial += tc.coverage == Coverage::kPartial ? 1 : 0;
    result.topics.push_back(std::move(tc));
  }

  if (parent.contains("reporting") && parent["reporting"].is_array()) {
    for (const auto& duty : parent["reporting"]) {
      if (!duty.is_object()) continue;
      result.duties.push_back(cover_duty(duty, child));
      result.duties_covered += result.duties.back().coverage == Coverage::kCovered ? 1 : 0;
    }
  }
  return result;
}

Json coverage_json(const PlanCoverage& c) {
  Json topics = Json::array();
  for (const auto& t : c.topics) {
    Json by = Json::array();
    for (const auto& item : t.covered_by)
      by.push_back({{"number", item.number}, {"text", item.text}, {"line", item.line}});
    topics.push_back({{"number", t.number},
                      {"title", t.title},
                      {"line", t.line},
                      {"coverage", coverage_name(t.coverage)},
                      {"share", std::round(t.share * 100) / 100},
                      {"matched_terms", t.matched_terms},
                      {"covered_by", by}});
  }
  Json duties = Json::array();
  for (const auto& d : c.duties) {
    duties.push_back({{"duty", d.duty},
                      {"coverage", coverage_name(d.coverage)},
                      {"by", d.by ? *d.by : Json(nullptr)},
                      {"reason", d.reason}});
  }
  return {{"topics", topics},
          {"duties", duties},
          {"topics_total", c.topics.size()},
          {"topics_covered", c.topics_covered},
          {"topics_partial", c.topics_partial},
          {"duties_total", c.duties.size()},
          {"duties_covered", c.duties_covered}};
}

Result<std::vector<ParentCoverage>> plan_cascade(store::Database& db, std::int64_t plan_id) {
  auto plan = store::find_plan(db, plan_id);
  if (!plan) return plan.status();
  const Json child = Json::parse(plan->structure_json, nullptr, false);
  auto citations = store::list_plan_citations(db, plan_id);
  if (!citations) return citations.status();
  std::vector<ParentCoverage> out;
  std::set<std::int64_t> seen;
  for (const auto& c : *citations) {
    if (!c.basis) continue;
    auto parents = store::plans_with_document_id(db, c.document_id);
    if (!parents) return parents.status();
    for (const auto& link : *parents) {
      if (link.plan_id == plan_id || !seen.insert(link.plan_id).second) continue;
      auto parent = store::find_plan(db, link.plan_id);
      if (!parent) return parent.status();
      const Json structure = Json::parse(parent->structure_json, nullptr, false);
      out.push_back({link.plan_id, link.title, link.document_id, link.status,
                     cover(structure.is_object() ? structure : Json::object(),
                           child.is_object() ? child : Json::object())});
    }
  }
  return out;
}

}  // namespace loa::work
