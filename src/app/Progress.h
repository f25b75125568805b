// Progress: how far a long command has come (`kring reindex`), on a stream: on a terminal a bar
// that redraws itself in place with the rate and the time left; otherwise (a log, a pipe, a
// systemd journal) a plain line now and then, which reads well one under the other.
//
// Not thread-safe: one thread updates it. The line formats are free functions, so that they can
// be tested without a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kring {

// "[#######.............]  35%  3500/10000  812 pages/s  0:08 left" for a bar `width` characters
// wide; the rate and time left are left out until a second has passed.
std::string ProgressBarLine(int64_t done, int64_t total, double seconds, const std::string& unit,
                            int width);
// "3500/10000 pages (35%), 812 pages/s, about 8 s left".
std::string ProgressPlainLine(int64_t done, int64_t total, double seconds, const std::string& unit);

class Progress {
 public:
  // `label` starts each line ("Rebuilding the search index"); `unit` names what is counted.
  // A terminal when `out` is one (isatty).
  Progress(std::string label, std::string unit, std::FILE* out);

  // Shows `done` of `total`: redrawn at most ten times a second on a terminal, a line every
  // five seconds otherwise; always when done reaches total.
  void Update(int64_t done, int64_t total);
  // Ends the bar's line on a terminal (so that what follows starts on a line of its own).
  void Finish();

  double seconds() const;

 private:
  using Clock = std::chrono::steady_clock;

  const std::string label_;
  const std::string unit_;
  std::FILE* const out_;
  const bool terminal_;
  const Clock::time_point start_;
  Clock::time_point last_shown_;
  bool shown_ = false;
  bool bar_open_ = false;  // a bar line waits for its end
};

}  // namespace kring
