// ResponseCache: whole responses kept in memory by key, for as long as what they show has not
// changed. The server keeps the public pages that readers who are not signed in ask for most
// (PublicPageCache.h decides which, and builds the keys); a hit costs a lookup and a copy
// instead of SQLite reads and two template renders (docs/performance.md).
//
// Freshness: every entry belongs to one content version (PageStore::ContentVersion, read by the
// caller before it made the response). A newer version seen in Find or Store empties the cache,
// and a response made from an older one is neither served nor kept; so once a change has
// committed, no request that reads the version afterwards gets a response made before it.
// Besides, an entry is served for at most `max_age` (what changes without a write: the date,
// the "See also" list from the search index).
//
// Memory: at most `max_bytes`, counting each entry's key, body and headers plus a fixed
// overhead (so the number of entries is bounded too); the least recently used entries go
// first. A response larger than an eighth of the cache is not kept. max_bytes 0 keeps nothing.
//
// Thread-safe: one mutex, held for a lookup or an insertion (never while rendering).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/Request.h"

namespace kring::http {

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  // What an entry costs beyond its strings (the list and map nodes, the Response, the
  // strings' own headers): an estimate on the high side.
  static constexpr size_t kEntryOverhead = 512;

  ResponseCache(size_t max_bytes, Clock::duration max_age);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  bool enabled() const { return max_bytes_ > 0; }

  // The response kept under `key` for content version `version`; null when there is none, it
  // is older than max_age, or `version` is not the newest version seen.
  std::shared_ptr<const Response> Find(const std::string& key, int64_t version);
  // Keeps `response` under `key` (replacing what was there), unless `version` is older than
  // the newest seen or the response is too large; evicts the least recently used entries to
  // stay within max_bytes.
  void Store(const std::string& key, int64_t version, std::shared_ptr<const Response> response);

  struct Stats {
    size_t entries = 0;
    size_t bytes = 0;
    uint64_t hits = 0;
    uint64_t misses = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Response> response;
    Clock::time_point stored;
    size_t bytes = 0;
  };
  using Lru = std::list<Entry>;  // most recently used first

  // Empties the cache when `version` is newer than the one it holds; answers whether
  // `version` is the current one. REQUIRES: mutex_ held.
  bool Current(int64_t version);
  void Erase(Lru::iterator entry);  // REQUIRES: mutex_ held

  const size_t max_bytes_;
  const Clock::duration max_age_;
  mutable std::mutex mutex_;
  int64_t version_ = -1;                                  // GUARDED_BY(mutex_)
  Lru lru_;                                               // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Lru::iterator> index_;  // GUARDED_BY(mutex_)
  size_t bytes_ = 0;                                      // GUARDED_BY(mutex_)
  uint64_t hits_ = 0;                                     // GUARDED_BY(mutex_)
  uint64_t misses_ = 0;                                   // GUARDED_BY(mutex_)
};

// What a response costs in a ResponseCache besides the fixed overhead.
size_t ResponseBytes(const Response& response);

}  // namespace kring::http
