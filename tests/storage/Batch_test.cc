// SqlitePageStore::RunBatch: many writes in one transaction (what an import uses).
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::StoreFixture;
using storage_testing::WithBase;

Error Stop() { return Error{ErrorCode::kInternal, "stopped by the test"}; }

TEST_CASE("a batch commits its saves together: other connections see none of them before") {
  StoreFixture f;
  auto reader = storage_testing::OpenStore(f.path);
  Status done = f.store->RunBatch([&]() -> Status {
    f.Save(Edit("a", "Alfa"));
    f.Save(Edit("b", "Beta"));
    CHECK(f.Get("a").title == "Alfa");  // the batch reads its own writes
    CHECK(f.store->Lag() == 2);
    CHECK(reader->PageCount() == 0);
    CHECK(reader->Lag() == 0);
    return Ok();
  });
  REQUIRE_MESSAGE(done.ok(), storage_testing::ErrorOf(done));
  CHECK(reader->PageCount() == 2);
  CHECK(reader->Lag() == 2);  // the outbox rows commit with their pages
}

TEST_CASE("a batch that fails keeps nothing it wrote, outbox rows and file rows included") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  int64_t file_id = 0;
  Status done = f.store->RunBatch([&]() -> Status {
    f.Save(Edit("a", "Alfa", "Changed."));
    f.Save(Edit("b", "Beta"));
    file_id = f.Put(Attachment("b", "plan.pdf", "%PDF-1.4 plan")).id;
    return Stop();
  });
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().message == "stopped by the test");
  CHECK(f.Get("a").body == "Some text.");
  CHECK(f.store->Get("b").error().code == ErrorCode::kNotFound);
  CHECK(f.store->GetFile(file_id).error().code == ErrorCode::kNotFound);
  CHECK(f.store->Lag() == 1);  // the first save's row only
  // The content was written before the row, and stays unnamed (reused by a later upload).
  CHECK(storage_testing::FilesUnder(f.Blobs()).size() == 1);
}

TEST_CASE("a save refused inside a batch changes nothing, and the batch goes on") {
  StoreFixture f;
  Status done = f.store->RunBatch([&]() -> Status {
    f.Save(Edit("a", "Alfa"));
    Result<SaveOutcome> stale = f.store->SaveRevision(WithBase(Edit("a", "Alfa", "Stale."), 5));
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == ErrorCode::kConflict);
    f.Save(Edit("b", "Beta"));
    return Ok();
  });
  REQUIRE_MESSAGE(done.ok(), storage_testing::ErrorOf(done));
  CHECK(f.Get("a").revision == 1);
  CHECK(f.Get("a").body == "Some text.");
  CHECK(f.store->PageCount() == 2);
  CHECK(f.store->Lag() == 2);
}

TEST_CASE("a batch that throws is rolled back, and the store works on") {
  StoreFixture f;
  CHECK_THROWS_AS(f.store->RunBatch([&]() -> Status {
    f.Save(Edit("a", "Alfa"));
    throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  CHECK(f.store->PageCount() == 0);
  CHECK(f.store
            ->RunBatch([&]() -> Status {
              f.Save(Edit("b", "Beta"));
              return Ok();
            })
            .ok());
  CHECK(f.store->PageCount() == 1);
}

TEST_CASE("a batch inside a batch rolls back alone") {
  StoreFixture f;
  Status done = f.store->RunBatch([&]() -> Status {
    f.Save(Edit("a", "Alfa"));
    Status inner = f.store->RunBatch([&]() -> Status {
      f.Save(Edit("b", "Beta"));
      return Stop();
    });
    CHECK_FALSE(inner.ok());
    f.Save(Edit("c", "Gamma"));
    return Ok();
  });
  REQUIRE_MESSAGE(done.ok(), storage_testing::ErrorOf(done));
  CHECK(f.store->Get("b").error().code == ErrorCode::kNotFound);
  CHECK(f.store->PageCount() == 2);
}

}  // namespace
}  // namespace kring
