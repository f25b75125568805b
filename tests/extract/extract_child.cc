// The sandbox's child for the tests: what `kring extract-file` does (RunExtractFileCommand),
// plus "probe", which answers what the child was given (limits, descriptors, signals) as the
// lines of a section, so the tests can check the sandbox without the kring binary.
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "extract/ExtractCommand.h"
#include "extract/ExtractionJson.h"

namespace {

std::string Limit(int resource) {
  rlimit limit{};
  getrlimit(resource, &limit);
  return limit.rlim_cur == RLIM_INFINITY ? "unlimited" : std::to_string(limit.rlim_cur);
}

int Probe() {
  std::string report;
  report += "cpu=" + Limit(RLIMIT_CPU) + "\n";
  report += "as=" + Limit(RLIMIT_AS) + "\n";
  report += "fsize=" + Limit(RLIMIT_FSIZE) + "\n";
  report += "nofile=" + Limit(RLIMIT_NOFILE) + "\n";
  report += "core=" + Limit(RLIMIT_CORE) + "\n";
  struct stat in {
  }, null{};
  const bool stdin_null = fstat(0, &in) == 0 && stat("/dev/null", &null) == 0 &&
                          S_ISCHR(in.st_mode) && in.st_rdev == null.st_rdev;
  report += std::string("stdin=") + (stdin_null ? "null" : "other") + "\n";
  int extra = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    if (std::stoi(entry.path().filename().string()) > 2) ++extra;
  }
  // One is the directory iterator's own descriptor.
  report += "extra_fds=" + std::to_string(extra - 1) + "\n";
  sigset_t mask;
  sigprocmask(SIG_SETMASK, nullptr, &mask);
  report += std::string("sigterm_blocked=") + (sigismember(&mask, SIGTERM) ? "yes" : "no") + "\n";
  // Address space only, never touched (and mmap, unlike malloc, cannot be optimised away).
  const size_t two_gib = size_t{2} << 30;
  void* big = mmap(nullptr, two_gib, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  report += std::string("map_2gib=") + (big != MAP_FAILED ? "ok" : "failed") + "\n";
  if (big != MAP_FAILED) munmap(big, two_gib);

  kring::Extraction extraction;
  extraction.sections.push_back(kring::FileSection{0, report});
  const std::string json = kring::extract::ExtractionToJson(extraction);
  std::fwrite(json.data(), 1, json.size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "probe") return Probe();
  return kring::RunExtractFileCommand(argc, argv);
}
