// DataCheck: `kring check`, the consistency of a data folder. SQLite's integrity check; the
// search index against the database (every page out of the trash and every file attached to one
// has its documents, and nothing else has any: trashed, deleted and purged pages and files have
// none), leaving aside what the outbox still has to index; every stored file's content present
// under files/ with the SHA-256 it is named by. With `repair`, what is missing from or extra in
// the index is put in the outbox, so the indexer (of a running server, or the next `kring serve`)
// fixes it; a broken database or file content cannot be repaired here (restore a backup).
//
// Safe beside a running server: it reads the database and the index, and only adds outbox rows.
// With a server writing meanwhile, a change indexed at that very moment may be reported: check
// again. No Xapian or SQLite types here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kring {

struct DataCheckReport {
  std::vector<std::string> problems;  // one line each, repaired or not
  std::vector<std::string> repaired;  // what --repair did, one line each
  int64_t unrepaired = 0;             // problems left as they were
  int64_t generation = 0;             // the live index generation
  std::string index_dir;              // its folder
  int64_t pages = 0;                  // pages that should be in the index
  int64_t files = 0;                  // files that should be in the index
  int64_t queued = 0;                 // pages and files waiting in the outbox (not problems)
  int64_t contents = 0;               // distinct file contents verified

  bool clean() const { return problems.empty(); }
};

// Checks the data folder `dir` (which must hold a database). Errors: kNotFound when there is no
// database, kUnavailable when the database or the index cannot be read at all.
Result<DataCheckReport> CheckDataFolder(const std::filesystem::path& dir, bool repair);

}  // namespace kring
