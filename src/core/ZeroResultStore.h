// ZeroResultStore: the counts of searches that found nothing, kept across restarts (SQLite in
// storage/). The HTTP layer counts in memory and adds its counts here in batches, off the
// request path (http/ZeroResultLog.h).
//
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Result.h"

namespace kring {

struct ZeroResultCount {
  std::string query;    // normalised by the caller
  int64_t count = 0;    // searches for it
  std::string last_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ" of the latest
};

class ZeroResultStore {
 public:
  virtual ~ZeroResultStore() = default;

  // Adds each count to the stored one of its query (inserting queries not stored yet; the later
  // last_at wins), in one transaction. Then keeps only the `keep` most frequent queries (the
  // most recent among equals), so the table stays bounded.
  virtual Status AddZeroResults(const std::vector<ZeroResultCount>& counts, int64_t keep) = 0;
  // The `limit` most frequent queries, the most recent first among equals.
  virtual Result<std::vector<ZeroResultCount>> ZeroResults(int64_t limit) = 0;
};

}  // namespace kring
