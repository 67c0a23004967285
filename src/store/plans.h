// File: store/plans.h
//
// Plans imported from documents (the structure as JSON text, docs/plan-schema.md), the
// documents they cite (tasks are in store/tasks.h). Search is
// accent-insensitive (FTS5 with the "vietnamese" tokenizer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct PlanRow {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string status = "draft";
  std::optional<std::string> document_id;
  std::optional<std::string> doc_type;
  std::optional<std::string> issuer;
  std::optional<std::string> issued_on;
  std::optional<int> year;
  std::string title;
  std::optional<std::string> period_from;
  std::optional<std::string> period_to;
  std::string source_name;
  std::string source_format;
  bool source_ocr = false;
  std::string source_text;  // left empty by list_plans
  std::string review_json = "[]";
  std::string structure_json;  // left empty by list_plans
  std::optional<std::int64_t> created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> activated_at;
};

struct PlanCitation {
  std::string document_id;
  bool basis = false;
  std::optional<std::string> cited_date;
  std::optional<std::string> issuer;
};

struct PlanFilter {
  std::optional<std::string> query;   // accent-insensitive words, all must match
  std::optional<std::string> status;  // draft, active, archived
  std::optional<int> year;
  // Only plans this organisation owns or has tasks in (members see no others).
  std::optional<std::int64_t> visible_to_organisation;
  int limit = 100;
  int offset = 0;
};

Result<std::int64_t> insert_plan(Database& db, const PlanRow& plan);
Status replace_plan_citations(Database& db, std::int64_t plan_id,
                              const std::vector<PlanCitation>& citations);
// Updates the fields taken from the structure, the structure itself and updated_at.
Status update_plan_structure(Database& db, const PlanRow& plan);
Status set_plan_status(Database& db, std::int64_t plan_id, const std::string& status,
                       const std::string& at);

Result<PlanRow> find_plan(Database& db, std::int64_t id);
Result<std::vector<PlanRow>> list_plans(Database& db, const PlanFilter& filter);
Result<std::vector<PlanCitation>> list_plan_citations(Database& db, std::int64_t plan_id);

struct PlanLink {
  std::int64_t plan_id;
  std::string title;
  std::optional<std::string> document_id;
  std::string status;
};
// Stored plans whose own number is `document_id` (to link a citation to a stored plan).
Result<std::vector<PlanLink>> plans_with_document_id(Database& db, const std::string& document_id);
// Stored plans that cite `document_id` as their basis: they implement it.
Result<std::vector<PlanLink>> plans_implementing(Database& db, const std::string& document_id);

// True when `organisation_id` owns the plan or has a task in it.
Result<bool> plan_visible_to(Database& db, std::int64_t plan_id, std::int64_t organisation_id);

}  // namespace loa::store
