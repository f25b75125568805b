// SqliteIndexState: the live index generation and the bookkeeping of a rebuild beside a running
// indexer (core/IndexGenerations.h), and what `kring check` reads.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/SqliteIndexState.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::Ids;
using storage_testing::StoreFixture;

struct StateFixture : StoreFixture {
  std::unique_ptr<SqliteIndexState> state = [this] {
    auto opened = SqliteIndexState::Open(path);
    REQUIRE_MESSAGE(opened.ok(), ErrorOf(opened));
    return std::move(opened).value();
  }();

  // Drains the whole outbox as an indexer writing into `generation` would; answers whether the
  // rows were marked indexed.
  bool Drain(int64_t generation) {
    Result<bool> marked = state->MarkIndexedIn(generation, Ids(store->Pending(1000)));
    REQUIRE_MESSAGE(marked.ok(), ErrorOf(marked));
    return marked.value();
  }
  std::vector<std::string> QueuedSlugs() {
    return storage_testing::Strings(store->Pending(1000), &IndexWork::slug);
  }
};

TEST_CASE("a data folder starts at generation 0, the index folder of earlier versions") {
  StateFixture f;
  Result<int64_t> generation = f.state->CurrentGeneration();
  REQUIRE(generation.ok());
  CHECK(generation.value() == 0);
}

TEST_CASE("rows drained during a rebuild are queued again when it is swapped in") {
  StateFixture f;
  f.Save(Edit("before", "Before"));
  Result<IndexRebuild> rebuild = f.state->BeginRebuild();
  REQUIRE(rebuild.ok());
  CHECK(rebuild.value().generation == 1);
  // Saved after the snapshot and drained into generation 0 before the swap: the rebuild may
  // not have read it, so the swap must queue it again.
  f.Save(Edit("during", "During"));
  CHECK(f.Drain(0));
  CHECK(f.store->Lag() == 0);

  Result<int64_t> replayed = f.state->FinishRebuild(rebuild.value());
  REQUIRE_MESSAGE(replayed.ok(), ErrorOf(replayed));
  CHECK(replayed.value() == 1);  // "during" only: "before" was in the snapshot
  CHECK(f.QueuedSlugs() == std::vector<std::string>{"during"});
  CHECK(f.state->CurrentGeneration().value() == 1);

  // After the swap, draining no longer keeps rows aside.
  CHECK(f.Drain(1));
  f.Save(Edit("after", "After"));
  CHECK(f.Drain(1));
  Result<IndexRebuild> next = f.state->BeginRebuild();
  REQUIRE(next.ok());
  CHECK(next.value().generation == 2);
  Result<int64_t> none = f.state->FinishRebuild(next.value());
  REQUIRE(none.ok());
  CHECK(none.value() == 0);
}

TEST_CASE("rows written into a generation swapped out meanwhile stay queued") {
  StateFixture f;
  f.Save(Edit("a", "Alfa"));
  Result<IndexRebuild> rebuild = f.state->BeginRebuild();
  REQUIRE(rebuild.ok());
  REQUIRE(f.state->FinishRebuild(rebuild.value()).ok());
  // An indexer that wrote its batch into generation 0 learns that 1 is live: nothing is marked.
  CHECK_FALSE(f.Drain(0));
  CHECK(f.QueuedSlugs() == std::vector<std::string>{"a"});
  CHECK(f.Drain(1));
  CHECK(f.store->Lag() == 0);
}

TEST_CASE("a rebuild that began after another one wins the swap") {
  StateFixture f;
  Result<IndexRebuild> first = f.state->BeginRebuild();
  Result<IndexRebuild> second = f.state->BeginRebuild();
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(second.value().generation == 2);
  Result<int64_t> stale = f.state->FinishRebuild(first.value());
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::kConflict);
  CHECK(f.state->CurrentGeneration().value() == 0);
  CHECK(f.state->FinishRebuild(second.value()).ok());
  CHECK(f.state->CurrentGeneration().value() == 2);
}

TEST_CASE("an abandoned rebuild is forgotten: it cannot be swapped in, the next one can") {
  StateFixture f;
  Result<IndexRebuild> rebuild = f.state->BeginRebuild();
  REQUIRE(rebuild.ok());
  f.Save(Edit("a", "Alfa"));
  CHECK(f.Drain(0));
  REQUIRE(f.state->AbandonRebuild(rebuild.value()).ok());
  Result<int64_t> stale = f.state->FinishRebuild(rebuild.value());
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::kConflict);
  CHECK(f.state->CurrentGeneration().value() == 0);

  Result<IndexRebuild> next = f.state->BeginRebuild();
  REQUIRE(next.ok());
  // Abandoning a rebuild that another one replaced changes nothing.
  REQUIRE(f.state->AbandonRebuild(rebuild.value()).ok());
  Result<int64_t> replayed = f.state->FinishRebuild(next.value());
  REQUIRE_MESSAGE(replayed.ok(), ErrorOf(replayed));
  CHECK(replayed.value() == 0);
  CHECK(f.state->CurrentGeneration().value() == next.value().generation);
}

TEST_CASE("live targets leave out trashed pages and their files; repairs are queued") {
  StateFixture f;
  f.Save(Edit("kept", "Kept"));
  f.Save(Edit("binned", "Binned"));
  const StoredFile kept = f.Put(Attachment("kept", "a.pdf", "%PDF-a"));
  const StoredFile binned = f.Put(Attachment("binned", "b.pdf", "%PDF-b"));
  REQUIRE(f.store->TrashPage("binned", "Ann").ok());

  Result<IndexTargets> live = f.state->LiveTargets();
  REQUIRE(live.ok());
  CHECK(live.value().pages == std::set<std::string>{"kept"});
  CHECK(live.value().files == std::set<int64_t>{kept.id});

  Result<std::vector<FileBlob>> blobs = f.state->FileBlobs();
  REQUIRE(blobs.ok());
  REQUIRE(blobs.value().size() == 2);  // a trashed page's file still has its content
  CHECK(blobs.value()[1].file_id == binned.id);
  CHECK(blobs.value()[1].sha256 == binned.sha256);

  CHECK(f.Drain(0));
  REQUIRE(f.state->Enqueue(IndexTargets{{"gone"}, {binned.id}}).ok());
  Result<IndexTargets> queued = f.state->QueuedTargets();
  REQUIRE(queued.ok());
  CHECK(queued.value().pages == std::set<std::string>{"gone"});
  CHECK(queued.value().files == std::set<int64_t>{binned.id});

  Result<std::vector<std::string>> integrity = f.state->IntegrityProblems();
  REQUIRE(integrity.ok());
  CHECK(integrity.value().empty());
}

}  // namespace
}  // namespace kring
