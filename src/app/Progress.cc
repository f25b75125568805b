#include "app/Progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace kring {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kPlainInterval = std::chrono::seconds(5);

int Percent(int64_t done, int64_t total) {
  return total <= 0 ? 100 : static_cast<int>(std::min<int64_t>(done * 100 / total, 100));
}

// "0:08", "12:05", "1:02:03".
std::string ClockText(double seconds) {
  const auto total = static_cast<int64_t>(std::llround(std::max(seconds, 0.0)));
  const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  char text[32];
  if (h > 0) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s));
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(m),
                  static_cast<long long>(s));
  }
  return text;
}

// Items per second so far; 0 until a second has passed (earlier rates mislead).
double Rate(int64_t done, double seconds) { return seconds < 1.0 ? 0.0 : done / seconds; }

}  // namespace

std::string ProgressBarLine(int64_t done, int64_t total, double seconds, const std::string& unit,
                            int width) {
  const int percent = Percent(done, total);
  const int filled = width * percent / 100;
  std::string line = "[" + std::string(static_cast<size_t>(filled), '#') +
                     std::string(static_cast<size_t>(width - filled), '.') + "] ";
  char numbers[64];
  std::snprintf(numbers, sizeof numbers, "%3d%%  %lld/%lld", percent, static_cast<long long>(done),
                static_cast<long long>(total));
  line += numbers;
  const double rate = Rate(done, seconds);
  if (rate > 0) {
    line += "  " + std::to_string(std::llround(rate)) + " " + unit + "/s";
    line += "  " + ClockText((total - done) / rate) + " left";
  }
  return line;
}

std::string ProgressPlainLine(int64_t done, int64_t total, double seconds,
                              const std::string& unit) {
  std::string line = std::to_string(done) + "/" + std::to_string(total) + " " + unit + " (" +
                     std::to_string(Percent(done, total)) + "%)";
  const double rate = Rate(done, seconds);
  if (rate > 0) {
    line += ", " + std::to_string(std::llround(rate)) + " " + unit + "/s";
    if (done < total) {
      line += ", about " + std::to_string(std::llround((total - done) / rate)) + " s left";
    }
  }
  return line;
}

Progress::Progress(std::string label, std::string unit, std::FILE* out)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      out_(out),
      terminal_(isatty(fileno(out)) == 1),
      start_(Clock::now()),
      last_shown_(start_) {}

double Progress::seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

void Progress::Update(int64_t done, int64_t total) {
  const Clock::time_point now = Clock::now();
  const auto interval = terminal_ ? Clock::duration(kTerminalInterval) : kPlainInterval;
  if (shown_ && done < total && now - last_shown_ < interval) return;
  shown_ = true;
  last_shown_ = now;
  if (terminal_) {
    // \r back to the line's start, the bar, then clear what a longer earlier line left.
    std::fprintf(out_, "\r%s %s\x1b[K", label_.c_str(),
                 ProgressBarLine(done, total, seconds(), unit_, 30).c_str());
    bar_open_ = true;
  } else {
    std::fprintf(out_, "%s: %s\n", label_.c_str(),
                 ProgressPlainLine(done, total, seconds(), unit_).c_str());
  }
  std::fflush(out_);
}

void Progress::Finish() {
  if (bar_open_) std::fputc('\n', out_);
  bar_open_ = false;
  std::fflush(out_);
}

}  // namespace kring
