// SqlitePageStore as a SynonymStore (versions of the edited synonym table) and a
// ZeroResultStore (counts of searches that found nothing), on a real SQLite file.
#include <doctest/doctest.h>

#include "StorageTesting.h"

namespace kring {
namespace {

using storage_testing::ErrorOf;
using storage_testing::OpenStore;
using storage_testing::TempDir;

TEST_CASE("every saved synonym table is a version: the newest is current, the older stay") {
  TempDir dir;
  auto store = OpenStore(dir.File("kring.db"));
  Result<std::optional<SynonymsVersion>> none = store->CurrentSynonyms();
  REQUIRE(none.ok());
  CHECK_FALSE(none.value().has_value());  // never edited: the embedded table is in use

  Result<SynonymsVersion> first = store->SaveSynonyms("raadzaal, vergaderzaal\n", "an");
  REQUIRE_MESSAGE(first.ok(), ErrorOf(first));
  Result<SynonymsVersion> second = store->SaveSynonyms("pc, computer\n", "bert");
  REQUIRE_MESSAGE(second.ok(), ErrorOf(second));
  CHECK(second->id > first->id);
  CHECK(second->created_at.size() == 20);

  auto current = store->CurrentSynonyms();
  REQUIRE(current.ok());
  REQUIRE(current.value().has_value());
  CHECK(current.value()->text == "pc, computer\n");
  CHECK(current.value()->author == "bert");

  auto history = store->SynonymsHistory(10);
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK(history.value()[0].id == second->id);  // newest first
  CHECK(history.value()[0].author == "bert");
  CHECK(history.value()[1].author == "an");
  CHECK(history.value()[1].text.empty());  // the list carries no text
  CHECK(store->SynonymsHistory(1)->size() == 1);

  auto older = store->SynonymsVersionById(first->id);
  REQUIRE(older.ok());
  CHECK(older->text == "raadzaal, vergaderzaal\n");
  CHECK(older->author == "an");
  auto missing = store->SynonymsVersionById(second->id + 1);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);

  // The versions are in the file: a new connection sees them.
  store.reset();
  auto reopened = OpenStore(dir.File("kring.db"));
  CHECK(reopened->CurrentSynonyms().value()->id == second->id);
}

TEST_CASE("zero-result counts add up per query, keep the latest time and stay bounded") {
  TempDir dir;
  auto store = OpenStore(dir.File("kring.db"));
  REQUIRE(store
              ->AddZeroResults(
                  {{"xyzzy", 2, "2026-01-01T10:00:00Z"}, {"plugh", 1, "2026-01-01T11:00:00Z"}}, 10)
              .ok());
  REQUIRE(store->AddZeroResults({{"xyzzy", 3, "2026-01-01T09:00:00Z"}}, 10).ok());
  auto counts = store->ZeroResults(10);
  REQUIRE(counts.ok());
  REQUIRE(counts->size() == 2);
  CHECK(counts.value()[0].query == "xyzzy");
  CHECK(counts.value()[0].count == 5);
  CHECK(counts.value()[0].last_at == "2026-01-01T10:00:00Z");  // the later of the two
  CHECK(counts.value()[1].query == "plugh");

  // Bounded: the least frequent (the oldest among equals) go.
  REQUIRE(store->AddZeroResults({{"nieuw", 1, "2026-01-02T10:00:00Z"}}, 2).ok());
  counts = store->ZeroResults(10);
  REQUIRE(counts->size() == 2);
  CHECK(counts.value()[0].query == "xyzzy");
  CHECK(counts.value()[1].query == "nieuw");
  CHECK(store->ZeroResults(1)->size() == 1);
}

}  // namespace
}  // namespace kring
