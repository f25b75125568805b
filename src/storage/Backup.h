// Backup: a copy of what a data folder holds, the database and the blobs its rows name, and the
// check that such a copy is whole (`kring backup` and `kring restore`). The copy is consistent
// while a server writes: the database is copied in one read transaction (Database::CopyTo),
// and the blobs copied are those the copied rows name, read from the copy itself. Blobs are
// immutable and written before the row naming them commits (Blobs.h), so each of them is
// there. The search index is not copied: it is derived from the database.
//
// Not thread-safe; each call opens its own connections and may run beside a server on the
// same folder.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Result.h"
#include "storage/Blobs.h"

namespace kring::storage {

// What a copied or checked database holds.
struct BackupSummary {
  int64_t pages = 0;           // rows in pages, the trash included
  int64_t files = 0;           // rows in files
  int64_t blobs = 0;           // distinct contents the files rows name
  int64_t blob_bytes = 0;      // their total size
  int64_t database_bytes = 0;  // size of the database file
};

// One thing wrong with a copy.
struct BackupProblem {
  std::string sha256;   // the file content concerned; empty when it is the database
  std::string message;  // one line, naming the content or the database
};

// A summary with what is wrong (empty: nothing found).
struct BackupReport {
  BackupSummary summary;
  std::vector<BackupProblem> problems;
};

// Copies the database `source_db` to `target_db` (which must not exist; its folder must), then
// every blob the copy names from `source_blobs` into `target_blobs`. A blob missing at the
// source or whose content no longer matches its name is not copied: it is a problem of the
// report, and the rest is copied all the same. Errors: the database cannot be opened or copied
// (Database::Open, Database::CopyTo), or a blob cannot be written (BlobFolder::Put).
Result<BackupReport> CopyDatabaseAndBlobs(const std::string& source_db,
                                          const BlobFolder& source_blobs,
                                          const std::string& target_db,
                                          const BlobFolder& target_blobs);

// Checks a copy, reading only: PRAGMA integrity_check on the database `db`, then every blob
// its files rows name, read back from `blobs` and hashed against its name. Everything wrong is
// a problem of the report (a database that cannot be opened or read too); never an error.
BackupReport VerifyDatabaseAndBlobs(const std::string& db, const BlobFolder& blobs);

}  // namespace kring::storage
