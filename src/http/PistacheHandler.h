// PistacheHandler: the Http::Handler that Pistache calls on its I/O threads; internal to Server.
//
// It replaces Pistache's own reading of requests (Handler::onInput), which re-parses the whole
// request from its start on every 4 KiB read and leaves the connection open after its 413:
//  - the header is parsed once, when its end has arrived; a request whose header has not ended
//    within ServerOptions::max_header_bytes is answered 431 and its connection closed;
//  - once the header is read, a Content-Length over the route's RouteOptions::max_body (or a
//    request over ServerOptions::max_request_bytes) is answered 413 and the connection closed,
//    without reading the body;
//  - the header timeout counts from the first byte of each request (Pistache's timer, which
//    answers 408 and closes, measures from the parser's reset);
//  - a refused connection is closed gracefully: the answer, then our end of the stream, then
//    what the client still sends is read and dropped until it closes or the header timeout
//    ends (closing with unread input would reset the connection and lose the answer).
// Routes marked `offload` run on the WorkerPool; the ResponseWriter moves into the task (its
// send only queues the bytes for the I/O thread, which writes them).
//
// Pistache clones the handler for each I/O thread; the clones share the router, the options
// and the pool, which the Server owns and which outlive them.
#pragma once

#include <pistache/http.h>
#include <pistache/peer.h>

#include <memory>

#include "http/Server.h"
#include "http/WorkerPool.h"

namespace kring::http {

class PistacheHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  PistacheHandler(const Router* router, Server::ErrorPageFn error_page,
                  const ServerOptions* options, WorkerPool* workers);

  void onRequest(const Pistache::Http::Request& in, Pistache::Http::ResponseWriter writer) override;

 private:
  void onInput(const char* buffer, size_t len,
               const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  // Answers `status` (the error page) and closes the connection (see CloseAfter in the .cc).
  void Refuse(const std::shared_ptr<Pistache::Tcp::Peer>& peer, int status);
  // The largest body the route of a parsed request accepts.
  size_t MaxBodyOf(const Pistache::Http::Request& in) const;
  // The error page of `status` for `request`; never throws.
  Response ErrorResponse(const Request& request, int status) const;

  const Router* router_;
  Server::ErrorPageFn error_page_;
  const ServerOptions* options_;
  WorkerPool* workers_;
};

}  // namespace kring::http
