#include "app/BackupCommands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <vector>

#include "app/Application.h"
#include "app/DataFolder.h"
#include "http/FileHandler.h"
#include "storage/Backup.h"
#include "storage/SqliteIndexState.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int Fail(const std::string& message) {
  std::cerr << "kring: " << message << "\n";
  return 1;
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Why `dir` cannot receive a copy ("... exists and is not empty"), or nullopt when it is
// absent or an empty folder.
std::optional<std::string> NotEmptyFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return std::nullopt;
  if (!fs::is_directory(dir, ec)) return dir.string() + " exists and is not a folder";
  if (!fs::is_empty(dir, ec) || ec) return dir.string() + " exists and is not empty";
  return std::nullopt;
}

// "222 pages, 10 files (9 contents, 3.4 MB), database 5.1 MB".
std::string Describe(const storage::BackupSummary& summary) {
  return std::to_string(summary.pages) + " pages, " + std::to_string(summary.files) + " files (" +
         std::to_string(summary.blobs) + " contents, " + http::HumanSize(summary.blob_bytes) +
         "), database " + http::HumanSize(summary.database_bytes);
}

// Copies the database and files of data folder `from` into the folder `to` (which exists and
// is empty), then checks the copy. Answers every problem found; an error when the copy could
// not be made at all.
Result<storage::BackupReport> CopyAndVerify(const fs::path& from, const fs::path& to) {
  auto copied =
      storage::CopyDatabaseAndBlobs(DatabasePath(from), storage::BlobFolder(FilesPath(from)),
                                    DatabasePath(to), storage::BlobFolder(FilesPath(to)));
  if (!copied.ok()) return copied.error();
  storage::BackupReport checked =
      storage::VerifyDatabaseAndBlobs(DatabasePath(to), storage::BlobFolder(FilesPath(to)));
  // A content the copy skipped (damaged or missing at the source) is missing from the copy
  // too: say it once, as the copy found it.
  std::set<std::string> skipped;
  for (const storage::BackupProblem& problem : copied->problems) skipped.insert(problem.sha256);
  std::erase_if(checked.problems, [&](const storage::BackupProblem& problem) {
    return !problem.sha256.empty() && skipped.contains(problem.sha256);
  });
  checked.problems.insert(checked.problems.begin(), copied->problems.begin(),
                          copied->problems.end());
  return checked;
}

void PrintProblems(const std::vector<storage::BackupProblem>& problems) {
  for (const storage::BackupProblem& problem : problems) {
    std::cerr << "problem: " << problem.message << "\n";
  }
}

// Empties a folder that was empty before, unless Keep() was called: what a failed restore wrote
// is not mistaken for a data folder.
class EmptyUnlessKept {
 public:
  explicit EmptyUnlessKept(fs::path dir) : dir_(std::move(dir)) {}
  EmptyUnlessKept(const EmptyUnlessKept&) = delete;
  EmptyUnlessKept& operator=(const EmptyUnlessKept&) = delete;
  ~EmptyUnlessKept() {
    if (kept_) return;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir_, ec)) {
      fs::remove_all(entry.path(), ec);
      if (ec)
        std::cerr << "kring: cannot remove " << entry.path().string() << ": " << ec.message()
                  << "\n";
    }
  }
  void Keep() { kept_ = true; }

 private:
  fs::path dir_;
  bool kept_ = false;
};

}  // namespace

BackupCommands::BackupCommands(CLI::App& cli) {
  backup_ = cli.add_subcommand(
      "backup", "Copy a data folder into a new folder and check the copy (also while serving)");
  backup_->add_option("out", folder_, "Folder to create (absent or empty)")->required();
  data_.Add(*backup_);

  restore_ = cli.add_subcommand(
      "restore",
      "Restore a backup into an empty data folder, check it and rebuild the search index");
  restore_->add_option("backup", folder_, "Folder made by kring backup")
      ->required()
      ->check(CLI::ExistingDirectory);
  data_.Add(*restore_);
}

int BackupCommands::Run() {
  Result<std::string> data = data_.Resolve();
  if (!data.ok()) return Fail(data.error().message);
  data_dir_ = data.value();
  if (backup_->parsed()) return Backup();
  if (restore_->parsed()) return Restore();
  return Fail("choose backup or restore");
}

int BackupCommands::Backup() {
  const Clock::time_point started = Clock::now();
  const fs::path data = data_dir_;
  const fs::path out = folder_;
  std::error_code ec;
  if (!fs::is_regular_file(DatabasePath(data), ec)) {
    return Fail("no Kring data folder at " + data.string() + " (" + DatabasePath(data) +
                " is missing)");
  }
  if (auto why = NotEmptyFolder(out)) return Fail(*why + ": back up into a new folder");
  // The copy holds password and session hashes: for its owner only.
  fs::create_directories(out, ec);
  if (!ec) fs::permissions(out, fs::perms::owner_all, ec);
  if (ec) return Fail("cannot create " + out.string() + ": " + ec.message());

  Result<storage::BackupReport> report = CopyAndVerify(data, out);
  if (!report.ok()) {
    return Fail("backup failed: " + report.error().message + " (" + out.string() +
                " is incomplete: remove it)");
  }
  std::printf("backed up %s into %s: %s; %.1f s\n", data.c_str(), out.c_str(),
              Describe(report->summary).c_str(), SecondsSince(started));
  std::fflush(stdout);
  if (!report->problems.empty()) {
    PrintProblems(report->problems);
    return Fail("the backup in " + out.string() +
                " is incomplete: " + std::to_string(report->problems.size()) + " problem(s)");
  }
  std::printf("checked: the database is intact and every file matches its SHA-256\n");
  return 0;
}

int BackupCommands::Restore() {
  const Clock::time_point started = Clock::now();
  const fs::path backup = folder_;
  const fs::path data = data_dir_;
  std::error_code ec;
  if (!fs::is_regular_file(DatabasePath(backup), ec)) {
    return Fail("no backup in " + backup.string() + " (" + DatabasePath(backup) + " is missing)");
  }
  if (auto why = NotEmptyFolder(data)) {
    return Fail(*why + ": restore into an empty or new data folder");
  }
  if (Status prepared = PrepareDataDir(data); !prepared.ok()) {
    return Fail(prepared.error().message);
  }
  EmptyUnlessKept undo(data);
  Result<storage::BackupReport> report = CopyAndVerify(backup, data);
  if (!report.ok()) {
    return Fail("cannot restore: " + report.error().message + "; nothing restored");
  }
  if (!report->problems.empty()) {
    PrintProblems(report->problems);
    return Fail("the backup in " + backup.string() + " is damaged (" +
                std::to_string(report->problems.size()) + " problem(s)): nothing restored into " +
                data.string());
  }
  {
    // Every page to the index outbox: the next drain builds the index from nothing.
    auto store = SqlitePageStore::Open(DatabasePath(data));
    if (!store.ok()) return Fail("cannot open the restored database: " + store.error().message);
    if (Status queued = store.value()->EnqueueAllPages(); !queued.ok()) {
      return Fail("cannot queue the restored pages for indexing: " + queued.error().message);
    }
    // A backup taken during a `kring reindex` holds its unfinished rebuild: no rebuild runs
    // here, and the index is built from nothing anyway.
    auto state = SqliteIndexState::Open(DatabasePath(data));
    if (!state.ok()) return Fail("cannot open the restored database: " + state.error().message);
    Result<std::optional<IndexRebuild>> unfinished = state.value()->UnfinishedRebuild();
    if (unfinished.ok() && unfinished.value()) {
      if (Status forgotten = state.value()->AbandonRebuild(*unfinished.value()); !forgotten.ok()) {
        return Fail("cannot clear the backup's unfinished index rebuild: " +
                    forgotten.error().message);
      }
    }
  }
  undo.Keep();
  std::printf("restored %s into %s: %s\n", backup.c_str(), data.c_str(),
              Describe(report->summary).c_str());
  std::fflush(stdout);

  AppOptions options;
  options.data_dir = data;
  options.seed_demo = false;
  auto app = Application::Open(options);
  if (!app.ok()) return Fail("restored, but cannot open it: " + app.error().message);
  if (Status indexed = app.value()->IndexPending(); !indexed.ok()) {
    return Fail("restored, but indexing failed (the server indexes on start): " +
                indexed.error().message);
  }
  std::printf("checked and indexed: search is up to date; %.1f s\n", SecondsSince(started));
  return 0;
}

}  // namespace kring
