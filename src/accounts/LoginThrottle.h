// LoginThrottle: refuses logins after too many recent failures for one account or one client
// address (a sliding window in memory; a restart forgets it). Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kring::accounts {

class LoginThrottle {
 public:
  struct Limits {
    int failures_per_account = 5;   // within `window`
    int failures_per_address = 20;  // within `window`
    std::chrono::seconds window{15 * 60};
  };
  using Clock = std::chrono::steady_clock;

  // (Two constructors: a default argument cannot name Limits{} inside the class.)
  LoginThrottle();
  explicit LoginThrottle(Limits limits);

  // Whether a login for `account` (lowercased by the caller) from `address` may be tried now.
  bool Allowed(std::string_view account, std::string_view address, Clock::time_point now);
  void RecordFailure(std::string_view account, std::string_view address, Clock::time_point now);
  // A successful login clears the account's failures (not the address's).
  void RecordSuccess(std::string_view account);

  // Keys (accounts or addresses) kept per map at most. Past it, keys whose failures have all
  // left the window are forgotten first, then any: a flood of names or addresses costs
  // memory up to this bound and no more.
  static constexpr size_t kMaxKeys = 100000;

 private:
  using Failures = std::unordered_map<std::string, std::deque<Clock::time_point>>;

  // The failures of `key` within the window before `now` (older ones are dropped).
  int Recent(Failures& failures, std::string_view key, Clock::time_point now);
  void Record(Failures& failures, std::string_view key, Clock::time_point now);

  const Limits limits_;
  std::mutex mutex_;
  Failures by_account_;  // GUARDED_BY(mutex_)
  Failures by_address_;  // GUARDED_BY(mutex_)
};

}  // namespace kring::accounts
