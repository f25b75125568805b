// Database::CopyTo and the copy and check of a database with its blobs (storage/Backup.h).
#include "storage/Backup.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "storage/Database.h"
#include "storage/StorageTesting.h"

namespace kring::storage {
namespace {

using sqlite::Database;
using storage_testing::ErrorOf;
using storage_testing::TempDir;

std::unique_ptr<Database> Open(const std::string& path) {
  auto db = Database::Open(path);
  REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
  return std::move(db).value();
}

int64_t Count(Database& db, std::string_view sql) {
  auto n = db.QueryOne(sql, [](const sqlite::Statement& row) { return row.Int64(0); });
  REQUIRE_MESSAGE(n.ok(), ErrorOf(n));
  return n.value().value_or(-1);
}

constexpr std::string_view kContent = "# Notities\n";

// A data folder's database and blob folder with two pages, one of them with a file.
struct Folder {
  TempDir dir;
  std::string db = dir.File("kring.db");
  BlobFolder blobs{dir.path() / "files"};
  std::string sha256;

  Folder() {
    auto store = storage_testing::OpenStore(db);
    REQUIRE(store->SaveRevision(storage_testing::Edit("verslag", "Verslag")).ok());
    REQUIRE(store->SaveRevision(storage_testing::Edit("agenda", "Agenda")).ok());
    auto file = store->PutFile(
        storage_testing::Attachment("verslag", "notities.md", kContent, "text/markdown"));
    REQUIRE_MESSAGE(file.ok(), ErrorOf(file));
    sha256 = file.value().sha256;
  }
};

std::vector<std::string> Messages(const BackupReport& report) {
  std::vector<std::string> messages;
  for (const BackupProblem& problem : report.problems) messages.push_back(problem.message);
  return messages;
}

}  // namespace

TEST_CASE("CopyTo copies what is committed while another connection is in the middle of a write") {
  TempDir dir;
  auto db = Open(dir.File("a.db"));
  REQUIRE(db->Execute("CREATE TABLE t (x INTEGER)").ok());
  REQUIRE(db->Execute("INSERT INTO t VALUES (1)").ok());
  auto writer = Open(dir.File("a.db"));
  auto transaction = sqlite::Transaction::Begin(*writer);
  REQUIRE(transaction.ok());
  REQUIRE(writer->Execute("INSERT INTO t VALUES (2)").ok());

  Status copied = db->CopyTo(dir.File("copy.db"));
  REQUIRE_MESSAGE(copied.ok(), ErrorOf(copied));
  REQUIRE(transaction.value().Commit().ok());

  auto copy = Database::OpenReadOnly(dir.File("copy.db"));
  REQUIRE_MESSAGE(copy.ok(), ErrorOf(copy));
  CHECK(Count(*copy.value(), "SELECT COUNT(*) FROM t") == 1);
  auto mode = copy.value()->QueryOne("PRAGMA journal_mode",
                                     [](const sqlite::Statement& row) { return row.Text(0); });
  REQUIRE(mode.ok());
  CHECK(mode.value() == std::optional<std::string>("delete"));  // one file, no WAL beside it
  CHECK_FALSE(std::filesystem::exists(dir.File("copy.db-wal")));
  // A copy never overwrites.
  Status again = db->CopyTo(dir.File("copy.db"));
  CHECK_FALSE(again.ok());
  CHECK(Count(*copy.value(), "SELECT COUNT(*) FROM t") == 1);
}

TEST_CASE("a copy of a database and its blobs checks out whole") {
  Folder source;
  TempDir target;
  BlobFolder target_blobs(target.path() / "files");
  auto report =
      CopyDatabaseAndBlobs(source.db, source.blobs, target.File("kring.db"), target_blobs);
  REQUIRE_MESSAGE(report.ok(), ErrorOf(report));
  CHECK(report.value().problems.empty());
  CHECK(report.value().summary.pages == 2);
  CHECK(report.value().summary.files == 1);
  CHECK(report.value().summary.blobs == 1);
  CHECK(report.value().summary.blob_bytes == 11);
  CHECK(std::filesystem::exists(target_blobs.PathOf(source.sha256)));

  BackupReport checked = VerifyDatabaseAndBlobs(target.File("kring.db"), target_blobs);
  CHECK(Messages(checked).empty());
  CHECK(checked.summary.pages == 2);
  CHECK(checked.summary.database_bytes > 0);
}

TEST_CASE("the check names a damaged or missing blob and a damaged database") {
  Folder folder;
  SUBCASE("a blob altered") {
    std::ofstream(folder.blobs.PathOf(folder.sha256), std::ios::binary) << "# Notitie!\n";
    BackupReport report = VerifyDatabaseAndBlobs(folder.db, folder.blobs);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].sha256 == folder.sha256);
    CHECK(report.problems[0].message.find("is damaged") != std::string::npos);
  }
  SUBCASE("a blob removed: the copy skips it and says so") {
    std::filesystem::remove(folder.blobs.PathOf(folder.sha256));
    TempDir target;
    auto report = CopyDatabaseAndBlobs(folder.db, folder.blobs, target.File("kring.db"),
                                       BlobFolder(target.path() / "files"));
    REQUIRE_MESSAGE(report.ok(), ErrorOf(report));
    REQUIRE(report.value().problems.size() == 1);
    CHECK(report.value().problems[0].message.find("missing") != std::string::npos);
    CHECK(report.value().summary.pages == 2);  // the rest is copied all the same
  }
  SUBCASE("the database truncated") {
    TempDir target;
    REQUIRE(Open(folder.db)->CopyTo(target.File("kring.db")).ok());
    std::filesystem::resize_file(target.File("kring.db"),
                                 std::filesystem::file_size(target.File("kring.db")) / 2);
    BackupReport report = VerifyDatabaseAndBlobs(target.File("kring.db"), folder.blobs);
    REQUIRE_FALSE(report.problems.empty());
    CHECK(report.problems[0].message.find("kring.db") != std::string::npos);
  }
  SUBCASE("no database") {
    BackupReport report = VerifyDatabaseAndBlobs(folder.dir.File("none.db"), folder.blobs);
    CHECK(Messages(report) ==
          std::vector<std::string>{"no database at " + folder.dir.File("none.db")});
  }
}

}  // namespace kring::storage
