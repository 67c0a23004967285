// File: store/cooperation.h
//
// SQL for media cooperation with the press (schema 8): a year's programme of proposed
// outlets and budget lines, its appraisal and approval steps, the contracts signed with the
// outlets and their items, and the articles offered and accepted as deliverables. The rules
// (who may do what, what must add up) are in work/cooperation.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct ProgrammeRow {
  std::int64_t id = 0;
  int year = 0;
  std::string title;
  std::optional<std::int64_t> plan_id;
  std::int64_t organisation_id = 0;
  std::int64_t appraiser_id = 0;
  std::int64_t approver_id = 0;
  std::string status = "draft";  // draft, appraisal, approval, approved
  std::int64_t budget = 0;       // đồng: the lines' sum
  std::optional<std::string> decision_no;
  std::optional<std::string> decision_date;
  int version = 1;
  std::optional<std::int64_t> created_by;
  std::string created_at;
  std::string updated_at;
  // Joined (read only).
  std::string organisation_name;
  std::string appraiser_name;
  std::string approver_name;
  std::optional<std::string> plan_title;
};

struct CoopLineRow {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  int line_no = 0;
  std::int64_t outlet_id = 0;
  std::optional<int> topic_no;
  std::string content;
  std::string kind;  // article, reportage, video, column, talk
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;
  std::int64_t amount = 0;
  std::string outlet_name;  // joined
};

struct CoopStepRow {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string action;  // submit, appraise, approve, return
  std::string status_from;
  std::string status_to;
  std::string comment;
  std::optional<std::string> document_no;
  std::optional<std::string> document_date;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> user_id;
  std::string author;
  std::string created_at;
  std::string organisation_name;  // joined
};

struct ContractRow {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::int64_t outlet_id = 0;
  std::string number;
  std::string signed_on;
  std::string starts_on;
  std::string ends_on;
  std::int64_t value = 0;
  std::string status = "active";  // active, terminated
  int version = 1;
  std::optional<std::int64_t> created_by;
  std::string created_at;
  std::string updated_at;
  // Joined (read only).
  std::string outlet_name;
  std::string programme_title;
  std::int64_t programme_organisation_id = 0;
  std::optional<std::int64_t> plan_id;
};

struct ContractItemRow {
  std::int64_t id = 0;
  std::int64_t contract_id = 0;
  int item_no = 0;
  std::int64_t line_id = 0;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;
  std::string due_on;
  // Joined from the line (read only).
  std::string kind;
  std::optional<int> topic_no;
  std::string content;
  // Deliverables by status.
  std::int64_t proposed = 0;
  std::int64_t accepted = 0;
  std::int64_t rejected = 0;
};

struct DeliverableRow {
  std::int64_t id = 0;
  std::int64_t contract_id = 0;
  std::int64_t item_id = 0;
  std::int64_t article_id = 0;
  std::string origin;  // match, outlet, coordinator
  std::string status = "proposed";
  double score = 0;
  std::string reasons_json = "[]";
  std::optional<std::string> comment;
  std::optional<std::int64_t> submitted_by;
  std::string created_at;
  std::optional<std::int64_t> decided_by;
  std::optional<std::string> decided_at;
  // Joined from the article (read only).
  std::string title;
  std::string url;
  std::string outlet;
  std::optional<std::string> published_at;
};

// Programmes.
Result<std::int64_t> insert_programme(Database& db, const ProgrammeRow& p);
// Title, plan, appraiser, approver, budget, status and decision; raises the version. conflict
// when the stored version is not p.version.
Status update_programme(Database& db, const ProgrammeRow& p);
Result<ProgrammeRow> find_programme(Database& db, std::int64_t id);
struct ProgrammeFilter {
  std::optional<int> year;
  // Visibility: nullopt sees all; else programmes whose coordinating department, appraiser or
  // approver is one of these.
  std::optional<std::vector<std::int64_t>> organisation_ids;
};
Result<std::vector<ProgrammeRow>> list_programmes(Database& db, const ProgrammeFilter& filter);

Status replace_coop_lines(Database& db, std::int64_t programme_id,
                          const std::vector<CoopLineRow>& lines);
Result<std::vector<CoopLineRow>> list_coop_lines(Database& db, std::int64_t programme_id);

Status insert_coop_step(Database& db, const CoopStepRow& step);
Result<std::vector<CoopStepRow>> list_coop_steps(Database& db, std::int64_t programme_id);

// Contracts.
Result<std::int64_t> insert_contract(Database& db, const ContractRow& c);
Status insert_contract_item(Database& db, const ContractItemRow& item);
Result<ContractRow> find_contract(Database& db, std::int64_t id);
struct ContractFilter {
  std::optional<std::int64_t> programme_id;
  std::optional<std::int64_t> outlet_id;
  bool active_only = false;
};
Result<std::vector<ContractRow>> list_contracts(Database& db, const ContractFilter& filter);
Result<std::vector<ContractItemRow>> list_contract_items(Database& db, std::int64_t contract_id);
// How much of a programme line contracts (not terminated) have ordered.
Result<std::int64_t> line_ordered(Database& db, std::int64_t line_id);
// The number of a contract (not terminated) with an item on the line whose period overlaps
// [starts_on, ends_on], if any.
Result<std::optional<std::string>> overlapping_contract(Database& db, std::int64_t line_id,
                                                        const std::string& starts_on,
                                                        const std::string& ends_on);

// Deliverables. already_exists when the article is offered for the item already, or stands
// (not rejected) as a deliverable of any item.
Result<std::int64_t> insert_deliverable(Database& db, const DeliverableRow& d);
Result<DeliverableRow> find_deliverable(Database& db, std::int64_t id);
Result<std::vector<DeliverableRow>> list_deliverables(Database& db, std::int64_t contract_id);
// The deliverable (not rejected) an article stands as, if any.
Result<std::optional<DeliverableRow>> deliverable_of_article(Database& db, std::int64_t article_id);
// Every item an article was offered for, rejected or not (ids).
Result<std::vector<std::int64_t>> items_offered(Database& db, std::int64_t article_id);
Status decide_deliverable(Database& db, std::int64_t id, const std::string& status,
                          const std::optional<std::string>& comment, std::int64_t decided_by,
                          const std::string& at);

}  // namespace loa::store
