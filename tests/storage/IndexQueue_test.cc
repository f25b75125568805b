// SqlitePageStore as an IndexQueue: the outbox that the indexer drains.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::Ids;
using storage_testing::StoreFixture;

TEST_CASE("each save adds an outbox row, oldest first, until it is marked indexed") {
  StoreFixture f;
  CHECK(f.store->Lag() == 0);
  CHECK(f.store->Pending(10).empty());
  f.Save(Edit("a", "Alfa"));
  f.Save(Edit("b", "Beta"));
  f.Save(Edit("a", "Alfa", "Opnieuw."));
  CHECK(f.store->Lag() == 3);

  std::vector<IndexWork> pending = f.store->Pending(10);
  CHECK(storage_testing::Strings(pending, &IndexWork::slug) ==
        std::vector<std::string>{"a", "b", "a"});
  CHECK(pending[0].id < pending[1].id);
  CHECK(pending[1].id < pending[2].id);

  std::vector<IndexWork> batch = f.store->Pending(2);
  REQUIRE(batch.size() == 2);
  CHECK(f.store->MarkIndexed(Ids(batch)).ok());
  CHECK(f.store->Lag() == 1);
  REQUIRE(f.store->Pending(10).size() == 1);
  CHECK(f.store->Pending(10)[0].id == pending[2].id);
  CHECK(f.store->Pending(0).empty());
}

TEST_CASE("marking nothing, or ids already gone, succeeds and changes nothing") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  CHECK(f.store->MarkIndexed({}).ok());
  CHECK(f.store->MarkIndexed({12345}).ok());
  CHECK(f.store->Lag() == 1);
}

TEST_CASE("an outbox id is never reused, even after the newest row was drained") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  std::vector<IndexWork> first = f.store->Pending(10);
  REQUIRE(first.size() == 1);
  CHECK(f.store->MarkIndexed(Ids(first)).ok());
  f.Save(Edit("b", "Beta"));
  std::vector<IndexWork> second = f.store->Pending(10);
  REQUIRE(second.size() == 1);
  CHECK(second[0].id > first[0].id);
}

TEST_CASE("what was not indexed is still pending after reopening") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    auto store = storage_testing::OpenStore(path);
    REQUIRE(store->SaveRevision(Edit("a", "Alfa")).ok());
  }
  auto reopened = storage_testing::OpenStore(path);
  std::vector<IndexWork> pending = reopened->Pending(10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].slug == "a");
}

}  // namespace
}  // namespace kring
