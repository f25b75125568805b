// ZeroResultLog: normalising, counting, ordering and the bound on distinct queries.
#include "http/ZeroResultLog.h"

#include <doctest/doctest.h>

#include <string>

using kring::http::ZeroResultLog;

TEST_CASE("the zero-result log counts normalised queries, most frequent first, bounded") {
  const ZeroResultLog::Clock::time_point t0{};
  auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
  ZeroResultLog log(2);
  log.Record("  Xyzzy  Kassa ", at(1));
  log.Record("xyzzy kassa", at(2));
  log.Record("plugh", at(3));
  log.Record(" \t ", at(4));  // blank: ignored
  auto entries = log.Entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].query == "xyzzy kassa");
  CHECK(entries[0].count == 2);
  CHECK(entries[0].last == at(2));
  CHECK(entries[1].query == "plugh");

  // Full: the least frequent query makes room for a new one.
  log.Record("nieuw", at(5));
  entries = log.Entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].query == "xyzzy kassa");
  CHECK(entries[1].query == "nieuw");

  // Long queries are cut at a character boundary.
  const std::string long_query = std::string(ZeroResultLog::kMaxQueryBytes - 1, 'a') + "é";
  CHECK(ZeroResultLog::Normalise(long_query).size() == ZeroResultLog::kMaxQueryBytes - 1);
}
