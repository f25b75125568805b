// Copying and checking a data folder's database and blobs (see Backup.h).
#include "storage/Backup.h"

#include <filesystem>
#include <string_view>

#include "storage/Database.h"

namespace kring::storage {
namespace {

using sqlite::Database;
using sqlite::Statement;

constexpr std::string_view kIntegrityCheck = "PRAGMA integrity_check";
constexpr std::string_view kCountPages = "SELECT COUNT(*) FROM pages";
constexpr std::string_view kCountFiles = "SELECT COUNT(*) FROM files";
// Rows naming the same content agree on its size; MAX picks one.
constexpr std::string_view kBlobsNamed =
    "SELECT sha256, MAX(size) FROM files GROUP BY sha256 ORDER BY sha256";

struct NamedBlob {
  std::string sha256;
  int64_t size = 0;
};

NamedBlob ReadNamedBlob(const Statement& row) { return NamedBlob{row.Text(0), row.Int64(1)}; }
int64_t ReadCount(const Statement& row) { return row.Int64(0); }

// The counts and the blobs of `db`, into `summary`; answers the blobs.
Result<std::vector<NamedBlob>> Summarise(Database& db, BackupSummary& summary) {
  Result<std::optional<int64_t>> pages = db.QueryOne(kCountPages, ReadCount);
  if (!pages.ok()) return pages.error();
  Result<std::optional<int64_t>> files = db.QueryOne(kCountFiles, ReadCount);
  if (!files.ok()) return files.error();
  Result<std::vector<NamedBlob>> blobs = db.QueryAll(kBlobsNamed, ReadNamedBlob);
  if (!blobs.ok()) return blobs.error();
  summary.pages = pages.value().value_or(0);
  summary.files = files.value().value_or(0);
  summary.blobs = static_cast<int64_t>(blobs.value().size());
  summary.blob_bytes = 0;
  for (const NamedBlob& blob : blobs.value()) summary.blob_bytes += blob.size;
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(db.path(), ec);
  summary.database_bytes = ec ? 0 : static_cast<int64_t>(size);
  return blobs;
}

// The content of a blob when it is there and matches its name; otherwise nullopt, with what is
// wrong added to `problems`.
std::optional<std::string> SoundBlob(const BlobFolder& blobs, const NamedBlob& named,
                                     std::vector<BackupProblem>& problems) {
  if (!IsSha256Hex(named.sha256)) {
    problems.push_back({named.sha256, "a file row names the content '" + named.sha256 +
                                          "', which is not a SHA-256"});
    return std::nullopt;
  }
  Result<std::string> content = blobs.Read(named.sha256);
  if (!content.ok()) {
    problems.push_back({named.sha256, "file content " + named.sha256 +
                                          " is missing or unreadable: " + content.error().message});
    return std::nullopt;
  }
  if (Sha256Hex(content.value()) != named.sha256) {
    problems.push_back({named.sha256, "file content " + named.sha256 +
                                          " is damaged: " + blobs.PathOf(named.sha256) +
                                          " no longer matches its SHA-256"});
    return std::nullopt;
  }
  return std::move(content).value();
}

}  // namespace

Result<BackupReport> CopyDatabaseAndBlobs(const std::string& source_db,
                                          const BlobFolder& source_blobs,
                                          const std::string& target_db,
                                          const BlobFolder& target_blobs) {
  if (Status hashing = InitializeHashing(); !hashing.ok()) return hashing.error();
  {
    auto source = Database::OpenReadOnly(source_db);
    if (!source.ok()) return source.error();
    if (Status copied = source.value()->CopyTo(target_db); !copied.ok()) return copied.error();
  }
  auto copy = Database::OpenReadOnly(target_db);
  if (!copy.ok()) return copy.error();
  BackupReport report;
  Result<std::vector<NamedBlob>> named = Summarise(*copy.value(), report.summary);
  if (!named.ok()) return named.error();
  for (const NamedBlob& blob : named.value()) {
    std::optional<std::string> content = SoundBlob(source_blobs, blob, report.problems);
    if (!content) continue;
    if (Status put = target_blobs.Put(blob.sha256, *content); !put.ok()) return put.error();
  }
  return report;
}

BackupReport VerifyDatabaseAndBlobs(const std::string& db_path, const BlobFolder& blobs) {
  BackupReport report;
  if (Status hashing = InitializeHashing(); !hashing.ok()) {
    report.problems.push_back({"", hashing.error().message});
    return report;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db_path, ec)) {
    report.problems.push_back({"", "no database at " + db_path});
    return report;
  }
  auto db = Database::OpenReadOnly(db_path);
  if (!db.ok()) {
    report.problems.push_back({"", db.error().message});
    return report;
  }
  Result<std::vector<std::string>> integrity =
      db.value()->QueryAll(kIntegrityCheck, [](const Statement& row) { return row.Text(0); });
  if (!integrity.ok()) {
    report.problems.push_back(
        {"", "the database " + db_path + " is damaged: " + integrity.error().message});
    return report;
  }
  if (integrity.value() != std::vector<std::string>{"ok"}) {
    for (const std::string& line : integrity.value()) {
      report.problems.push_back({"", "the database " + db_path + " is damaged: " + line});
    }
    return report;
  }
  Result<std::vector<NamedBlob>> named = Summarise(*db.value(), report.summary);
  if (!named.ok()) {
    report.problems.push_back(
        {"", "cannot read the files of " + db_path + ": " + named.error().message});
    return report;
  }
  for (const NamedBlob& blob : named.value()) SoundBlob(blobs, blob, report.problems);
  return report;
}

}  // namespace kring::storage
