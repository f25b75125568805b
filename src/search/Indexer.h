// Indexer: keeps the Xapian index in step with the PageStore and FileStore by draining the
// IndexQueue outbox (ARCHITECTURE.md, "Data flow"). A row names a page, or a file (file_id):
// a page is indexed with every file attached to it (the files' documents copy the page's kind,
// topics and date, which the save may have changed); a file alone when its text was extracted. One
// background thread owns the index's only writer; each batch is loaded from the store, its
// documents built (on helper threads too, IndexerOptions::build_threads) and written in order,
// committed to Xapian once, and only then marked indexed, so a crash at any point leaves rows that
// the next start drains again (re-indexing is idempotent).
//
// Thread-safety: every method may be called from any thread. Ownership: the PageStore,
// IndexQueue and FileStore are borrowed and must outlive the Indexer; the Indexer owns its writer
// and thread. No Xapian types here: http/ and app/ include this header.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/FileStore.h"
#include "core/IndexGenerations.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

class BuildPool;
class XapianIndexWriter;

struct IndexerOptions {
  std::string xapian_dir;  // the index folder, DIR/xapian; created when missing
  // The data folder's record of the live generation (core/IndexGenerations.h), borrowed. When
  // set, xapian_dir is ignored: the index is the current generation's folder in data_dir
  // (search/IndexGeneration.h), checked before each batch, so that the indexer follows a
  // `kring reindex` swap (and removes the generation it leaves); rows are marked indexed only
  // while the generation they were written into is current.
  IndexGenerations* generations = nullptr;
  std::string data_dir;
  int batch_size = 100;  // outbox rows per Xapian commit (a commit fsyncs: ~130 ms here)
  // Threads that build documents (tokenizing, stemming, compounds: most of the work) beside
  // the indexer's own thread, which writes them; 0: it builds them itself. Helps only with a
  // spare core: `kring import` uses one, the server none.
  int build_threads = 0;
  // The thread drains at least this often, even when nobody calls Wake().
  std::chrono::milliseconds poll_interval{500};
  // After a failure the thread waits first_backoff, doubling up to max_backoff, then retries.
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{30'000};
  // Receives one line per failure of the background thread; empty: written to stderr.
  std::function<void(const std::string&)> log;
};

class Indexer {
 public:
  // Opens the index writer now, so that a startup problem is reported at once.
  // Errors: kUnavailable when another process writes the index, kInternal otherwise.
  static Result<std::unique_ptr<Indexer>> Open(PageStore& pages, IndexQueue& queue,
                                               FileStore& files, IndexerOptions options);

  // Stops the thread (see Stop) and closes the writer.
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Starts the background thread, which first drains whatever earlier runs left in the outbox.
  // Failures (Xapian, store) are logged and retried after a backoff; the thread never exits on
  // its own. Calling Start() while running does nothing.
  void Start();
  // Asks the thread to finish the batch in hand and exit, and joins it: no batch is started
  // after Stop() returns. Does nothing when not running.
  void Stop();
  // Tells the thread there is new work (the app calls it after each save). Never blocks long.
  void Wake();

  // Drains one batch on the calling thread (tests, `kring import`; safe while the thread runs).
  // Returns the number of outbox rows handled, 0 when the outbox was empty.
  // Errors: the store's error for a page or file it cannot load (except kNotFound, which
  // removes the page or file from the index; a page's removal leaves its files' documents until
  // their own rows come), kUnavailable/kInternal from Xapian. Nothing is marked indexed then.
  Result<int64_t> DrainOnce();
  // DrainOnce until a batch comes back short. Returns the rows handled in all.
  Result<int64_t> DrainAll();

  // As Open(), with a writer the caller opened; options.xapian_dir is ignored (the writer's
  // folder is reopened after a failure). REQUIRES: writer != nullptr.
  Indexer(PageStore& pages, IndexQueue& queue, FileStore& files, IndexerOptions options,
          std::unique_ptr<XapianIndexWriter> writer);

 private:
  Result<int64_t> DrainBatchLocked();  // REQUIRES: writer_mutex_ held
  // Points writer_ at the current generation's folder (reopening it when a rebuild swapped in
  // another, or after a failure) and answers that generation (0 without options_.generations).
  Result<int64_t> WriterForCurrentGeneration();  // REQUIRES: writer_mutex_ held
  // Marks the batch's rows indexed; false when a swap made `generation` stale meanwhile.
  Result<bool> MarkIndexed(int64_t generation, const std::vector<int64_t>& ids);
  // `status`, after dropping writer_ when it is a failure (the writer's state is unknown then).
  Status Written(Status status);
  void Run();
  void Log(const std::string& line) const;

  PageStore& pages_;
  IndexQueue& queue_;
  FileStore& files_;
  const IndexerOptions options_;
  const std::string dir_;  // the writer's folder without options_.generations

  std::mutex writer_mutex_;                    // one batch at a time, from the thread or DrainOnce
  std::unique_ptr<XapianIndexWriter> writer_;  // GUARDED_BY(writer_mutex_); null after a failure
  std::unique_ptr<BuildPool> builders_;        // used under writer_mutex_

  std::mutex state_mutex_;
  std::condition_variable state_changed_;
  bool stop_requested_ = false;  // GUARDED_BY(state_mutex_)
  bool woken_ = false;           // GUARDED_BY(state_mutex_)
  std::thread thread_;           // joinable while running; started and joined under lifecycle_
  std::mutex lifecycle_mutex_;   // serialises Start and Stop
};

}  // namespace kring
