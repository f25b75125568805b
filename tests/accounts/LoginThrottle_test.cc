// LoginThrottle with injected time: failures per account and per address within a window.
#include "accounts/LoginThrottle.h"

#include <doctest/doctest.h>

#include <string>

using kring::accounts::LoginThrottle;
using namespace std::chrono_literals;

namespace {
LoginThrottle::Limits Limits(int per_account, int per_address) {
  LoginThrottle::Limits limits;
  limits.failures_per_account = per_account;
  limits.failures_per_address = per_address;
  limits.window = 60s;
  return limits;
}
}  // namespace

TEST_CASE("an account is refused after N failures within the window, and allowed after it") {
  LoginThrottle throttle(Limits(3, 100));
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.Allowed("ann", "10.0.0.1", t0 + i * 1s));
    throttle.RecordFailure("ann", "10.0.0.1", t0 + i * 1s);
  }
  CHECK_FALSE(throttle.Allowed("ann", "10.0.0.1", t0 + 3s));
  CHECK_FALSE(throttle.Allowed("ann", "10.9.9.9", t0 + 3s));  // from any address
  CHECK(throttle.Allowed("bob", "10.0.0.1", t0 + 3s));        // other accounts are not hit
  // The first failure leaves the window at t0 + 60 s.
  CHECK(throttle.Allowed("ann", "10.0.0.1", t0 + 60s));
}

TEST_CASE("an address is refused after N failures on any accounts") {
  LoginThrottle throttle(Limits(100, 3));
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  for (const char* name : {"ann", "bob", "carl"}) throttle.RecordFailure(name, "10.0.0.1", t0);
  CHECK_FALSE(throttle.Allowed("dirk", "10.0.0.1", t0 + 1s));
  CHECK(throttle.Allowed("dirk", "10.0.0.2", t0 + 1s));
  CHECK(throttle.Allowed("dirk", "10.0.0.1", t0 + 61s));
}

TEST_CASE("a success clears the account's failures but not the address's") {
  LoginThrottle throttle(Limits(2, 3));
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  throttle.RecordFailure("ann", "10.0.0.1", t0);
  throttle.RecordFailure("ann", "10.0.0.1", t0);
  CHECK_FALSE(throttle.Allowed("ann", "10.0.0.2", t0));
  throttle.RecordSuccess("ann");
  CHECK(throttle.Allowed("ann", "10.0.0.2", t0));
  throttle.RecordFailure("bob", "10.0.0.1", t0);
  CHECK_FALSE(throttle.Allowed("ann", "10.0.0.1", t0));  // the address has 3
}

TEST_CASE("an unknown address is not counted, and many keys stay bounded") {
  LoginThrottle throttle(Limits(1, 1));
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  throttle.RecordFailure("ann", "", t0);
  CHECK(throttle.Allowed("bob", "", t0));
  CHECK_FALSE(throttle.Allowed("ann", "", t0));
  // More accounts than the bound: recording goes on working, the newest are kept.
  for (size_t i = 0; i < LoginThrottle::kMaxKeys + 10; ++i) {
    throttle.RecordFailure("user" + std::to_string(i), "", t0 + 1s);
  }
  CHECK_FALSE(throttle.Allowed("user" + std::to_string(LoginThrottle::kMaxKeys + 9), "", t0 + 2s));
}
