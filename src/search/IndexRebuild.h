// IndexRebuild: writes a whole search index from the stores into a folder of its own, the part
// of `kring reindex` that takes time (app/IndexCommands.h runs the protocol around it: see
// core/IndexGenerations.h). Documents are built as the Indexer builds them (DocumentBuilder, on
// a BuildPool), so a rebuilt index answers exactly as one kept up to date by the Indexer.
//
// Thread-safety: BuildIndex may run beside a server using the same stores (they are thread-safe
// and SQLite serves several processes); the folder must be one nobody else writes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/FileStore.h"
#include "core/IndexGenerations.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

struct RebuildOptions {
  // Threads that build documents beside the one writing them (BuildPool).
  int build_threads = 1;
  // Called with 0 and the total before the first page, then after each page or file with the
  // number done; may be empty.
  std::function<void(int64_t done, int64_t total)> progress;
};

struct RebuildCounts {
  int64_t pages = 0;    // pages indexed
  int64_t files = 0;    // files indexed
  int64_t skipped = 0;  // gone from the store since they were listed (a later outbox row
                        // removes whatever is left of them)
};

// Removes `dir` when it exists, then writes into it the documents of every page and file of
// `targets` that the stores still have, and commits once. The writer is closed on return, so a
// server's indexer may open the folder as soon as the generation is swapped in.
// Errors: the store's error for a page or file it cannot load (except kNotFound: skipped),
// kUnavailable when another writer holds `dir`, kInternal for Xapian and disk failures.
Result<RebuildCounts> BuildIndex(const std::string& dir, PageStore& pages, FileStore& files,
                                 const IndexTargets& targets, const RebuildOptions& options);

}  // namespace kring
