// SqlitePageStore: the PageStore, IndexQueue and FileStore of kring, kept in one SQLite file
// (kring.db). The content of uploaded files lives beside it, in the folder files/ next to the
// database file, one file per distinct content named by its SHA-256 (see Blobs.h).
//
// Thread-safe: every method may be called from any thread at the same time. Each calling thread
// gets its own connection, opened on its first call and kept (with its prepared statements)
// until the store is destroyed; SQLite's WAL mode lets those readers run alongside the one
// writer. The connection of a thread that has ended stays open (a later thread given the same
// id reuses it): the store suits a fixed pool of threads, not a new thread per request.
//
// The store must outlive every call made on it: destroying it closes all its connections.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/File.h"
#include "core/FileStore.h"
#include "core/PageLifecycle.h"
#include "core/PageStore.h"
#include "core/RecentChanges.h"
#include "core/Result.h"
#include "core/SynonymStore.h"
#include "core/ZeroResultStore.h"
#include "storage/Blobs.h"
#include "storage/ThreadConnections.h"

namespace kring {

namespace sqlite {
class Database;
}

class SqlitePageStore : public PageStore,
                        public IndexQueue,
                        public FileStore,
                        public PageLifecycleStore,
                        public RecentChangesStore,
                        public SynonymStore,
                        public ZeroResultStore {
 public:
  // Receives the failures of methods whose contract has no error channel (the lists, counts
  // and ResolveTarget answer "empty" when the database fails). Called on the failing thread.
  using ErrorSink = std::function<void(const Error&)>;

  // Opens the database file at `path`, creating it and its schema when absent and applying
  // pending migrations. The parent folder must exist; the blob folder is created on the first
  // upload. `on_error` defaults to one line on stderr.
  // Errors: kUnavailable naming the path and SQLite's reason (cannot open, not a database,
  // schema newer than this build); kInternal when a migration fails or libsodium cannot start.
  static Result<std::unique_ptr<SqlitePageStore>> Open(const std::string& path,
                                                       ErrorSink on_error = {});

  // Only Open can name the key, so only Open constructs; public for std::make_unique.
  class Key {
    friend class SqlitePageStore;
    Key() = default;
  };
  SqlitePageStore(Key, std::string path, ErrorSink on_error);
  ~SqlitePageStore() override;
  SqlitePageStore(const SqlitePageStore&) = delete;
  SqlitePageStore& operator=(const SqlitePageStore&) = delete;

  // PageStore; failures as documented there, plus kUnavailable when the database is busy past
  // its 5 s timeout or the disk fails, and kInternal for anything unexpected.
  // SaveRevision stores revision.file_ids as the page's file links; ids that name no stored
  // file are skipped (a link to a file that does not exist links nothing).
  Result<SaveOutcome> SaveRevision(const NewRevision& revision) override;
  // The batch covers the FileStore writes of the calling thread too (same connection); a file's
  // content is written to disk at once, and stays there unnamed if the batch rolls back.
  Status RunBatch(const std::function<Status()>& work) override;
  Result<Page> Get(std::string_view slug) override;
  Result<Page> GetRevision(std::string_view slug, int64_t number) override;
  std::optional<std::string> ResolveTarget(std::string_view target) override;
  // kNotFound when the page has no such revision. Any revision may be updated, not only the
  // current one: a save racing the refresh makes the update stale but never wrong.
  Status UpdateRenderedHtml(std::string_view slug, int64_t revision,
                            const std::string& html) override;
  std::vector<std::string> LinkingSlugs(std::string_view slug) override;
  std::vector<PageSummary> Backlinks(std::string_view slug, Audience audience) override;
  std::vector<WantedPage> WantedPages(int limit, Audience audience) override;
  // SqliteMeetings.cc.
  std::vector<Meeting> UpcomingMeetings(std::string_view today, int limit,
                                        Audience audience) override;
  std::vector<Meeting> PastMeetings(std::string_view today, int limit, Audience audience) override;
  std::vector<PageSummary> RecentChanges(int limit, Audience audience) override;
  std::vector<PageSummary> AllPages(Audience audience) override;
  // Topics that at least one page is filed under.
  std::vector<std::pair<Topic, int64_t>> Topics(Audience audience) override;
  Result<Topic> GetTopic(std::string_view topic_slug) override;
  std::vector<PageSummary> PagesInTopic(std::string_view topic_slug, Audience audience) override;
  std::vector<RevisionInfo> History(std::string_view slug) override;
  int64_t PageCount() override;
  // Kept by triggers on the content tables (storage/Schema.cc, version 13).
  Result<int64_t> ContentVersion() override;

  // IndexQueue. Rows written by SaveRevision have file_id 0; those written by SaveExtraction
  // name the file and, in slug, the page it is attached to.
  std::vector<IndexWork> Pending(int limit) override;
  Status MarkIndexed(const std::vector<int64_t>& ids) override;
  int64_t Lag() override;
  Status EnqueueAllPages() override;

  // FileStore (SqliteFileStore.cc); failures as documented there, plus kUnavailable when the
  // database is busy or the disk fails, and kInternal for anything unexpected.
  // PutFile answers the file as GetFile would, without its sections. An empty author is
  // stored as "anonymous", as for revisions. Should the commit fail after the content was
  // written, the blob stays on disk unnamed by any row: harmless, and reused by the next
  // upload of that content.
  Result<StoredFile> PutFile(const NewFile& file) override;
  Result<StoredFile> GetFile(int64_t id) override;
  // Computed from file.sha256 alone; touches neither the database nor the disk.
  std::string ContentPath(const StoredFile& file) override;
  std::vector<StoredFile> FilesOfPage(std::string_view page_slug) override;
  // Compares kring::ToLower of the trimmed name with that of the stored names.
  std::optional<StoredFile> FindFileByName(std::string_view name) override;
  int64_t FileCount() override;
  std::vector<int64_t> PendingExtractions(int limit) override;
  // Also kInvalidInput, before anything is written, when the extraction's state is kPending or
  // two of its sections share a number.
  Status SaveExtraction(int64_t id, const Extraction& extraction) override;
  std::vector<PageSummary> PagesLinkingFile(int64_t id, Audience audience) override;
  // Removes from files/ the content no file row names (an upload killed between writing its
  // content and committing its row leaves such content), holding the write lock meanwhile:
  // see BlobFolder::RemoveUnnamed. Answers how many files were removed. Errors: kUnavailable
  // when the database stays busy past its timeout or the folder cannot be read or changed.
  Result<int> RemoveUnnamedContent();

  // PageLifecycleStore and RecentChangesStore (SqliteLifecycle.cc); failures as documented
  // there, plus kUnavailable when the database is busy or the disk fails, and kInternal for
  // anything unexpected. The lists answer empty on failure, after telling the error sink.
  Result<TrashedPage> TrashPage(std::string_view slug, std::string_view author) override;
  Status RestorePage(std::string_view slug) override;
  std::optional<TrashedPage> FindTrashed(std::string_view slug) override;
  std::vector<TrashedPage> TrashedPages() override;
  Result<SaveOutcome> RenamePage(std::string_view slug, const NewRevision& revision) override;
  std::optional<std::string> RedirectTarget(std::string_view old_slug) override;
  std::vector<PageAlias> Aliases(std::string_view slug) override;
  Result<std::vector<RecentChange>> RecentRevisions(const RecentQuery& query) override;

  // SynonymStore and ZeroResultStore (SqliteSearchTuning.cc); failures as documented there,
  // plus kUnavailable when the database is busy or the disk fails, and kInternal otherwise.
  Result<std::optional<SynonymsVersion>> CurrentSynonyms() override;
  Result<SynonymsVersion> SaveSynonyms(const std::string& text, const std::string& author) override;
  Result<SynonymsVersion> SynonymsVersionById(int64_t id) override;
  Result<std::vector<SynonymsVersion>> SynonymsHistory(int limit) override;
  Status AddZeroResults(const std::vector<ZeroResultCount>& counts, int64_t keep) override;
  Result<std::vector<ZeroResultCount>> ZeroResults(int64_t limit) override;

  // Answers whether the calling thread's connection can run a query (for /healthz).
  Status Ping();
  // The number of migrations applied to the database (PRAGMA user_version).
  Result<int64_t> SchemaVersion();

 private:
  // The calling thread's connection, opened on first use.
  Result<sqlite::Database*> Connection();
  // Runs `query(db)` on the calling thread's connection.
  template <typename Query>
  auto WithConnection(Query&& query);
  // The value of `result`, or `fallback` after passing the error to the sink.
  template <typename T>
  T ValueOr(Result<T> result, std::type_identity_t<T> fallback = T{});

  const std::string path_;
  const storage::BlobFolder blobs_;  // files/ beside the database file
  const ErrorSink on_error_;
  sqlite::ThreadConnections connections_;
};

// ---- Template members (here because SqlitePageStore.cc and SqliteFileStore.cc both use them)

template <typename Query>
auto SqlitePageStore::WithConnection(Query&& query) {
  using Answer = decltype(query(std::declval<sqlite::Database&>()));
  Result<sqlite::Database*> db = Connection();
  if (!db.ok()) return Answer(db.error());
  return query(*db.value());
}

template <typename T>
T SqlitePageStore::ValueOr(Result<T> result, std::type_identity_t<T> fallback) {
  if (result.ok()) return std::move(result).value();
  on_error_(result.error());
  return fallback;
}

}  // namespace kring
