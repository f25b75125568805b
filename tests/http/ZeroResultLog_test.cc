// ZeroResultLog: normalising, counting, ordering and the bound on distinct queries; the counts
// kept in a real SQLite store.
#include "http/ZeroResultLog.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "TempDir.h"
#include "storage/SqlitePageStore.h"

using kring::http::ZeroResultLog;

TEST_CASE("the zero-result log counts normalised queries, most frequent first, bounded") {
  const ZeroResultLog::Clock::time_point t0{};
  auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
  ZeroResultLog log(2);
  log.Record("  Xyzzy  Kassa ", at(1));
  log.Record("xyzzy kassa", at(2));
  log.Record("plugh", at(3));
  log.Record(" \t ", at(4));  // blank: ignored
  auto entries = log.Entries().value();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].query == "xyzzy kassa");
  CHECK(entries[0].count == 2);
  CHECK(entries[0].last_at == "1970-01-01T00:00:02Z");
  CHECK(entries[1].query == "plugh");

  // Full: the least frequent query makes room for a new one.
  log.Record("nieuw", at(5));
  entries = log.Entries().value();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].query == "xyzzy kassa");
  CHECK(entries[1].query == "nieuw");

  // Long queries are cut at a character boundary.
  const std::string long_query = std::string(ZeroResultLog::kMaxQueryBytes - 1, 'a') + "é";
  CHECK(ZeroResultLog::Normalise(long_query).size() == ZeroResultLog::kMaxQueryBytes - 1);
}

TEST_CASE("with a store the counts are written off the request path and survive a new log") {
  kring::testing::TempDir dir;
  auto open = [&] {
    auto store = kring::SqlitePageStore::Open(dir.File("kring.db"));
    REQUIRE(store.ok());
    return std::move(store).value();
  };
  auto store = open();
  {
    ZeroResultLog log(*store, 10, std::chrono::milliseconds(10));
    log.Record("Xyzzy");
    // The log's thread writes the count by itself after the interval.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (store->ZeroResults(10).value().empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    REQUIRE(store->ZeroResults(10).value().size() == 1);
    log.Record("xyzzy");
    log.Record("  XYZZY");
    log.Record("plugh");
  }  // destroyed: writes what is left
  store = open();
  ZeroResultLog log(*store, 10, std::chrono::hours(1));
  log.Record("plugh");
  auto entries = log.Entries();  // writes the count above first
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 2);
  CHECK(entries.value()[0].query == "xyzzy");
  CHECK(entries.value()[0].count == 3);
  CHECK(entries.value()[1].query == "plugh");
  CHECK(entries.value()[1].count == 2);
}
