// UserCommands: `kring user add|token|list|role|approve`, the accounts of a data folder from the
// command line. They open the folder's database only (no index, no server), so they work
// beside a running server and before its first start (the first admin).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "app/Config.h"

namespace kring {

namespace accounts {
class AccountService;
}

// On the first start of a data folder without accounts: makes the administrator "admin" with a
// generated password and answers that password (to print once); nullopt when accounts exist.
std::optional<std::string> CreateFirstAdmin(accounts::AccountService& accounts);

class UserCommands {
 public:
  // Adds `user` and its subcommands to `cli`.
  explicit UserCommands(CLI::App& cli);

  // Whether the parsed command line chose `user`.
  bool chosen() const { return user_->parsed(); }
  // Runs the chosen subcommand: 0, or 1 after one clear line on stderr.
  int Run();

 private:
  int Add();
  int Token();
  int List();
  int SetRole();
  int Approve();

  CLI::App* user_;
  CLI::App* add_;
  CLI::App* token_;
  CLI::App* list_;
  CLI::App* role_;
  CLI::App* approve_;
  DataFolderFlag data_;
  std::string data_dir_;  // resolved by Run()
  std::string name_;
  std::string role_name_;
  std::string email_;
  std::string organisation_;
  std::string display_name_;
  std::string label_;
  bool generate_password_ = false;
};

}  // namespace kring
