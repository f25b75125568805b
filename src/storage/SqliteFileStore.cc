// SqlitePageStore as a FileStore: file rows, their sections and their outbox rows in SQLite
// (tables in Schema.cc, version 2), the content in the blob folder (Blobs.cc).
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// ---- SQL -------------------------------------------------------------------------------------

constexpr std::string_view kFindPageId = "SELECT id FROM pages WHERE slug = ? AND deleted_at = ''";
constexpr std::string_view kFindSameFile =
    "SELECT id FROM files WHERE page_id = ? AND name = ? AND sha256 = ?";
constexpr std::string_view kInsertFile =
    "INSERT INTO files (page_id, name, name_lower, media_type, size, sha256, author, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

// Columns read by ReadFile. The files of a page in the trash are in the trash with it.
const std::string kSelectFile =
    "SELECT f.id, p.slug, f.name, f.media_type, f.size, f.sha256, f.author, f.created_at, "
    "f.extraction, f.extraction_error, f.title, f.section_kind, p.visibility "
    "FROM files f JOIN pages p ON p.id = f.page_id AND p.deleted_at = '' ";
const std::string kFileById = kSelectFile + "WHERE f.id = ?";
const std::string kFilesOfPage = kSelectFile + "WHERE p.slug = ? ORDER BY f.id";
// The newest upload wins: ids grow with time, also within one second.
const std::string kFileByName = kSelectFile + "WHERE f.name_lower = ? ORDER BY f.id DESC LIMIT 1";
constexpr std::string_view kAllContents = "SELECT DISTINCT sha256 FROM files";
constexpr std::string_view kSections =
    "SELECT number, text FROM file_sections WHERE file_id = ? ORDER BY number";

// Written as files_pending_extraction's WHERE clause, so that the partial index applies.
constexpr std::string_view kPendingExtractions =
    "SELECT id FROM files WHERE extraction = 'pending' ORDER BY id LIMIT ?";
constexpr std::string_view kUpdateExtraction =
    "UPDATE files SET extraction = ?, extraction_error = ?, title = ?, section_kind = ? "
    "WHERE id = ?";
constexpr std::string_view kDeleteSections = "DELETE FROM file_sections WHERE file_id = ?";
constexpr std::string_view kInsertSection =
    "INSERT INTO file_sections (file_id, number, text) VALUES (?, ?, ?)";
constexpr std::string_view kEnqueueFile =
    "INSERT INTO index_queue (slug, file_id, enqueued_at) "
    "SELECT p.slug, f.id, ? FROM files f JOIN pages p ON p.id = f.page_id WHERE f.id = ?";

// ---- Rows ------------------------------------------------------------------------------------

ExtractionState StateOf(const std::string& name) {
  for (ExtractionState state :
       {ExtractionState::kPending, ExtractionState::kDone, ExtractionState::kFailed}) {
    if (ExtractionStateName(state) == name) return state;
  }
  // The table's CHECK constraint admits no other value.
  return ExtractionState::kPending;
}

StoredFile ReadFile(const Statement& row) {
  StoredFile file;
  file.id = row.Int64(0);
  file.page_slug = row.Text(1);
  file.name = row.Text(2);
  file.media_type = row.Text(3);
  file.size = row.Int64(4);
  file.sha256 = row.Text(5);
  file.author = row.Text(6);
  file.created_at = row.Text(7);
  file.extraction = StateOf(row.Text(8));
  file.extraction_error = row.Text(9);
  file.title = row.Text(10);
  file.section_kind = row.Text(11);
  file.visibility = ParseVisibility(row.Text(12)).value_or(Visibility::kMembers);
  return file;
}

int64_t ReadId(const Statement& row) { return row.Int64(0); }

Error NoPage(std::string_view slug) {
  return Error{ErrorCode::kNotFound, "No page " + std::string(slug) + "."};
}

Error NoFile(int64_t id) {
  return Error{ErrorCode::kNotFound, "No file " + std::to_string(id) + "."};
}

// The id of the page called `slug`. Errors: kNotFound, or the database's error.
Result<int64_t> FindPageId(Database& db, std::string_view slug) {
  Result<std::optional<int64_t>> page = db.QueryOne(kFindPageId, ReadId, slug);
  if (!page.ok()) return page.error();
  if (!page.value()) return NoPage(slug);
  return *page.value();
}

// The file row, without sections. Errors: kNotFound, or the database's error.
Result<StoredFile> FindFile(Database& db, int64_t id) {
  Result<std::optional<StoredFile>> file = db.QueryOne(kFileById, ReadFile, id);
  if (!file.ok()) return file.error();
  if (!file.value()) return NoFile(id);
  return std::move(*file.value());
}

// Adds the row for an upload whose content is stored, or finds the row of the same upload
// made before. Answers its id. REQUIRES: a write transaction is open on `db`, so that no
// identical upload commits between the lookup and the insert.
Result<int64_t> AddFileRow(Database& db, const NewFile& file, const std::string& sha256) {
  Result<int64_t> page_id = FindPageId(db, file.page_slug);
  if (!page_id.ok()) return page_id;
  Result<std::optional<int64_t>> same =
      db.QueryOne(kFindSameFile, ReadId, page_id.value(), file.name, sha256);
  if (!same.ok()) return same.error();
  if (same.value()) return *same.value();
  const std::string author = Trim(file.author).empty() ? "anonymous" : file.author;
  if (Status inserted =
          db.Execute(kInsertFile, page_id.value(), file.name, ToLower(file.name), file.media_type,
                     static_cast<int64_t>(file.content.size()), sha256, author, NowUtc());
      !inserted.ok()) {
    return inserted.error();
  }
  return db.LastInsertId();
}

// What SaveExtraction refuses before writing anything.
Status CheckExtraction(const Extraction& extraction) {
  if (extraction.state == ExtractionState::kPending) {
    return Error{ErrorCode::kInvalidInput, "An extraction to save is done or failed, not pending."};
  }
  std::vector<int> numbers;
  for (const FileSection& section : extraction.sections) numbers.push_back(section.number);
  std::sort(numbers.begin(), numbers.end());
  if (std::adjacent_find(numbers.begin(), numbers.end()) != numbers.end()) {
    return Error{ErrorCode::kInvalidInput, "Two sections of the extraction share a number."};
  }
  return Ok();
}

Status WriteExtraction(Database& db, int64_t id, const Extraction& extraction) {
  if (Status updated = db.Execute(kUpdateExtraction, ExtractionStateName(extraction.state),
                                  extraction.error, extraction.title, extraction.section_kind, id);
      !updated.ok()) {
    return updated;
  }
  if (db.ChangedRows() == 0) return NoFile(id);
  if (Status cleared = db.Execute(kDeleteSections, id); !cleared.ok()) return cleared;
  for (const FileSection& section : extraction.sections) {
    if (Status added = db.Execute(kInsertSection, id, section.number, section.text); !added.ok()) {
      return added;
    }
  }
  return db.Execute(kEnqueueFile, NowUtc(), id);
}

}  // namespace

Result<StoredFile> SqlitePageStore::PutFile(const NewFile& file) {
  return WithConnection([&](Database& db) -> Result<StoredFile> {
    // Refuse a missing page before writing anything to disk.
    if (Result<int64_t> page = FindPageId(db, file.page_slug); !page.ok()) return page.error();
    // The content is made durable first and outside the transaction: writing and fsyncing
    // megabytes must not hold the database's write lock, and a row must never name content
    // that is not on disk.
    const std::string sha256 = storage::Sha256Hex(file.content);
    if (Status stored = blobs_.Put(sha256, file.content); !stored.ok()) return stored.error();

    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    // A server starting meanwhile (RemoveUnnamedContent) may have taken the content for a
    // crash's leftover; under the write lock it no longer can, so put it back.
    if (!blobs_.Has(sha256)) {
      if (Status stored = blobs_.Put(sha256, file.content); !stored.ok()) return stored.error();
    }
    Result<int64_t> id = AddFileRow(db, file, sha256);
    if (!id.ok()) return id.error();
    Result<StoredFile> stored = FindFile(db, id.value());
    if (!stored.ok()) return stored;
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return stored;
  });
}

Result<int> SqlitePageStore::RemoveUnnamedContent() {
  return WithConnection([&](Database& db) -> Result<int> {
    // Taken for its lock only: it writes nothing, and rolls back when it ends.
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<std::vector<std::string>> named =
        db.QueryAll(kAllContents, [](const Statement& row) { return row.Text(0); });
    if (!named.ok()) return named.error();
    return blobs_.RemoveUnnamed(std::set<std::string>(named->begin(), named->end()));
  });
}

Result<StoredFile> SqlitePageStore::GetFile(int64_t id) {
  return WithConnection([&](Database& db) -> Result<StoredFile> {
    Result<StoredFile> file = FindFile(db, id);
    if (!file.ok()) return file;
    Result<std::vector<FileSection>> sections = db.QueryAll(
        kSections,
        [](const Statement& row) {
          return FileSection{static_cast<int>(row.Int64(0)), row.Text(1)};
        },
        id);
    if (!sections.ok()) return sections.error();
    file->sections = std::move(sections).value();
    return file;
  });
}

std::string SqlitePageStore::ContentPath(const StoredFile& file) {
  return blobs_.PathOf(file.sha256);
}

std::vector<StoredFile> SqlitePageStore::FilesOfPage(std::string_view page_slug) {
  return ValueOr(
      WithConnection([&](Database& db) { return db.QueryAll(kFilesOfPage, ReadFile, page_slug); }));
}

std::optional<StoredFile> SqlitePageStore::FindFileByName(std::string_view name) {
  return ValueOr(WithConnection(
      [&](Database& db) { return db.QueryOne(kFileByName, ReadFile, ToLower(Trim(name))); }));
}

std::vector<int64_t> SqlitePageStore::PendingExtractions(int limit) {
  if (limit <= 0) return {};
  return ValueOr(WithConnection(
      [&](Database& db) { return db.QueryAll(kPendingExtractions, ReadId, limit); }));
}

Status SqlitePageStore::SaveExtraction(int64_t id, const Extraction& extraction) {
  if (Status checked = CheckExtraction(extraction); !checked.ok()) return checked;
  return WithConnection([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    if (Status written = WriteExtraction(db, id, extraction); !written.ok()) return written;
    return transaction->Commit();
  });
}

}  // namespace kring
