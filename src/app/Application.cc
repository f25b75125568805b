#include "app/Application.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/DataFolder.h"
#include "app/DemoContent.h"
#include "app/DemoRegister.h"
#include "core/ExtractionWorker.h"
#include "core/PageLifecycle.h"
#include "core/RegisterService.h"
#include "core/SynonymService.h"
#include "extract/SandboxedAnalyzer.h"
#include "http/Server.h"
#include "http/Services.h"
#include "http/Site.h"
#include "http/Views.h"
#include "render/CmarkRenderer.h"
#include "render/TemplateEngine.h"
#include "search/Indexer.h"
#include "search/Synonyms.h"
#include "search/XapianSearchIndex.h"
#include "storage/SqliteIndexState.h"
#include "storage/SqlitePageStore.h"
#include "storage/SqliteRegisterStore.h"

namespace kring {
namespace {

// This executable's path, for the extraction child.
std::string SelfExecutable() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("kring") : path.string();
}

}  // namespace

Application::Application(const AppOptions& options) : options_(options) {}

Application::~Application() { Stop(); }

Result<std::unique_ptr<Application>> Application::Open(const AppOptions& options) {
  if (Status dir = PrepareDataDir(options.data_dir); !dir.ok()) return dir.error();
  std::unique_ptr<Application> app(new Application(options));
  auto store = SqlitePageStore::Open(DatabasePath(options.data_dir), [](const Error& e) {
    spdlog::error("database: {}", e.message);
  });
  if (!store.ok()) return store.error();
  app->store_ = std::move(store.value());
  auto accounts = AccountsDatabase::Open(options.data_dir, options.fast_password_hashing);
  if (!accounts.ok()) return accounts.error();
  app->accounts_ = std::move(accounts).value();
  auto register_store = SqliteRegisterStore::Open(DatabasePath(options.data_dir));
  if (!register_store.ok()) return register_store.error();
  app->register_store_ = std::move(register_store).value();
  app->registry_ = std::make_unique<RegisterService>(*app->register_store_);
  app->renderer_ = std::make_unique<CmarkRenderer>();
  auto index_state = SqliteIndexState::Open(DatabasePath(options.data_dir));
  if (!index_state.ok()) return index_state.error();
  app->index_state_ = std::move(index_state).value();
  // The index lives in generation folders that `kring reindex` swaps (search/IndexGeneration.h).
  const std::string data_dir = options.data_dir.string();
  IndexerOptions indexer_options;
  indexer_options.generations = app->index_state_.get();
  indexer_options.data_dir = data_dir;
  if (options.index_batch_size) indexer_options.batch_size = *options.index_batch_size;
  indexer_options.build_threads = options.index_build_threads;
  indexer_options.log = [](const std::string& line) { spdlog::error("indexer: {}", line); };
  auto indexer = Indexer::Open(*app->store_, *app->store_, *app->store_, indexer_options);
  if (!indexer.ok()) return indexer.error();
  app->indexer_ = std::move(indexer.value());
  Indexer* waker = app->indexer_.get();
  app->pages_ = std::make_unique<PageService>(
      *app->store_, *app->renderer_, options.limits, [waker] { waker->Wake(); }, app->store_.get());
  app->lifecycle_ = std::make_unique<PageLifecycle>(*app->pages_, *app->store_, *app->store_,
                                                    *app->renderer_, [waker] { waker->Wake(); });
  std::vector<std::string> command = options.extractor_command;
  if (command.empty()) command = {SelfExecutable(), "extract-file"};
  app->analyzer_ = std::make_unique<SandboxedAnalyzer>(command);
  app->extractor_ =
      std::make_unique<ExtractionWorker>(*app->store_, *app->analyzer_, [waker] { waker->Wake(); });
  ExtractionWorker* extractor = app->extractor_.get();
  app->files_ =
      std::make_unique<FileService>(*app->store_, *app->store_, *app->pages_, *app->analyzer_,
                                    options.file_limits, [extractor] { extractor->Wake(); });
  app->search_ =
      std::make_unique<XapianSearchIndex>(data_dir, *app->index_state_, options.cached_searches);
  app->synonym_tables_ = std::make_unique<search::SynonymTables>();
  app->synonyms_ = std::make_unique<SynonymService>(*app->store_, *app->synonym_tables_);
  // An edited synonym table replaces the embedded one (which a failure leaves in use).
  if (Status used = app->synonyms_->UseStoredTable(); !used.ok()) {
    spdlog::error("synonyms: {}", used.error().message);
  }
  return app;
}

PageStore& Application::store() { return *store_; }

accounts::AccountService& Application::accounts() { return accounts_->service(); }

void Application::StartIndexer() { indexer_->Start(); }

Status Application::IndexPending() {
  extractor_->RunPending();
  Result<int64_t> drained = indexer_->DrainAll();
  if (!drained.ok()) return drained.error();
  return Ok();
}

Result<uint16_t> Application::Serve() {
  if (options_.seed_demo && store_->PageCount() == 0) {
    Result<int> seeded = SeedDemoContent(*pages_);
    if (!seeded.ok()) return seeded.error();
    spdlog::info("seeded {} demo pages", seeded.value());
    if (Status register_seeded = SeedDemoRegister(*registry_); !register_seeded.ok()) {
      return register_seeded.error();
    }
  }
  // What an upload killed before its row committed left in files/: nothing names it. Should
  // the database be busy (an import), it waits for the next start.
  if (Result<int> removed = store_->RemoveUnnamedContent(); !removed.ok()) {
    spdlog::warn("unnamed uploaded content kept: {}", removed.error().message);
  } else if (removed.value() > 0) {
    spdlog::info("removed {} uploaded contents no file names (uploads cut off by a crash)",
                 removed.value());
  }
  indexer_->Start();
  extractor_->Start();
  templates_ = std::make_unique<TemplateEngine>();
  views_ = std::make_unique<http::Views>(*templates_);
  SqlitePageStore* store = store_.get();
  services_ = std::make_unique<http::Services>(http::Services{
      *pages_, *store_, *store_, *search_, *files_, *store_, [store] { return store->Ping(); },
      *lifecycle_, *store_, options_.public_url, *synonyms_, *store_, accounts(), *registry_,
      http::DiskCheck{options_.data_dir.string(), options_.min_free_disk_bytes},
      options_.response_cache_bytes});
  site_ = std::make_unique<http::Site>(*services_, *views_);
  http::ServerOptions server_options;
  server_options.bind = options_.bind;
  server_options.port = options_.port;
  server_options.threads = options_.threads;
  server_options.max_header_bytes = options_.max_header_bytes;
  // Each route limits its body (the uploads accept the most); a request is its header and body.
  server_options.max_request_bytes = std::max(
      options_.max_request_bytes, site_->router().LargestMaxBody() + options_.max_header_bytes);
  server_options.header_timeout = options_.header_timeout;
  server_options.body_timeout = options_.body_timeout;
  server_options.worker_threads = options_.worker_threads;
  server_options.trusted_proxies = options_.trusted_proxies;
  server_options.metrics = &site_->metrics();
  server_options.access_log = options_.access_log;
  http::Site* site = site_.get();
  server_ = std::make_unique<http::Server>(
      site_->router(),
      [site](const http::Request& r, int status) { return site->ErrorPage(r, status); },
      server_options);
  return server_->Start();
}

void Application::Stop() {
  if (server_) server_->Stop();
  if (extractor_) extractor_->Stop();
  if (indexer_) indexer_->Stop();
}

}  // namespace kring
