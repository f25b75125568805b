// TestTimeouts: how long a test waits for something that should come (a server to start, an
// answer, the index to catch up) before it gives up. These bounds only end a test that would
// otherwise hang; they assert no speed. A sanitizer build runs 2-3 times slower, so
// `scripts/test --asan` sets KRING_TEST_TIME_SCALE=3 and these waits are multiplied by it.
#pragma once

#include <cstdlib>

namespace kring::testing {

// KRING_TEST_TIME_SCALE as a whole factor of at least 1; 1 when it is unset or not a number.
inline int TimeScale() {
  const char* value = std::getenv("KRING_TEST_TIME_SCALE");
  const int scale = value == nullptr ? 1 : std::atoi(value);
  return scale >= 1 ? scale : 1;
}

// `seconds` times TimeScale().
inline int ScaledSeconds(int seconds) { return seconds * TimeScale(); }

}  // namespace kring::testing
