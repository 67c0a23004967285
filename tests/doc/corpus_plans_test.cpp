// The three real plans of ../shared/corpus/plans against their hand-made gold annotations,
// and plan 002 as a DOCX (pandoc) and as a PDF (pango-view) read the same as its text.
// Skipped, with the reason, when the corpus, the model or the tools are absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/edit_distance.h"
#include "doc/agencies.h"
#include "doc/plan.h"
#include "doc/reader.h"
#include "support/temp_dir.h"
#include "vi/language_model.h"
#include "vi/restore.h"
#include "vi/text.h"

namespace loa::doc {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kPlans = fs::path(LOA_SOURCE_DIR) / ".." / "shared" / "corpus" / "plans";

std::optional<fs::path> plan_file(const std::string& prefix) {
  if (!fs::is_directory(kPlans)) return std::nullopt;
  for (const auto& e : fs::directory_iterator(kPlans)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix + "_", 0) == 0 && name.ends_with(".txt")) return e.path();
  }
  return std::nullopt;
}

json gold(const std::string& prefix) {
  std::ifstream in(kPlans / (prefix + ".gold.json"));
  return json::parse(in);
}

#define REQUIRE_PLAN(var, prefix)     \
  const auto var = plan_file(prefix); \
  if (!var)                           \
  GTEST_SKIP() << "plan " prefix " is not in " << kPlans.string() << " (../shared/corpus is absent)"

// Accent-insensitive, punctuation as spaces: how the gold compares names.
std::string folded(std::string_view s) {
  std::string out;
  for (char c : vi::fold(s)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> ids(const std::vector<CitedDocument>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> sorted(const json& list) {
  std::vector<std::string> out = list.get<std::vector<std::string>>();
  std::sort(out.begin(), out.end());
  return out;
}

Registry demo_registry() {
  auto r = load_registry_json(std::string(LOA_SOURCE_DIR) + "/data/demo/haiphong.json");
  EXPECT_TRUE(r) << r.status().message();
  return r ? std::move(*r) : Registry{};
}

// Every gold assignment found (names compared folded), with its task count and role.
void expect_assignments(const Plan& p, const json& want) {
  ASSERT_EQ(p.assignments.size(), want["assignments"].size());
  for (std::size_t i = 0; i < p.assignments.size(); ++i) {
    const Assignment& a = p.assignments[i];
    const json& g = want["assignments"][i];
    // OCR lost a word here and there ("đoàn thể và Ủy ban" came out without "và").
    const std::string got = folded(a.agency);
    const std::string expected = folded(g["agency"].get<std::string>());
    EXPECT_LE(edit_distance(got, expected) * 20, expected.size()) << got << " / " << expected;
    EXPECT_EQ(a.tasks.size(), g["tasks"].get<std::size_t>()) << g["agency"];
    EXPECT_EQ(role_name(a.role), g["role"].get<std::string>()) << g["agency"];
  }
}

TEST(CorpusPlansTest, CleanPlan002MatchesItsGoldAnnotation) {
  REQUIRE_PLAN(path, "002");
  auto text = read_document(path->string(), nullptr);
  ASSERT_TRUE(text) << text.status().message();
  const Plan p = parse_plan(text->text);
  const json want = gold("002");
  EXPECT_EQ(p.document.type, "KH");
  EXPECT_FALSE(p.document.number);
  EXPECT_EQ(p.document.symbol, "KH-SGDĐT");
  EXPECT_EQ(p.document.issuer, want["document"]["issuer"]);
  EXPECT_EQ(p.document.place, "Hải Phòng");
  EXPECT_FALSE(p.document.date);  // the draft leaves day and month blank
  EXPECT_EQ(p.document.year, 2022);
  EXPECT_EQ(p.document.title, want["document"]["title"]);
  EXPECT_EQ(p.document.signer.name, want["document"]["signer"]["name"]);
  EXPECT_EQ(p.document.signer.capacity, want["document"]["signer"]["capacity"]);
  EXPECT_EQ(p.document.recipients, want["recipients"].get<std::vector<std::string>>());
  EXPECT_EQ(ids(p.references), sorted(want["references"]));
  EXPECT_EQ(ids(p.basis), sorted(want["basis"]));
  ASSERT_EQ(p.sections.size(), want["sections"].size());
  for (std::size_t i = 0; i < p.sections.size(); ++i)
    EXPECT_EQ(p.sections[i].title, want["sections"][i]);
  ASSERT_EQ(p.topics.size(), want["topics"].size());
  for (std::size_t i = 0; i < p.topics.size(); ++i) EXPECT_EQ(p.topics[i].title, want["topics"][i]);
  expect_assignments(p, want);
  ASSERT_EQ(p.reporting.size(), 1U);
  const json& duty = want["reporting"][0];
  EXPECT_EQ(p.reporting[0].from, duty["from"]);
  EXPECT_EQ(p.reporting[0].to, duty["to"]);
  EXPECT_EQ(p.reporting[0].via, duty["via"]);
  EXPECT_EQ(p.reporting[0].recurrence, duty["recurrence"]);
  EXPECT_FALSE(p.reporting[0].due);
}

// The parts of the JSON that do not depend on the file's line breaks.
json structure(const Plan& p) {
  json j = plan_to_json(p);
  for (const char* list : {"sections", "topics", "outline", "assignments", "reporting"})
    for (auto& e : j[list]) {
      e.erase("line");
      if (e.contains("tasks"))
        for (auto& t : e["tasks"]) t.erase("line");
    }
  return j;
}

TEST(CorpusPlansTest, Plan002ReadsTheSameAsDocxAndAsPdf) {
  REQUIRE_PLAN(path, "002");
  const bool pandoc = std::system("command -v pandoc >/dev/null 2>&1") == 0;
  const bool pango = std::system("command -v pango-view >/dev/null 2>&1") == 0;
  if (!pandoc || !pango)
    GTEST_SKIP() << "pandoc or pango-view missing (scripts/setup installs them)";
  testing::TempDir dir;
  const std::string docx = dir.file("002.docx");
  const std::string plain = dir.file("002.txt");
  const std::string pdf = dir.file("002.pdf");
  // The DOCX from the Markdown-ish original; the PDF printed from it without the marks.
  ASSERT_EQ(std::system(
                ("pandoc -f markdown -t docx -o '" + docx + "' '" + path->string() + "'").c_str()),
            0);
  ASSERT_EQ(std::system(("sed 's/[*#]//g' '" + path->string() + "' > '" + plain + "'").c_str()), 0);
  ASSERT_EQ(
      std::system(("pango-view --no-display --font='DejaVu Serif 11' --width=500 --margin=40 -o '" +
                   pdf + "' '" + plain + "' 2>/dev/null")
                      .c_str()),
      0);
  auto text = read_document(path->string(), nullptr);
  ASSERT_TRUE(text) << text.status().message();
  const json expected = structure(parse_plan(text->text));
  for (const std::string& file : {docx, pdf}) {
    auto other = read_document(file, nullptr);
    ASSERT_TRUE(other) << other.status().message();
    EXPECT_FALSE(other->ocr) << file;
    EXPECT_EQ(structure(parse_plan(other->text)), expected) << file;
  }
}

const vi::LanguageModel* model() {
  static std::optional<vi::LanguageModel> m = []() -> std::optional<vi::LanguageModel> {
    if (!fs::exists(LOA_VI_MODEL_FILE)) return std::nullopt;
    auto loaded = vi::LanguageModel::load(LOA_VI_MODEL_FILE);
    if (!loaded) return std::nullopt;
    return std::move(*loaded);
  }();
  return m ? &*m : nullptr;
}

#define REQUIRE_MODEL()   \
  if (model() == nullptr) \
  GTEST_SKIP() << "no language model at " LOA_VI_MODEL_FILE " (built from the corpus)"

// The OCR plans, repaired, then parsed and resolved against the demo registry.
Plan read_ocr_plan(const fs::path& path) {
  vi::Restorer restorer(*model());
  auto text = read_document(path.string(), &restorer);
  EXPECT_TRUE(text) << text.status().message();
  if (!text) return {};
  EXPECT_TRUE(text->ocr);
  EXPECT_TRUE(text->repaired);
  EXPECT_FALSE(text->review.empty());
  Plan p = parse_plan(text->text, true);
  resolve_agencies(p, demo_registry());
  return p;
}

// The OCR plans as Word documents (pandoc, one line of the text a line of the document):
// read, repaired and parsed to the same structure as the text files.
TEST(CorpusPlansTest, OcrPlansReadTheSameAsDocx) {
  REQUIRE_PLAN(p000, "000");
  REQUIRE_MODEL();
  if (std::system("command -v pandoc >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "pandoc missing (scripts/setup installs it)";
  testing::TempDir dir;
  for (const auto& path : {*p000, *plan_file("001")}) {
    const std::string docx = dir.file(path.stem().string() + ".docx");
    ASSERT_EQ(std::system(("pandoc -f markdown+hard_line_breaks-fancy_lists -t docx -o '" + docx +
                           "' '" + path.string() + "'")
                              .c_str()),
              0);
    const Plan from_text = read_ocr_plan(path);
    const Plan from_docx = read_ocr_plan(docx);
    // pandoc retouches the text (typographic dots and quotes, escapes), so the repair may
    // spell a word differently; the structure must be the same.
    EXPECT_EQ(ids(from_docx.references), ids(from_text.references)) << docx;
    EXPECT_EQ(ids(from_docx.basis), ids(from_text.basis)) << docx;
    EXPECT_EQ(from_docx.sections.size(), from_text.sections.size()) << docx;
    EXPECT_EQ(from_docx.document.year, from_text.document.year) << docx;
    EXPECT_EQ(from_docx.document.issuer, from_text.document.issuer) << docx;
    ASSERT_EQ(from_docx.assignments.size(), from_text.assignments.size()) << docx;
    std::size_t renamed = 0;  // the repair may read one damaged name differently
    for (std::size_t i = 0; i < from_text.assignments.size(); ++i) {
      const Assignment& a = from_docx.assignments[i];
      const Assignment& b = from_text.assignments[i];
      EXPECT_EQ(a.tasks.size(), b.tasks.size()) << b.agency;
      EXPECT_EQ(a.role, b.role) << b.agency;
      const std::string x = folded(a.agency);
      const std::string y = folded(b.agency);
      if (edit_distance(x, y) * 10 > y.size()) ++renamed;
    }
    EXPECT_LE(renamed, 1U) << docx;
  }
}

TEST(CorpusPlansTest, OcrPlan000MatchesItsGoldAnnotation) {
  REQUIRE_PLAN(path, "000");
  REQUIRE_MODEL();
  const Plan p = read_ocr_plan(*path);
  const json want = gold("000");
  EXPECT_EQ(p.document.type, "KH");
  EXPECT_EQ(p.document.issuer, want["document"]["issuer"]);
  EXPECT_EQ(p.document.year, 2025);
  EXPECT_EQ(folded(*p.document.title), folded(want["document"]["title"].get<std::string>()));
  EXPECT_FALSE(p.document.signer.name);
  EXPECT_EQ(p.document.signer.capacity, want["document"]["signer"]["capacity"]);
  EXPECT_EQ(ids(p.references), sorted(want["references"]));
  EXPECT_TRUE(p.basis.empty());
  EXPECT_EQ(p.sections.size(), 5U);
  EXPECT_EQ(p.topics.size(), 5U);
  expect_assignments(p, want);
  EXPECT_TRUE(p.reporting.empty());
  ASSERT_TRUE(p.period);
  EXPECT_EQ(p.period->from, "2025-01-01");
}

TEST(CorpusPlansTest, OcrPlan001MatchesItsGoldAnnotation) {
  REQUIRE_PLAN(path, "001");
  REQUIRE_MODEL();
  const Plan p = read_ocr_plan(*path);
  const json want = gold("001");
  EXPECT_EQ(p.document.issuer, want["document"]["issuer"]);
  EXPECT_EQ(p.document.year, 2024);
  EXPECT_EQ(folded(*p.document.title), folded(want["document"]["title"].get<std::string>()));
  EXPECT_EQ(p.document.signer.name, want["document"]["signer"]["name"]);
  EXPECT_EQ(ids(p.references), sorted(want["references"]));
  EXPECT_EQ(ids(p.basis), sorted(want["basis"]));
  ASSERT_EQ(p.sections.size(), 5U);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(p.sections[i].title, want["sections"][i]);
  expect_assignments(p, want);
  // A 2024 plan's Sở Thông tin và Truyền thông, abolished in 2025: resolved as it was, with
  // its successors for the press and for digital transformation.
  const Assignment& stttt = p.assignments[1];
  ASSERT_TRUE(stttt.organisation_id);
  EXPECT_EQ(stttt.agency, "Sở Thông tin và Truyền thông");
  ASSERT_EQ(stttt.successors.size(), 2U);
  EXPECT_EQ(stttt.successors[0].name, "Sở Văn hóa, Thể thao và Du lịch");
  ASSERT_EQ(p.reporting.size(), 1U);
  const json& duty = want["reporting"][0];
  EXPECT_EQ(p.reporting[0].to, duty["to"]);
  EXPECT_EQ(p.reporting[0].via, duty["via"]);
  EXPECT_EQ(p.reporting[0].recurrence, "yearly");
  EXPECT_EQ(p.reporting[0].due, "12-10");
}

}  // namespace
}  // namespace loa::doc
