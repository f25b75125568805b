#include "http/ResponseCache.h"

namespace kring::http {

size_t ResponseBytes(const Response& response) {
  size_t bytes = response.body.size() + response.content_type.size();
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size();
  return bytes;
}

ResponseCache::ResponseCache(size_t max_bytes, Clock::duration max_age)
    : max_bytes_(max_bytes), max_age_(max_age) {}

bool ResponseCache::Current(int64_t version) {
  if (version > version_) {
    lru_.clear();
    index_.clear();
    bytes_ = 0;
    version_ = version;
  }
  return version == version_;
}

void ResponseCache::Erase(Lru::iterator entry) {
  bytes_ -= entry->bytes;
  index_.erase(entry->key);
  lru_.erase(entry);
}

std::shared_ptr<const Response> ResponseCache::Find(const std::string& key, int64_t version) {
  if (!enabled()) return nullptr;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  if (Current(version)) {
    if (auto it = index_.find(key); it != index_.end()) {
      if (now - it->second->stored < max_age_) {
        lru_.splice(lru_.begin(), lru_, it->second);
        ++hits_;
        return it->second->response;
      }
      Erase(it->second);
    }
  }
  ++misses_;
  return nullptr;
}

void ResponseCache::Store(const std::string& key, int64_t version,
                          std::shared_ptr<const Response> response) {
  if (!enabled() || !response) return;
  const size_t bytes = key.size() + ResponseBytes(*response) + kEntryOverhead;
  if (bytes > max_bytes_ / 8) return;
  const Clock::time_point now = Clock::now();
  std::lock_guard lock(mutex_);
  if (!Current(version)) return;
  if (auto it = index_.find(key); it != index_.end()) Erase(it->second);
  while (!lru_.empty() && bytes_ + bytes > max_bytes_) Erase(std::prev(lru_.end()));
  lru_.push_front(Entry{key, std::move(response), now, bytes});
  index_.emplace(key, lru_.begin());
  bytes_ += bytes;
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{lru_.size(), bytes_, hits_, misses_};
}

}  // namespace kring::http
