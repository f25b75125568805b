// ThreadConnections: one SQLite connection per calling thread on one database file, opened on a
// thread's first call and kept (with its prepared statements) until the set is destroyed. The
// stores (SqlitePageStore, SqliteAccountStore) use it so that any thread may call them; SQLite's
// WAL mode lets those readers run alongside the one writer.
//
// Thread-safe. The connection of a thread that has ended stays open (a later thread given the
// same id reuses it): it suits a fixed pool of threads, not a new thread per request.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/Result.h"

namespace kring::sqlite {

class Database;

class ThreadConnections {
 public:
  explicit ThreadConnections(std::string path);
  ~ThreadConnections();
  ThreadConnections(const ThreadConnections&) = delete;
  ThreadConnections& operator=(const ThreadConnections&) = delete;

  // Keeps `db` (opened on `path`) as the calling thread's connection: the opening thread
  // reuses the connection that migrated.
  void Adopt(std::unique_ptr<Database> db);
  // The calling thread's connection, opened on first use. Errors as Database::Open.
  Result<Database*> ForThisThread();

  const std::string& path() const { return path_; }

  // Runs `query(db)` on the calling thread's connection; the query's Result (or Status) type
  // carries the error when no connection can be opened.
  template <typename Query>
  auto With(Query&& query) {
    using Answer = decltype(query(std::declval<Database&>()));
    Result<Database*> db = ForThisThread();
    if (!db.ok()) return Answer(db.error());
    return query(*db.value());
  }

 private:
  const std::string path_;
  std::shared_mutex mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<Database>>
      connections_;  // GUARDED_BY(mutex_); each Database is used only by its thread
};

}  // namespace kring::sqlite
