// SqlitePageStore: the PageStore and IndexQueue of kring, kept in one SQLite file (kring.db).
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
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

namespace sqlite {
class Database;
}

class SqlitePageStore : public PageStore, public IndexQueue {
 public:
  // Receives the failures of methods whose contract has no error channel (the lists, counts
  // and ResolveTarget answer "empty" when the database fails). Called on the failing thread.
  using ErrorSink = std::function<void(const Error&)>;

  // Opens the database file at `path`, creating it and its schema when absent and applying
  // pending migrations. The parent folder must exist. `on_error` defaults to one line on stderr.
  // Errors: kUnavailable naming the path and SQLite's reason (cannot open, not a database,
  // schema newer than this build); kInternal when a migration fails.
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
  Result<SaveOutcome> SaveRevision(const NewRevision& revision) override;
  Result<Page> Get(std::string_view slug) override;
  Result<Page> GetRevision(std::string_view slug, int64_t number) override;
  std::optional<std::string> ResolveTarget(std::string_view target) override;
  // kNotFound when the page has no such revision. Any revision may be updated, not only the
  // current one: a save racing the refresh makes the update stale but never wrong.
  Status UpdateRenderedHtml(std::string_view slug, int64_t revision,
                            const std::string& html) override;
  std::vector<std::string> LinkingSlugs(std::string_view slug) override;
  std::vector<PageSummary> Backlinks(std::string_view slug) override;
  std::vector<WantedPage> WantedPages(int limit) override;
  std::vector<PageSummary> RecentChanges(int limit) override;
  std::vector<PageSummary> AllPages() override;
  // Topics that at least one page is filed under.
  std::vector<std::pair<Topic, int64_t>> Topics() override;
  Result<Topic> GetTopic(std::string_view topic_slug) override;
  std::vector<PageSummary> PagesInTopic(std::string_view topic_slug) override;
  std::vector<RevisionInfo> History(std::string_view slug) override;
  int64_t PageCount() override;

  // IndexQueue.
  std::vector<IndexWork> Pending(int limit) override;
  Status MarkIndexed(const std::vector<int64_t>& ids) override;
  int64_t Lag() override;

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
  const ErrorSink on_error_;
  std::shared_mutex mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<sqlite::Database>>
      connections_;  // GUARDED_BY(mutex_); each Database is used only by its thread
};

}  // namespace kring
