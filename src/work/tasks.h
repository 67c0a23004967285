// File: work/tasks.h
//
// Agencies' tasks from active plans, and who may do what with them:
//   - a member sees and updates her organisation's tasks; when her organisation cooperates
//     in a plan (role "cooperate"), she also sees the plan's lead tasks and may add her
//     organisation's contribution to them;
//   - a coordinator has the same on her own organisation's tasks, and sees, comments on and
//     fans out every task of the plans her organisation owns (coordinates);
//   - leaders and admins see every task and change none.
// A status or progress change must name the task version it was made against: a stale one
// is refused (conflict) with who changed the task since, so no update is silently lost.
// Every change is audited and written to the task's history.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "store/tasks.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

enum class TaskAccess {
  kNone,        // not even its existence is shown
  kRead,        // leaders, admins
  kContribute,  // a cooperating agency on the plan's lead task: may add a contribution
  kUpdate,      // the task's own organisation: status, progress, evidence, comments
  kCoordinate,  // the plan's coordinating organisation: comments, fan-out, and kUpdate
};

store::TaskScope task_scope(Role role);
Result<TaskAccess> task_access(store::Database& db, const SignedInUser& user,
                               const store::TaskRow& task);

// The task if the user may see it; not_found otherwise.
Result<store::TaskRow> visible_task(store::Database& db, const SignedInUser& user,
                                    std::int64_t task_id);

// The task and what the user may do with it, when the user may change it: not_found when the
// user cannot see it, permission_denied for those who only read (leaders, administrators).
struct WritableTask {
  store::TaskRow task;
  TaskAccess access = TaskAccess::kNone;
};
Result<WritableTask> writable_task(store::Database& db, const SignedInUser& user,
                                   std::int64_t task_id);

// The statuses a task takes, and "overdue" (derived: not finished and past due_on).
bool is_task_status(const std::string& status);
bool task_overdue(const store::TaskRow& task, const std::string& today);

// What a user posts to a task (POST /api/v1/tasks/{id}/updates).
struct TaskChange {
  std::string kind = "progress";  // progress, comment, contribution, deadline
  std::optional<int> version;     // required when status, progress or the deadline change
  std::optional<std::string> status;
  std::optional<std::string> reason;  // required for cannot_do
  std::optional<int> progress;        // 0–100
  std::string text;
  nlohmann::json links = nlohmann::json::array();  // [{"url", "title"}]
  std::vector<std::int64_t> files;                 // ids of uploaded files
  // kind deadline (the plan's coordinator only): the new due date, or "" for none.
  std::optional<std::string> due_on;
};
// invalid_argument naming the field ("links[1].url must start with http:// or https://").
Result<TaskChange> parse_task_change(const nlohmann::json& body);

// Applies the change: the task's history, its new state (when it changes), the files
// attached, the audit record and the notifications, in one transaction. The update's id.
Result<std::int64_t> change_task(store::Database& db, const Clock& clock, const SignedInUser& user,
                                 const Actor& actor, std::int64_t task_id,
                                 const TaskChange& change);

// Gives a group assignment's tasks ("Các sở, ban, ngành …") to the organisations the
// coordinator picks: one task each per task of the group, notified. How many were created
// (organisations that have them already are skipped).
Result<int> fan_out_assignment(store::Database& db, const Clock& clock, const SignedInUser& user,
                               const Actor& actor, std::int64_t plan_id, int assignment_no,
                               const std::vector<std::int64_t>& organisation_ids);

}  // namespace loa::work
