// SqliteAccountStore: users, sessions, API tokens and the audit log in SQLite. The tables are
// created by the accounts migration in Schema.cc; every statement is a named constant below.
#include "storage/SqliteAccountStore.h"

#include <cstdint>
#include <iostream>
#include <limits>
#include <utility>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/Schema.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// ---- Users -----------------------------------------------------------------------------------

// Columns read by ReadUser. name and email compare without regard to ASCII case (their
// columns are COLLATE NOCASE).
const std::string kSelectUser =
    "SELECT id, name, display_name, email, organisation, role, status, created_at, "
    "last_login_at FROM users ";
const std::string kUserById = kSelectUser + "WHERE id = ?";
const std::string kUserByName = kSelectUser + "WHERE name = ?";
const std::string kUsers = kSelectUser + "ORDER BY status <> 'pending', name, id";
constexpr std::string_view kNameTaken = "SELECT 1 FROM users WHERE name = ?";
constexpr std::string_view kEmailTaken = "SELECT 1 FROM users WHERE email = ? AND email <> ''";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (name, email, display_name, organisation, role, status, password_hash, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kPasswordHash = "SELECT password_hash FROM users WHERE id = ?";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM users";
// The value first, the user's id last (see UpdateUser).
constexpr std::string_view kSetRole = "UPDATE users SET role = ? WHERE id = ?";
constexpr std::string_view kSetStatus = "UPDATE users SET status = ? WHERE id = ?";
constexpr std::string_view kSetPasswordHash = "UPDATE users SET password_hash = ? WHERE id = ?";
constexpr std::string_view kSetLastLogin = "UPDATE users SET last_login_at = ? WHERE id = ?";

// ---- Sessions --------------------------------------------------------------------------------

constexpr std::string_view kAddSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?)";
// Times are UTC text of one format, so comparing the text compares the times.
constexpr std::string_view kFindSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = ? AND expires_at > ?";
constexpr std::string_view kRemoveSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr std::string_view kRemoveSessionsOf = "DELETE FROM sessions WHERE user_id = ?";
constexpr std::string_view kRemoveExpired = "DELETE FROM sessions WHERE expires_at <= ?";

// ---- API tokens ------------------------------------------------------------------------------

constexpr std::string_view kAddToken =
    "INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?)";
const std::string kSelectToken =
    "SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens ";
const std::string kFindToken = kSelectToken + "WHERE token_hash = ? AND revoked_at = ''";
const std::string kTokenById = kSelectToken + "WHERE id = ?";
const std::string kTokensOf = kSelectToken + "WHERE user_id = ? ORDER BY id DESC";
constexpr std::string_view kTouchToken = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = ''";

// ---- Audit log -------------------------------------------------------------------------------

constexpr std::string_view kAppendAudit =
    "INSERT INTO audit_log (at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kAudit =
    "SELECT id, at, actor, action, target, detail, address FROM audit_log WHERE id < ? "
    "ORDER BY id DESC LIMIT ?";

// ---- Row readers -----------------------------------------------------------------------------

AccountStatus ParseStatus(std::string_view name) {
  for (AccountStatus status :
       {AccountStatus::kPending, AccountStatus::kActive, AccountStatus::kDisabled}) {
    if (StatusName(status) == name) return status;
  }
  return AccountStatus::kDisabled;  // the schema's CHECK allows no other name
}

User ReadUser(const Statement& row) {
  User user;
  user.id = row.Int64(0);
  user.name = row.Text(1);
  user.display_name = row.Text(2);
  user.email = row.Text(3);
  user.organisation = row.Text(4);
  user.role = ParseRole(row.Text(5)).value_or(Role::kMember);
  user.status = ParseStatus(row.Text(6));
  user.created_at = row.Text(7);
  user.last_login_at = row.Text(8);
  return user;
}

SessionRecord ReadSession(const Statement& row) {
  return SessionRecord{row.Text(0), row.Int64(1), row.Text(2), row.Text(3), row.Text(4)};
}

ApiTokenRecord ReadToken(const Statement& row) {
  return ApiTokenRecord{row.Int64(0), row.Int64(1), row.Text(2),
                        row.Text(3),  row.Text(4),  row.Text(5)};
}

AuditEntry ReadAudit(const Statement& row) {
  return AuditEntry{row.Int64(0), row.Text(1), row.Text(2), row.Text(3),
                    row.Text(4),  row.Text(5), row.Text(6)};
}

bool ReadTrue(const Statement&) { return true; }

std::string ReadText(const Statement& row) { return row.Text(0); }

Error UnknownUser(int64_t user_id) {
  return Error{ErrorCode::kNotFound, "No user with id " + std::to_string(user_id) + "."};
}

// The row `query` finds, or kNotFound with `missing`.
template <typename T>
Result<T> Found(Result<std::optional<T>> row, Error missing) {
  if (!row.ok()) return row.error();
  if (!row.value()) return missing;
  return std::move(*row.value());
}

void WriteToStderr(const Error& error) {
  std::cerr << "kring accounts storage: " << error.message << std::endl;
}

}  // namespace

// ---- Opening ---------------------------------------------------------------------------------

Result<std::unique_ptr<SqliteAccountStore>> SqliteAccountStore::Open(const std::string& path,
                                                                     ErrorSink on_error) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.error();
  if (Status migrated = db.value()->Migrate(sqlite::Migrations()); !migrated.ok()) {
    return migrated.error();
  }
  auto store = std::make_unique<SqliteAccountStore>(
      Key{}, path, on_error ? std::move(on_error) : ErrorSink(WriteToStderr));
  store->connections_.Adopt(std::move(db).value());
  return store;
}

SqliteAccountStore::SqliteAccountStore(Key, std::string path, ErrorSink on_error)
    : on_error_(std::move(on_error)), connections_(std::move(path)) {}

SqliteAccountStore::~SqliteAccountStore() = default;

// ---- Users -----------------------------------------------------------------------------------

Result<User> SqliteAccountStore::AddUser(const User& user, const std::string& password_hash) {
  return connections_.With([&](Database& db) -> Result<User> {
    // The checks and the insert in one write transaction: two registrations of one name
    // cannot both pass the check.
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<std::optional<bool>> name_taken = db.QueryOne(kNameTaken, ReadTrue, user.name);
    if (!name_taken.ok()) return name_taken.error();
    if (name_taken.value()) {
      return Error{ErrorCode::kConflict, "The name " + user.name + " is taken."};
    }
    Result<std::optional<bool>> email_taken = db.QueryOne(kEmailTaken, ReadTrue, user.email);
    if (!email_taken.ok()) return email_taken.error();
    if (email_taken.value()) {
      return Error{ErrorCode::kConflict, "The e-mail address " + user.email + " is taken."};
    }
    User added = user;
    added.created_at = NowUtc();
    added.last_login_at.clear();
    if (Status inserted = db.Execute(kInsertUser, user.name, user.email, user.display_name,
                                     user.organisation, RoleName(user.role),
                                     StatusName(user.status), password_hash, added.created_at);
        !inserted.ok()) {
      return inserted.error();
    }
    added.id = db.LastInsertId();
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return added;
  });
}

Result<User> SqliteAccountStore::UserById(int64_t id) {
  return connections_.With(
      [&](Database& db) { return Found(db.QueryOne(kUserById, ReadUser, id), UnknownUser(id)); });
}

Result<User> SqliteAccountStore::UserByName(std::string_view name) {
  return connections_.With([&](Database& db) {
    return Found(db.QueryOne(kUserByName, ReadUser, name),
                 Error{ErrorCode::kNotFound, "No user named " + std::string(name) + "."});
  });
}

Result<std::string> SqliteAccountStore::PasswordHash(int64_t user_id) {
  return connections_.With([&](Database& db) {
    return Found(db.QueryOne(kPasswordHash, ReadText, user_id), UnknownUser(user_id));
  });
}

std::vector<User> SqliteAccountStore::Users() {
  return ValueOr(connections_.With([&](Database& db) { return db.QueryAll(kUsers, ReadUser); }));
}

template <typename... Values>
Status SqliteAccountStore::UpdateUser(std::string_view sql, int64_t user_id,
                                      const Values&... values) {
  return connections_.With([&](Database& db) -> Status {
    if (Status updated = db.Execute(sql, values..., user_id); !updated.ok()) return updated;
    if (db.ChangedRows() == 0) return UnknownUser(user_id);
    return Ok();
  });
}

Status SqliteAccountStore::SetRole(int64_t user_id, Role role) {
  if (!ParseRole(RoleName(role))) {
    return Error{ErrorCode::kInvalidInput, "No account can have the role anonymous."};
  }
  return UpdateUser(kSetRole, user_id, RoleName(role));
}

Status SqliteAccountStore::SetStatus(int64_t user_id, AccountStatus status) {
  return UpdateUser(kSetStatus, user_id, StatusName(status));
}

Status SqliteAccountStore::SetPasswordHash(int64_t user_id, const std::string& password_hash) {
  return UpdateUser(kSetPasswordHash, user_id, password_hash);
}

Status SqliteAccountStore::SetLastLogin(int64_t user_id, const std::string& at) {
  return UpdateUser(kSetLastLogin, user_id, at);
}

int64_t SqliteAccountStore::CountUsers() {
  return ValueOr(connections_.With([&](Database& db) -> Result<int64_t> {
    Result<std::optional<int64_t>> count =
        db.QueryOne(kCountUsers, [](const Statement& row) { return row.Int64(0); });
    if (!count.ok()) return count.error();
    return count.value().value_or(0);
  }));
}

// ---- Sessions --------------------------------------------------------------------------------

Status SqliteAccountStore::AddSession(const SessionRecord& session) {
  return connections_.With([&](Database& db) {
    return db.Execute(kAddSession, session.token_hash, session.user_id, session.csrf_token,
                      session.created_at, session.expires_at);
  });
}

std::optional<SessionRecord> SqliteAccountStore::FindSession(std::string_view token_hash,
                                                             std::string_view now) {
  return ValueOr(connections_.With(
      [&](Database& db) { return db.QueryOne(kFindSession, ReadSession, token_hash, now); }));
}

Status SqliteAccountStore::RemoveSession(std::string_view token_hash) {
  return connections_.With([&](Database& db) { return db.Execute(kRemoveSession, token_hash); });
}

Status SqliteAccountStore::RemoveSessionsOf(int64_t user_id) {
  return connections_.With([&](Database& db) { return db.Execute(kRemoveSessionsOf, user_id); });
}

int64_t SqliteAccountStore::RemoveExpiredSessions(std::string_view now) {
  return ValueOr(connections_.With([&](Database& db) -> Result<int64_t> {
    if (Status removed = db.Execute(kRemoveExpired, now); !removed.ok()) return removed.error();
    return db.ChangedRows();
  }));
}

// ---- API tokens ------------------------------------------------------------------------------

Result<ApiTokenRecord> SqliteAccountStore::AddApiToken(int64_t user_id, const std::string& label,
                                                       const std::string& token_hash) {
  return connections_.With([&](Database& db) -> Result<ApiTokenRecord> {
    if (Status added = db.Execute(kAddToken, user_id, label, token_hash, NowUtc()); !added.ok()) {
      return added.error();
    }
    const int64_t id = db.LastInsertId();
    return Found(db.QueryOne(kTokenById, ReadToken, id),
                 Error{ErrorCode::kInternal, "The new API token was not stored."});
  });
}

std::optional<ApiTokenRecord> SqliteAccountStore::UseApiToken(std::string_view token_hash,
                                                              std::string_view now) {
  return ValueOr(connections_.With([&](Database& db) -> Result<std::optional<ApiTokenRecord>> {
    Result<std::optional<ApiTokenRecord>> token = db.QueryOne(kFindToken, ReadToken, token_hash);
    if (!token.ok() || !token.value() || token.value()->last_used_at == now) return token;
    if (Status touched = db.Execute(kTouchToken, now, token.value()->id); !touched.ok()) {
      return touched.error();
    }
    token.value()->last_used_at = std::string(now);
    return token;
  }));
}

std::vector<ApiTokenRecord> SqliteAccountStore::ApiTokensOf(int64_t user_id) {
  return ValueOr(
      connections_.With([&](Database& db) { return db.QueryAll(kTokensOf, ReadToken, user_id); }));
}

Status SqliteAccountStore::RevokeApiToken(int64_t user_id, int64_t token_id, std::string_view now) {
  return connections_.With([&](Database& db) -> Status {
    if (Status revoked = db.Execute(kRevokeToken, now, token_id, user_id); !revoked.ok()) {
      return revoked;
    }
    if (db.ChangedRows() == 0) {
      return Error{ErrorCode::kNotFound,
                   "No valid API token " + std::to_string(token_id) + " of this user."};
    }
    return Ok();
  });
}

// ---- Audit log -------------------------------------------------------------------------------

Status SqliteAccountStore::AppendAudit(const AuditEntry& entry) {
  Status appended = connections_.With([&](Database& db) {
    return db.Execute(kAppendAudit, entry.at.empty() ? NowUtc() : entry.at, entry.actor,
                      entry.action, entry.target, entry.detail, entry.address);
  });
  // Callers record what has already happened and often have nowhere to report a failure.
  if (!appended.ok()) on_error_(appended.error());
  return appended;
}

std::vector<AuditEntry> SqliteAccountStore::Audit(int64_t before_id, int limit) {
  if (limit <= 0) return {};
  const int64_t before = before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
  return ValueOr(connections_.With(
      [&](Database& db) { return db.QueryAll(kAudit, ReadAudit, before, limit); }));
}

}  // namespace kring
