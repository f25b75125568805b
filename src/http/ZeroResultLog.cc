#include "http/ZeroResultLog.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

namespace kring::http {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8
// sequence.
std::string_view CutAtCharacter(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// "2026-11-29T10:00:00Z"
std::string IsoUtc(ZeroResultLog::Clock::time_point when) {
  const std::time_t seconds = ZeroResultLog::Clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[sizeof "2026-11-29T10:00:00Z"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

ZeroResultLog::ZeroResultLog(ZeroResultStore& store, size_t capacity,
                             std::chrono::milliseconds flush_interval)
    : capacity_(capacity), store_(&store), flush_interval_(flush_interval) {
  flusher_ = std::thread([this] { FlushLoop(); });
}

ZeroResultLog::~ZeroResultLog() {
  if (!flusher_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  flusher_.join();
}

std::string ZeroResultLog::Normalise(std::string_view query) {
  std::string out;
  out.reserve(std::min(query.size(), kMaxQueryBytes));
  bool gap = false;
  for (char c : query) {
    if (IsSpace(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (out.size() > kMaxQueryBytes) break;
  }
  return std::string(CutAtCharacter(out, kMaxQueryBytes));
}

void ZeroResultLog::Record(std::string_view query, Clock::time_point when) {
  std::string key = Normalise(query);
  if (key.empty() || capacity_ == 0) return;
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    first = entries_.empty();
    AddLocked(key, 1, IsoUtc(when));
  }
  if (first && store_ != nullptr) changed_.notify_one();
}

void ZeroResultLog::AddLocked(const std::string& key, int64_t count,
                              const std::string& last_at) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= capacity_) {
      auto weakest = std::min_element(entries_.begin(), entries_.end(), [](auto& a, auto& b) {
        return a.second.count != b.second.count ? a.second.count < b.second.count
                                                : a.second.last_at < b.second.last_at;
      });
      entries_.erase(weakest);
    }
    it = entries_.emplace(key, Entry{key, 0, last_at}).first;
  }
  it->second.count += count;
  it->second.last_at = std::max(it->second.last_at, last_at);
}

std::vector<ZeroResultLog::Entry> ZeroResultLog::SortedLocked() const {
  std::vector<Entry> out;
  out.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) out.push_back(entry);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.last_at != b.last_at) return a.last_at > b.last_at;
    return a.query < b.query;
  });
  return out;
}

Result<std::vector<ZeroResultLog::Entry>> ZeroResultLog::Entries() const {
  if (store_ == nullptr) {
    std::lock_guard lock(mutex_);
    return SortedLocked();
  }
  if (Status flushed = Flush(); !flushed.ok()) return flushed.error();
  return store_->ZeroResults(static_cast<int64_t>(capacity_));
}

Status ZeroResultLog::Flush() const {
  if (store_ == nullptr) return Ok();
  std::lock_guard flushing(flush_mutex_);
  std::map<std::string, Entry> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(entries_);
  }
  if (taken.empty()) return Ok();
  std::vector<Entry> counts;
  counts.reserve(taken.size());
  for (auto& [key, entry] : taken) counts.push_back(std::move(entry));
  Status added = store_->AddZeroResults(counts, static_cast<int64_t>(capacity_));
  if (!added.ok()) {
    std::lock_guard lock(mutex_);
    for (const Entry& entry : counts) AddLocked(entry.query, entry.count, entry.last_at);
  }
  return added;
}

void ZeroResultLog::FlushLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stop_ || !entries_.empty(); });
    // Let the counts of the next interval gather: one transaction for all of them.
    if (!stop_) changed_.wait_for(lock, flush_interval_, [this] { return stop_; });
    const bool stopping = stop_;
    lock.unlock();
    if (Status flushed = Flush(); !flushed.ok()) {
      spdlog::warn("zero-result log: {}", flushed.error().message);
      if (stopping) return;
      lock.lock();
      // The store failed: wait an interval before trying again rather than spinning.
      changed_.wait_for(lock, flush_interval_, [this] { return stop_; });
      continue;
    }
    if (stopping) return;
    lock.lock();
  }
}

}  // namespace kring::http
