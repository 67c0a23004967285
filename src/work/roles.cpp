// Role names and the role → permission table.
#include "work/roles.h"

namespace loa::work {

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "coordinator") return Role::kCoordinator;
  if (name == "member") return Role::kMember;
  if (name == "leader") return Role::kLeader;
  return std::nullopt;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kCoordinator:
      return "coordinator";
    case Role::kMember:
      return "member";
    case Role::kLeader:
      return "leader";
  }
  return "unknown";
}

bool role_allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kReadRegistry:
    case Permission::kReadPlans:
    case Permission::kReadTasks:
    case Permission::kReadNews:
    case Permission::kReadCooperation:
      return true;
    case Permission::kWorkOnTasks:
      return role == Role::kCoordinator || role == Role::kMember;
    case Permission::kManagePlans:
    case Permission::kAddOrganisations:
    case Permission::kManageNews:
      return role == Role::kAdmin || role == Role::kCoordinator;
    case Permission::kManageCooperation:
      return role == Role::kCoordinator;
    case Permission::kManageUsers:
    case Permission::kManageRegistry:
    case Permission::kReadAuditLog:
      return role == Role::kAdmin;
  }
  return false;
}

}  // namespace loa::work
