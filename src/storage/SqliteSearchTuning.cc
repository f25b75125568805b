// SqlitePageStore as a SynonymStore and a ZeroResultStore: what admins tune the search with,
// the edited synonym table (schema kSynonyms) and the searches that found nothing (kZeroResults).
#include <optional>
#include <string>
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

constexpr std::string_view kInsertSynonyms =
    "INSERT INTO synonym_versions (text, author, created_at) VALUES (?, ?, ?)";
constexpr std::string_view kNewestSynonyms =
    "SELECT id, text, author, created_at FROM synonym_versions ORDER BY id DESC LIMIT 1";
constexpr std::string_view kSynonymsById =
    "SELECT id, text, author, created_at FROM synonym_versions WHERE id = ?";
constexpr std::string_view kSynonymsHistory =
    "SELECT id, '', author, created_at FROM synonym_versions ORDER BY id DESC LIMIT ?";

constexpr std::string_view kAddZeroResult =
    "INSERT INTO zero_result_queries (query, count, last_at) VALUES (?, ?, ?) "
    "ON CONFLICT (query) DO UPDATE SET count = count + excluded.count, "
    "last_at = max(last_at, excluded.last_at)";
constexpr std::string_view kPruneZeroResults =
    "DELETE FROM zero_result_queries WHERE query IN (SELECT query FROM zero_result_queries "
    "ORDER BY count DESC, last_at DESC LIMIT -1 OFFSET ?)";
constexpr std::string_view kZeroResults =
    "SELECT query, count, last_at FROM zero_result_queries "
    "ORDER BY count DESC, last_at DESC, query LIMIT ?";

SynonymsVersion ReadVersion(const Statement& row) {
  return SynonymsVersion{row.Int64(0), row.Text(1), row.Text(2), row.Text(3)};
}

ZeroResultCount ReadZeroResult(const Statement& row) {
  return ZeroResultCount{row.Text(0), row.Int64(1), row.Text(2)};
}

}  // namespace

// ---- Synonyms --------------------------------------------------------------------------------

Result<std::optional<SynonymsVersion>> SqlitePageStore::CurrentSynonyms() {
  return WithConnection([&](Database& db) { return db.QueryOne(kNewestSynonyms, ReadVersion); });
}

Result<SynonymsVersion> SqlitePageStore::SaveSynonyms(const std::string& text,
                                                      const std::string& author) {
  return WithConnection([&](Database& db) -> Result<SynonymsVersion> {
    const std::string now = NowUtc();
    if (Status inserted = db.Execute(kInsertSynonyms, text, author, now); !inserted.ok()) {
      return inserted.error();
    }
    return SynonymsVersion{db.LastInsertId(), text, author, now};
  });
}

Result<SynonymsVersion> SqlitePageStore::SynonymsVersionById(int64_t id) {
  return WithConnection([&](Database& db) -> Result<SynonymsVersion> {
    Result<std::optional<SynonymsVersion>> found = db.QueryOne(kSynonymsById, ReadVersion, id);
    if (!found.ok()) return found.error();
    if (!found.value()) {
      return Error{ErrorCode::kNotFound, "No synonym table version " + std::to_string(id) + "."};
    }
    return std::move(*found.value());
  });
}

Result<std::vector<SynonymsVersion>> SqlitePageStore::SynonymsHistory(int limit) {
  return WithConnection(
      [&](Database& db) { return db.QueryAll(kSynonymsHistory, ReadVersion, limit); });
}

// ---- Searches that found nothing -------------------------------------------------------------

Status SqlitePageStore::AddZeroResults(const std::vector<ZeroResultCount>& counts, int64_t keep) {
  return WithConnection([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    for (const ZeroResultCount& count : counts) {
      Status added = db.Execute(kAddZeroResult, count.query, count.count, count.last_at);
      if (!added.ok()) return added.error();
    }
    if (Status pruned = db.Execute(kPruneZeroResults, keep); !pruned.ok()) return pruned.error();
    return transaction->Commit();
  });
}

Result<std::vector<ZeroResultCount>> SqlitePageStore::ZeroResults(int64_t limit) {
  return WithConnection(
      [&](Database& db) { return db.QueryAll(kZeroResults, ReadZeroResult, limit); });
}

}  // namespace kring
