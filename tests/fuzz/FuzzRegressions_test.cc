// Every seed and every saved crash input of tests/fuzz/ through its fuzz target (FuzzTargets.h),
// in the normal build: a contract broken again aborts this test, naming the file. A crash found
// by scripts/fuzz becomes a file of tests/fuzz/regressions/{target}/ once it is fixed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/FuzzTargets.h"

namespace kring::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = KRING_FUZZ_DATA_DIR;

std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

int Run(const FuzzTarget& target, const std::string& input) {
  return target.run(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

TEST_CASE("every fuzz target has seeds and passes them all") {
  for (const FuzzTarget& target : AllFuzzTargets()) {
    const std::vector<fs::path> seeds = FilesIn(kFuzzDir / "seeds" / target.name);
    CAPTURE(target.name);
    CHECK(seeds.size() >= 3);
    for (const fs::path& seed : seeds) {
      INFO(seed.string());
      CHECK(Run(target, Read(seed)) == 0);
    }
  }
}

TEST_CASE("every crash found by fuzzing stays fixed") {
  size_t replayed = 0;
  for (const FuzzTarget& target : AllFuzzTargets()) {
    for (const fs::path& input : FilesIn(kFuzzDir / "regressions" / target.name)) {
      INFO(input.string());
      CHECK(Run(target, Read(input)) == 0);
      ++replayed;
    }
  }
  MESSAGE(replayed << " regression inputs replayed");
}

TEST_CASE("the targets take any bytes: empty, one byte, invalid UTF-8, a lone line feed") {
  for (const FuzzTarget& target : AllFuzzTargets()) {
    CAPTURE(target.name);
    for (const std::string& input : {std::string(), std::string("x"), std::string("\xff\xfe\0", 3),
                                     std::string("\n"), std::string("\t\t\t\t\t\t\t\t")}) {
      CHECK(Run(target, input) == 0);
    }
  }
}

}  // namespace
}  // namespace kring::fuzz
