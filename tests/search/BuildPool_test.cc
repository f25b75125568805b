// BuildPool: documents built on helper threads, handed back in order.
#include "search/BuildPool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"

using kring::BuildPool;
using kring::BuiltDocuments;
using kring::DocumentBuilder;
using kring::Error;
using kring::ErrorCode;
using kring::Result;

namespace {

// An item that is an error naming its index: the order it comes back in shows without an index.
Result<BuiltDocuments> Numbered(size_t index) {
  return Error{ErrorCode::kInternal, std::to_string(index)};
}

std::vector<std::string> TakeAll(BuildPool::Run& run, size_t count) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    Result<BuiltDocuments> item = run.Next();
    names.push_back(item.ok() ? "built" : item.error().message);
  }
  return names;
}

std::vector<std::string> Counting(size_t count) {
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) names.push_back(std::to_string(i));
  return names;
}

}  // namespace

TEST_CASE("items come back in order, built by the helpers and by the caller") {
  for (int helpers : {0, 1, 3}) {
    CAPTURE(helpers);
    BuildPool pool(helpers);
    for (size_t count : {0, 1, 200}) {  // more than the helpers may build ahead
      CAPTURE(count);
      std::mutex mutex;
      std::set<std::thread::id> threads;
      BuildPool::Run run = pool.Start(count, [&](DocumentBuilder&, size_t i) {
        std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
        return Numbered(i);
      });
      CHECK(TakeAll(run, count) == Counting(count));
      if (helpers == 0 && count > 0) {
        CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
      }
    }
  }
}

TEST_CASE("a run left half taken ends cleanly, and the pool runs again") {
  BuildPool pool(2);
  std::atomic<int> calls{0};
  {
    BuildPool::Run run = pool.Start(500, [&](DocumentBuilder&, size_t i) {
      ++calls;
      return Numbered(i);
    });
    CHECK(TakeAll(run, 3) == Counting(3));
  }  // the helpers stop at what they had in hand
  CHECK(calls.load() < 500);
  BuildPool::Run again = pool.Start(5, [](DocumentBuilder&, size_t i) { return Numbered(i); });
  CHECK(TakeAll(again, 5) == Counting(5));
}

TEST_CASE("an exception while building becomes that item's error") {
  BuildPool pool(1);
  BuildPool::Run run = pool.Start(3, [](DocumentBuilder&, size_t i) -> Result<BuiltDocuments> {
    if (i == 1) throw std::runtime_error("boom");
    return Numbered(i);
  });
  const std::vector<std::string> names = TakeAll(run, 3);
  CHECK(names[0] == "0");
  CHECK(names[1] == "building documents failed: boom");
  CHECK(names[2] == "2");
}

TEST_CASE("documents built by the pool are written and found") {
  kring::testing::TempDir tmp;
  const std::string dir = tmp.File("xapian");
  auto writer = kring::testing::OpenWriter(dir);
  std::vector<kring::Page> pages;
  for (int i = 0; i < 50; ++i) {
    pages.push_back(kring::testing::MakePage(
        {"p" + std::to_string(i), "Pagina " + std::to_string(i), "Over kennisbeheer."}));
  }
  BuildPool pool(2);
  {
    BuildPool::Run run = pool.Start(pages.size(), [&](DocumentBuilder& builder, size_t i) {
      return builder.ForPage(pages[i]);
    });
    for (size_t i = 0; i < pages.size(); ++i) {
      Result<BuiltDocuments> built = run.Next();
      REQUIRE(built.ok());
      REQUIRE(writer->Write(std::move(built).value()).ok());
    }
  }
  REQUIRE(writer->Commit().ok());
  kring::XapianSearchIndex index(dir);
  auto found = index.Search(kring::testing::Query("kennis", "", "", 1, 100));
  REQUIRE(found.ok());
  CHECK(found->hits.size() == pages.size());
}
