// File: store/tasks.h
//
// Tasks an active plan gives to agencies, and their history (progress with evidence,
// comments, cooperating agencies' contributions, fan-outs). A task carries a version that
// every change raises: update_task_state refuses a change made against an older version,
// so one officer's update never silently erases another's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace loa::store {

struct TaskRow {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  int assignment_no = 0;
  int task_no = 0;
  std::optional<std::int64_t> organisation_id;  // null: a group of agencies
  std::string agency;
  std::string role;  // lead, cooperate, implement
  std::string text;
  std::optional<std::string> due;     // as the plan says
  std::optional<std::string> due_on;  // ISO date
  std::string status = "not_started";
  std::optional<std::string> status_reason;
  int progress = 0;
  std::optional<std::int64_t> parent_id;
  int version = 1;
  std::string created_at;
  std::string updated_at;
  // From the joined plan and organisation (read only).
  std::string plan_title;
  std::optional<std::string> plan_document_id;
  std::int64_t plan_organisation_id = 0;
  std::optional<std::string> organisation_name;
};

struct TaskUpdateRow {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string kind;  // progress, comment, contribution, assignment, deadline
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> user_id;
  std::string author;
  std::string text;
  std::optional<std::string> status_from;
  std::optional<std::string> status_to;
  std::optional<int> progress;
  std::string links_json = "[]";
  std::string created_at;
  std::optional<std::string> due_from;  // deadline: the due date before and after
  std::optional<std::string> due_to;
};

// Which tasks a caller sees (work/tasks.h decides which scope a role gets).
enum class TaskScope {
  kAll,           // leaders, admins
  kOrganisation,  // members: their organisation's tasks, and the lead tasks of plans in
                  // which their organisation cooperates
  kCoordinator,   // the above plus every task of the plans their organisation owns
};

struct TaskFilter {
  TaskScope scope = TaskScope::kOrganisation;
  std::int64_t viewer_organisation = 0;
  std::optional<std::int64_t> plan_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> status;  // a stored status, or "overdue"
  std::string today;                  // ISO; for "overdue"
  bool own_only = false;              // only the viewer organisation's own tasks
  bool include_groups = true;         // tasks of a group of agencies (no organisation)
  int limit = 200;
  int offset = 0;
};

Result<std::int64_t> insert_task(Database& db, const TaskRow& task);
Result<std::vector<TaskRow>> list_plan_tasks(Database& db, std::int64_t plan_id);
Result<std::vector<TaskRow>> list_tasks(Database& db, const TaskFilter& filter);
Result<TaskRow> find_task(Database& db, std::int64_t id);

// How many of the filtered tasks each organisation has, with the earliest due date.
struct OrganisationCount {
  std::int64_t organisation_id = 0;
  std::string name;
  int count = 0;
  std::optional<std::string> earliest_due;
};
Result<std::vector<OrganisationCount>> count_tasks_by_organisation(Database& db,
                                                                   const TaskFilter& filter);
// Writes status, status_reason, progress and updated_at, raising the version, only if the
// stored version is still `task.version`; conflict otherwise.
Status update_task_state(Database& db, const TaskRow& task);
// Writes due_on and updated_at under the same version check.
Status update_task_due(Database& db, const TaskRow& task);
// True when `organisation_id` has a task of `role` in the plan.
Result<bool> has_task_in_plan(Database& db, std::int64_t plan_id, std::int64_t organisation_id,
                              const std::string& role);
// The organisations with a task in the plan (fanned-out ones included).
Result<std::vector<std::int64_t>> plan_task_organisations(Database& db, std::int64_t plan_id);

// Unfinished tasks of active plans given to one organisation, due on or before `iso`
// (for reminders).
Result<std::vector<TaskRow>> open_tasks_due_by(Database& db, const std::string& iso);

Result<std::int64_t> insert_task_update(Database& db, const TaskUpdateRow& update);
Result<std::vector<TaskUpdateRow>> list_task_updates(Database& db, std::int64_t task_id);

}  // namespace loa::store
