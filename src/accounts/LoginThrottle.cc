#include "accounts/LoginThrottle.h"

#include <algorithm>

namespace kring::accounts {

LoginThrottle::LoginThrottle() : LoginThrottle(Limits{}) {}

LoginThrottle::LoginThrottle(Limits limits) : limits_(limits) {}

int LoginThrottle::Recent(Failures& failures, std::string_view key, Clock::time_point now) {
  auto it = failures.find(std::string(key));
  if (it == failures.end()) return 0;
  std::deque<Clock::time_point>& times = it->second;
  while (!times.empty() && times.front() <= now - limits_.window) times.pop_front();
  if (times.empty()) {
    failures.erase(it);
    return 0;
  }
  return static_cast<int>(times.size());
}

void LoginThrottle::Record(Failures& failures, std::string_view key, Clock::time_point now) {
  if (key.empty()) return;  // no address known: nothing to count it under
  if (failures.size() >= kMaxKeys && !failures.contains(std::string(key))) {
    std::erase_if(failures, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() <= now - limits_.window;
    });
    // Still full of recent failures: forget some, to stay bounded.
    while (failures.size() >= kMaxKeys) failures.erase(failures.begin());
  }
  std::deque<Clock::time_point>& times = failures[std::string(key)];
  times.push_back(now);
  // Only the last `limit` failures decide; more would only grow the deque.
  const size_t keep =
      static_cast<size_t>(std::max(limits_.failures_per_account, limits_.failures_per_address));
  while (times.size() > keep) times.pop_front();
}

bool LoginThrottle::Allowed(std::string_view account, std::string_view address,
                            Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (Recent(by_account_, account, now) >= limits_.failures_per_account) return false;
  return address.empty() || Recent(by_address_, address, now) < limits_.failures_per_address;
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view address,
                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Record(by_account_, account, now);
  Record(by_address_, address, now);
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(std::string(account));
}

}  // namespace kring::accounts
