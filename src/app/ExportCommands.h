// ExportCommands: `kring export --data DIR OUT`, every page of a data folder as Markdown with
// its files beside it (Exporter.h), readable without Kring and imported back by `kring import`.
// It opens the folder's database only (no index, no server), so it works beside a running
// server.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/Config.h"

namespace kring {

class ExportCommands {
 public:
  // Adds `export` to `cli`.
  explicit ExportCommands(CLI::App& cli);

  // Whether the parsed command line chose `export`.
  bool chosen() const { return export_->parsed(); }
  // Runs it: 0, or 1 after one clear line on stderr.
  int Run();

 private:
  CLI::App* export_;
  DataFolderFlag data_;
  std::string data_dir_;  // resolved by Run()
  std::string out_dir_;
};

}  // namespace kring
