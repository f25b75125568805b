// RunChild: runs a program in a child process with resource limits and captures its stdout.
// The child gets stdin and stderr on /dev/null, stdout on a pipe, no other inherited file
// descriptor, its own process group (killed as a whole), an empty signal mask, default
// SIGPIPE, SIGKILL when the parent dies, and
// RLIMIT_CPU, RLIMIT_AS, RLIMIT_FSIZE 0 (it may write no file), RLIMIT_NOFILE and RLIMIT_CORE 0,
// all set between fork and exec (which is why this is fork + execve, not posix_spawn).
// Sanitizer builds (KRING_SANITIZE) leave RLIMIT_AS as the parent has it and relay the child's
// stderr to the parent's, so that the sanitized child can start and its reports are seen.
// Thread-safe: the parent may be multi-threaded; the child makes only async-signal-safe system
// calls between fork and exec, on data prepared before the fork. Linux only (close_range,
// PR_SET_PDEATHSIG). The process must not ignore SIGCHLD (waitpid needs the child's status).
#pragma once

#include <string>
#include <vector>

#include "extract/SandboxLimits.h"

namespace kring::extract {

struct ChildResult {
  enum class End {
    kExited,          // `code` is the exit status
    kSignaled,        // `code` is the signal
    kTimedOut,        // past the wall clock: killed
    kOutputTooLarge,  // past max_output_bytes: killed
    kError,           // not started (fork, pipe, exec failed) or lost: `error` says why
  };
  End end = End::kError;
  int code = 0;
  double cpu_seconds = 0;  // user + system time the child used
  std::string output;      // its stdout
  std::string error;
};

// Runs argv[0] (a path: no PATH search) with arguments `argv` and the parent's environment,
// under `limits`; blocks until it ends or is killed, and reaps it.
ChildResult RunChild(const std::vector<std::string>& argv, const SandboxLimits& limits);

}  // namespace kring::extract
