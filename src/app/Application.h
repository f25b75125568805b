// Application: the wiring of one data folder: the only place that names the concrete SQLite,
// Xapian, cmark and Pistache classes. Owns everything it builds; not copyable.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/FileService.h"
#include "core/PageService.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

class SqlitePageStore;
class SqliteIndexState;
class SqliteRegisterStore;
class RegisterService;
class AccountsDatabase;
namespace accounts {
class AccountService;
}
class CmarkRenderer;
class ExtractionWorker;
class SandboxedAnalyzer;
class Indexer;
class PageLifecycle;
class XapianSearchIndex;
class TemplateEngine;
class SynonymService;
namespace search {
class SynonymTables;
}
namespace http {
class Views;
class Site;
class Server;
struct Services;
}  // namespace http

struct AppOptions {
  std::filesystem::path data_dir = "data";
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  // Headers and body; raised to fit the largest body a route accepts (the upload).
  size_t max_request_bytes = 1024 * 1024;
  // See http::ServerOptions: header limit and timeouts, the worker pool of the slow routes, the
  // reverse proxies whose X-Forwarded-For/-Proto are believed (`--trust-proxy`).
  size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{300'000};
  int worker_threads = 2;
  std::vector<std::string> trusted_proxies;
  PageLimits limits;
  FileLimits file_limits;
  bool seed_demo = true;
  // /healthz answers 503 (not ready) when the data folder's disk has less free space.
  uint64_t min_free_disk_bytes = 256ull * 1024 * 1024;
  // One info log line per request (http::ServerOptions::access_log; `--access-log`).
  bool access_log = false;
  // Distinct searches whose results are kept until the index changes (0: none).
  size_t cached_searches = 256;
  // Bytes of public pages kept for readers who are not signed in (http/PublicPageCache.h;
  // `--response-cache-mb`, 0: none).
  size_t response_cache_bytes = size_t{32} << 20;
  // The public base URL of the server for absolute links (the Atom feeds' ids and links),
  // "https://kring.example.be"; empty: each request's Host header.
  std::string public_url;
  // Outbox rows per search-index commit (IndexerOptions::batch_size). Unset: the indexer's
  // default, small, so that a save is searchable soon; a bulk import sets more.
  std::optional<int> index_batch_size;
  // Threads that build search documents beside the indexer's (IndexerOptions::build_threads).
  int index_build_threads = 0;
  // How to start the text-extraction child: an executable and its arguments, to which
  // `--type MEDIA_TYPE PATH` is added. Empty: this executable's `extract-file` subcommand.
  std::vector<std::string> extractor_command;
  // libsodium's lowest password-hashing limits instead of the interactive ones: for tests,
  // which hash many passwords. Never in production.
  bool fast_password_hashing = false;
};

class Application {
 public:
  // Opens (creating when absent) the data folder, its database and index. Errors are one line:
  // kUnavailable when the folder cannot be created or written, or the database not opened.
  static Result<std::unique_ptr<Application>> Open(const AppOptions& options);
  ~Application();

  // Seeds the demo content when enabled and the store is empty, starts the indexer thread and
  // the HTTP server. Answers the bound port.
  Result<uint16_t> Serve();
  // Stops the server, then the indexer (which commits what it has). Safe to call twice.
  void Stop();

  // Starts the indexer thread without the server, so that what an import commits is indexed
  // meanwhile, on another core. Stop() stops it. Calling it while running does nothing.
  void StartIndexer();
  // Extracts the text of pending uploads and indexes everything the outbox holds, on the
  // calling thread (for import and tests), alongside the indexer thread if it runs.
  Status IndexPending();

  PageService& pages() { return *pages_; }
  FileService& files() { return *files_; }
  PageStore& store();
  // Registration, login, sessions, API tokens and the audit log (also http::Services::accounts).
  accounts::AccountService& accounts();
  // The route table and handlers; Serve() makes them (null before).
  const http::Site* site() const { return site_.get(); }

 private:
  explicit Application(const AppOptions& options);

  AppOptions options_;
  std::unique_ptr<SqlitePageStore> store_;
  std::unique_ptr<SqliteIndexState> index_state_;  // which index generation is live
  std::unique_ptr<AccountsDatabase> accounts_;
  std::unique_ptr<SqliteRegisterStore> register_store_;
  std::unique_ptr<RegisterService> registry_;
  std::unique_ptr<CmarkRenderer> renderer_;
  std::unique_ptr<Indexer> indexer_;
  std::unique_ptr<PageService> pages_;
  std::unique_ptr<PageLifecycle> lifecycle_;
  std::unique_ptr<SandboxedAnalyzer> analyzer_;
  std::unique_ptr<ExtractionWorker> extractor_;
  std::unique_ptr<FileService> files_;
  std::unique_ptr<XapianSearchIndex> search_;
  std::unique_ptr<search::SynonymTables> synonym_tables_;
  std::unique_ptr<SynonymService> synonyms_;
  std::unique_ptr<TemplateEngine> templates_;
  std::unique_ptr<http::Views> views_;
  std::unique_ptr<http::Services> services_;
  std::unique_ptr<http::Site> site_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace kring
