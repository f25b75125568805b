// TempDir: a fresh folder under the system's temporary directory for one test, removed with
// everything in it when the test's scope ends. Every test that touches the disk uses this one.
#pragma once

#include <atomic>
#include <filesystem>
#include <random>
#include <string>

namespace kring::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("kring-test-" + std::to_string(random()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    // A destructor cannot fail a test; a leftover folder in /tmp is harmless.
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` inside the folder (nothing is created).
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace kring::testing
