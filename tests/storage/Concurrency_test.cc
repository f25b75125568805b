// SqlitePageStore under several threads: each with its own connection, all saves and uploads
// landing.
#include <doctest/doctest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::StoreFixture;

constexpr int kThreads = 8;

// Runs `work(thread_index)` on kThreads threads at once and returns every error message.
template <typename Work>
std::vector<std::string> RunOnThreads(Work work) {
  std::vector<std::vector<std::string>> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { work(t, errors[static_cast<size_t>(t)]); });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<std::string> all;
  for (const auto& list : errors) all.insert(all.end(), list.begin(), list.end());
  return all;
}

TEST_CASE("saves from 8 threads on different pages all land") {
  StoreFixture f;
  constexpr int kSaves = 10;
  std::vector<std::string> errors = RunOnThreads([&](int t, std::vector<std::string>& out) {
    const std::string slug = "page-" + std::to_string(t);
    for (int i = 0; i < kSaves; ++i) {
      Result<SaveOutcome> saved = f.store->SaveRevision(Edit(slug, slug, std::to_string(i)));
      if (!saved.ok()) out.push_back(saved.error().message);
    }
  });
  CHECK(errors.empty());
  CHECK(f.store->PageCount() == kThreads);
  for (int t = 0; t < kThreads; ++t) {
    Page page = f.Get("page-" + std::to_string(t));
    CHECK(page.revision == kSaves);
    CHECK(page.body == std::to_string(kSaves - 1));
  }
  CHECK(f.store->Lag() == kThreads * kSaves);
}

TEST_CASE("saves from 8 threads on one page without a base revision become consecutive revisions") {
  StoreFixture f;
  constexpr int kSaves = 5;
  std::vector<int> created(kThreads, 0);
  std::vector<std::string> errors = RunOnThreads([&](int t, std::vector<std::string>& out) {
    for (int i = 0; i < kSaves; ++i) {
      Result<SaveOutcome> saved = f.store->SaveRevision(Edit("gedeeld", "Gedeeld"));
      if (!saved.ok()) {
        out.push_back(saved.error().message);
      } else if (saved->created) {
        ++created[static_cast<size_t>(t)];
      }
    }
  });
  CHECK(errors.empty());
  int creations = 0;
  for (int c : created) creations += c;
  CHECK(creations == 1);
  std::vector<RevisionInfo> history = f.store->History("gedeeld");
  REQUIRE(history.size() == kThreads * kSaves);
  for (size_t i = 0; i < history.size(); ++i) {
    CHECK(history[i].number == static_cast<int64_t>(history.size() - i));
  }
}

TEST_CASE("readers on other threads see whole revisions while a writer saves") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa", "0"));
  constexpr int kSaves = 30;
  std::vector<std::string> errors = RunOnThreads([&](int t, std::vector<std::string>& out) {
    if (t == 0) {
      for (int i = 1; i <= kSaves; ++i) {
        Result<SaveOutcome> saved = f.store->SaveRevision(Edit("a", "Alfa", std::to_string(i)));
        if (!saved.ok()) out.push_back(saved.error().message);
      }
      return;
    }
    int64_t seen = 0;
    while (seen <= kSaves) {
      Result<Page> page = f.store->Get("a");
      if (!page.ok()) {
        out.push_back(page.error().message);
        return;
      }
      // A revision's body is its number minus one: the row is never half written.
      if (page->body != std::to_string(page->revision - 1)) out.push_back("torn read");
      if (page->revision < seen) out.push_back("revision went back");
      seen = page->revision;
      if (seen == kSaves + 1) return;
    }
  });
  CHECK(errors.empty());
}

TEST_CASE("uploads of the same content from 8 threads store one blob and one row per name") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const std::string content(256 * 1024, 'x');
  std::vector<int64_t> ids(kThreads, 0);
  std::vector<std::string> errors = RunOnThreads([&](int t, std::vector<std::string>& out) {
    // Threads 0-3 upload one name, threads 4-7 another: two files, each answered once.
    const std::string name = t < kThreads / 2 ? "een.bin" : "twee.bin";
    Result<StoredFile> stored = f.store->PutFile(storage_testing::Attachment("a", name, content));
    if (!stored.ok()) {
      out.push_back(stored.error().message);
    } else {
      ids[static_cast<size_t>(t)] = stored->id;
    }
  });
  CHECK(errors.empty());
  for (int t = 1; t < kThreads; ++t) {
    CAPTURE(t);
    CHECK((ids[static_cast<size_t>(t)] == ids[0]) == (t < kThreads / 2));
  }
  CHECK(f.store->FilesOfPage("a").size() == 2);
  // One blob, no temporary file left by the threads whose rename came second.
  CHECK(storage_testing::FilesUnder(f.Blobs()).size() == 1);
  CHECK(storage_testing::ReadAll(f.store->ContentPath(f.GetFile(ids[0]))) == content);
}

TEST_CASE("a thread that outlives one store works with the next") {
  storage_testing::TempDir dir;
  std::promise<void> first_store_used;
  std::promise<void> second_store_open;
  std::shared_future<void> second_ready = second_store_open.get_future().share();
  std::unique_ptr<SqlitePageStore> store = storage_testing::OpenStore(dir.File("een.db"));
  std::string failure;
  std::thread worker([&] {
    if (store->PageCount() != 0) failure = "first store";
    first_store_used.set_value();
    second_ready.wait();
    if (!store->SaveRevision(Edit("a", "Alfa")).ok()) failure = "second store";
  });
  first_store_used.get_future().wait();
  store = storage_testing::OpenStore(dir.File("twee.db"));  // the first closes its connections
  second_store_open.set_value();
  worker.join();
  CHECK(failure.empty());
  CHECK(store->PageCount() == 1);
}

}  // namespace
}  // namespace kring
