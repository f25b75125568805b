#include "http/ZeroResultLog.h"

#include <algorithm>

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

}  // namespace

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
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= capacity_) {
      auto weakest = std::min_element(entries_.begin(), entries_.end(), [](auto& a, auto& b) {
        return a.second.count != b.second.count ? a.second.count < b.second.count
                                                : a.second.last < b.second.last;
      });
      entries_.erase(weakest);
    }
    it = entries_.emplace(key, Entry{key, 0, when}).first;
  }
  ++it->second.count;
  it->second.last = std::max(it->second.last, when);
}

std::vector<ZeroResultLog::Entry> ZeroResultLog::Entries() const {
  std::vector<Entry> out;
  {
    std::lock_guard lock(mutex_);
    out.reserve(entries_.size());
    for (const auto& [key, entry] : entries_) out.push_back(entry);
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.last != b.last) return a.last > b.last;
    return a.query < b.query;
  });
  return out;
}

}  // namespace kring::http
