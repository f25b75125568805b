// LoginThrottle: refuses logins after too many recent failures for one account or one client
// address (a sliding window in memory; a restart forgets it). Thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace kring::accounts {

class LoginThrottle {
 public:
  struct Limits {
    int failures_per_account = 5;   // within `window`
    int failures_per_address = 20;  // within `window`
    std::chrono::seconds window{15 * 60};
  };
  using Clock = std::chrono::steady_clock;

  LoginThrottle() : LoginThrottle(Limits{}) {}
  explicit LoginThrottle(Limits limits);

  // Whether a login for `account` (lowercased by the caller) from `address` may be tried now.
  bool Allowed(std::string_view account, std::string_view address, Clock::time_point now);
  void RecordFailure(std::string_view account, std::string_view address, Clock::time_point now);
  // A successful login clears the account's failures (not the address's).
  void RecordSuccess(std::string_view account);
  // ... (private: maps of deques of failure times, pruned on use; bounded in size)
};

}  // namespace kring::accounts
