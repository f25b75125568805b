// SqlitePageStore as a PageLifecycleStore and a RecentChangesStore: the trash (pages.deleted_at,
// schema version 4), renames (Redirects.cc) and the list of recent revisions.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Text.h"
#include "storage/AudienceSql.h"
#include "storage/Database.h"
#include "storage/Redirects.h"
#include "storage/Revisions.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// ---- SQL -------------------------------------------------------------------------------------

constexpr std::string_view kTrash =
    "UPDATE pages SET deleted_at = ?, deleted_by = ? WHERE slug = ? AND deleted_at = ''";
constexpr std::string_view kRestore =
    "UPDATE pages SET deleted_at = '', deleted_by = '' WHERE slug = ? AND deleted_at <> ''";
// The indexer finds these files gone (GetFile answers kNotFound) and removes their documents;
// restoring the page indexes them with it.
constexpr std::string_view kEnqueueFiles =
    "INSERT INTO index_queue (slug, file_id, enqueued_at) "
    "SELECT p.slug, f.id, ? FROM files f JOIN pages p ON p.id = f.page_id WHERE p.slug = ? "
    "ORDER BY f.id";

// Columns read by ReadTrashed.
const std::string kSelectTrashed =
    "SELECT slug, title, kind, current_revision, deleted_at, deleted_by FROM pages "
    "WHERE deleted_at <> '' ";
const std::string kTrashedBySlug = kSelectTrashed + "AND slug = ?";
const std::string kAllTrashed = kSelectTrashed + "ORDER BY deleted_at DESC, id DESC";

// Parameters: ?1 kind ('' for any), ?2 topic slug ('' for any), ?3 the cursor (ids below it),
// ?4 the limit, ?5 the excerpt's length in characters, ?6 1 when the audience reads members-only
// pages (else members-only revisions and pages are left out). Walks revisions newest first by
// rowid.
constexpr std::string_view kRecentRevisions =
    "SELECT r.id, p.slug, p.title, p.kind, r.number, r.author, r.comment, r.created_at, r.size, "
    "r.size - COALESCE((SELECT q.size FROM revisions q "
    "WHERE q.page_id = r.page_id AND q.number = r.number - 1), 0), substr(r.text, 1, ?5), "
    "length(r.text) > ?5 "
    "FROM revisions r JOIN pages p ON p.id = r.page_id AND p.deleted_at = '' "
    "WHERE r.id < ?3 AND (?6 = 1 OR (p.visibility = 'public' AND r.visibility = 'public')) "
    "AND (?1 = '' OR p.kind = ?1) AND (?2 = '' OR EXISTS "
    "(SELECT 1 FROM page_topics t WHERE t.page_id = p.id AND t.topic_slug = ?2)) "
    "ORDER BY r.id DESC LIMIT ?4";
constexpr int kMaxRecent = 500;

// ---- Rows ------------------------------------------------------------------------------------

TrashedPage ReadTrashed(const Statement& row) {
  return TrashedPage{row.Text(0),  row.Text(1), ParseKind(row.Text(2)).value_or(PageKind::kPage),
                     row.Int64(3), row.Text(4), row.Text(5)};
}

// Runs `write()` (which answers a Result) in a transaction on `db`, committed when it succeeds.
template <typename Write>
auto InTransaction(Database& db, Write&& write) -> decltype(write()) {
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  auto written = write();
  if (!written.ok()) return written;
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return written;
}

RecentChange ReadRecent(const Statement& row) {
  RecentChange change;
  change.id = row.Int64(0);
  change.slug = row.Text(1);
  change.title = row.Text(2);
  change.kind = ParseKind(row.Text(3)).value_or(PageKind::kPage);
  change.revision = row.Int64(4);
  change.author = row.Text(5);
  change.comment = row.Text(6);
  change.created_at = row.Text(7);
  change.size = row.Int64(8);
  change.size_change = row.Int64(9);
  change.excerpt = row.Text(10);
  if (row.Int64(11) != 0) change.excerpt += "\u2026";  // cut short
  return change;
}

}  // namespace

// ---- Trash -----------------------------------------------------------------------------------

Result<TrashedPage> SqlitePageStore::TrashPage(std::string_view slug, std::string_view author) {
  return WithConnection([&](Database& db) {
    return InTransaction(db, [&]() -> Result<TrashedPage> {
      const std::string now = NowUtc();
      if (Status trashed = db.Execute(kTrash, now, author, slug); !trashed.ok()) {
        return trashed.error();
      }
      if (db.ChangedRows() == 0) {
        return Error{ErrorCode::kNotFound, "No page " + std::string(slug) + "."};
      }
      Status queued = sqlite::EnqueuePage(db, slug);
      if (queued.ok()) queued = db.Execute(kEnqueueFiles, now, slug);
      if (!queued.ok()) return queued.error();
      Result<std::optional<TrashedPage>> page = db.QueryOne(kTrashedBySlug, ReadTrashed, slug);
      if (!page.ok()) return page.error();
      return std::move(*page.value());
    });
  });
}

Status SqlitePageStore::RestorePage(std::string_view slug) {
  return WithConnection([&](Database& db) {
    return InTransaction(db, [&]() -> Status {
      if (Status restored = db.Execute(kRestore, slug); !restored.ok()) return restored;
      if (db.ChangedRows() == 0) {
        return Error{ErrorCode::kNotFound,
                     "The page " + std::string(slug) + " is not in the trash."};
      }
      return sqlite::EnqueuePage(db, slug);
    });
  });
}

std::optional<TrashedPage> SqlitePageStore::FindTrashed(std::string_view slug) {
  return ValueOr(
      WithConnection([&](Database& db) { return db.QueryOne(kTrashedBySlug, ReadTrashed, slug); }));
}

std::vector<TrashedPage> SqlitePageStore::TrashedPages() {
  return ValueOr(
      WithConnection([&](Database& db) { return db.QueryAll(kAllTrashed, ReadTrashed); }));
}

// ---- Renames ---------------------------------------------------------------------------------

Result<SaveOutcome> SqlitePageStore::RenamePage(std::string_view slug,
                                                const NewRevision& revision) {
  return WithConnection([&](Database& db) {
    return InTransaction(db, [&] { return sqlite::WriteRename(db, slug, revision); });
  });
}

std::optional<std::string> SqlitePageStore::RedirectTarget(std::string_view old_slug) {
  return ValueOr(
      WithConnection([&](Database& db) { return sqlite::FindRedirect(db, old_slug, ""); }));
}

std::vector<PageAlias> SqlitePageStore::Aliases(std::string_view slug) {
  return ValueOr(WithConnection([&](Database& db) { return sqlite::ReadAliases(db, slug); }));
}

// ---- Recent changes --------------------------------------------------------------------------

Result<std::vector<RecentChange>> SqlitePageStore::RecentRevisions(const RecentQuery& query) {
  const int64_t limit = std::clamp(query.limit, 1, kMaxRecent);
  const int64_t before = query.before > 0 ? query.before : std::numeric_limits<int64_t>::max();
  const std::string kind = query.kind ? std::string(KindName(*query.kind)) : std::string();
  return WithConnection([&](Database& db) {
    return db.QueryAll(kRecentRevisions, ReadRecent, kind, query.topic_slug, before, limit,
                       int64_t{RecentChange::kExcerptChars}, sqlite::AudienceFlag(query.audience));
  });
}

}  // namespace kring
