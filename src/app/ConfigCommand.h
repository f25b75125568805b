// ConfigCommand: `kring config [--config FILE] [serve's flags]` prints the effective
// configuration of `kring serve` as TOML, each value with where it came from (Config.h).
#pragma once

#include <CLI/CLI.hpp>

#include "app/Config.h"

namespace kring {

class ConfigCommand {
 public:
  // Adds `config` to `cli`.
  explicit ConfigCommand(CLI::App& cli);

  // Whether the parsed command line chose `config`.
  bool chosen() const { return command_->parsed(); }
  // Prints the configuration: 0, or 1 after one clear line on stderr.
  int Run() const;

 private:
  CLI::App* command_;
  Config config_;
};

}  // namespace kring
