// SandboxLimits: what the extraction child process may use. Zero means "no limit" for the
// resource limits. Sanitizer builds ignore address_space_bytes (see ChildProcess.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace kring {

struct SandboxLimits {
  // Wall clock, measured by the parent, which then kills the child (SIGKILL).
  std::chrono::milliseconds wall_clock{30'000};
  // RLIMIT_CPU, seconds: SIGXCPU at the limit, SIGKILL a second later.
  uint64_t cpu_seconds = 20;
  // RLIMIT_AS, bytes: allocations fail past it (std::bad_alloc, a failed Extraction).
  uint64_t address_space_bytes = uint64_t{1} << 30;
  // RLIMIT_NOFILE: the child needs stdin/out/err, the file and a few for its libraries.
  uint64_t open_files = 32;
  // What the parent reads from the child's stdout at most; past it the child is killed.
  size_t max_output_bytes = 64 * 1024 * 1024;
};

}  // namespace kring
