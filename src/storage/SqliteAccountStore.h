// SqliteAccountStore: the AccountStore of kring in kring.db (tables users, sessions,
// api_tokens and audit_log; see the accounts migration in Schema.cc).
//
// Thread-safe: each calling thread gets its own connection (ThreadConnections), as in
// SqlitePageStore; the two stores may be open on the same file at once. The store must outlive
// every call made on it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/Accounts.h"
#include "core/Result.h"
#include "storage/ThreadConnections.h"

namespace kring {

class SqliteAccountStore : public AccountStore {
 public:
  // Receives the failures of methods whose contract has no error channel (the lists, counts and
  // lookups answering nullopt). Called on the failing thread.
  using ErrorSink = std::function<void(const Error&)>;

  // Opens the database file at `path`, creating it and applying pending migrations (all of
  // them: the schema is one). The parent folder must exist. `on_error` defaults to one line on
  // stderr. Errors: kUnavailable naming the path and SQLite's reason (cannot open, not a
  // database, schema newer than this build); kInternal when a migration fails.
  static Result<std::unique_ptr<SqliteAccountStore>> Open(const std::string& path,
                                                          ErrorSink on_error = {});

  // Only Open can name the key, so only Open constructs; public for std::make_unique.
  class Key {
    friend class SqliteAccountStore;
    Key() = default;
  };
  SqliteAccountStore(Key, std::string path, ErrorSink on_error);
  ~SqliteAccountStore() override;

  // AccountStore; failures as documented there, plus kUnavailable when the database is busy
  // past its timeout or the disk fails, and kInternal for anything unexpected. kConflict
  // messages name the field ("name" or "e-mail") that is taken.
  Result<User> AddUser(const User& user, const std::string& password_hash) override;
  Result<User> UserById(int64_t id) override;
  Result<User> UserByName(std::string_view name) override;
  Result<std::string> PasswordHash(int64_t user_id) override;
  std::vector<User> Users() override;
  Status SetRole(int64_t user_id, Role role) override;
  Status SetStatus(int64_t user_id, AccountStatus status) override;
  Status SetPasswordHash(int64_t user_id, const std::string& password_hash) override;
  Status SetLastLogin(int64_t user_id, const std::string& at) override;
  int64_t CountUsers() override;

  Status AddSession(const SessionRecord& session) override;
  std::optional<SessionRecord> FindSession(std::string_view token_hash,
                                           std::string_view now) override;
  Status RemoveSession(std::string_view token_hash) override;
  Status RemoveSessionsOf(int64_t user_id) override;
  int64_t RemoveExpiredSessions(std::string_view now) override;

  Result<ApiTokenRecord> AddApiToken(int64_t user_id, const std::string& label,
                                     const std::string& token_hash) override;
  // Writes last_used_at only when it changes (at most once a second per token).
  std::optional<ApiTokenRecord> UseApiToken(std::string_view token_hash,
                                            std::string_view now) override;
  std::vector<ApiTokenRecord> ApiTokensOf(int64_t user_id) override;
  Status RevokeApiToken(int64_t user_id, int64_t token_id, std::string_view now) override;

  // A failure also goes to the error sink (the callers record what has already happened).
  // An empty entry.at is stored as now.
  Status AppendAudit(const AuditEntry& entry) override;
  std::vector<AuditEntry> Audit(int64_t before_id, int limit) override;

 private:
  // The value of `result`, or `fallback` after passing the error to the sink.
  template <typename T>
  T ValueOr(Result<T> result, std::type_identity_t<T> fallback = T{}) {
    if (result.ok()) return std::move(result).value();
    on_error_(result.error());
    return fallback;
  }
  // kNotFound naming the user when an UPDATE changed no row.
  template <typename... Values>
  Status UpdateUser(std::string_view sql, int64_t user_id, const Values&... values);

  const ErrorSink on_error_;
  sqlite::ThreadConnections connections_;
};

}  // namespace kring
