// DataFolder: what every command does with a data folder before using it (create it, check it
// is writable, name its database), and AccountsDatabase, the accounts of a data folder on
// their own: the database only, no index and no server (the `kring user` commands; the
// server's Application owns one too).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/Result.h"

namespace kring {

class SqliteAccountStore;
namespace accounts {
class AccountService;
}

// Creates `dir` when absent. Errors (kUnavailable, one line): it is a file, cannot be created,
// or is not writable.
Status PrepareDataDir(const std::filesystem::path& dir);

// The database file of a data folder: DIR/kring.db.
std::string DatabasePath(const std::filesystem::path& dir);
// The uploaded files' content beside it: DIR/files (see storage/Blobs.h).
std::filesystem::path FilesPath(const std::filesystem::path& dir);

class AccountsDatabase {
 public:
  // Prepares the folder and opens (creating and migrating) its database. `fast_hashing`:
  // libsodium's lowest password-hashing limits (tests only). Errors as PrepareDataDir and
  // SqliteAccountStore::Open.
  static Result<std::unique_ptr<AccountsDatabase>> Open(const std::filesystem::path& dir,
                                                        bool fast_hashing);
  ~AccountsDatabase();
  AccountsDatabase(const AccountsDatabase&) = delete;
  AccountsDatabase& operator=(const AccountsDatabase&) = delete;

  accounts::AccountService& service() { return *service_; }

 private:
  AccountsDatabase() = default;

  std::unique_ptr<SqliteAccountStore> store_;
  std::unique_ptr<accounts::AccountService> service_;  // uses store_
};

}  // namespace kring
