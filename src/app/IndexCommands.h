// IndexCommands: `kring reindex` and `kring check`, the search index of a data folder from the
// command line. Both work beside a running server (`kring serve` on the same folder) and
// without one.
//
// `reindex` rebuilds the whole index from SQLite into a new generation folder and swaps it in
// (the protocol is in core/IndexGenerations.h; the folders in search/IndexGeneration.h): the
// server goes on answering searches from the old index until the swap, then reads the new one,
// and no change saved during the rebuild is missing from it. One rebuild at a time per data
// folder (a lock file, DIR/reindex.lock). Progress goes to stdout: a bar on a terminal, plain
// lines otherwise.
//
// `check` (app/DataCheck.h) prints the problems it finds and exits 1, or a one-line summary
// and exits 0; `--repair` queues the index repairs and exits 1 only for what it could not repair.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/Config.h"

namespace kring {

class IndexCommands {
 public:
  // Adds `reindex` and `check` to `cli`.
  explicit IndexCommands(CLI::App& cli);

  // Whether the parsed command line chose one of them.
  bool chosen() const { return reindex_->parsed() || check_->parsed(); }
  // Runs the chosen command: its exit code (1 after one clear line on stderr on failure).
  int Run();

 private:
  int Reindex();
  int Check();

  CLI::App* reindex_;
  CLI::App* check_;
  DataFolderFlag data_;
  std::string data_dir_;  // resolved by Run()
  int build_threads_ = 1;
  bool repair_ = false;
};

}  // namespace kring
