#include "http/Server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>

#include "http/PistacheHandler.h"
#include "http/WorkerPool.h"

namespace kring::http {

using namespace Pistache;  // NOLINT: confined to this file

void AddStandardHeaders(Response& response) {
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'self'; object-src 'none'; base-uri 'self'; "
                                "form-action 'self'; frame-ancestors 'none'");
}

struct Server::Impl {
  const Router& router;
  Server::ErrorPageFn error_page;
  ServerOptions options;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<Http::Endpoint> endpoint;
};

Server::Server(const Router& router, ErrorPageFn error_page, ServerOptions options)
    : impl_(new Impl{router, std::move(error_page), std::move(options), nullptr, nullptr}) {}

Server::~Server() { Stop(); }

Result<uint16_t> Server::Start() {
  const ServerOptions& options = impl_->options;
  try {
    impl_->workers = std::make_unique<WorkerPool>(options.worker_threads, options.worker_queue);
    Address address(options.bind, Port(options.port));
    impl_->endpoint = std::make_unique<Http::Endpoint>(address);
    auto opts = Http::Endpoint::options()
                    .threads(options.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(options.max_request_bytes)
                    .maxResponseSize(64 * 1024 * 1024)
                    .headerTimeout(options.header_timeout)
                    .bodyTimeout(options.body_timeout);
    impl_->endpoint->init(opts);
    impl_->endpoint->setHandler(Http::make_handler<PistacheHandler>(
        &impl_->router, impl_->error_page, &impl_->options, impl_->workers.get()));
    impl_->endpoint->serveThreaded();
    return static_cast<uint16_t>(impl_->endpoint->getPort());
  } catch (const std::exception& e) {
    impl_->endpoint.reset();
    impl_->workers.reset();
    return Error{ErrorCode::kUnavailable, "cannot listen on " + options.bind + ":" +
                                              std::to_string(options.port) + ": " + e.what()};
  }
}

void Server::Stop() {
  if (!impl_) return;
  // The workers first: a running task still writes to a live I/O thread.
  if (impl_->workers) impl_->workers->Stop();
  if (impl_->endpoint) {
    impl_->endpoint->shutdown();
    impl_->endpoint.reset();
  }
  impl_->workers.reset();
}

}  // namespace kring::http
