// Blobs: the content of uploaded files, one file per distinct content, named by its SHA-256
// ("files/ab/abcdef…": a folder per first two hex digits keeps folders small). A blob is
// written whole or not at all (temporary file, fsync, rename, fsync of the folder), so a name
// that exists always holds the complete content. Nothing here knows the database: the caller
// commits a row naming the blob only after Put succeeded, so a crash in between leaves a blob
// no row names, which RemoveUnnamed clears away.
//
// Thread-safe: Put may run on many threads at once, also for the same content (each writes its
// own temporary file; the renames replace one complete copy by another).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "core/Result.h"

namespace kring::storage {

// Prepares libsodium (which Sha256Hex uses). Call once before hashing; safe to call again and
// from several threads. Errors: kInternal when libsodium cannot initialise.
Status InitializeHashing();

// The SHA-256 of `content` as 64 lowercase hex digits. REQUIRES: InitializeHashing succeeded.
std::string Sha256Hex(std::string_view content);

// Whether `name` is a SHA-256 as Sha256Hex writes it (64 lowercase hex digits), so a name
// read from elsewhere (a backup's database) can be trusted as a path below the folder.
bool IsSha256Hex(std::string_view name);
// The SHA-256 of the file at `path`, read in pieces (a file may be larger than memory allows),
// as Sha256Hex. Errors: kNotFound when there is no such file, kUnavailable when it cannot be
// read. REQUIRES: InitializeHashing succeeded.
Result<std::string> Sha256OfFile(const std::string& path);

class BlobFolder {
 public:
  // `root` need not exist yet: Put creates it (its parent must exist).
  explicit BlobFolder(std::filesystem::path root);

  // Where the blob with this SHA-256 lives (it may not exist).
  std::string PathOf(std::string_view sha256) const;

  // Makes `content`, whose SHA-256 is `sha256`, durable at PathOf(sha256). Skips the writing
  // when a file of the right size is already there (the same content, stored once).
  // Errors: kUnavailable naming the path and the system's reason (no space, no permission, a
  // file where a folder should be); the temporary file is removed then.
  Status Put(std::string_view sha256, std::string_view content) const;

  // Whether the blob with this SHA-256 is there (its content is not read).
  bool Has(std::string_view sha256) const;

  // Removes what no row names: the blobs whose SHA-256 is not in `named`, and the temporary
  // files of Puts that never finished (their process was killed). A Put still writing holds a
  // lock (flock) on its temporary file, which is kept. Files with other names are left alone.
  // Answers how many files were removed.
  // REQUIRES: no row naming a blob outside `named` commits meanwhile: the caller holds the
  // database's write lock, and a writer checks with Has that its blob is still there once it
  // holds that lock (SqlitePageStore::PutFile). A Put begun by another process in the instant
  // between creating its temporary file and locking it may fail (kUnavailable), never succeed
  // without its content.
  // Errors: kUnavailable when the folder cannot be read or a file cannot be removed.
  Result<int> RemoveUnnamed(const std::set<std::string>& named) const;

  // The whole content of the blob with this SHA-256, as stored (not checked against its name).
  // Errors: kNotFound when there is no such blob, kUnavailable when it cannot be read.
  Result<std::string> Read(std::string_view sha256) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace kring::storage
