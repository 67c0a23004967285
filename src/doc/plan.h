// File: doc/plan.h
//
// Understanding a plan ("Kế hoạch"): from a document's normalised, repaired text to its
// metadata, the documents it cites and implements, its sections and topics, who must do what
// (TỔ CHỨC THỰC HIỆN) and who reports to whom by when. The structure it reads is described in
// ../shared/DOMAIN.md; the JSON shape in docs/plan-schema.md.
//
// The parser matches words accent-insensitively (OCR drops and swaps marks) and on structure
// (list markers, sentence ends, upper-case headings), never on the wording of particular
// plans. What it cannot decide is left null, and said in `notes`.
//
//   doc::Plan plan = doc::parse_plan(text);
//   std::cout << doc::plan_to_json(plan).dump(2);
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loa::doc {

enum class Role : unsigned char { kLead, kCooperate, kImplement };
std::string_view role_name(Role role);  // "lead", "cooperate", "implement"

struct Signer {
  std::optional<std::string> name;      // "Hoàng Minh Cường"
  std::optional<std::string> capacity;  // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
};

struct PlanDocument {
  std::optional<std::string> type;    // "KH", "QĐ", … (Nghị định 30/2020 abbreviations)
  std::optional<std::string> number;  // "62" of "Số: 62/KH-UBND"
  std::optional<std::string> symbol;  // "KH-UBND"
  std::optional<std::string> issuer;  // "Ủy ban nhân dân thành phố Hải Phòng"
  std::optional<std::string> place;   // "Hải Phòng" of "Hải Phòng, ngày … năm 2022"
  std::optional<std::string> date;    // ISO 8601
  std::optional<int> year;
  std::optional<std::string> title;  // the subject line (trích yếu)
  Signer signer;
  std::vector<std::string> recipients;  // "Nơi nhận" lines without their dashes
};

struct CitedDocument {
  std::string id;  // canonical, see doc/citations.h
  std::optional<std::string> date;
  std::optional<std::string> issuer;
};

struct Heading {
  std::string number;  // "III", "2.1"
  std::string title;
  std::size_t line = 0;
};

// One heading or list item of the plan's tree: Roman sections (level 1), numbered items
// (2 for "1.", 3 for "2.1." …) and lettered points (one below the item they follow).
struct OutlineItem {
  int level = 1;
  std::string number;  // "II", "2.1", "a"
  std::string title;   // the item's text, at most 200 characters
  std::size_t line = 0;
};

struct Task {
  std::string text;
  std::optional<std::string> due;  // ISO date, or "MM-DD" for a yearly date
  std::size_t line = 0;
};

// An organisation that took over an abolished one's functions (doc/agencies.h).
struct Successor {
  std::int64_t organisation_id = 0;
  std::string name;
  std::string scope;  // "all" or the functions that moved
};

// One agency of an assignment that names several ("A; B; C").
struct AgencyPart {
  std::string name;
  std::optional<std::int64_t> organisation_id;
};

struct Assignment {
  std::string agency;  // as the plan names it (repaired), e.g. "Sở Tài chính"
  std::optional<std::int64_t> organisation_id;  // set by agency resolution, not the parser
  std::vector<AgencyPart> parts;                // when the plan names several agencies together
  std::vector<Successor> successors;            // when the organisation has been abolished since
  bool group = false;  // "Các sở, ban, ngành …": not one organisation
  Role role = Role::kImplement;
  bool requested = false;  // "Đề nghị …": a body the issuer asks rather than instructs
  std::vector<Task> tasks;
  std::size_t line = 0;
};

struct ReportingDuty {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> via;
  std::optional<std::string> recurrence;  // yearly, half_yearly, quarterly, monthly, periodic,
                                          // once, on_request
  std::optional<std::string> due;         // "MM-DD" for a recurring date, else ISO
  std::size_t line = 0;
};

struct Period {
  std::string from;  // ISO dates, inclusive
  std::string to;
};

struct Plan {
  PlanDocument document;
  std::vector<CitedDocument> basis;       // what it implements ("Căn cứ", "Thực hiện")
  std::vector<CitedDocument> references;  // everything it cites, first mention first
  std::optional<Period> period;
  std::vector<Heading> sections;     // the Roman-numbered sections
  std::vector<Heading> topics;       // the content it asks to communicate
  std::vector<OutlineItem> outline;  // the section tree, bullets left out
  std::vector<Assignment> assignments;
  std::vector<ReportingDuty> reporting;
  bool looks_like_plan = false;        // false: not a plan (a news article, a letter …)
  bool from_ocr = false;               // read from OCR-repaired text: names may be damaged
  std::optional<std::string> secrecy;  // "MẬT", "TỐI MẬT", "TUYỆT MẬT" when so marked
  std::vector<std::string> notes;      // what the parser could not decide, for the reviewer
  std::vector<std::string> proposed_organisations;  // agencies the registry does not know
};

// Parses normalised (vi::normalize), repaired text. Never fails: what is not found is empty.
// `repaired_ocr`: the text went through OCR repair, so names (which the repair's language
// model does not know) are spelled from the usual spellings of name syllables.
Plan parse_plan(std::string_view text, bool repaired_ocr = false);

// The JSON form documented in docs/plan-schema.md (null where the document does not say).
nlohmann::ordered_json plan_to_json(const Plan& plan);

}  // namespace loa::doc
