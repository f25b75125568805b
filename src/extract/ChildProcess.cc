#include "extract/ChildProcess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>
#include <utility>

extern char** environ;

namespace kring::extract {
namespace {

// In sanitizer builds (KRING_SANITIZE) the child is sanitized too, so two things differ, and
// only there: ASan reserves terabytes of address space for its shadow memory at start-up, so
// the child keeps the parent's RLIMIT_AS instead of getting `address_space_bytes` (it could
// not start under it); and its stderr is relayed to the parent's, so that a report from the
// child reaches the test that caused it (a pipe, not the parent's descriptor itself: that may
// be a log file, which RLIMIT_FSIZE 0 forbids writing to).
#ifdef __SANITIZE_ADDRESS__
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    Reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// `fd` moved above 2 (still close-on-exec), so that the child's dup2 onto 0-2 cannot clobber
// it when the parent runs with a standard stream closed.
UniqueFd AboveStandardStreams(int fd) {
  if (fd < 0 || fd > 2) return UniqueFd(fd);
  UniqueFd moved(fcntl(fd, F_DUPFD_CLOEXEC, 3));
  close(fd);
  return moved;
}

bool MakePipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end = AboveStandardStreams(fds[0]);
  write_end = AboveStandardStreams(fds[1]);
  return read_end.get() >= 0 && write_end.get() >= 0;
}

struct Limit {
  int resource;
  rlimit value;
};

// Everything the child touches between fork and exec, prepared by the parent.
struct ChildPlan {
  char* const* argv;
  char* const* envp;
  int null_fd;    // stdin
  int output_fd;  // stdout
  int error_fd;   // stderr: null_fd, or the relay to the parent's stderr (kSanitized)
  int status_fd;  // carries errno when exec fails; closed by a successful exec
  pid_t parent;
  std::array<Limit, 5> limits;
  sigset_t empty_mask;
  struct sigaction default_action;
};

[[noreturn]] void Fail(const ChildPlan& plan, int error) {
  ssize_t ignored = write(plan.status_fd, &error, sizeof error);
  (void)ignored;  // nothing more can be done: the parent then sees exit status 127
  _exit(127);
}

void CloseFrom(unsigned first, unsigned last) {
  if (first > last) return;
  if (close_range(first, last, 0) == 0) return;
  // Kernels before 5.9: close one by one, up to the highest descriptor the limit allows.
  rlimit files;
  const unsigned highest = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY
                               ? static_cast<unsigned>(files.rlim_cur)
                               : 65536u;
  for (unsigned fd = first; fd <= last && fd < highest; ++fd) close(static_cast<int>(fd));
}

// The child between fork and exec. Only async-signal-safe system calls: another thread of the
// parent may have held a lock (malloc's, stdio's) at the fork, and the child inherits it held.
[[noreturn]] void ExecChild(const ChildPlan& plan) {
  if (dup2(plan.null_fd, STDIN_FILENO) < 0 || dup2(plan.output_fd, STDOUT_FILENO) < 0 ||
      dup2(plan.error_fd, STDERR_FILENO) < 0) {
    Fail(plan, errno);
  }
  // The child must not hold the server's sockets or database files.
  const unsigned status = static_cast<unsigned>(plan.status_fd);
  CloseFrom(3, status - 1);
  CloseFrom(status + 1, ~0u);
  // The server blocks SIGINT/SIGTERM and ignores SIGPIPE; both survive exec.
  sigprocmask(SIG_SETMASK, &plan.empty_mask, nullptr);
  sigaction(SIGPIPE, &plan.default_action, nullptr);
  // Its own process group, so that killing the group also ends anything it started.
  setpgid(0, 0);
  // Die with the parent (strictly: with the thread that forked, which waits for the child).
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) Fail(plan, errno);
  if (getppid() != plan.parent) _exit(127);
  for (const Limit& limit : plan.limits) {
    if (setrlimit(limit.resource, &limit.value) != 0) Fail(plan, errno);
  }
  execve(plan.argv[0], plan.argv, plan.envp);
  Fail(plan, errno);
}

// strerror is not thread-safe; the category's message is.
std::string ErrorText(int error) { return std::system_category().message(error); }

rlim_t OrInfinity(uint64_t value) {
  return value == 0 ? RLIM_INFINITY : static_cast<rlim_t>(value);
}

void Record(int status, const rusage& usage, ChildResult& result) {
  result.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (WIFSIGNALED(status)) {
    result.end = ChildResult::End::kSignaled;
    result.code = WTERMSIG(status);
  } else {
    result.end = ChildResult::End::kExited;
    result.code = WEXITSTATUS(status);
  }
}

// Kills the child and reaps it; `end` says why.
void KillAndReap(pid_t pid, ChildResult::End end, ChildResult& result) {
  kill(-pid, SIGKILL);  // the child's process group (setpgid in ExecChild)
  kill(pid, SIGKILL);   // in case it had not got that far
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  Record(status, usage, result);
  result.end = end;
}

int MillisecondsUntil(std::chrono::steady_clock::time_point deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

// Copies what the child wrote to `error_fd` to our stderr; false once it is closed.
bool RelayErrors(int error_fd) {
  char buffer[4096];
  const ssize_t got = read(error_fd, buffer, sizeof buffer);
  if (got < 0) return errno == EINTR || errno == EAGAIN;
  if (got == 0) return false;
  ssize_t ignored = write(STDERR_FILENO, buffer, static_cast<size_t>(got));
  (void)ignored;  // diagnostics only
  return true;
}

// Reads the child's stdout (and relays its stderr, when `error_fd` >= 0) until they close,
// then reaps the child, all under the deadline.
ChildResult Supervise(pid_t pid, int output_fd, int error_fd,
                      std::chrono::steady_clock::time_point deadline, size_t max_output_bytes) {
  ChildResult result;
  char buffer[64 * 1024];
  bool output_open = true;
  bool errors_open = error_fd >= 0;
  while (output_open || errors_open) {
    const int timeout = MillisecondsUntil(deadline);
    if (timeout == 0) {
      KillAndReap(pid, ChildResult::End::kTimedOut, result);
      return result;
    }
    // poll skips negative descriptors: those already closed.
    pollfd readable[2] = {{output_open ? output_fd : -1, POLLIN, 0},
                          {errors_open ? error_fd : -1, POLLIN, 0}};
    const int ready = poll(readable, 2, timeout);
    if (ready < 0 && errno != EINTR) {
      KillAndReap(pid, ChildResult::End::kError, result);
      result.error = "poll failed: " + ErrorText(errno);
      return result;
    }
    if (ready <= 0) continue;
    if (readable[1].revents != 0) errors_open = RelayErrors(error_fd);
    if (readable[0].revents == 0) continue;
    const ssize_t got = read(output_fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      KillAndReap(pid, ChildResult::End::kError, result);
      result.error = "read failed: " + ErrorText(errno);
      return result;
    }
    if (got == 0) {  // the child closed stdout: it is exiting
      output_open = false;
      continue;
    }
    if (result.output.size() + static_cast<size_t>(got) > max_output_bytes) {
      KillAndReap(pid, ChildResult::End::kOutputTooLarge, result);
      return result;
    }
    result.output.append(buffer, static_cast<size_t>(got));
  }
  // A child that closed stdout but lingers is killed at the deadline too.
  while (true) {
    int status = 0;
    rusage usage{};
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) {
      Record(status, usage, result);
      return result;
    }
    if (done < 0 && errno != EINTR) {
      result.end = ChildResult::End::kError;
      result.error = "wait failed: " + ErrorText(errno);
      return result;
    }
    if (MillisecondsUntil(deadline) == 0) {
      KillAndReap(pid, ChildResult::End::kTimedOut, result);
      return result;
    }
    poll(nullptr, 0, 2);  // it is exiting: look again in 2 ms
  }
}

}  // namespace

ChildResult RunChild(const std::vector<std::string>& argv, const SandboxLimits& limits) {
  ChildResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + limits.wall_clock;
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  UniqueFd output_read, output_write, status_read, status_write, errors_read, errors_write;
  UniqueFd null_fd = AboveStandardStreams(open("/dev/null", O_RDWR | O_CLOEXEC));
  if (!MakePipe(output_read, output_write) || !MakePipe(status_read, status_write) ||
      (kSanitized && !MakePipe(errors_read, errors_write)) || null_fd.get() < 0) {
    result.error = "no pipe: " + ErrorText(errno);
    return result;
  }
  const rlim_t cpu = OrInfinity(limits.cpu_seconds);
  rlimit address_space{OrInfinity(limits.address_space_bytes),
                       OrInfinity(limits.address_space_bytes)};
  if (kSanitized && getrlimit(RLIMIT_AS, &address_space) != 0) {
    result.error = "getrlimit failed: " + ErrorText(errno);
    return result;
  }
  const rlim_t files = OrInfinity(limits.open_files);
  ChildPlan plan{args.data(),
                 environ,
                 null_fd.get(),
                 output_write.get(),
                 kSanitized ? errors_write.get() : null_fd.get(),
                 status_write.get(),
                 getpid(),
                 {{
                     {RLIMIT_CPU, {cpu, cpu == RLIM_INFINITY ? cpu : cpu + 1}},
                     {RLIMIT_AS, address_space},
                     {RLIMIT_FSIZE, {0, 0}},
                     {RLIMIT_NOFILE, {files, files}},
                     {RLIMIT_CORE, {0, 0}},
                 }},
                 {},
                 {}};
  sigemptyset(&plan.empty_mask);
  plan.default_action.sa_handler = SIG_DFL;
  sigemptyset(&plan.default_action.sa_mask);

  const pid_t pid = fork();
  if (pid < 0) {
    result.error = "fork failed: " + ErrorText(errno);
    return result;
  }
  if (pid == 0) ExecChild(plan);
  output_write.Reset();
  errors_write.Reset();
  status_write.Reset();
  null_fd.Reset();

  // A successful exec closes the status pipe (close-on-exec); a failed one writes its errno.
  int exec_error = 0;
  ssize_t got = 0;
  do {
    got = read(status_read.get(), &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  if (got == sizeof exec_error) {
    KillAndReap(pid, ChildResult::End::kError, result);
    result.error = ErrorText(exec_error);
    return result;
  }
  try {
    return Supervise(pid, output_read.get(), errors_read.get(), deadline, limits.max_output_bytes);
  } catch (...) {
    // Out of memory for the output, say: the child must not outlive the call unreaped.
    KillAndReap(pid, ChildResult::End::kError, result);
    throw;
  }
}

}  // namespace kring::extract
