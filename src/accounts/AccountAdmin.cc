// AccountService: administration (approval, roles, disabling, logout everywhere), API tokens
// and the audit log.
#include <string>

#include "accounts/AccountService.h"
#include "accounts/Validation.h"
#include "core/Text.h"

namespace kring::accounts {

Status AccountService::ChangeStatus(int64_t user_id, AccountStatus status, std::string_view action,
                                    std::string_view actor, std::string_view address) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  if (Status set = store_.SetStatus(user_id, status); !set.ok()) return set;
  Audit(actor, action, user->name,
        std::string(StatusName(user->status)) + " -> " + std::string(StatusName(status)), address);
  return Ok();
}

Status AccountService::Approve(int64_t user_id, std::string_view actor, std::string_view address) {
  return ChangeStatus(user_id, AccountStatus::kActive, "approve", actor, address);
}

Status AccountService::Disable(int64_t user_id, std::string_view actor, std::string_view address) {
  if (Status disabled = ChangeStatus(user_id, AccountStatus::kDisabled, "disable", actor, address);
      !disabled.ok()) {
    return disabled;
  }
  // Sessions would be refused anyway (ViewerForSession asks for an active user); ending them
  // keeps a later re-approval from reviving them.
  return store_.RemoveSessionsOf(user_id);
}

Status AccountService::SetRole(int64_t user_id, Role role, std::string_view actor,
                               std::string_view address) {
  if (role == Role::kAnonymous) {
    return Error{ErrorCode::kInvalidInput, "The role must be member, editor or admin."};
  }
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  if (Status set = store_.SetRole(user_id, role); !set.ok()) return set;
  Audit(actor, "role", user->name,
        std::string(RoleName(user->role)) + " -> " + std::string(RoleName(role)), address);
  return Ok();
}

Status AccountService::LogoutEverywhere(int64_t user_id, std::string_view actor,
                                        std::string_view address) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  if (Status ended = store_.RemoveSessionsOf(user_id); !ended.ok()) return ended;
  Audit(actor, "logout_everywhere", user->name, "", address);
  return Ok();
}

std::vector<User> AccountService::Users() { return store_.Users(); }

Result<User> AccountService::UserByName(std::string_view name) { return store_.UserByName(name); }

// ---- API tokens ------------------------------------------------------------------------------

Result<std::string> AccountService::CreateApiToken(int64_t user_id, std::string_view label,
                                                   std::string_view actor) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  const std::string trimmed = Trim(label);
  if (Status valid = CheckText(trimmed, "label", 100); !valid.ok()) return valid.error();
  std::string token = RandomToken();
  Result<ApiTokenRecord> stored = store_.AddApiToken(user_id, trimmed, TokenHash(token));
  if (!stored.ok()) return stored.error();
  Audit(actor, "token_create", user->name,
        "token " + std::to_string(stored->id) + (trimmed.empty() ? "" : ": " + trimmed), "");
  return token;
}

std::vector<ApiTokenRecord> AccountService::ApiTokensOf(int64_t user_id) {
  return store_.ApiTokensOf(user_id);
}

Status AccountService::RevokeApiToken(int64_t user_id, int64_t token_id, std::string_view actor) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  if (Status revoked = store_.RevokeApiToken(user_id, token_id, NowUtc()); !revoked.ok()) {
    return revoked;
  }
  Audit(actor, "token_revoke", user->name, "token " + std::to_string(token_id), "");
  return Ok();
}

// ---- Audit log -------------------------------------------------------------------------------

void AccountService::Audit(std::string_view actor, std::string_view action, std::string_view target,
                           std::string_view detail, std::string_view address) {
  // A failure reaches the store's error sink; the action itself has happened either way.
  (void)store_.AppendAudit(AuditEntry{0, NowUtc(), std::string(actor), std::string(action),
                                      std::string(target), std::string(detail),
                                      std::string(address)});
}

std::vector<AuditEntry> AccountService::AuditLog(int64_t before_id, int limit) {
  return store_.Audit(before_id, limit);
}

}  // namespace kring::accounts
