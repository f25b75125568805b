#include "app/ConfigCommand.h"

#include <iostream>

namespace kring {

ConfigCommand::ConfigCommand(CLI::App& cli)
    : command_(cli.add_subcommand(
          "config", "Print the effective configuration of `serve` (flags, KRING_*, file)")),
      config_(*command_, Config::Scope::kServer) {}

int ConfigCommand::Run() const {
  auto resolved = config_.Resolve();
  if (!resolved.ok()) {
    std::cerr << "kring: " << resolved.error().message << "\n";
    return 1;
  }
  std::cout << resolved.value().ToToml();
  return 0;
}

}  // namespace kring
