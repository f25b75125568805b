// Database, Statement and Transaction: RAII over the SQLite C API (see Database.h).
#include "storage/Database.h"

#include <sqlite3.h>

#include <filesystem>
#include <utility>

namespace kring::sqlite {
namespace {

constexpr std::string_view kBegin = "BEGIN IMMEDIATE";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";
// Nested transactions: one name serves every level, as SQLite acts on the innermost savepoint
// of a name and nested Transactions end innermost first.
constexpr std::string_view kSavepoint = "SAVEPOINT kring_nested";
constexpr std::string_view kRelease = "RELEASE kring_nested";
constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO kring_nested";
constexpr std::string_view kSchemaVersion = "PRAGMA user_version";

// busy_timeout comes first so that the pragmas after it wait for a lock instead of failing.
constexpr std::string_view kBusyTimeout = "PRAGMA busy_timeout = 5000";
constexpr std::string_view kJournalWal = "PRAGMA journal_mode = WAL";
constexpr std::string_view kJournalDelete = "PRAGMA journal_mode = DELETE";
constexpr std::string_view kSynchronousFull = "PRAGMA synchronous = FULL";
constexpr std::string_view kForeignKeys = "PRAGMA foreign_keys = ON";

std::string Message(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

// What a nested transaction answers once SQLite has rolled back the one enclosing it.
Error EnclosingRolledBack(const std::string& path) {
  return Error{ErrorCode::kUnavailable,
               "the enclosing transaction on " + path + " was rolled back"};
}

Error Unavailable(const std::string& path, std::string_view reason) {
  return Error{ErrorCode::kUnavailable,
               "cannot open database " + path + ": " + std::string(reason)};
}

// Opens a connection with `flags` (NOMUTEX added: each connection is used by one thread, so
// SQLite's per-connection lock is waste) and extended result codes.
Result<ConnectionHandle> OpenConnection(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  ConnectionHandle handle(raw);  // SQLite may hand out a handle even on failure
  if (rc != SQLITE_OK) return Unavailable(path, Message(raw));
  sqlite3_extended_result_codes(raw, 1);
  return handle;
}

}  // namespace

void CloseConnection::operator()(sqlite3* db) const {
  // _v2: should a statement still be alive, the connection closes once it is finalized
  // instead of leaking.
  sqlite3_close_v2(db);
}

void FinalizeStatement::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Error ToError(int rc, std::string_view context, std::string_view sqlite_message) {
  ErrorCode code = ErrorCode::kInternal;
  switch (rc & 0xff) {  // the primary code: SQLITE_IOERR_WRITE is an SQLITE_IOERR
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      code = ErrorCode::kUnavailable;
      break;
    default:
      break;
  }
  std::string message(context);
  message += ": ";
  message += sqlite_message;
  return Error{code, std::move(message)};
}

// ---- Statement -------------------------------------------------------------------------------

Statement::Statement(sqlite3_stmt* cached, bool* in_use, StatementHandle owned)
    : stmt_(owned ? owned.get() : cached), in_use_(in_use), owned_(std::move(owned)) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      owned_(std::move(other.owned_)),
      bind_error_(std::move(other.bind_error_)) {}

Statement::~Statement() {
  if (!stmt_) return;  // moved from
  if (!owned_) {
    // Leave the cached statement clean: no open read cursor holding back WAL checkpoints, and no
    // stale values for the next caller.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  if (in_use_) *in_use_ = false;
}

void Statement::NoteBindResult(int rc, int index) {
  if (rc == SQLITE_OK || bind_error_) return;
  bind_error_ =
      ToError(rc, "binding parameter " + std::to_string(index) + " of " + sqlite3_sql(stmt_),
              sqlite3_errstr(rc));
}

Statement& Statement::BindText(int index, std::string_view value) {
  NoteBindResult(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
  return *this;
}

Statement& Statement::BindInt64(int index, int64_t value) {
  NoteBindResult(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBindResult(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_) return *bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return ToError(rc, sqlite3_sql(stmt_), sqlite3_errmsg(sqlite3_db_handle(stmt_)));
}

Status Statement::Run() {
  return ForEachRow([](const Statement&) {});
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!text) return {};
  // Bytes after column_text: the length of the UTF-8 form just produced.
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int64_t Statement::Int64(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

// ---- Database --------------------------------------------------------------------------------

Database::Database(ConnectionHandle handle, std::string path)
    : db_(std::move(handle)), path_(std::move(path)) {}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  Result<ConnectionHandle> handle =
      OpenConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!handle.ok()) return handle.error();
  auto db = std::make_unique<Database>(std::move(handle).value(), path);
  // SQLite reads the file lazily: a file that is not a database fails here, at journal_mode.
  for (std::string_view pragma : {kBusyTimeout, kJournalWal, kSynchronousFull, kForeignKeys}) {
    Result<Statement> stmt = db->Prepare(pragma);
    if (!stmt.ok()) return Unavailable(path, stmt.error().message);
    Result<bool> row = stmt->Step();
    if (!row.ok()) return Unavailable(path, Message(db->db_.get()));
    if (pragma == kJournalWal && (!row.value() || stmt->Text(0) != "wal")) {
      return Unavailable(path, "the file system does not support write-ahead logging");
    }
  }
  return db;
}

Result<std::unique_ptr<Database>> Database::OpenReadOnly(const std::string& path) {
  Result<ConnectionHandle> handle = OpenConnection(path, SQLITE_OPEN_READONLY);
  if (!handle.ok()) return handle.error();
  auto db = std::make_unique<Database>(std::move(handle).value(), path);
  if (Status busy = db->Execute(kBusyTimeout); !busy.ok()) {
    return Unavailable(path, busy.error().message);
  }
  return db;
}

Status Database::CopyTo(const std::string& target) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) return Unavailable(target, "it exists already");
  Result<ConnectionHandle> copy =
      OpenConnection(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!copy.ok()) return copy.error();
  sqlite3* to = copy.value().get();
  // Removes what was written unless the copy completes.
  struct PartialCopy {
    const std::string& path;
    bool done = false;
    ~PartialCopy() {
      if (done) return;
      std::error_code ignored;  // best effort on a path that already reports its failure
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix, ignored);
      }
    }
  } partial{target};
  const std::string context = "cannot copy " + path_ + " to " + target;
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", db_.get(), "main");
  if (!backup) return ToError(sqlite3_errcode(to), context, Message(to));
  const int stepped = sqlite3_backup_step(backup, -1);  // -1: every page, in one step
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) return ToError(stepped, context, sqlite3_errstr(stepped));
  if (finished != SQLITE_OK) return ToError(finished, context, Message(to));
  // The copied header says WAL, as the source's does; a backup is better one plain file.
  if (int rc = sqlite3_exec(to, std::string(kJournalDelete).c_str(), nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    return ToError(rc, context, Message(to));
  }
  if (int rc = sqlite3_close(copy.value().release()); rc != SQLITE_OK) {
    return ToError(rc, context, sqlite3_errstr(rc));
  }
  partial.done = true;
  return Ok();
}

Result<StatementHandle> Database::Compile(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StatementHandle stmt(raw);
  if (rc != SQLITE_OK) {
    return ToError(rc, "preparing " + std::string(sql), Message(db_.get()));
  }
  if (!stmt) return Error{ErrorCode::kInternal, "no SQL statement in: " + std::string(sql)};
  return stmt;
}

Result<Statement> Database::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    Result<StatementHandle> compiled = Compile(sql);
    if (!compiled.ok()) return compiled.error();
    it = cache_.emplace(std::string(sql), CachedStatement{std::move(compiled).value()}).first;
  }
  CachedStatement& cached = it->second;
  if (cached.in_use) {
    Result<StatementHandle> one_off = Compile(sql);
    if (!one_off.ok()) return one_off.error();
    return Statement(nullptr, nullptr, std::move(one_off).value());
  }
  cached.in_use = true;
  return Statement(cached.stmt.get(), &cached.in_use, nullptr);
}

Status Database::ExecuteScript(const std::string& sql) {
  char* raw_message = nullptr;
  int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &raw_message);
  std::string message = raw_message ? raw_message : Message(db_.get());
  sqlite3_free(raw_message);
  if (rc != SQLITE_OK) return ToError(rc, "migrating " + path_, message);
  return Ok();
}

Result<int64_t> Database::SchemaVersion() {
  Result<Statement> stmt = Prepare(kSchemaVersion);
  if (!stmt.ok()) return stmt.error();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.error();
  return row.value() ? stmt->Int64(0) : 0;
}

Status Database::Migrate(const std::vector<std::string_view>& migrations) {
  // The version is read inside the write transaction, so two processes opening the same new
  // database cannot both run a migration.
  Result<Transaction> transaction = Transaction::Begin(*this);
  if (!transaction.ok()) return transaction.error();
  Result<int64_t> version = SchemaVersion();
  if (!version.ok()) return version.error();
  const auto known = static_cast<int64_t>(migrations.size());
  if (version.value() > known) {
    return Error{ErrorCode::kUnavailable,
                 "database " + path_ + " has schema version " + std::to_string(version.value()) +
                     ", newer than this build knows (" + std::to_string(known) + ")"};
  }
  if (version.value() == known) return Ok();
  for (int64_t i = version.value(); i < known; ++i) {
    if (Status applied = ExecuteScript(std::string(migrations[static_cast<size_t>(i)]));
        !applied.ok()) {
      return applied.error();
    }
  }
  // PRAGMA takes no parameters; the number is our own count of migrations, not input.
  if (Status set = ExecuteScript("PRAGMA user_version = " + std::to_string(known)); !set.ok()) {
    return set.error();
  }
  return transaction->Commit();
}

int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }

int64_t Database::ChangedRows() const { return sqlite3_changes64(db_.get()); }

bool Database::InAutocommit() const { return sqlite3_get_autocommit(db_.get()) != 0; }

// ---- Transaction -----------------------------------------------------------------------------

Result<Transaction> Transaction::Begin(Database& db) {
  const bool nested = db.transaction_depth_ > 0;
  if (nested && db.InAutocommit()) return EnclosingRolledBack(db.path());
  if (Status begun = db.Execute(nested ? kSavepoint : kBegin); !begun.ok()) return begun.error();
  ++db.transaction_depth_;
  return Transaction(db, nested);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), nested_(other.nested_) {}

Transaction::~Transaction() {
  if (!db_) return;
  // After some errors (a full disk, I/O) SQLite has already rolled back, and ROLLBACK would
  // fail. With a transaction open it cannot fail (since SQLite 3.7.11 pending reads no longer
  // block it), so ignoring its result here hides nothing; the same holds for a savepoint.
  if (!db_->InAutocommit()) {
    if (nested_) {
      (void)db_->Execute(kRollbackToSavepoint);
      (void)db_->Execute(kRelease);
    } else {
      (void)db_->Execute(kRollback);
    }
  }
  Finish();
}

Status Transaction::Commit() {
  if (!db_) return Error{ErrorCode::kInternal, "commit of a finished transaction"};
  if (nested_ && db_->InAutocommit()) return EnclosingRolledBack(db_->path());
  if (Status committed = db_->Execute(nested_ ? kRelease : kCommit); !committed.ok()) {
    return committed.error();
  }
  Finish();
  return Ok();
}

void Transaction::Finish() {
  --db_->transaction_depth_;
  db_ = nullptr;
}

}  // namespace kring::sqlite
