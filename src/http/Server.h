// Server: serves a Router over HTTP/1.1 with Pistache. Only Server.cc and PistacheHandler.cc
// include Pistache.
//
// It reads each request itself (PistacheHandler: header and body limits, slow clients), turns
// it into a kring::http::Request (URL decoding happens here, once), runs the routes marked
// `offload` on a small worker pool instead of the I/O thread, catches every exception a handler
// throws (logged, answered with the 500 page, never with its text), adds the headers every
// response carries, and answers HEAD without a body.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Result.h"
#include "http/RequestMetrics.h"
#include "http/Router.h"

namespace kring::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  int threads = 2;       // I/O threads: each reads and answers many connections
  // Headers and body together: at least the largest RouteOptions::max_body plus headers. A
  // request over it, or over its route's max_body, is answered 413 and its connection closed.
  size_t max_request_bytes = 1024 * 1024;
  // Request line and headers; beyond it (or with no end of headers within it): 431 and close.
  size_t max_header_bytes = 16 * 1024;
  // From a request's first byte to the end of its headers, and to the end of its body; a
  // connection that takes longer is answered 408 and closed (checked twice a second).
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{300'000};
  // Threads for the routes marked `offload`, and how many such requests may wait for one
  // (503 with Retry-After beyond).
  int worker_threads = 2;
  size_t worker_queue = 64;
  // Peer addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (Forwarded.h).
  std::vector<std::string> trusted_proxies;
  // Counts every answered request by route, status and duration (/metrics); null: nowhere. It
  // must outlive the server.
  RequestMetrics* metrics = nullptr;
  // One info log line per request (RequestLog.h); otherwise at debug level only.
  bool access_log = false;
};

class Server {
 public:
  // Renders the error page of a status (400 for a URL that does not decode, 500 for a handler
  // that threw) for a request.
  using ErrorPageFn = std::function<Response(const Request&, int status)>;

  // `router` must outlive the server.
  Server(const Router& router, ErrorPageFn error_page, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads. Answers the bound port, or kUnavailable
  // with a one-line reason (address in use, bad address).
  Result<uint16_t> Start();
  // Stops accepting and joins the threads. Safe to call twice.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Headers on every response (no-sniff, CSP without inline script, referrer, framing).
void AddStandardHeaders(Response& response);

}  // namespace kring::http
