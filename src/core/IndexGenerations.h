// IndexGenerations: which generation of the search index is live, and the bookkeeping that lets
// `kring reindex` build a new generation beside it while a server keeps indexing into the old
// one, without losing a change made meanwhile (storage/ keeps it in SQLite, in the same database
// as the outbox, so that a swap and the outbox change in one transaction).
//
// The protocol (search/IndexGeneration.h names the folders):
//  1. BeginRebuild() records the next generation n and the outbox's high-water mark H (the
//     highest index_queue id so far; ids are never reused). From then on, each outbox row above
//     H that the indexer drains is also kept aside (a trigger copies it to index_replay).
//  2. The rebuild reads the live pages and files (any state at or after H will do) and writes
//     generation n into its own folder.
//  3. FinishRebuild() makes n current and puts the rows kept aside back into the outbox, in one
//     transaction: every change after H reaches generation n, through the snapshot or the outbox.
//  4. The indexer writes into the generation that is current when its batch starts, and marks its
//     rows indexed with MarkIndexedIn(generation, ...), which deletes them only if that generation
//     is still current: a batch written into the old generation after the swap is not lost, its
//     rows stay and are written again into the new one.
//
// Implementations are thread-safe and may be used by several processes on one data folder.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kring {

// What the search index should hold, or holds: pages by slug, files by id (a file may have
// several documents, one per section; it counts once here).
struct IndexTargets {
  std::set<std::string> pages;
  std::set<int64_t> files;
};

// A rebuild begun by IndexGenerations::BeginRebuild.
struct IndexRebuild {
  int64_t generation = 0;  // the generation being built
  int64_t snapshot = 0;    // the outbox's high-water mark when it began
};

class IndexGenerations {
 public:
  virtual ~IndexGenerations() = default;

  // The live generation: 0 until the first reindex (the folder of earlier versions).
  // Errors: kUnavailable when the database cannot be read.
  virtual Result<int64_t> CurrentGeneration() = 0;

  // As IndexQueue::MarkIndexed, for rows whose changes were committed into `generation`: deletes
  // them, in one transaction, only while `generation` is current. Answers false (and deletes
  // nothing) when a rebuild made another generation current meanwhile.
  virtual Result<bool> MarkIndexedIn(int64_t generation, const std::vector<int64_t>& ids) = 0;

  // Step 1 above: the generation to build (one above the current and any earlier rebuild) and
  // the high-water mark. A rebuild begun earlier and never finished (a crash) is forgotten.
  virtual Result<IndexRebuild> BeginRebuild() = 0;

  // Step 3 above. Answers the number of outbox rows put back. Errors: kConflict when another
  // rebuild began after this one or this one was abandoned (nothing changes then), kUnavailable
  // for the database.
  virtual Result<int64_t> FinishRebuild(const IndexRebuild& rebuild) = 0;

  // Forgets a rebuild that failed, so that the outbox rows drained from now on are no longer
  // kept aside (those kept so far are in the live generation already). Does nothing when
  // another rebuild began after it. Errors: kUnavailable for the database.
  virtual Status AbandonRebuild(const IndexRebuild& rebuild) = 0;
};

}  // namespace kring
