#include "app/Reindex.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <iostream>
#include <utility>

#include "app/DataFolder.h"
#include "search/IndexGeneration.h"
#include "storage/SqliteIndexState.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

// DIR/reindex.lock, held (flock) for the whole rebuild: a second rebuild of the same folder
// stops at once instead of racing the first. The kernel lets go when the process ends, however
// it ends, so a crash leaves no stale lock.
class RebuildLock {
 public:
  static Result<RebuildLock> Take(const std::filesystem::path& dir) {
    const std::string path = (dir / "reindex.lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Error{ErrorCode::kUnavailable, "cannot open " + path};
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Error{ErrorCode::kConflict, "another `kring reindex` is running on " + dir.string()};
    }
    return RebuildLock(fd);
  }
  RebuildLock(RebuildLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  RebuildLock& operator=(RebuildLock&&) = delete;
  RebuildLock(const RebuildLock&) = delete;
  RebuildLock& operator=(const RebuildLock&) = delete;
  ~RebuildLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  }

 private:
  explicit RebuildLock(int fd) : fd_(fd) {}
  int fd_;
};

void LogLine(const std::string& line) { std::cerr << "kring reindex: " + line + "\n"; }

}  // namespace

bool RebuildRunning(const std::filesystem::path& dir) {
  Result<RebuildLock> lock = RebuildLock::Take(dir);
  return !lock.ok() && lock.error().code == ErrorCode::kConflict;
}

Result<ReindexReport> RebuildIndex(const std::filesystem::path& dir,
                                   const RebuildOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(DatabasePath(dir), ec)) {
    return Error{ErrorCode::kNotFound, "no database in " + dir.string() + " (" + DatabasePath(dir) +
                                           "): is it the folder `kring serve --data` uses?"};
  }
  auto lock = RebuildLock::Take(dir);
  if (!lock.ok()) return lock.error();
  auto store = SqlitePageStore::Open(DatabasePath(dir));
  if (!store.ok()) return store.error();
  auto state = SqliteIndexState::Open(DatabasePath(dir));
  if (!state.ok()) return state.error();
  const std::string data_dir = dir.string();

  Result<IndexRebuild> rebuild = state.value()->BeginRebuild();
  if (!rebuild.ok()) return rebuild.error();
  Result<int64_t> old_generation = state.value()->CurrentGeneration();
  if (!old_generation.ok()) return old_generation.error();
  // Folders of rebuilds that never finished: only this one runs now (the lock).
  RemoveUnusedGenerations(data_dir, old_generation.value(), RemoveGenerations::kAllButCurrent,
                          LogLine);
  // Read after BeginRebuild: whatever changes from here on is also queued again at the swap.
  Result<IndexTargets> targets = state.value()->LiveTargets();
  if (!targets.ok()) return targets.error();

  ReindexReport report;
  report.generation = rebuild.value().generation;
  report.folder = GenerationFolder(data_dir, report.generation);
  Result<RebuildCounts> counts =
      BuildIndex(report.folder, *store.value(), *store.value(), targets.value(), options);
  if (!counts.ok()) {
    // The old generation stays live and complete: stop keeping outbox rows aside for this one.
    if (Status abandoned = state.value()->AbandonRebuild(rebuild.value()); !abandoned.ok()) {
      LogLine(abandoned.error().message);
    }
    return Error{counts.error().code,
                 "rebuilding the search index in " + report.folder +
                     " failed (the index in use is unchanged): " + counts.error().message};
  }
  report.pages = counts.value().pages;
  report.files = counts.value().files;

  Result<int64_t> replayed = state.value()->FinishRebuild(rebuild.value());
  if (!replayed.ok()) {
    return Error{replayed.error().code,
                 "cannot swap in the new search index: " + replayed.error().message};
  }
  report.replayed = replayed.value();
  // A server still writing the old generation keeps it until its indexer moves on (it then
  // removes it itself).
  report.old_removed = !RemoveUnusedGenerations(data_dir, report.generation,
                                                RemoveGenerations::kAllButCurrent, LogLine)
                            .empty();
  return report;
}

}  // namespace kring
