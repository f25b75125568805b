#include "app/DataCheck.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "app/DataFolder.h"
#include "app/Reindex.h"
#include "search/IndexGeneration.h"
#include "storage/Blobs.h"
#include "storage/SqliteIndexState.h"

namespace kring {
namespace {

// What `a` has that neither `b` nor `c` has.
template <typename T>
std::set<T> Without(const std::set<T>& a, const std::set<T>& b, const std::set<T>& c) {
  std::set<T> left;
  for (const T& item : a) {
    if (!b.contains(item) && !c.contains(item)) left.insert(item);
  }
  return left;
}

void Merge(IndexTargets& into, const IndexTargets& from) {
  into.pages.insert(from.pages.begin(), from.pages.end());
  into.files.insert(from.files.begin(), from.files.end());
}

// Compares the index with the database; the differences are problems, and the outbox rows
// that would fix them go to `repairs`.
void CompareIndex(const IndexTargets& live, const IndexTargets& indexed, const IndexTargets& queued,
                  DataCheckReport& report, IndexTargets& repairs) {
  for (const std::string& slug : Without(live.pages, indexed.pages, queued.pages)) {
    report.problems.push_back("page " + slug + " is missing from the search index");
    repairs.pages.insert(slug);
  }
  for (const std::string& slug : Without(indexed.pages, live.pages, queued.pages)) {
    report.problems.push_back("page " + slug +
                              " is in the search index but not in the database (or in the trash)");
    repairs.pages.insert(slug);
  }
  for (int64_t id : Without(live.files, indexed.files, queued.files)) {
    report.problems.push_back("file " + std::to_string(id) + " is missing from the search index");
    repairs.files.insert(id);
  }
  for (int64_t id : Without(indexed.files, live.files, queued.files)) {
    report.problems.push_back("file " + std::to_string(id) +
                              " is in the search index but not in the database (or in the trash)");
    repairs.files.insert(id);
  }
}

// Every stored content present, with the SHA-256 it is named by (each content once, however
// many files share it). None of this can be repaired from here.
Status CheckContents(const std::filesystem::path& dir, SqliteIndexState& state,
                     DataCheckReport& report) {
  Result<std::vector<FileBlob>> blobs = state.FileBlobs();
  if (!blobs.ok()) return blobs.error();
  if (Status hashing = storage::InitializeHashing(); !hashing.ok()) return hashing;
  const storage::BlobFolder folder(dir / "files");
  std::set<std::string> seen;
  for (const FileBlob& blob : blobs.value()) {
    if (!seen.insert(blob.sha256).second) continue;
    ++report.contents;
    const std::string path = folder.PathOf(blob.sha256);
    Result<std::string> hash = storage::Sha256OfFile(path);
    std::string problem;
    if (!hash.ok() && hash.error().code == ErrorCode::kNotFound) {
      problem = "the content of file " + std::to_string(blob.file_id) + " is missing: " + path;
    } else if (!hash.ok()) {
      problem = "the content of file " + std::to_string(blob.file_id) +
                " cannot be read: " + hash.error().message;
    } else if (hash.value() != blob.sha256) {
      problem = "the content of file " + std::to_string(blob.file_id) + " is corrupted: " + path +
                " has SHA-256 " + hash.value();
    }
    if (problem.empty()) continue;
    report.problems.push_back(problem);
    ++report.unrepaired;
  }
  return Ok();
}

}  // namespace

Result<DataCheckReport> CheckDataFolder(const std::filesystem::path& dir, bool repair) {
  const std::string database = DatabasePath(dir);
  std::error_code ec;
  if (!std::filesystem::exists(database, ec)) {
    return Error{ErrorCode::kNotFound, "no database in " + dir.string() + " (" + database + ")"};
  }
  auto state = SqliteIndexState::Open(database);
  if (!state.ok()) return state.error();

  DataCheckReport report;
  Result<std::vector<std::string>> integrity = state.value()->IntegrityProblems();
  if (!integrity.ok()) return integrity.error();
  for (const std::string& line : integrity.value()) {
    report.problems.push_back("database: " + line);
    ++report.unrepaired;
  }

  // A rebuild nobody runs any more (a killed `kring reindex`) keeps every drained outbox row
  // aside for ever: forgotten by --repair (the live index has those changes already).
  Result<std::optional<IndexRebuild>> unfinished = state.value()->UnfinishedRebuild();
  if (!unfinished.ok()) return unfinished.error();
  if (unfinished.value() && !RebuildRunning(dir)) {
    report.problems.push_back("index: the rebuild of generation " +
                              std::to_string(unfinished.value()->generation) +
                              " was begun and never finished (a stopped `kring reindex`)");
    if (repair && state.value()->AbandonRebuild(*unfinished.value()).ok()) {
      report.repaired.push_back("forgot the unfinished rebuild; run `kring reindex` again");
    } else {
      ++report.unrepaired;
    }
  }

  Result<int64_t> generation = state.value()->CurrentGeneration();
  if (!generation.ok()) return generation.error();
  report.generation = generation.value();
  report.index_dir = GenerationFolder(dir.string(), report.generation);
  // The outbox is read before and after the index, so that a row the indexer drains meanwhile
  // is not taken for a missing document.
  Result<IndexTargets> live = state.value()->LiveTargets();
  if (!live.ok()) return live.error();
  Result<IndexTargets> queued = state.value()->QueuedTargets();
  if (!queued.ok()) return queued.error();
  Result<IndexTargets> indexed = ListIndexed(report.index_dir);
  if (!indexed.ok()) return indexed.error();
  Result<IndexTargets> queued_after = state.value()->QueuedTargets();
  if (!queued_after.ok()) return queued_after.error();
  Merge(queued.value(), queued_after.value());
  report.pages = static_cast<int64_t>(live.value().pages.size());
  report.files = static_cast<int64_t>(live.value().files.size());
  report.queued = static_cast<int64_t>(queued.value().pages.size() + queued.value().files.size());

  IndexTargets repairs;
  CompareIndex(live.value(), indexed.value(), queued.value(), report, repairs);
  const auto index_problems = static_cast<int64_t>(repairs.pages.size() + repairs.files.size());
  if (Status contents = CheckContents(dir, *state.value(), report); !contents.ok()) {
    return contents.error();
  }

  if (index_problems == 0) return report;
  if (!repair) {
    report.unrepaired += index_problems;
    return report;
  }
  if (Status queued_repairs = state.value()->Enqueue(repairs); !queued_repairs.ok()) {
    report.unrepaired += index_problems;
    report.repaired.push_back("could not queue the index repairs: " +
                              queued_repairs.error().message);
    return report;
  }
  report.repaired.push_back("queued " + std::to_string(repairs.pages.size()) + " pages and " +
                            std::to_string(repairs.files.size()) +
                            " files for the indexer (a running server indexes them at once, "
                            "otherwise the next `kring serve`)");
  return report;
}

}  // namespace kring
