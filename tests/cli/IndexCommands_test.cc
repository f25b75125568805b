// `kring reindex` and `kring check` on a data folder imported from the gemma-zaken corpus: the
// real binary, the real SQLite database, Xapian index and stored files.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "KringProcess.h"
#include "http/TestServer.h"
#include "search/IndexGeneration.h"
#include "search/Prefixes.h"
#include "storage/SqliteIndexState.h"

using kring::testing::Contains;
using kring::testing::RunKring;
using kring::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// One stored file content (its SHA-256 names it under files/).
fs::path SomeBlob(const std::string& data) {
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(data) / "files")) {
    if (entry.is_regular_file()) return entry.path();
  }
  return {};
}

// A data folder with the corpus imported (pages, decks, indexed): made once, copied per test.
const std::string& ImportedCorpus() {
  static TempDir dir;
  static const std::string data = [] {
    const std::string path = (dir.path() / "corpus").string();
    auto imported = RunKring({"import", KRING_CORPUS_DIR "/docs", "--data", path});
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.output);
    return path;
  }();
  return data;
}

std::string CopyOfCorpus(const TempDir& dir) {
  const std::string copy = (dir.path() / "data").string();
  fs::copy(ImportedCorpus(), copy, fs::copy_options::recursive);
  return copy;
}

}  // namespace

TEST_CASE("check is clean on a freshly imported corpus") {
  TempDir dir;
  const std::string data = CopyOfCorpus(dir);
  auto checked = RunKring({"check", "--data", data});
  CHECK_MESSAGE(checked.exit_code == 0, checked.output);
  CHECK(Contains(checked.output, "is consistent: database ok; 222 pages and 10 files"));
  CHECK_FALSE(Contains(checked.output, "problem:"));
}

TEST_CASE("check finds a removed index document and a corrupted file; --repair fixes the index") {
  TempDir dir;
  const std::string data = CopyOfCorpus(dir);
  const std::string page = "community-bijeenkomsten-20181025-demo-sprint-5";
  {
    Xapian::WritableDatabase db(kring::GenerationFolder(data, 0), Xapian::DB_OPEN);
    db.delete_document(kring::search::PageIdTerm(page));
    db.commit();
  }
  const fs::path blob = SomeBlob(data);
  REQUIRE_FALSE(blob.empty());
  std::ofstream(blob, std::ios::binary | std::ios::app) << "tampered";

  auto checked = RunKring({"check", "--data", data});
  CHECK(checked.exit_code == 1);
  CHECK(Contains(checked.output, "problem: page " + page + " is missing from the search index"));
  CHECK(Contains(checked.output, "is corrupted: " + blob.string()));
  CHECK(Contains(checked.output, "2 problems, 2 not repaired"));

  auto repaired = RunKring({"check", "--data", data, "--repair"});
  CHECK(repaired.exit_code == 1);  // the file's content cannot be repaired
  CHECK(Contains(repaired.output, "repair: queued 1 pages and 0 files for the indexer"));
  CHECK(Contains(repaired.output, "2 problems, 1 not repaired"));

  // A server's indexer drains the repair.
  {
    kring::testing::KringProcess server({"serve", "--data", data, "--port", "0", "--no-seed"});
    const int port = server.WaitForPort();
    REQUIRE(port > 0);
    httplib::Client client("127.0.0.1", port);
    bool drained = false;
    for (int i = 0; i < 500 && !drained; ++i) {
      auto health = client.Get("/healthz");
      drained = health && nlohmann::json::parse(health->body)["index_lag"] == 0;
      if (!drained) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(drained);
    server.Signal(SIGTERM);
    server.Wait();
  }
  auto after = RunKring({"check", "--data", data});
  CHECK(after.exit_code == 1);
  CHECK_FALSE(Contains(after.output, "missing from the search index"));
  CHECK(Contains(after.output, "1 problems, 1 not repaired"));
}

TEST_CASE("reindex rebuilds into a new generation, reports progress and leaves a clean folder") {
  TempDir dir;
  const std::string data = CopyOfCorpus(dir);
  auto rebuilt = RunKring({"reindex", "--data", data});
  REQUIRE_MESSAGE(rebuilt.exit_code == 0, rebuilt.output);
  // Not a terminal: plain progress lines, the last one at 100%.
  CHECK(Contains(rebuilt.output, "Rebuilding the search index: 0/232 pages (0%)"));
  CHECK(Contains(rebuilt.output, "Rebuilding the search index: 232/232 pages (100%)"));
  CHECK(Contains(rebuilt.output, "Search index rebuilt in " + kring::GenerationFolder(data, 1) +
                                     ": 222 pages and 10 files"));
  CHECK(fs::exists(kring::GenerationFolder(data, 1)));
  CHECK_FALSE(fs::exists(kring::GenerationFolder(data, 0)));  // no server held it

  auto checked = RunKring({"check", "--data", data});
  CHECK_MESSAGE(checked.exit_code == 0, checked.output);
  CHECK(Contains(checked.output, kring::GenerationFolder(data, 1)));

  auto missing = RunKring({"reindex", "--data", (dir.path() / "nope").string()});
  CHECK(missing.exit_code == 1);
  CHECK(Contains(missing.output, "no database in"));
}

TEST_CASE("check names a rebuild a killed reindex left; --repair forgets it") {
  TempDir dir;
  const std::string data = CopyOfCorpus(dir);
  {
    // What a `kring reindex` killed before its swap leaves: a rebuild begun, never finished.
    auto state = kring::SqliteIndexState::Open((fs::path(data) / "kring.db").string());
    REQUIRE(state.ok());
    REQUIRE(state.value()->BeginRebuild().ok());
  }
  auto checked = RunKring({"check", "--data", data});
  CHECK(checked.exit_code == 1);
  CHECK(Contains(checked.output, "never finished"));
  auto repaired = RunKring({"check", "--repair", "--data", data});
  CHECK_MESSAGE(repaired.exit_code == 0, repaired.output);
  CHECK(Contains(repaired.output, "forgot the unfinished rebuild"));
  auto clean = RunKring({"check", "--data", data});
  CHECK_MESSAGE(clean.exit_code == 0, clean.output);
}

TEST_CASE("a backup taken during a reindex restores without its unfinished rebuild") {
  TempDir dir;
  const std::string data = CopyOfCorpus(dir);
  {
    auto state = kring::SqliteIndexState::Open((fs::path(data) / "kring.db").string());
    REQUIRE(state.ok());
    REQUIRE(state.value()->BeginRebuild().ok());
  }
  const std::string backup = (dir.path() / "backup").string();
  const std::string restored = (dir.path() / "restored").string();
  auto backed_up = RunKring({"backup", "--data", data, backup});
  REQUIRE_MESSAGE(backed_up.exit_code == 0, backed_up.output);
  auto restore = RunKring({"restore", "--data", restored, backup});
  REQUIRE_MESSAGE(restore.exit_code == 0, restore.output);
  auto checked = RunKring({"check", "--data", restored});
  CHECK_MESSAGE(checked.exit_code == 0, checked.output);
  CHECK(Contains(checked.output, "222 pages and 10 files"));
}
