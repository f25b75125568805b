// A rebuild of the index into a new generation beside a running indexer (search/IndexRebuild.h,
// the generation switch of Indexer and XapianSearchIndex), with the real SQLite store and
// generation record (storage/SqliteIndexState.h) and real Xapian folders.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "search/IndexGeneration.h"
#include "search/IndexRebuild.h"
#include "search/Indexer.h"
#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"
#include "storage/SqliteIndexState.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

using testing::Query;
using testing::Slugs;
using testing::Sorted;
using testing::TempDir;

template <typename T>
std::string ErrorOf(const Result<T>& result) {
  return result.ok() ? std::string() : result.error().message;
}

NewRevision Edit(std::string slug, std::string title, std::string text) {
  NewRevision revision;
  revision.input.slug = std::move(slug);
  revision.input.title = std::move(title);
  revision.input.body = text;
  revision.html = "<p>" + text + "</p>\n";
  revision.text = std::move(text);
  return revision;
}

// A data folder as `kring serve` wires it: the store, the generation record, an indexer and a
// search index that follow the live generation.
struct Folder {
  Folder() {
    auto opened = SqlitePageStore::Open(DatabaseFile());
    REQUIRE_MESSAGE(opened.ok(), ErrorOf(opened));
    store = std::move(opened).value();
    auto state_opened = SqliteIndexState::Open(DatabaseFile());
    REQUIRE_MESSAGE(state_opened.ok(), ErrorOf(state_opened));
    state = std::move(state_opened).value();
    IndexerOptions options;
    options.generations = state.get();
    options.data_dir = dir();
    options.log = [](const std::string& line) { MESSAGE(line); };
    auto indexer_opened = Indexer::Open(*store, *store, *store, options);
    REQUIRE_MESSAGE(indexer_opened.ok(), ErrorOf(indexer_opened));
    indexer = std::move(indexer_opened).value();
    index = std::make_unique<XapianSearchIndex>(dir(), *state);
  }

  std::string dir() const { return tmp.path().string(); }
  std::string DatabaseFile() const { return tmp.File("kring.db"); }

  void Save(const NewRevision& revision) {
    auto saved = store->SaveRevision(revision);
    REQUIRE_MESSAGE(saved.ok(), ErrorOf(saved));
  }
  void Drain() {
    auto drained = indexer->DrainAll();
    REQUIRE_MESSAGE(drained.ok(), ErrorOf(drained));
  }
  std::vector<std::string> Find(const std::string& text) {
    auto results = index->Search(Query(text));
    REQUIRE_MESSAGE(results.ok(), ErrorOf(results));
    return Sorted(Slugs(results.value()));
  }
  // Steps 1 and 2 of the protocol: begins a rebuild and builds it; `during` runs while the
  // documents are written (after the snapshot, before the swap).
  IndexRebuild Build(const std::function<void()>& during = {}) {
    Result<IndexRebuild> rebuild = state->BeginRebuild();
    REQUIRE_MESSAGE(rebuild.ok(), ErrorOf(rebuild));
    Result<IndexTargets> targets = state->LiveTargets();
    REQUIRE_MESSAGE(targets.ok(), ErrorOf(targets));
    RebuildOptions options;
    bool ran = false;
    options.progress = [&](int64_t, int64_t) {
      if (during && !ran) during();
      ran = true;
    };
    Result<RebuildCounts> counts = BuildIndex(GenerationFolder(dir(), rebuild.value().generation),
                                              *store, *store, targets.value(), options);
    REQUIRE_MESSAGE(counts.ok(), ErrorOf(counts));
    return rebuild.value();
  }
  void Swap(const IndexRebuild& rebuild) {
    Result<int64_t> swapped = state->FinishRebuild(rebuild);
    REQUIRE_MESSAGE(swapped.ok(), ErrorOf(swapped));
  }

  TempDir tmp;
  std::unique_ptr<SqlitePageStore> store;
  std::unique_ptr<SqliteIndexState> state;
  std::unique_ptr<Indexer> indexer;
  std::unique_ptr<XapianSearchIndex> index;
};

TEST_CASE("an existing index in DIR/xapian is generation 0 and keeps answering") {
  Folder f;
  f.Save(Edit("oud", "Oud", "archiefbeheer"));
  f.Drain();
  CHECK(std::filesystem::exists(f.tmp.File("xapian")));
  CHECK(f.Find("archiefbeheer") == std::vector<std::string>{"oud"});
}

TEST_CASE("searches answer from the old generation until the swap, then from the new one") {
  Folder f;
  f.Save(Edit("a", "Alfa", "gemeenteraad notulen"));
  f.Drain();
  const IndexRebuild rebuild = f.Build([&] {
    // Saved and indexed into generation 0 while the rebuild writes generation 1.
    f.Save(Edit("b", "Beta", "gemeenteraad begroting"));
    f.Drain();
  });
  CHECK(f.Find("gemeenteraad") == std::vector<std::string>{"a", "b"});  // old generation
  f.Swap(rebuild);
  // The new generation has "a" from its snapshot; "b" is queued again by the swap.
  CHECK(f.Find("gemeenteraad") == std::vector<std::string>{"a"});
  f.Drain();
  CHECK(f.Find("gemeenteraad") == std::vector<std::string>{"a", "b"});
  // The indexer moved to generation 1 and removed generation 0.
  CHECK(std::filesystem::exists(GenerationFolder(f.dir(), 1)));
  CHECK_FALSE(std::filesystem::exists(GenerationFolder(f.dir(), 0)));
}

// The real generation record, with a rebuild swapped in just before the indexer marks its
// next batch: the batch then went into the generation that is no longer live.
class SwapBeforeMark : public IndexGenerations {
 public:
  SwapBeforeMark(IndexGenerations& real, IndexRebuild rebuild) : real_(real), rebuild_(rebuild) {}
  Result<int64_t> CurrentGeneration() override { return real_.CurrentGeneration(); }
  Result<bool> MarkIndexedIn(int64_t generation, const std::vector<int64_t>& ids) override {
    if (!swapped_) {
      swapped_ = true;
      Result<int64_t> finished = real_.FinishRebuild(rebuild_);
      REQUIRE_MESSAGE(finished.ok(), ErrorOf(finished));
    }
    return real_.MarkIndexedIn(generation, ids);
  }
  Result<IndexRebuild> BeginRebuild() override { return real_.BeginRebuild(); }
  Result<int64_t> FinishRebuild(const IndexRebuild& rebuild) override {
    return real_.FinishRebuild(rebuild);
  }
  Status AbandonRebuild(const IndexRebuild& rebuild) override {
    return real_.AbandonRebuild(rebuild);
  }

 private:
  IndexGenerations& real_;
  const IndexRebuild rebuild_;
  bool swapped_ = false;
};

TEST_CASE("a batch written into the old generation during the swap is written again") {
  Folder f;
  f.Save(Edit("a", "Alfa", "wegenwerken"));
  f.Drain();
  const IndexRebuild rebuild = f.Build();
  f.Save(Edit("c", "Gamma", "wegenwerken planning"));

  SwapBeforeMark generations(*f.state, rebuild);
  IndexerOptions options;
  options.generations = &generations;
  options.data_dir = f.dir();
  f.indexer.reset();  // one writer per folder
  auto indexer = Indexer::Open(*f.store, *f.store, *f.store, options);
  REQUIRE_MESSAGE(indexer.ok(), ErrorOf(indexer));
  auto drained = indexer.value()->DrainAll();
  REQUIRE_MESSAGE(drained.ok(), ErrorOf(drained));

  CHECK(f.state->CurrentGeneration().value() == rebuild.generation);
  CHECK(f.store->Lag() == 0);
  CHECK(f.Find("wegenwerken") == std::vector<std::string>{"a", "c"});
  Result<IndexTargets> listed = ListIndexed(GenerationFolder(f.dir(), rebuild.generation));
  REQUIRE(listed.ok());
  CHECK(listed.value().pages == std::set<std::string>{"a", "c"});
}

TEST_CASE("unused generations are removed, the one a writer holds is kept") {
  Folder f;
  f.Save(Edit("a", "Alfa", "tekst"));
  f.Drain();  // the indexer holds generation 0
  std::filesystem::create_directories(GenerationFolder(f.dir(), 3));
  std::vector<std::string> removed =
      RemoveUnusedGenerations(f.dir(), 2, RemoveGenerations::kOlder, [](const std::string&) {});
  CHECK(removed.empty());  // 0 is held, 3 is newer
  removed = RemoveUnusedGenerations(f.dir(), 2, RemoveGenerations::kAllButCurrent,
                                    [](const std::string&) {});
  CHECK(removed == std::vector<std::string>{GenerationFolder(f.dir(), 3)});
  CHECK(std::filesystem::exists(GenerationFolder(f.dir(), 0)));
}

}  // namespace
}  // namespace kring
