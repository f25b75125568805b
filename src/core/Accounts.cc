// Names of roles and account states, as stored and as shown in the command line.
#include "core/Accounts.h"

namespace kring {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAnonymous:
      return "anonymous";
    case Role::kMember:
      return "member";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "anonymous";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kMember, Role::kEditor, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string_view StatusName(AccountStatus status) {
  switch (status) {
    case AccountStatus::kPending:
      return "pending";
    case AccountStatus::kActive:
      return "active";
    case AccountStatus::kDisabled:
      return "disabled";
  }
  return "pending";
}

}  // namespace kring
