// IndexGeneration: the folders that hold the generations of a data folder's search index, and
// what can be read from one without the indexer: the pages and files it holds.
//
// Generation 0 is DIR/xapian, the folder of versions before `kring reindex`, so an existing data
// folder keeps its index; generation n > 0 is DIR/xapian-n. Which one is live is recorded in
// SQLite (core/IndexGenerations.h), never guessed from the folders: a folder of another
// generation is either a rebuild in progress or an old one waiting to be removed.
//
// Thread-safe (no state). No Xapian types here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/IndexGenerations.h"
#include "core/Result.h"

namespace kring {

// The folder of `generation` in data folder `data_dir`.
std::string GenerationFolder(const std::string& data_dir, int64_t generation);

enum class RemoveGenerations {
  kOlder,          // those below `current` (the indexer, after it moved on)
  kAllButCurrent,  // newer ones too: left by a rebuild that never finished (only `kring reindex`,
                   // which holds the rebuild lock, may remove those)
};

// Removes the generation folders of `data_dir` other than `current`, as `which` says, except those
// a writer still holds (a server that has not moved on yet: it removes them itself when it does).
// Readers that still have an old generation open keep reading their open files, and find the
// current one at their next search. Answers the folders removed; failures go to `log`.
std::vector<std::string> RemoveUnusedGenerations(
    const std::string& data_dir, int64_t current, RemoveGenerations which,
    const std::function<void(const std::string&)>& log);

// The pages (by their Qp: id term) and files (by their XF group term) the index in `dir` holds;
// empty when there is no index there yet. Errors: kUnavailable when it cannot be read.
Result<IndexTargets> ListIndexed(const std::string& dir);

}  // namespace kring
