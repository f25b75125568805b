// kring: the command line. `kring serve`, `kring import DIR`, `kring user ...` (UserCommands.h),
// `kring backup|restore` (BackupCommands.h), `kring export` (ExportCommands.h), `kring config`
// (ConfigCommand.h), `kring reindex|check` (IndexCommands.h), `--help`, `--version`. Settings:
// Config.h.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/Application.h"
#include "app/BackupCommands.h"
#include "app/Config.h"
#include "app/ConfigCommand.h"
#include "app/ExportCommands.h"
#include "app/Importer.h"
#include "app/IndexCommands.h"
#include "app/UserCommands.h"
#include "extract/ExtractCommand.h"

#ifndef KRING_VERSION
#define KRING_VERSION "0.0.0"
#endif

namespace {

int Fail(const std::string& message) {
  std::cerr << "kring: " << message << "\n";
  return 1;
}

// Blocks SIGINT and SIGTERM in every thread (call before any thread starts), so that Serve's
// sigwait is the one place that receives them (Pistache's own handler does not work).
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int Serve(const kring::AppOptions& options) {
  const sigset_t stop_signals = BlockStopSignals();
  auto app = kring::Application::Open(options);
  if (!app.ok()) return Fail(app.error().message);
  if (auto password = kring::CreateFirstAdmin(app.value()->accounts())) {
    std::printf(
        "Created the administrator account \"admin\" with the password %s\n"
        "(shown once: log in at /login and change it at /account)\n",
        password->c_str());
  }
  auto port = app.value()->Serve();
  if (!port.ok()) return Fail(port.error().message);
  std::printf("Kring %s listening on http://%s:%u (data: %s)\n", KRING_VERSION,
              options.bind.c_str(), port.value(), options.data_dir.c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("signal {}: shutting down", signal);
  app.value()->Stop();
  return 0;
}

// Outbox rows per search-index commit during an import, against 100 for the server: fewer
// commits, each merging more into the index. Measured on 10,000 pages (noisy): 1,000 rows
// indexed as fast as 100 or a little faster, 5,000 and 10,000 rows slower and with a peak of
// 290 and 520 MB against 100 MB (Xapian's buffered changes grow with the batch).
constexpr int kImportIndexBatch = 1000;

int Import(kring::AppOptions options, const std::string& dir) {
  options.index_batch_size = kImportIndexBatch;
  // Building documents is most of the indexing: a helper builds while the indexer writes. With
  // the saving thread, that is work for two cores until the saving ends, and after.
  options.index_build_threads = 1;
  auto app = kring::Application::Open(options);
  if (!app.ok()) return Fail(app.error().message);
  // Saving and indexing share the work on two cores: each group of pages the import commits
  // is indexed while the next is saved.
  app.value()->StartIndexer();
  auto report = kring::ImportDirectory(dir, app.value()->pages(), app.value()->store(), {},
                                       &app.value()->files());
  if (!report.ok()) return Fail(report.error().message);
  const kring::ImportReport& r = report.value();
  std::printf(
      "files: %d, created: %d, updated: %d, unchanged: %d, skipped: %zu, warnings: %zu, "
      "attachments: %d\n",
      r.files_seen, r.pages_created, r.pages_updated, r.pages_unchanged, r.skipped.size(),
      r.warnings.size(), r.files_imported);
  for (const auto& issue : r.skipped) {
    std::printf("skipped %s: %s\n", issue.path.c_str(), issue.message.c_str());
  }
  for (const auto& issue : r.warnings) {
    std::printf("warning %s: %s\n", issue.path.c_str(), issue.message.c_str());
  }
  if (auto indexed = app.value()->IndexPending(); !indexed.ok()) {
    return Fail("imported, but indexing failed (the server retries on start): " +
                indexed.error().message);
  }
  std::printf("text extracted and indexed: search is up to date\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a client closing early must not kill the server
  // Logs go to stderr: stdout carries the "listening on" line and the extraction child's output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kring"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  CLI::App cli{"Kring: the knowledge base of the kenniskring of municipal ICT teams"};
  cli.set_version_flag("--version", std::string("kring ") + KRING_VERSION);
  cli.require_subcommand(1);
  bool verbose = false;
  cli.add_flag("-v,--verbose", verbose, "Log every request");

  CLI::App* serve = cli.add_subcommand("serve", "Serve the web UI and the API");
  kring::Config serve_config(*serve, kring::Config::Scope::kServer);

  std::string import_dir;
  CLI::App* import = cli.add_subcommand("import", "Import a folder of Markdown files");
  import->add_option("dir", import_dir, "Folder to import")
      ->required()
      ->check(CLI::ExistingDirectory);
  kring::Config import_config(*import, kring::Config::Scope::kDataFolder);

  // The sandboxed child that reads one uploaded file's text (see extract/SandboxedAnalyzer.h).
  std::string extract_type, extract_path;
  CLI::App* extract = cli.add_subcommand("extract-file", "Extract the text of one file (internal)");
  extract->group("");  // not listed in --help: the server runs it, people do not
  extract->add_option("--type", extract_type, "Media type")->required();
  extract->add_option("path", extract_path, "File")->required();

  kring::UserCommands user(cli);
  kring::BackupCommands backup(cli);
  kring::ExportCommands export_command(cli);
  kring::ConfigCommand config(cli);
  kring::IndexCommands index(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  if (*extract) return kring::RunExtractFile(extract_path, extract_type);
  if (*serve || *import) {
    auto resolved = (*serve ? serve_config : import_config).Resolve();
    if (!resolved.ok()) return Fail(resolved.error().message);
    if (*serve) return Serve(resolved.value().options);
    return Import(resolved.value().options, import_dir);
  }
  if (config.chosen()) return config.Run();
  if (user.chosen()) return user.Run();
  if (backup.chosen()) return backup.Run();
  if (export_command.chosen()) return export_command.Run();
  if (index.chosen()) return index.Run();
  return 0;
}
