#include "search/ResultCache.h"

namespace kring::search {

std::string ResultCache::Key(int64_t generation, uint64_t revision, uint64_t synonyms,
                             const SearchQuery& query) {
  // Fields joined by a byte that URL decoding refuses (control characters), so no two
  // different queries give the same key.
  constexpr char kSeparator = '\x1f';
  std::string key = std::to_string(generation) + kSeparator + std::to_string(revision) +
                    kSeparator + std::to_string(synonyms);
  for (const std::string* field : {&query.text, &query.topic, &query.kind, &query.type, &query.year,
                                   &query.organisation, &query.application}) {
    key += kSeparator;
    key += *field;
  }
  key += kSeparator;
  key += query.sort_by_date ? 'd' : 'r';
  key += query.audience == Audience::kMembers ? 'm' : 'p';
  key += kSeparator + std::to_string(query.page) + kSeparator + std::to_string(query.page_size);
  return key;
}

std::optional<SearchResults> ResultCache::Find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, found->second);  // now the most recent
  return found->second->second;
}

void ResultCache::Store(const std::string& key, const SearchResults& results) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end()) {
    found->second->second = results;
    entries_.splice(entries_.begin(), entries_, found->second);
    return;
  }
  entries_.emplace_front(key, results);
  index_.emplace(key, entries_.begin());
  if (entries_.size() > capacity_) {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

}  // namespace kring::search
