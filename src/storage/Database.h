// Database: a thin RAII layer over one SQLite connection, its prepared statements and its
// transactions. Everything SQLite reports is turned into a kring::Error here, so the rest of
// storage/ handles Result values and never an SQLite return code.
//
// Thread-safety: a Database and the Statements it hands out belong to one thread at a time.
// Connections are opened in SQLite's multi-thread mode (no per-connection mutex); sharing one
// between threads needs external locking. SqlitePageStore gives each thread its own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/Result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kring::sqlite {

struct CloseConnection {
  void operator()(sqlite3* db) const;
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* stmt) const;
};
using ConnectionHandle = std::unique_ptr<sqlite3, CloseConnection>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// One prepared statement in use: bind, step, read columns. Obtained from Database::Prepare.
// On destruction it is reset and its bindings cleared, so the cached statement is ready for the
// next caller. A Statement must not outlive the Database it came from.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered from 1, as in SQLite. A failed bind is remembered and reported by
  // the next Step, so call sites can bind without checking each value.
  Statement& BindText(int index, std::string_view value);
  Statement& BindInt64(int index, int64_t value);
  Statement& BindNull(int index);
  // Binds the values to parameters 1..N in order (text, integers or std::nullopt).
  template <typename... Values>
  Statement& Bind(const Values&... values) {
    [[maybe_unused]] int index = 0;
    (BindValue(++index, values), ...);
    return *this;
  }

  // Advances to the next row. true: a row is available; false: the statement is done.
  // Errors: kUnavailable when the database is busy or locked, kInternal otherwise.
  Result<bool> Step();
  // Steps until done, ignoring any rows (INSERT, UPDATE, DELETE, PRAGMA).
  Status Run();
  // Calls `on_row(*this)` for every row.
  template <typename OnRow>
  Status ForEachRow(OnRow&& on_row) {
    while (true) {
      Result<bool> row = Step();
      if (!row.ok()) return row.error();
      if (!row.value()) return Ok();
      on_row(static_cast<const Statement&>(*this));
    }
  }

  // Column readers for the current row; columns are numbered from 0. NULL reads as "" or 0.
  std::string Text(int column) const;
  int64_t Int64(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Database;
  // `cached` is the statement owned by the connection's cache and `in_use` its busy flag;
  // `owned` is a one-off statement (used when the cached one is already active).
  Statement(sqlite3_stmt* cached, bool* in_use, StatementHandle owned);

  void BindValue(int index, std::string_view value) { BindText(index, value); }
  void BindValue(int index, int64_t value) { BindInt64(index, value); }
  void BindValue(int index, int value) { BindInt64(index, value); }
  void BindValue(int index, std::nullopt_t) { BindNull(index); }
  void NoteBindResult(int rc, int index);

  sqlite3_stmt* stmt_;
  bool* in_use_;           // null for a one-off statement
  StatementHandle owned_;  // null for a cached statement
  std::optional<Error> bind_error_;
};

// One SQLite connection with its statement cache.
class Database {
 public:
  // Opens (creating if needed) the database file at `path` and configures the connection:
  // busy_timeout=5000, journal_mode=WAL, synchronous=FULL (a committed transaction survives a
  // power cut), foreign_keys=ON. The parent folder must exist.
  // Errors: kUnavailable naming the path and SQLite's reason when the file cannot be opened,
  // is not a database, or cannot use WAL.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  // Opens the existing database file at `path` for reading only: nothing is written to it or
  // beside it, so it may sit on read-only media (a backup). busy_timeout=5000, no journal mode
  // set. REQUIRES: the file is in rollback-journal mode (as CopyTo leaves it), or a WAL-mode
  // database whose folder is writable. Errors: kUnavailable as Open, also when it is absent.
  static Result<std::unique_ptr<Database>> OpenReadOnly(const std::string& path);

  // Use Open; public only so that std::make_unique can call it.
  Database(ConnectionHandle handle, std::string path);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A statement for `sql`, prepared once per connection and reused afterwards (the cache is
  // keyed by the SQL text, so pass the named constants, never SQL built from values).
  // A statement already in use (a nested query on the same SQL) gets a fresh one-off copy.
  // Errors: kInternal for SQL that does not compile.
  Result<Statement> Prepare(std::string_view sql);
  // Prepares, binds `values` to parameters 1..N, runs to completion and ignores any rows.
  template <typename... Values>
  Status Execute(std::string_view sql, const Values&... values) {
    Result<Statement> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.error();
    return stmt->Bind(values...).Run();
  }
  // Every row of a query, each turned into a value by `read(const Statement&)`.
  template <typename Read, typename... Values,
            typename Row = std::invoke_result_t<Read&, const Statement&>>
  Result<std::vector<Row>> QueryAll(std::string_view sql, Read&& read, const Values&... values) {
    Result<Statement> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.error();
    std::vector<Row> rows;
    Status done =
        stmt->Bind(values...).ForEachRow([&](const Statement& row) { rows.push_back(read(row)); });
    if (!done.ok()) return done.error();
    return rows;
  }
  // The first row of a query turned into a value by `read`; nullopt when there is none.
  template <typename Read, typename... Values,
            typename Row = std::invoke_result_t<Read&, const Statement&>>
  Result<std::optional<Row>> QueryOne(std::string_view sql, Read&& read, const Values&... values) {
    Result<Statement> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.error();
    Result<bool> row = stmt->Bind(values...).Step();
    if (!row.ok()) return row.error();
    if (!row.value()) return std::optional<Row>();
    return std::optional<Row>(read(static_cast<const Statement&>(stmt.value())));
  }

  // Copies the whole database into a new file `target` (which must not exist) with SQLite's
  // online backup API, in a single step: that is one read transaction here, so the copy holds
  // one committed state while other connections keep writing (a copy in several steps starts
  // over after each of their commits, and may never finish on a busy server). The copy is left
  // in rollback-journal mode (journal_mode=DELETE): one self-contained file, readable with
  // OpenReadOnly. REQUIRES: no transaction open on this connection. Errors: kUnavailable when
  // `target` exists or cannot be written (no space, no permission), kInternal otherwise; a
  // partly written `target` is removed.
  Status CopyTo(const std::string& target);

  // Brings the schema to version migrations.size(): migration i (0-based) moves it from
  // version i to i+1, and PRAGMA user_version records where a database stands, so each
  // migration runs once per database. All pending migrations run in one transaction.
  // Errors: kUnavailable when the database is newer than `migrations` knows; kInternal when a
  // migration fails (the database is left as it was).
  Status Migrate(const std::vector<std::string_view>& migrations);
  // PRAGMA user_version: the number of migrations applied.
  Result<int64_t> SchemaVersion();

  // The rowid of the last INSERT on this connection.
  int64_t LastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t ChangedRows() const;
  // True when no transaction is open (SQLite rolls back by itself after some errors).
  bool InAutocommit() const;

  const std::string& path() const { return path_; }

 private:
  friend class Transaction;  // keeps transaction_depth_

  struct CachedStatement {
    StatementHandle stmt;
    bool in_use = false;
  };

  Result<StatementHandle> Compile(std::string_view sql);
  // Runs SQL text that may hold several statements (migrations only: constants, no values).
  Status ExecuteScript(const std::string& sql);

  // Declared before the cache so that the statements are finalized before the connection
  // closes (members are destroyed in reverse order).
  ConnectionHandle db_;
  std::string path_;
  std::unordered_map<std::string, CachedStatement> cache_;
  int transaction_depth_ = 0;  // kept by Transaction
};

// A transaction, rolled back on destruction unless Commit succeeded.
//
// The outermost one is IMMEDIATE: it takes the write lock at BEGIN, so two writers wait for
// each other (busy_timeout) instead of failing when both try to upgrade a read lock.
// A Transaction begun while another is open on the same connection is nested: a SAVEPOINT.
// Committing it (RELEASE) keeps its changes for the enclosing transaction to commit or roll
// back; rolling it back (ROLLBACK TO, then RELEASE) undoes only its own changes. So a store
// method that writes in its own transaction can run inside a caller's larger one (a batch).
// REQUIRES: nested transactions end before the one enclosing them (as scopes do).
class Transaction {
 public:
  // Errors: kUnavailable when the write lock stays taken past the busy timeout; for a nested
  // transaction, kUnavailable too when SQLite has already rolled back the enclosing one (after
  // a full disk or an I/O error), so that nothing is written outside it.
  static Result<Transaction> Begin(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // After a failed commit the transaction is still open and the destructor rolls it back.
  Status Commit();

 private:
  Transaction(Database& db, bool nested) : db_(&db), nested_(nested) {}
  void Finish();

  Database* db_;  // null once committed or moved from
  bool nested_;   // a SAVEPOINT inside an enclosing transaction
};

// The kring::Error for an SQLite result code: kUnavailable for a busy or locked database, a
// full disk or an I/O failure (worth retrying later), kInternal for anything else.
Error ToError(int rc, std::string_view context, std::string_view sqlite_message);

}  // namespace kring::sqlite
