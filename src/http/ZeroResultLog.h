// ZeroResultLog: the searches that found nothing, counted, so the editors see what members look
// for and the knowledge base lacks (and which words need a synonym). In memory only for now:
// it starts empty at every start of the server.
//
// Bounded: at most `capacity` distinct queries. When a new query arrives at a full log, the
// least frequent one (the longest unseen among equals) makes room, so the log keeps the most
// frequent queries. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kring::http {

class ZeroResultLog {
 public:
  using Clock = std::chrono::system_clock;

  struct Entry {
    std::string query;  // normalised: trimmed, inner whitespace collapsed, ASCII lowercased
    int64_t count = 0;
    Clock::time_point last = {};  // the latest search for it
  };

  // Queries are cut to this many bytes (at a UTF-8 boundary) before they are counted.
  static constexpr size_t kMaxQueryBytes = 200;

  explicit ZeroResultLog(size_t capacity = 500) : capacity_(capacity) {}

  // Counts one search for `query` that found nothing; blank queries are ignored.
  void Record(std::string_view query, Clock::time_point when = Clock::now());

  // Every entry, most frequent first, then most recent first.
  std::vector<Entry> Entries() const;

  // The form Record() counts `query` under.
  static std::string Normalise(std::string_view query);

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // GUARDED_BY(mutex_), by normalised query
};

}  // namespace kring::http
