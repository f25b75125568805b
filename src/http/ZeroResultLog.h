// ZeroResultLog: the searches that found nothing, counted, so the editors see what members look
// for and the knowledge base lacks (and which words need a synonym).
//
// Record() only counts in memory, so a search that found nothing pays for a map update and no
// more. With a ZeroResultStore (the server's case) those counts are the ones not written yet:
// a thread of the log adds them to the store in one transaction at most every `flush_interval`
// and when the log is destroyed, and Entries() answers the stored counts, so they survive
// restarts. A crash loses at most the last interval's counts. Without a store (tests of the
// counting) the log is memory only.
//
// Bounded: at most `capacity` distinct queries, in memory and in the store. When a new query
// arrives at a full log, the least frequent one (the longest unseen among equals) makes room,
// so the log keeps the most frequent queries. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/Result.h"
#include "core/ZeroResultStore.h"

namespace kring::http {

class ZeroResultLog {
 public:
  using Clock = std::chrono::system_clock;

  // query: normalised (trimmed, inner whitespace collapsed, ASCII lowercased); last_at: the
  // latest search for it, UTC "YYYY-MM-DDTHH:MM:SSZ".
  using Entry = ZeroResultCount;

  // Queries are cut to this many bytes (at a UTF-8 boundary) before they are counted.
  static constexpr size_t kMaxQueryBytes = 200;

  static constexpr std::chrono::milliseconds kDefaultFlushInterval{2000};

  explicit ZeroResultLog(size_t capacity = 500) : capacity_(capacity) {}
  // Keeps the counts in `store`, which must outlive the log.
  ZeroResultLog(ZeroResultStore& store, size_t capacity = 500,
                std::chrono::milliseconds flush_interval = kDefaultFlushInterval);
  // Stops the thread and writes what is left.
  ~ZeroResultLog();
  ZeroResultLog(const ZeroResultLog&) = delete;
  ZeroResultLog& operator=(const ZeroResultLog&) = delete;

  // Counts one search for `query` that found nothing; blank queries are ignored.
  void Record(std::string_view query, Clock::time_point when = Clock::now());

  // Every entry, most frequent first, then most recent first. With a store: the stored ones,
  // after writing what was counted since the last write; the store's error when it fails.
  Result<std::vector<Entry>> Entries() const;

  // Writes the counts not written yet to the store (nothing without one). When the store
  // fails, the counts are kept for the next try and the error is answered.
  Status Flush() const;

  // The form Record() counts `query` under.
  static std::string Normalise(std::string_view query);

 private:
  // Adds `count` searches for the normalised `key`, the latest at `last_at`.
  // REQUIRES: mutex_ held.
  void AddLocked(const std::string& key, int64_t count, const std::string& last_at) const;
  std::vector<Entry> SortedLocked() const;  // REQUIRES: mutex_ held
  void FlushLoop();

  const size_t capacity_;
  ZeroResultStore* const store_ = nullptr;
  const std::chrono::milliseconds flush_interval_{};
  mutable std::mutex mutex_;
  mutable std::map<std::string, Entry> entries_;  // GUARDED_BY(mutex_), by normalised query
  mutable std::condition_variable changed_;       // entries_ got its first entry, or stop_
  bool stop_ = false;                             // GUARDED_BY(mutex_)
  // Held by Flush from taking the counts until the store has them, so that Entries() after a
  // search sees it even while the thread is writing.
  mutable std::mutex flush_mutex_;
  std::thread flusher_;  // with a store only
};

}  // namespace kring::http
