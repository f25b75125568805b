#include "app/DataFolder.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "accounts/AccountService.h"
#include "storage/SqliteAccountStore.h"

namespace kring {

Status PrepareDataDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec)) {
    return Error{ErrorCode::kUnavailable, "data folder " + dir.string() + " is not a folder"};
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{ErrorCode::kUnavailable,
                 "cannot create data folder " + dir.string() + ": " + ec.message()};
  }
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    return Error{ErrorCode::kUnavailable, "data folder " + dir.string() + " is not writable"};
  }
  return Ok();
}

std::string DatabasePath(const std::filesystem::path& dir) { return (dir / "kring.db").string(); }

std::filesystem::path FilesPath(const std::filesystem::path& dir) { return dir / "files"; }

Result<std::unique_ptr<AccountsDatabase>> AccountsDatabase::Open(const std::filesystem::path& dir,
                                                                 bool fast_hashing) {
  if (Status prepared = PrepareDataDir(dir); !prepared.ok()) return prepared.error();
  auto store = SqliteAccountStore::Open(
      DatabasePath(dir), [](const Error& e) { spdlog::error("accounts database: {}", e.message); });
  if (!store.ok()) return store.error();
  std::unique_ptr<AccountsDatabase> database(new AccountsDatabase());
  database->store_ = std::move(store).value();
  accounts::AccountOptions options;
  if (fast_hashing) {
    options.hash_ops_limit = accounts::AccountOptions::kMinHashOpsLimit;
    options.hash_mem_limit = accounts::AccountOptions::kMinHashMemLimit;
  }
  database->service_ = std::make_unique<accounts::AccountService>(*database->store_, options);
  return database;
}

AccountsDatabase::~AccountsDatabase() = default;

}  // namespace kring
