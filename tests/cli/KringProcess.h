// KringProcess: runs the built `kring` binary as a child process, for what only a process can
// show: exit codes, one-line errors, signals, and a kill -9 in the middle of work.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "TestTimeouts.h"

extern char** environ;

namespace kring::testing {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

class KringProcess {
 public:
  // Starts `kring args...` with stdout and stderr on a pipe, and `input` (small: it must fit in
  // a pipe's buffer) on stdin, which then ends: never the terminal the tests run in.
  explicit KringProcess(std::vector<std::string> args, const std::string& input = "") {
    int fds[2];
    int in[2];
    if (pipe(fds) != 0 || pipe(in) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    args.insert(args.begin(), KRING_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, KRING_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    close(in[0]);
    out_ = fds[0];
    if (rc == 0 && !input.empty()) {
      [[maybe_unused]] ssize_t written = write(in[1], input.data(), input.size());
    }
    close(in[1]);
    if (rc != 0) throw std::runtime_error("cannot start " KRING_BINARY);
  }
  ~KringProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      // What it wrote before it died, without waiting for more.
      pollfd p{out_, POLLIN, 0};
      char buf[4096];
      ssize_t n = 0;
      while (poll(&p, 1, 0) > 0 && (n = read(out_, buf, sizeof buf)) > 0) {
        output_.append(buf, static_cast<size_t>(n));
      }
      ForwardSanitizerReport();
    }
    close(out_);
  }

  // Reads output until `pattern` matches (answers the first group) or the process ends or
  // `seconds` (scaled as in TestTimeouts.h) pass (answers "").
  std::string WaitFor(const std::string& pattern, int seconds = 20) {
    const std::regex re(pattern);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(ScaledSeconds(seconds));
    std::smatch match;
    while (std::chrono::steady_clock::now() < deadline) {
      if (std::regex_search(output_, match, re))
        return match.size() > 1 ? match[1].str() : match[0].str();
      if (!ReadSome(100)) break;
    }
    return std::regex_search(output_, match, re)
               ? (match.size() > 1 ? match[1].str() : match[0].str())
               : "";
  }

  // The port from "listening on http://ADDR:PORT".
  int WaitForPort() {
    const std::string port = WaitFor("listening on http://[0-9.]+:([0-9]+)");
    return port.empty() ? -1 : std::stoi(port);
  }

  void Signal(int sig) { kill(pid_, sig); }

  // Waits for the exit and answers its code (128+signal when killed), with all output read.
  int Wait() {
    while (ReadSome(100)) {
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    ForwardSanitizerReport();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  const std::string& output() const { return output_; }

 private:
  // False at end of output.
  bool ReadSome(int timeout_ms) {
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[4096];
    const ssize_t n = read(out_, buf, sizeof buf);
    if (n <= 0) return false;
    output_.append(buf, static_cast<size_t>(n));
    return true;
  }

  // A sanitizer build's report (scripts/test --asan) in the output is copied to the test's own
  // output, where ctest looks for one, whatever the test checks of the output.
  void ForwardSanitizerReport() const {
    if (output_.find("Sanitizer") != std::string::npos ||
        output_.find("runtime error: ") != std::string::npos) {
      std::cerr << output_ << std::flush;
    }
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

// Runs `kring args...` to completion, with `input` on stdin.
inline RunResult RunKring(std::vector<std::string> args, const std::string& input = "") {
  KringProcess process(std::move(args), input);
  RunResult result;
  result.exit_code = process.Wait();
  result.output = process.output();
  return result;
}

}  // namespace kring::testing
