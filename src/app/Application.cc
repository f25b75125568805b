#include "app/Application.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "app/DemoContent.h"
#include "http/Server.h"
#include "http/Services.h"
#include "http/Site.h"
#include "http/Views.h"
#include "render/CmarkRenderer.h"
#include "render/TemplateEngine.h"
#include "search/Indexer.h"
#include "search/XapianSearchIndex.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

Status PrepareDataDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec)) {
    return Error{ErrorCode::kUnavailable, "data folder " + dir.string() + " is not a folder"};
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{ErrorCode::kUnavailable,
                 "cannot create data folder " + dir.string() + ": " + ec.message()};
  }
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    return Error{ErrorCode::kUnavailable, "data folder " + dir.string() + " is not writable"};
  }
  return Ok();
}

}  // namespace

Application::Application(const AppOptions& options) : options_(options) {}

Application::~Application() { Stop(); }

Result<std::unique_ptr<Application>> Application::Open(const AppOptions& options) {
  if (Status dir = PrepareDataDir(options.data_dir); !dir.ok()) return dir.error();
  std::unique_ptr<Application> app(new Application(options));
  auto store = SqlitePageStore::Open((options.data_dir / "kring.db").string(), [](const Error& e) {
    spdlog::error("database: {}", e.message);
  });
  if (!store.ok()) return store.error();
  app->store_ = std::move(store.value());
  app->renderer_ = std::make_unique<CmarkRenderer>();
  const std::string index_dir = (options.data_dir / "xapian").string();
  IndexerOptions indexer_options;
  indexer_options.xapian_dir = index_dir;
  indexer_options.log = [](const std::string& line) { spdlog::error("indexer: {}", line); };
  auto indexer = Indexer::Open(*app->store_, *app->store_, indexer_options);
  if (!indexer.ok()) return indexer.error();
  app->indexer_ = std::move(indexer.value());
  Indexer* waker = app->indexer_.get();
  app->pages_ = std::make_unique<PageService>(*app->store_, *app->renderer_, options.limits,
                                              [waker] { waker->Wake(); });
  app->search_ = std::make_unique<XapianSearchIndex>(index_dir);
  return app;
}

PageStore& Application::store() { return *store_; }

Status Application::IndexPending() {
  Result<int64_t> drained = indexer_->DrainAll();
  if (!drained.ok()) return drained.error();
  return Ok();
}

Result<uint16_t> Application::Serve() {
  if (options_.seed_demo && store_->PageCount() == 0) {
    Result<int> seeded = SeedDemoContent(*pages_);
    if (!seeded.ok()) return seeded.error();
    spdlog::info("seeded {} demo pages", seeded.value());
  }
  indexer_->Start();
  templates_ = std::make_unique<TemplateEngine>();
  views_ = std::make_unique<http::Views>(*templates_);
  SqlitePageStore* store = store_.get();
  services_ = std::make_unique<http::Services>(
      http::Services{*pages_, *store_, *store_, *search_, [store] { return store->Ping(); }});
  site_ = std::make_unique<http::Site>(*services_, *views_);
  http::ServerOptions server_options{options_.bind, options_.port, options_.threads,
                                     options_.max_request_bytes};
  http::Site* site = site_.get();
  server_ = std::make_unique<http::Server>(
      site_->router(),
      [site](const http::Request& r, int status) { return site->ErrorPage(r, status); },
      server_options);
  return server_->Start();
}

void Application::Stop() {
  if (server_) server_->Stop();
  if (indexer_) indexer_->Stop();
}

}  // namespace kring
