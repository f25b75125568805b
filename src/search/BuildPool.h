// BuildPool: threads that build documents (DocumentBuilder: tokenizing, stemming, compounds) for
// the Indexer while the Indexer's own thread writes them, so that the costly part of indexing
// runs on a spare core. A run hands its items back in order; an item that no helper has started
// is built by the caller itself when it asks for it, so the caller never waits on an idle
// helper, and a pool without helpers builds everything on the calling thread.
//
// Thread-safety: Start and the Run it returns belong to one thread at a time (the Indexer calls
// them under its writer lock); the helpers are the pool's own. Each thread, the caller's
// included, builds with a DocumentBuilder of its own, kept between runs.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/Result.h"
#include "search/XapianIndexWriter.h"

namespace kring {

class BuildPool {
 public:
  // Builds item `index` of a run with `builder`. Called from several threads at once, for
  // different items; exceptions become kInternal errors.
  using Build = std::function<Result<BuiltDocuments>(DocumentBuilder& builder, size_t index)>;

  // One run of items, taken in order with Next. Ending it (destruction) waits for the items
  // helpers are building and drops those not taken: only then may what `build` reads go.
  class Run {
   public:
    Run(Run&& other) noexcept;
    Run& operator=(Run&&) = delete;
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;
    ~Run();

    // The next item, built by a helper or now by the calling thread.
    // REQUIRES: fewer calls than the run's items.
    Result<BuiltDocuments> Next();

   private:
    friend class BuildPool;
    explicit Run(BuildPool& pool) : pool_(&pool) {}
    BuildPool* pool_;  // null once moved from
  };

  // Starts `helpers` threads (0: none, everything is built by the caller).
  explicit BuildPool(int helpers);
  // Stops and joins the helpers. REQUIRES: no Run alive.
  ~BuildPool();
  BuildPool(const BuildPool&) = delete;
  BuildPool& operator=(const BuildPool&) = delete;

  // Starts building items 0..count-1. REQUIRES: no other Run alive.
  Run Start(size_t count, Build build);

 private:
  // Helpers build at most this many items ahead of the caller, bounding the memory held.
  static constexpr size_t kMaxAhead = 64;

  static Result<BuiltDocuments> Call(const Build& build, DocumentBuilder& builder, size_t index);
  void Help();
  Result<BuiltDocuments> Next();
  void Finish();

  DocumentBuilder own_;  // the caller's

  std::mutex mutex_;
  std::condition_variable changed_;
  Build build_;            // GUARDED_BY(mutex_); set during a run
  size_t count_ = 0;       // GUARDED_BY(mutex_); items of the run
  size_t claimed_ = 0;     // GUARDED_BY(mutex_); items 0..claimed_-1 are taken by a thread
  size_t taken_ = 0;       // GUARDED_BY(mutex_); items handed back by Next
  int building_ = 0;       // GUARDED_BY(mutex_); helpers inside build_
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::vector<std::optional<Result<BuiltDocuments>>> built_;  // GUARDED_BY(mutex_); by item
  std::vector<std::thread> helpers_;
};

}  // namespace kring
