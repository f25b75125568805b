// BackupCommands: `kring backup --data DIR OUT` and `kring restore --data DIR BACKUP`.
//
// backup copies a data folder, also while a server runs on it, into the new folder OUT: the
// database (one consistent state, through SQLite's online backup API) and the uploaded files
// its rows name, then checks the copy (PRAGMA integrity_check, every file re-hashed against
// its name). The search index is not copied: it is derived from the database.
//
// restore copies a backup into an empty (or absent) data folder, checks it the same way, and
// rebuilds the search index from it before it ends, so that search works at the next start.
// What cannot be restored whole is removed again: the folder is left as empty as it was.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/Config.h"

namespace kring {

class BackupCommands {
 public:
  // Adds `backup` and `restore` to `cli`.
  explicit BackupCommands(CLI::App& cli);

  // Whether the parsed command line chose one of them.
  bool chosen() const { return backup_->parsed() || restore_->parsed(); }
  // Runs the chosen command: 0, or 1 after the problems, one per line, on stderr.
  int Run();

 private:
  int Backup();
  int Restore();

  CLI::App* backup_;
  CLI::App* restore_;
  DataFolderFlag data_;
  std::string data_dir_;  // resolved by Run()
  std::string folder_;    // OUT for backup, BACKUP for restore
};

}  // namespace kring
