#include "app/IndexCommands.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/DataCheck.h"
#include "app/Progress.h"
#include "app/Reindex.h"

namespace kring {
namespace {

int Fail(const std::string& message) {
  std::cerr << "kring: " << message << "\n";
  return 1;
}

}  // namespace

IndexCommands::IndexCommands(CLI::App& cli) {
  reindex_ = cli.add_subcommand(
      "reindex", "Rebuild the search index from the database and swap it in (the server may run)");
  check_ = cli.add_subcommand(
      "check", "Check the database, the search index and the stored files; exit 1 on problems");
  data_.Add(*reindex_);
  data_.Add(*check_);
  reindex_
      ->add_option("--build-threads", build_threads_,
                   "Threads building documents beside the one writing them")
      ->check(CLI::Range(0, 4))
      ->capture_default_str();
  check_->add_flag("--repair", repair_,
                   "Queue what is missing from or extra in the search index for the indexer");
}

int IndexCommands::Run() {
  Result<std::string> data = data_.Resolve();
  if (!data.ok()) return Fail(data.error().message);
  data_dir_ = data.value();
  if (reindex_->parsed()) return Reindex();
  return Check();
}

int IndexCommands::Reindex() {
  Progress progress("Rebuilding the search index", "pages", stdout);
  RebuildOptions options;
  options.build_threads = build_threads_;
  options.progress = [&progress](int64_t done, int64_t total) { progress.Update(done, total); };
  Result<ReindexReport> rebuilt = RebuildIndex(data_dir_, options);
  progress.Finish();
  if (!rebuilt.ok()) return Fail(rebuilt.error().message);
  const ReindexReport& report = rebuilt.value();
  const double seconds = progress.seconds();
  const int64_t items = report.pages + report.files;
  std::printf("Search index rebuilt in %s: %lld pages and %lld files in %.1f s (%lld per second)\n",
              report.folder.c_str(), static_cast<long long>(report.pages),
              static_cast<long long>(report.files), seconds,
              static_cast<long long>(seconds > 0 ? std::llround(items / seconds) : items));
  std::printf("%lld changes saved during the rebuild are queued for the indexer\n",
              static_cast<long long>(report.replayed));
  if (!report.old_removed) {
    std::printf(
        "A running server switches to the new index with its next indexing batch and "
        "then removes the old one\n");
  }
  return 0;
}

int IndexCommands::Check() {
  Result<DataCheckReport> checked = CheckDataFolder(data_dir_, repair_);
  if (!checked.ok()) return Fail(checked.error().message);
  const DataCheckReport& report = checked.value();
  for (const std::string& problem : report.problems) std::printf("problem: %s\n", problem.c_str());
  for (const std::string& line : report.repaired) std::printf("repair: %s\n", line.c_str());
  if (report.clean()) {
    std::printf(
        "%s is consistent: database ok; %lld pages and %lld files in the search index %s (%lld "
        "waiting to be indexed); %lld file contents verified\n",
        data_dir_.c_str(), static_cast<long long>(report.pages),
        static_cast<long long>(report.files), report.index_dir.c_str(),
        static_cast<long long>(report.queued), static_cast<long long>(report.contents));
    return 0;
  }
  std::printf("%zu problems, %lld not repaired\n", report.problems.size(),
              static_cast<long long>(report.unrepaired));
  return report.unrepaired > 0 ? 1 : 0;
}

}  // namespace kring
