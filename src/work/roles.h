// File: work/roles.h
//
// The four roles of Loa and what each may do. A user has exactly one role, within one
// organisation: admin (IT staff), coordinator (the communication department), member
// (an officer of an agency), leader (read-only dashboards and approvals).
#pragma once

#include <optional>
#include <string_view>

namespace loa::work {

enum class Role { kAdmin, kCoordinator, kMember, kLeader };

std::optional<Role> parse_role(std::string_view name);
std::string_view role_name(Role role);

enum class Permission {
  kReadRegistry,       // see the organisation tree
  kManageUsers,        // create and change accounts
  kReadAuditLog,       // read who changed what
  kReadPlans,          // see plans (members: their organisation's, see web/handlers_plans.cpp)
  kManagePlans,        // import, correct and activate plans
  kAddOrganisations,   // add an organisation a plan names to the registry
  kManageRegistry,     // edit, end, delete, import the registry's organisations
  kReadTasks,          // see tasks and reports (which ones: work/tasks.h, work/reports.h)
  kWorkOnTasks,        // update tasks, upload files, submit and decide on reports
  kReadNews,           // the press stream, articles, the monitoring dashboard
  kManageNews,         // sources, decisions on topics and risk flags
  kReadCooperation,    // cooperation programmes and contracts (which: work/cooperation.h);
                       // appraisal and approval steps are checked against the body there
  kManageCooperation,  // propose programmes, sign contracts, accept deliverables
};

bool role_allows(Role role, Permission permission);

}  // namespace loa::work
