// Server: serves a Router over HTTP/1.1 with Pistache. The only file that includes Pistache.
//
// It turns Pistache's request into a kring::http::Request (URL decoding happens here, once),
// catches every exception a handler throws (logged, answered with the 500 page, never with its
// text), adds the headers every response carries, and answers HEAD without a body.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/Result.h"
#include "http/Router.h"

namespace kring::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  int threads = 2;
  size_t max_request_bytes = 1024 * 1024;  // headers and body together
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
