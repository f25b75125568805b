// ResultCache: the results of recent searches, per index revision, so that a query many members
// ask (a topic's name, this week's meeting) is answered without running Xapian again.
//
// Keyed by the index generation and revision, the synonym table in use and every field of the
// SearchQuery: a commit of the indexer makes a new revision, so a cached result is never served
// after the index or the synonyms changed; the old entries age out. A field added to SearchQuery
// must be added to Key() (the audience is: the public never gets results cached for members). Least
// recently used entries go first when `capacity` is reached; capacity 0 caches nothing.
// Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/SearchIndex.h"

namespace kring::search {

class ResultCache {
 public:
  explicit ResultCache(size_t capacity) : capacity_(capacity) {}

  // `generation`: the index's (core/IndexGenerations.h: a rebuilt index starts its revisions
  // again); `revision`: its Xapian::Database::get_revision; `synonyms`: SynonymsGeneration().
  static std::string Key(int64_t generation, uint64_t revision, uint64_t synonyms,
                         const SearchQuery& query);

  std::optional<SearchResults> Find(const std::string& key);
  void Store(const std::string& key, const SearchResults& results);

  size_t capacity() const { return capacity_; }

 private:
  using Entry = std::pair<std::string, SearchResults>;
  const size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first; GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // GUARDED_BY(mutex_)
};

}  // namespace kring::search
