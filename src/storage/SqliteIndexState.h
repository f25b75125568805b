// SqliteIndexState: the IndexGenerations of kring.db (tables index_generation and index_replay,
// schema migration kIndexGeneration) and the reads that `kring reindex` and `kring check` need
// from SQLite: what should be in the search index, the content hashes of the stored files, the
// outbox, and SQLite's own integrity check.
//
// Thread-safe: each calling thread gets its own connection (ThreadConnections), as in the other
// stores, which may be open on the same file at once. The store must outlive every call.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/IndexGenerations.h"
#include "storage/ThreadConnections.h"

namespace kring {

// A stored file's content address.
struct FileBlob {
  int64_t file_id = 0;
  std::string sha256;
};

class SqliteIndexState : public IndexGenerations {
 public:
  // Opens the database file at `path`, creating it and applying pending migrations. Errors as
  // SqliteAccountStore::Open.
  static Result<std::unique_ptr<SqliteIndexState>> Open(const std::string& path);

  explicit SqliteIndexState(std::string path) : connections_(std::move(path)) {}

  // IndexGenerations; errors kUnavailable when the database is busy or the disk fails.
  Result<int64_t> CurrentGeneration() override;
  Result<bool> MarkIndexedIn(int64_t generation, const std::vector<int64_t>& ids) override;
  Result<IndexRebuild> BeginRebuild() override;
  Result<int64_t> FinishRebuild(const IndexRebuild& rebuild) override;
  Status AbandonRebuild(const IndexRebuild& rebuild) override;
  // The rebuild begun and neither finished nor abandoned (one running now, or one a killed
  // `kring reindex` left: the outbox rows drained since are still kept aside for it); nullopt
  // when none. Its snapshot is not read (0): enough to abandon it.
  Result<std::optional<IndexRebuild>> UnfinishedRebuild();

  // The pages out of the trash and the files attached to them: what the indexer keeps in the
  // index (it removes the documents of trashed pages and of their files).
  Result<IndexTargets> LiveTargets();
  // The pages and files named by outbox rows not yet indexed.
  Result<IndexTargets> QueuedTargets();
  // Adds an outbox row for each page and file, in one transaction: the indexer then writes
  // their documents, or removes them when they are gone.
  Status Enqueue(const IndexTargets& targets);
  // Every stored file's content address, trashed pages' files included.
  Result<std::vector<FileBlob>> FileBlobs();
  // PRAGMA integrity_check: empty when SQLite finds nothing wrong, else its messages.
  Result<std::vector<std::string>> IntegrityProblems();

 private:
  sqlite::ThreadConnections connections_;
};

}  // namespace kring
