// SqlitePageStore::ContentVersion: moves on with every change to what pages show, whichever
// connection makes it, and not with reads or the indexer's outbox.
#include <doctest/doctest.h>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::Ids;
using storage_testing::OpenStore;
using storage_testing::StoreFixture;

int64_t VersionOf(SqlitePageStore& store) {
  Result<int64_t> version = store.ContentVersion();
  REQUIRE(version.ok());
  return version.value();
}

TEST_CASE("the content version moves on with saves, renders, trash and restore, not with reads") {
  StoreFixture f;
  int64_t version = VersionOf(*f.store);
  auto moved_on = [&] {
    const int64_t now = VersionOf(*f.store);
    const bool moved = now > version;
    version = now;
    return moved;
  };
  f.Save(Edit("crm", "CRM", "Over [[Intranet]]."));
  CHECK(moved_on());
  f.Get("crm");
  f.store->Backlinks("intranet", Audience::kPublic);
  f.store->History("crm");
  CHECK_FALSE(moved_on());
  CHECK(f.store->UpdateRenderedHtml("crm", 1, "<p>nieuw</p>").ok());
  CHECK(moved_on());
  // Draining the outbox is the indexer's business, not the pages'.
  CHECK(f.store->MarkIndexed(Ids(f.store->Pending(10))).ok());
  CHECK_FALSE(moved_on());
  REQUIRE(f.store->TrashPage("crm", "Ann").ok());
  CHECK(moved_on());
  REQUIRE(f.store->RestorePage("crm").ok());
  CHECK(moved_on());
  // A refused save (a stale base revision) changes nothing.
  NewRevision stale = Edit("crm", "CRM", "Te laat.");
  stale.input.base_revision = 0;
  CHECK_FALSE(f.store->SaveRevision(stale).ok());
  CHECK_FALSE(moved_on());
}

TEST_CASE("a change through another connection, as another process makes, is seen at once") {
  StoreFixture f;
  const int64_t before = VersionOf(*f.store);
  std::unique_ptr<SqlitePageStore> other = OpenStore(f.path);
  REQUIRE(other->SaveRevision(Edit("crm", "CRM")).ok());
  CHECK(VersionOf(*f.store) > before);
  CHECK(VersionOf(*f.store) == VersionOf(*other));
}

}  // namespace
}  // namespace kring
