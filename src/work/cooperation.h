// File: work/cooperation.h
//
// Media cooperation with the press, as plans 000 and 002 describe it. The coordinating
// department builds a year's programme: the outlets it proposes, with the content per topic
// as budget lines (so many articles, reportages, videos … at a unit price). It submits the
// programme to the Department of Finance, which appraises it (or returns it with reasons);
// the People's Committee's leader approves it by a decision whose number is recorded (or
// returns it). Each step is kept with its comment, date and document number, and audited.
//
// Once approved, contracts are signed with the outlets for part of the approved lines:
// quantities within what the line has left, unit prices within the line's, a value that is
// the items' sum, periods that do not overlap another contract's on the same line. The
// articles that prove the items come from monitoring: an outlet's articles within the
// contract's period that cover the item's topic and are of its kind are proposed
// (propose_deliverables, after every poll round), or the outlet sends one in by address; the
// coordinator accepts or rejects each. Accepted quantities × unit prices settle the
// contract; items that are late or falling behind are flagged and notified before the
// contract ends.
//
// Who may do what: the coordinating department's coordinators build the programme, sign
// contracts and decide on deliverables; Finance's officers appraise; the approving
// People's Committee's leaders approve; an outlet's officers see their contracts and send
// in deliverables. Leaders and administrators see everything.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/cooperation.h"
#include "store/database.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

struct DeliverableKind {
  const char* key;  // article, reportage, video, column, talk
  const char* label;  // "Tin, bài", "Phóng sự", "Video clip", "Chuyên trang, chuyên mục", "Tọa đàm"
};
const std::vector<DeliverableKind>& deliverable_kinds();

// The kind an article is, as its title and address show: "video" ("/video/…", "Video: …",
// "[Clip]"), "reportage" ("Phóng sự …"), "talk" ("Tọa đàm", "Đối thoại", "Giao lưu trực
// tuyến"), "column" ("Chuyên trang", "Chuyên mục", "Chuyên đề"); else "article".
std::string article_kind(std::string_view title, std::string_view url);

// The programme if the user may see it; not_found otherwise.
Result<store::ProgrammeRow> visible_programme(store::Database& db, const SignedInUser& user,
                                              std::int64_t id);
// The contract if the user may see it (its programme, or her outlet's); not_found otherwise.
Result<store::ContractRow> visible_contract(store::Database& db, const SignedInUser& user,
                                            std::int64_t id);

// POST /api/v1/cooperation/programmes
// {"year", "title"?, "plan_id"?, "appraiser_id"?, "approver_id"?, "budget"?,
//  "lines": [{"outlet_id", "topic_no"?, "content", "kind", "quantity", "unit_price", "amount"?}]}
// A coordinator's, for her department. The appraiser defaults to the registry's Sở Tài chính,
// the approver to the province's People's Committee. "amount" and "budget", when given, must
// be what the figures add up to. The new programme's id.
Result<std::int64_t> create_programme(store::Database& db, const Clock& clock,
                                      const SignedInUser& user, const Actor& actor,
                                      const nlohmann::json& body);
// PUT /api/v1/cooperation/programmes/{id}: the same with "version"; drafts only.
Status update_programme(store::Database& db, const Clock& clock, const SignedInUser& user,
                        const Actor& actor, std::int64_t id, const nlohmann::json& body);
// POST /api/v1/cooperation/programmes/{id}/steps
// {"action": "submit"|"appraise"|"approve"|"return", "version", "comment"?, "document_no"?,
//  "document_date"?}. submit: draft → appraisal (its coordinators); appraise: appraisal →
// approval (the appraiser's officers); approve: approval → approved (the approver's leaders;
// needs the decision's number and date); return: back to draft, with a comment saying why.
Status programme_step(store::Database& db, const Clock& clock, const SignedInUser& user,
                      const Actor& actor, std::int64_t id, const nlohmann::json& body);

// POST /api/v1/cooperation/programmes/{id}/contracts
// {"outlet_id", "number", "signed_on", "starts_on", "ends_on", "value",
//  "items": [{"line_id", "quantity", "unit_price"?, "due_on"?}], "files"?: [ids]}
// The new contract's id.
Result<std::int64_t> create_contract(store::Database& db, const Clock& clock,
                                     const SignedInUser& user, const Actor& actor,
                                     std::int64_t programme_id, const nlohmann::json& body);

// Proposes the monitored articles that prove items of active contracts of approved
// programmes (one contract, or all), and tells the coordinators. How many were proposed.
Result<int> propose_deliverables(store::Database& db, const Clock& clock,
                                 std::optional<std::int64_t> contract_id);

// Offers an article as a deliverable of an item: by the outlet (origin "outlet") or the
// coordinator ("coordinator"). Refused when the article is another outlet's, outside the
// contract's period, or stands as a deliverable already. The deliverable's id.
Result<std::int64_t> offer_deliverable(store::Database& db, const Clock& clock,
                                       const SignedInUser& user, const Actor& actor,
                                       std::int64_t contract_id, std::int64_t item_id,
                                       std::int64_t article_id);

// An address an outlet sends in must be on one of its sites: the hosts of its monitored
// sources (a subdomain, or "www.", counts). invalid_argument naming them otherwise; any
// address when the outlet has no sources yet.
Status check_outlet_address(store::Database& db, std::int64_t outlet_id, const std::string& url);

// POST /api/v1/cooperation/deliverables/{id}/decision {"decision": "accept"|"reject",
// "comment"?}. Accepting beyond the item's quantity is refused.
Status decide_deliverable(store::Database& db, const Clock& clock, const SignedInUser& user,
                          const Actor& actor, std::int64_t id, const nlohmann::json& body);

// Notifies the coordinators and the outlet of items that are late, or due within two weeks
// and not yet delivered (once each). How many notices went out.
Result<int> raise_contract_warnings(store::Database& db, const Clock& clock);

// The JSON the API shows (docs/API.md): a programme with its lines, steps, contracts and
// settlement; the list of programmes the user may see; a contract with its items,
// deliverables, flags and settlement; the contracts of a programme or outlet.
Result<nlohmann::json> programme_json(store::Database& db, const SignedInUser& user,
                                      std::int64_t id, const std::string& today);
Result<nlohmann::json> programmes_json(store::Database& db, const SignedInUser& user,
                                       std::optional<int> year);
Result<nlohmann::json> contract_json(store::Database& db, const SignedInUser& user, std::int64_t id,
                                     const std::string& today);
Result<nlohmann::json> contracts_json(store::Database& db, const SignedInUser& user,
                                      const std::string& today);

}  // namespace loa::work
