// The progress lines of `kring reindex`: a bar on a terminal, plain lines otherwise.
#include "app/Progress.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace kring {
namespace {

TEST_CASE("the bar shows the share done, the rate and the time left") {
  CHECK(ProgressBarLine(0, 1000, 0.0, "pages", 10) == "[..........]   0%  0/1000");
  CHECK(ProgressBarLine(500, 1000, 2.0, "pages", 10) ==
        "[#####.....]  50%  500/1000  250 pages/s  0:02 left");
  CHECK(ProgressBarLine(1000, 1000, 4.0, "pages", 10) ==
        "[##########] 100%  1000/1000  250 pages/s  0:00 left");
  // Long rebuilds: minutes, then hours.
  CHECK(ProgressBarLine(100, 100000, 10.0, "pages", 4) ==
        "[....]   0%  100/100000  10 pages/s  2:46:30 left");
}

TEST_CASE("plain lines read one under the other, without a rate in the first second") {
  CHECK(ProgressPlainLine(10, 200, 0.5, "pages") == "10/200 pages (5%)");
  CHECK(ProgressPlainLine(100, 200, 2.0, "pages") ==
        "100/200 pages (50%), 50 pages/s, about 2 s left");
  CHECK(ProgressPlainLine(200, 200, 4.0, "pages") == "200/200 pages (100%), 50 pages/s");
  CHECK(ProgressPlainLine(0, 0, 0.0, "pages") == "0/0 pages (100%)");
}

TEST_CASE(
    "off a terminal, updates are plain lines: the first, then at most every 5 s, and the end") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  Progress progress("Rebuilding", "pages", out);
  for (int done = 0; done <= 100; ++done) progress.Update(done, 100);
  progress.Finish();
  std::rewind(out);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, out)) text += buffer;
  std::fclose(out);
  CHECK(text.starts_with("Rebuilding: 0/100 pages (0%)\n"));
  CHECK(text.ends_with("Rebuilding: 100/100 pages (100%)\n"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
}

}  // namespace
}  // namespace kring
