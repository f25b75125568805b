// Accounts: members, their roles, sessions, API tokens and the audit log (domain types), and
// AccountStore, where they live (SQLite in storage/). The rules (passwords, approval,
// throttling) are in accounts/AccountService.h.
//
// Implementations of AccountStore are thread-safe. Tokens are never stored: only their hashes
// (the service hashes; the store compares hashes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace kring {

// What a reader may do; each role can do everything the ones before it can.
// kAnonymous: read public pages. kMember: also read members-only pages. kEditor: also create,
// edit and upload (an approved registration's default). kAdmin: also users, approvals,
// synonyms, the trash and the audit log.
enum class Role { kAnonymous = 0, kMember = 1, kEditor = 2, kAdmin = 3 };

// "anonymous", "member", "editor", "admin".
std::string_view RoleName(Role role);
// A role by its name ("member", "editor", "admin"); nullopt for anything else, "anonymous"
// included (no account has that role).
std::optional<Role> ParseRole(std::string_view name);

enum class AccountStatus { kPending = 0, kActive = 1, kDisabled = 2 };
std::string_view StatusName(AccountStatus status);  // "pending", "active", "disabled"

struct User {
  int64_t id = 0;
  std::string name;          // login name: unique, compared case-insensitively, 2-64 chars
  std::string display_name;  // as shown; the name when empty
  std::string email;
  std::string organisation;
  Role role = Role::kEditor;
  AccountStatus status = AccountStatus::kPending;
  std::string created_at;     // UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::string last_login_at;  // empty: never
};

// Who sends a request: anonymous (user_id 0), or a user through a session cookie or an API
// token. Built by the HTTP layer for each request.
struct Viewer {
  int64_t user_id = 0;
  std::string name;          // login name; empty for anonymous
  std::string display_name;  // for the header ("Ingelogd als ...")
  Role role = Role::kAnonymous;
  std::string session_hash;  // the session's stored hash (to log out); empty otherwise
  std::string csrf_token;    // the session's CSRF token; empty for anonymous and API tokens
  bool via_api_token = false;

  bool signed_in() const { return user_id != 0; }
  bool Can(Role needed) const { return role >= needed; }
  // Whether members-only pages, their files and their text are visible to this reader.
  bool reads_members_pages() const { return Can(Role::kMember); }
};

// A stored session: who, and until when.
struct SessionRecord {
  std::string token_hash;  // hex
  int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;  // UTC; the session is void from then on
};

struct ApiTokenRecord {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string label;  // what the owner called it ("import script")
  std::string created_at;
  std::string last_used_at;  // empty: never
  std::string revoked_at;    // empty: valid
};

struct AuditEntry {
  int64_t id = 0;
  std::string at;       // UTC
  std::string actor;    // login name, or "" for anonymous / the system
  std::string action;   // "login", "login_failed", "logout", "register", "approve", "role",
                        // "disable", "password", "token_create", "token_revoke", "delete",
                        // "restore", "trash_restore", "synonyms", "user_add" ...
  std::string target;   // the user name or page slug it concerns
  std::string detail;   // free text ("editor -> admin")
  std::string address;  // the client's address, when known
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Inserts a user (id and created_at are set by the store). kConflict when the name (case
  // insensitively) or the e-mail is taken.
  virtual Result<User> AddUser(const User& user, const std::string& password_hash) = 0;
  // kNotFound when absent. Lookups by name are case-insensitive.
  virtual Result<User> UserById(int64_t id) = 0;
  virtual Result<User> UserByName(std::string_view name) = 0;
  // The stored argon2id hash string of a user ("$argon2id$..."); kNotFound when absent.
  virtual Result<std::string> PasswordHash(int64_t user_id) = 0;
  // Every user, pending first, then by name.
  virtual std::vector<User> Users() = 0;
  virtual Status SetRole(int64_t user_id, Role role) = 0;
  virtual Status SetStatus(int64_t user_id, AccountStatus status) = 0;
  virtual Status SetPasswordHash(int64_t user_id, const std::string& password_hash) = 0;
  virtual Status SetLastLogin(int64_t user_id, const std::string& at) = 0;
  virtual int64_t CountUsers() = 0;

  virtual Status AddSession(const SessionRecord& session) = 0;
  // The session with that hash if it has not expired at `now` (UTC); nullopt otherwise.
  virtual std::optional<SessionRecord> FindSession(std::string_view token_hash,
                                                   std::string_view now) = 0;
  virtual Status RemoveSession(std::string_view token_hash) = 0;
  // Logs a user out everywhere.
  virtual Status RemoveSessionsOf(int64_t user_id) = 0;
  // Forgets sessions expired before `now`; answers how many.
  virtual int64_t RemoveExpiredSessions(std::string_view now) = 0;

  // Stores a token's hash; answers the record with id and created_at set.
  virtual Result<ApiTokenRecord> AddApiToken(int64_t user_id, const std::string& label,
                                             const std::string& token_hash) = 0;
  // The token record of a hash when it is not revoked (and records `now` as its last use).
  virtual std::optional<ApiTokenRecord> UseApiToken(std::string_view token_hash,
                                                    std::string_view now) = 0;
  virtual std::vector<ApiTokenRecord> ApiTokensOf(int64_t user_id) = 0;
  // kNotFound when the token is not the user's or already revoked.
  virtual Status RevokeApiToken(int64_t user_id, int64_t token_id, std::string_view now) = 0;

  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first; entries with id < before_id when before_id > 0 (paging), at most `limit`.
  virtual std::vector<AuditEntry> Audit(int64_t before_id, int limit) = 0;
};

}  // namespace kring
