// SqlitePageStore: pages, revisions, topics, links and the index outbox in SQLite.
// The schema is in Schema.cc, writing and reading one revision in Revisions.cc, the files in
// SqliteFileStore.cc; every other statement is a named constant below.
#include "storage/SqlitePageStore.h"

#include <filesystem>
#include <iostream>
#include <utility>

#include "core/Text.h"
#include "storage/AudienceSql.h"
#include "storage/Database.h"
#include "storage/Redirects.h"
#include "storage/Revisions.h"
#include "storage/Schema.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// ---- Lookups -------------------------------------------------------------------------------

// Pages in the trash (deleted_at set) are left out of every lookup and list.
constexpr std::string_view kFindSlug = "SELECT slug FROM pages WHERE slug = ? AND deleted_at = ''";
// The oldest page wins when two pages share a title.
constexpr std::string_view kFindByTitle =
    "SELECT slug FROM pages WHERE title_lower = ? AND deleted_at = '' ORDER BY id LIMIT 1";
constexpr std::string_view kUpdateHtml =
    "UPDATE revisions SET html = ? "
    "WHERE number = ? AND page_id = (SELECT id FROM pages WHERE slug = ?)";
constexpr std::string_view kHistory =
    "SELECT r.number, r.author, r.comment, r.created_at, r.size FROM revisions r "
    "JOIN pages p ON p.id = r.page_id AND p.deleted_at = '' WHERE p.slug = ? "
    "ORDER BY r.number DESC";
constexpr std::string_view kPageCount = "SELECT COUNT(*) FROM pages WHERE deleted_at = ''";
constexpr std::string_view kFileCount =
    "SELECT COUNT(*) FROM files f JOIN pages p ON p.id = f.page_id AND p.deleted_at = ''";

// ---- Page lists ------------------------------------------------------------------------------

// Columns read by ReadSummary; the author is that of the current revision. The join leaves
// out the pages in the trash and those the audience bound to its first parameter may not read.
const std::string kSelectSummary =
    "SELECT p.slug, p.title, p.kind, p.date, p.updated_at, r.author FROM pages p "
    "JOIN revisions r ON r.page_id = p.id AND r.number = p.current_revision "
    "AND p.deleted_at = '' AND " +
    std::string(sqlite::kVisibleToAudience) + " ";
const std::string kByTitle = " ORDER BY p.title_lower, p.slug";
const std::string kBacklinks =
    kSelectSummary + "JOIN links l ON l.from_page_id = p.id WHERE l.to_slug = ?" + kByTitle;
const std::string kPagesLinkingFile =
    kSelectSummary + "JOIN file_links l ON l.from_page_id = p.id WHERE l.file_id = ?" + kByTitle;
const std::string kPagesInTopic =
    kSelectSummary + "JOIN page_topics t ON t.page_id = p.id WHERE t.topic_slug = ?" + kByTitle;
const std::string kAllPages = kSelectSummary + kByTitle;
// current_revision_id orders changes made within the same second.
const std::string kRecentChanges =
    kSelectSummary + "ORDER BY p.updated_at DESC, p.current_revision_id DESC LIMIT ?";

constexpr std::string_view kLinkingSlugs =
    "SELECT p.slug FROM links l JOIN pages p ON p.id = l.from_page_id AND p.deleted_at = '' "
    "WHERE l.to_slug = ? ORDER BY p.slug";
// The `limit` most wanted targets, then one row per page wanting each, read by ReadSummaryAt
// from column 2: one query for the whole list. A page in the trash is wanted again by the
// pages that link to it. Parameters: the audience, the limit, the audience again.
const std::string kWantedPages =
    "WITH wanted AS (SELECT l.to_slug AS slug, COUNT(*) AS n FROM links l "
    "JOIN pages p ON p.id = l.from_page_id AND p.deleted_at = '' AND " +
    std::string(sqlite::kVisibleToAudience) +
    " "
    "WHERE NOT EXISTS (SELECT 1 FROM pages t WHERE t.slug = l.to_slug AND t.deleted_at = '') "
    "GROUP BY l.to_slug ORDER BY n DESC, l.to_slug LIMIT ?) "
    "SELECT w.slug, w.n, p.slug, p.title, p.kind, p.date, p.updated_at, r.author FROM wanted w "
    "JOIN links l ON l.to_slug = w.slug "
    "JOIN pages p ON p.id = l.from_page_id AND p.deleted_at = '' AND " +
    std::string(sqlite::kVisibleToAudience) +
    " "
    "JOIN revisions r ON r.page_id = p.id AND r.number = p.current_revision "
    "ORDER BY w.n DESC, w.slug, p.title_lower, p.slug";

// ---- Topics ----------------------------------------------------------------------------------

const std::string kTopics =
    "SELECT t.slug, t.name, COUNT(*) FROM topics t JOIN page_topics pt ON pt.topic_slug = t.slug "
    "JOIN pages p ON p.id = pt.page_id AND p.deleted_at = '' AND " +
    std::string(sqlite::kVisibleToAudience) +
    " GROUP BY t.slug ORDER BY t.name COLLATE NOCASE, t.slug";
constexpr std::string_view kGetTopic = "SELECT slug, name FROM topics WHERE slug = ?";

// ---- Outbox and health -----------------------------------------------------------------------

constexpr std::string_view kPending =
    "SELECT id, slug, file_id FROM index_queue ORDER BY id LIMIT ?";
constexpr std::string_view kMarkIndexed = "DELETE FROM index_queue WHERE id = ?";
constexpr std::string_view kLag = "SELECT COUNT(*) FROM index_queue";
constexpr std::string_view kEnqueueAll =
    "INSERT INTO index_queue (slug, enqueued_at) SELECT slug, ? FROM pages ORDER BY id";
constexpr std::string_view kPing = "SELECT 1";
constexpr std::string_view kContentVersion = "SELECT version FROM content_version WHERE id = 1";

// ---- Row readers -----------------------------------------------------------------------------

PageKind KindOf(const std::string& name) { return ParseKind(name).value_or(PageKind::kPage); }

// A summary from the six columns of kSelectSummary, starting at column `first`.
PageSummary ReadSummaryAt(const Statement& row, int first) {
  return PageSummary{row.Text(first),     row.Text(first + 1), KindOf(row.Text(first + 2)),
                     row.Text(first + 3), row.Text(first + 4), row.Text(first + 5)};
}

PageSummary ReadSummary(const Statement& row) { return ReadSummaryAt(row, 0); }

std::string ReadText(const Statement& row) { return row.Text(0); }

// The single number a COUNT(*) (or SELECT 1) answers.
Result<int64_t> QueryNumber(Database& db, std::string_view sql) {
  Result<std::optional<int64_t>> number =
      db.QueryOne(sql, [](const Statement& row) { return row.Int64(0); });
  if (!number.ok()) return number.error();
  return number.value().value_or(0);
}

RevisionInfo ReadRevisionInfo(const Statement& row) {
  return RevisionInfo{row.Int64(0), row.Text(1), row.Text(2), row.Text(3), row.Int64(4)};
}

Topic ReadTopic(const Statement& row) { return Topic{row.Text(0), row.Text(1)}; }

void WriteToStderr(const Error& error) {
  std::cerr << "kring storage: " << error.message << std::endl;
}

}  // namespace

// ---- Connections -----------------------------------------------------------------------------

Result<std::unique_ptr<SqlitePageStore>> SqlitePageStore::Open(const std::string& path,
                                                               ErrorSink on_error) {
  if (Status hashing = storage::InitializeHashing(); !hashing.ok()) return hashing.error();
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.error();
  if (Status migrated = db.value()->Migrate(sqlite::Migrations()); !migrated.ok()) {
    return migrated.error();
  }
  auto store = std::make_unique<SqlitePageStore>(
      Key{}, path, on_error ? std::move(on_error) : ErrorSink(WriteToStderr));
  // The opening thread keeps the connection that migrated.
  store->connections_.Adopt(std::move(db).value());
  return store;
}

SqlitePageStore::SqlitePageStore(Key, std::string path, ErrorSink on_error)
    : path_(std::move(path)),
      blobs_(std::filesystem::path(path_).parent_path() / "files"),
      on_error_(std::move(on_error)),
      connections_(path_) {}

SqlitePageStore::~SqlitePageStore() = default;

Result<Database*> SqlitePageStore::Connection() { return connections_.ForThisThread(); }

// ---- PageStore -------------------------------------------------------------------------------

Result<SaveOutcome> SqlitePageStore::SaveRevision(const NewRevision& revision) {
  return WithConnection([&](Database& db) -> Result<SaveOutcome> {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    Result<SaveOutcome> saved = sqlite::WriteRevision(db, revision);
    if (!saved.ok()) return saved;
    if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
    return saved;
  });
}

Status SqlitePageStore::RunBatch(const std::function<Status()>& work) {
  // The store's own methods open their transactions inside this one, as savepoints.
  return WithConnection([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    if (Status done = work(); !done.ok()) return done;
    return transaction->Commit();
  });
}

Result<Page> SqlitePageStore::Get(std::string_view slug) {
  return WithConnection([&](Database& db) { return sqlite::ReadCurrentRevision(db, slug); });
}

Result<Page> SqlitePageStore::GetRevision(std::string_view slug, int64_t number) {
  return WithConnection([&](Database& db) { return sqlite::ReadRevision(db, slug, number); });
}

std::optional<std::string> SqlitePageStore::ResolveTarget(std::string_view target) {
  auto resolved = WithConnection([&](Database& db) -> Result<std::optional<std::string>> {
    if (std::string slug = Slugify(target); !slug.empty()) {
      Result<std::optional<std::string>> by_slug = db.QueryOne(kFindSlug, ReadText, slug);
      if (!by_slug.ok() || by_slug.value()) return by_slug;
    }
    const std::string title_lower = ToLower(Trim(target));
    Result<std::optional<std::string>> by_title = db.QueryOne(kFindByTitle, ReadText, title_lower);
    if (!by_title.ok() || by_title.value()) return by_title;
    // A page's earlier name, left by a rename.
    return sqlite::FindRedirect(db, Slugify(target), title_lower);
  });
  return ValueOr(std::move(resolved));
}

Status SqlitePageStore::UpdateRenderedHtml(std::string_view slug, int64_t revision,
                                           const std::string& html) {
  return WithConnection([&](Database& db) -> Status {
    if (Status updated = db.Execute(kUpdateHtml, html, revision, slug); !updated.ok()) {
      return updated;
    }
    if (db.ChangedRows() == 0) {
      return Error{ErrorCode::kNotFound, "The page " + std::string(slug) + " has no revision " +
                                             std::to_string(revision) + "."};
    }
    return Ok();
  });
}

std::vector<std::string> SqlitePageStore::LinkingSlugs(std::string_view slug) {
  return ValueOr(
      WithConnection([&](Database& db) { return db.QueryAll(kLinkingSlugs, ReadText, slug); }));
}

std::vector<PageSummary> SqlitePageStore::Backlinks(std::string_view slug, Audience audience) {
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kBacklinks, ReadSummary, sqlite::AudienceFlag(audience), slug);
  }));
}

// A FileStore method, but a page list like Backlinks, sharing its query.
std::vector<PageSummary> SqlitePageStore::PagesLinkingFile(int64_t id, Audience audience) {
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kPagesLinkingFile, ReadSummary, sqlite::AudienceFlag(audience), id);
  }));
}

std::vector<WantedPage> SqlitePageStore::WantedPages(int limit, Audience audience) {
  if (limit <= 0) return {};
  using Row = std::pair<WantedPage, PageSummary>;
  std::vector<Row> rows = ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(
        kWantedPages,
        [](const Statement& row) {
          return Row{WantedPage{row.Text(0), row.Int64(1), {}}, ReadSummaryAt(row, 2)};
        },
        sqlite::AudienceFlag(audience), limit, sqlite::AudienceFlag(audience));
  }));
  std::vector<WantedPage> wanted;
  for (auto& [target, page] : rows) {
    if (wanted.empty() || wanted.back().slug != target.slug) wanted.push_back(std::move(target));
    wanted.back().wanted_by.push_back(std::move(page));
  }
  return wanted;
}

std::vector<PageSummary> SqlitePageStore::RecentChanges(int limit, Audience audience) {
  if (limit <= 0) return {};
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kRecentChanges, ReadSummary, sqlite::AudienceFlag(audience), limit);
  }));
}

std::vector<PageSummary> SqlitePageStore::AllPages(Audience audience) {
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kAllPages, ReadSummary, sqlite::AudienceFlag(audience));
  }));
}

std::vector<std::pair<Topic, int64_t>> SqlitePageStore::Topics(Audience audience) {
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(
        kTopics,
        [](const Statement& row) {
          return std::pair<Topic, int64_t>{ReadTopic(row), row.Int64(2)};
        },
        sqlite::AudienceFlag(audience));
  }));
}

Result<Topic> SqlitePageStore::GetTopic(std::string_view topic_slug) {
  return WithConnection([&](Database& db) -> Result<Topic> {
    Result<std::optional<Topic>> topic = db.QueryOne(kGetTopic, ReadTopic, topic_slug);
    if (!topic.ok()) return topic.error();
    if (!topic.value()) {
      return Error{ErrorCode::kNotFound, "No topic " + std::string(topic_slug) + "."};
    }
    return std::move(*topic.value());
  });
}

std::vector<PageSummary> SqlitePageStore::PagesInTopic(std::string_view topic_slug,
                                                       Audience audience) {
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(kPagesInTopic, ReadSummary, sqlite::AudienceFlag(audience), topic_slug);
  }));
}

std::vector<RevisionInfo> SqlitePageStore::History(std::string_view slug) {
  return ValueOr(
      WithConnection([&](Database& db) { return db.QueryAll(kHistory, ReadRevisionInfo, slug); }));
}

int64_t SqlitePageStore::PageCount() {
  return ValueOr(WithConnection([&](Database& db) { return QueryNumber(db, kPageCount); }));
}

int64_t SqlitePageStore::FileCount() {
  return ValueOr(WithConnection([&](Database& db) { return QueryNumber(db, kFileCount); }));
}

// ---- IndexQueue ------------------------------------------------------------------------------

std::vector<IndexWork> SqlitePageStore::Pending(int limit) {
  if (limit <= 0) return {};
  return ValueOr(WithConnection([&](Database& db) {
    return db.QueryAll(
        kPending,
        [](const Statement& row) {
          return IndexWork{row.Int64(0), row.Text(1), row.Int64(2)};
        },
        limit);
  }));
}

Status SqlitePageStore::MarkIndexed(const std::vector<int64_t>& ids) {
  if (ids.empty()) return Ok();
  return WithConnection([&](Database& db) -> Status {
    Result<Transaction> transaction = Transaction::Begin(db);
    if (!transaction.ok()) return transaction.error();
    for (int64_t id : ids) {
      if (Status deleted = db.Execute(kMarkIndexed, id); !deleted.ok()) return deleted;
    }
    return transaction->Commit();
  });
}

int64_t SqlitePageStore::Lag() {
  return ValueOr(WithConnection([&](Database& db) { return QueryNumber(db, kLag); }));
}

Status SqlitePageStore::EnqueueAllPages() {
  return WithConnection([&](Database& db) -> Status { return db.Execute(kEnqueueAll, NowUtc()); });
}

Result<int64_t> SqlitePageStore::ContentVersion() {
  return WithConnection([&](Database& db) { return QueryNumber(db, kContentVersion); });
}

// ---- Operations ------------------------------------------------------------------------------

Status SqlitePageStore::Ping() {
  return WithConnection([&](Database& db) -> Status {
    Result<int64_t> one = QueryNumber(db, kPing);
    if (!one.ok()) return one.error();
    return Ok();
  });
}

Result<int64_t> SqlitePageStore::SchemaVersion() {
  return WithConnection([&](Database& db) { return db.SchemaVersion(); });
}

}  // namespace kring
