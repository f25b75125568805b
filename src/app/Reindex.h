// Reindex: `kring reindex` as a use case: rebuilds the search index of a data folder from its
// database into a new generation and swaps it in, following the protocol of
// core/IndexGenerations.h (folders: search/IndexGeneration.h). A server running on the folder
// answers searches from the old index until the swap and then from the new one; a change saved
// during the rebuild is queued again for the new generation, so none is missing from it.
//
// One rebuild at a time per data folder: it holds DIR/reindex.lock (flock) throughout. No
// Xapian or SQLite types here; app/IndexCommands.h prints what it reports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/Result.h"
#include "search/IndexRebuild.h"

namespace kring {

struct ReindexReport {
  int64_t generation = 0;  // the generation now live
  std::string folder;      // its folder
  int64_t pages = 0;
  int64_t files = 0;
  int64_t replayed = 0;      // changes saved during the rebuild, queued again for the new index
  bool old_removed = false;  // the old generation could be removed at once (no server wrote it)
};

// Errors: kNotFound when `dir` holds no database, kConflict when another rebuild runs on it,
// the store's and the index's errors otherwise; the index in use is unchanged then.
Result<ReindexReport> RebuildIndex(const std::filesystem::path& dir, const RebuildOptions& options);

// Whether a `kring reindex` runs on `dir` now (it holds DIR/reindex.lock).
bool RebuildRunning(const std::filesystem::path& dir);

}  // namespace kring
