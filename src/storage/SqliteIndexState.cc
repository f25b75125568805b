// SqliteIndexState: the index generation, the rebuild bookkeeping and the reads of `kring
// check`. Every statement is a named constant below.
#include "storage/SqliteIndexState.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/Schema.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

constexpr std::string_view kGeneration =
    "SELECT current, COALESCE(rebuilding, 0), snapshot IS NOT NULL FROM index_generation "
    "WHERE id = 1";
constexpr std::string_view kDeleteQueued = "DELETE FROM index_queue WHERE id = ?";
// AUTOINCREMENT keeps the highest id ever given in sqlite_sequence (no row before the first).
constexpr std::string_view kHighWaterMark =
    "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'index_queue'), 0)";
constexpr std::string_view kClearReplay = "DELETE FROM index_replay";
constexpr std::string_view kBeginRebuild =
    "UPDATE index_generation SET rebuilding = ?, snapshot = ? WHERE id = 1";
constexpr std::string_view kReplay =
    "INSERT INTO index_queue (slug, file_id, enqueued_at) "
    "SELECT slug, file_id, ? FROM index_replay ORDER BY id";
constexpr std::string_view kSwap =
    "UPDATE index_generation SET current = rebuilding, rebuilding = NULL, snapshot = NULL "
    "WHERE id = 1";

// `rebuilding` stays, so that the next rebuild takes a number of its own.
constexpr std::string_view kAbandon = "UPDATE index_generation SET snapshot = NULL WHERE id = 1";

constexpr std::string_view kLivePages = "SELECT slug FROM pages WHERE deleted_at = ''";
constexpr std::string_view kLiveFiles =
    "SELECT f.id FROM files f JOIN pages p ON p.id = f.page_id AND p.deleted_at = ''";
constexpr std::string_view kQueuedPages = "SELECT DISTINCT slug FROM index_queue WHERE file_id = 0";
constexpr std::string_view kQueuedFiles =
    "SELECT DISTINCT file_id FROM index_queue WHERE file_id <> 0";
constexpr std::string_view kEnqueue =
    "INSERT INTO index_queue (slug, file_id, enqueued_at) VALUES (?, ?, ?)";
constexpr std::string_view kFileBlobs = "SELECT id, sha256 FROM files ORDER BY id";
constexpr std::string_view kIntegrityCheck = "PRAGMA integrity_check";

struct GenerationRow {
  int64_t current = 0;
  int64_t rebuilding = 0;  // the last rebuild begun and not swapped in; 0: none
  bool active = false;     // that rebuild runs (it was not abandoned)

  bool Running(const IndexRebuild& rebuild) const {
    return active && rebuilding == rebuild.generation;
  }
};

Result<GenerationRow> ReadGeneration(Database& db) {
  Result<std::optional<GenerationRow>> row = db.QueryOne(kGeneration, [](const Statement& s) {
    return GenerationRow{s.Int64(0), s.Int64(1), s.Int64(2) != 0};
  });
  if (!row.ok()) return row.error();
  if (!row.value()) {
    return Error{ErrorCode::kInternal, "the index_generation row is missing from " + db.path()};
  }
  return *row.value();
}

// The pages and files of two queries answering a slug and a file id.
Result<IndexTargets> ReadTargets(Database& db, std::string_view pages, std::string_view files) {
  IndexTargets targets;
  Result<Statement> page_rows = db.Prepare(pages);
  if (!page_rows.ok()) return page_rows.error();
  Status read =
      page_rows->ForEachRow([&](const Statement& row) { targets.pages.insert(row.Text(0)); });
  if (!read.ok()) return read.error();
  Result<Statement> file_rows = db.Prepare(files);
  if (!file_rows.ok()) return file_rows.error();
  read = file_rows->ForEachRow([&](const Statement& row) { targets.files.insert(row.Int64(0)); });
  if (!read.ok()) return read.error();
  return targets;
}

}  // namespace

Result<std::unique_ptr<SqliteIndexState>> SqliteIndexState::Open(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.error();
  if (Status migrated = db.value()->Migrate(sqlite::Migrations()); !migrated.ok()) {
    return migrated.error();
  }
  auto state = std::make_unique<SqliteIndexState>(path);
  state->connections_.Adopt(std::move(db).value());
  return state;
}

Result<int64_t> SqliteIndexState::CurrentGeneration() {
  return connections_.With([&](Database& db) -> Result<int64_t> {
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    return row.value().current;
  });
}

Result<bool> SqliteIndexState::MarkIndexedIn(int64_t generation, const std::vector<int64_t>& ids) {
  return connections_.With([&](Database& db) -> Result<bool> {
    // IMMEDIATE: the generation read here cannot change before the commit (FinishRebuild
    // takes the same write lock), so rows are deleted only for the generation that is current.
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    if (row.value().current != generation) return false;
    for (int64_t id : ids) {
      if (Status deleted = db.Execute(kDeleteQueued, id); !deleted.ok()) return deleted.error();
    }
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return true;
  });
}

Result<IndexRebuild> SqliteIndexState::BeginRebuild() {
  return connections_.With([&](Database& db) -> Result<IndexRebuild> {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    Result<std::optional<int64_t>> mark =
        db.QueryOne(kHighWaterMark, [](const Statement& s) { return s.Int64(0); });
    if (!mark.ok()) return mark.error();
    IndexRebuild rebuild{std::max(row.value().current, row.value().rebuilding) + 1,
                         mark.value().value_or(0)};
    if (Status cleared = db.Execute(kClearReplay); !cleared.ok()) return cleared.error();
    if (Status begun = db.Execute(kBeginRebuild, rebuild.generation, rebuild.snapshot);
        !begun.ok()) {
      return begun.error();
    }
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return rebuild;
  });
}

Result<int64_t> SqliteIndexState::FinishRebuild(const IndexRebuild& rebuild) {
  return connections_.With([&](Database& db) -> Result<int64_t> {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    if (!row.value().Running(rebuild)) {
      return Error{
          ErrorCode::kConflict,
          "another rebuild of the search index began meanwhile, or this one was abandoned"};
    }
    if (Status replayed = db.Execute(kReplay, NowUtc()); !replayed.ok()) return replayed.error();
    const int64_t rows = db.ChangedRows();
    if (Status cleared = db.Execute(kClearReplay); !cleared.ok()) return cleared.error();
    if (Status swapped = db.Execute(kSwap); !swapped.ok()) return swapped.error();
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return rows;
  });
}

Status SqliteIndexState::AbandonRebuild(const IndexRebuild& rebuild) {
  return connections_.With([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    if (!row.value().Running(rebuild)) return Ok();
    if (Status cleared = db.Execute(kClearReplay); !cleared.ok()) return cleared;
    if (Status abandoned = db.Execute(kAbandon); !abandoned.ok()) return abandoned;
    return transaction->Commit();
  });
}

Result<std::optional<IndexRebuild>> SqliteIndexState::UnfinishedRebuild() {
  return connections_.With([&](Database& db) -> Result<std::optional<IndexRebuild>> {
    Result<GenerationRow> row = ReadGeneration(db);
    if (!row.ok()) return row.error();
    if (!row.value().active) return std::optional<IndexRebuild>();
    return std::optional<IndexRebuild>(IndexRebuild{.generation = row.value().rebuilding});
  });
}

Result<IndexTargets> SqliteIndexState::LiveTargets() {
  return connections_.With([&](Database& db) { return ReadTargets(db, kLivePages, kLiveFiles); });
}

Result<IndexTargets> SqliteIndexState::QueuedTargets() {
  return connections_.With(
      [&](Database& db) { return ReadTargets(db, kQueuedPages, kQueuedFiles); });
}

Status SqliteIndexState::Enqueue(const IndexTargets& targets) {
  return connections_.With([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    const std::string now = NowUtc();
    for (const std::string& slug : targets.pages) {
      if (Status queued = db.Execute(kEnqueue, slug, int64_t{0}, now); !queued.ok()) return queued;
    }
    // A file row needs no slug: the indexer finds the file's page itself (or that it is gone).
    for (int64_t file_id : targets.files) {
      if (Status queued = db.Execute(kEnqueue, "", file_id, now); !queued.ok()) return queued;
    }
    return transaction->Commit();
  });
}

Result<std::vector<FileBlob>> SqliteIndexState::FileBlobs() {
  return connections_.With([&](Database& db) {
    return db.QueryAll(kFileBlobs, [](const Statement& row) {
      return FileBlob{row.Int64(0), row.Text(1)};
    });
  });
}

Result<std::vector<std::string>> SqliteIndexState::IntegrityProblems() {
  return connections_.With([&](Database& db) -> Result<std::vector<std::string>> {
    Result<std::vector<std::string>> rows =
        db.QueryAll(kIntegrityCheck, [](const Statement& row) { return row.Text(0); });
    if (!rows.ok()) return rows.error();
    if (rows.value().size() == 1 && rows.value().front() == "ok") return std::vector<std::string>{};
    return rows;
  });
}

}  // namespace kring
