#include "http/PistacheHandler.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>

#include "core/Text.h"
#include "http/Forwarded.h"
#include "http/RequestLog.h"
#include "http/Url.h"

namespace kring::http {

using namespace Pistache;  // NOLINT: confined to this file

namespace {

constexpr const char* kConnectionKey = "kring.connection";
// The first bytes of a request are kept to choose the format of an error page (HTML or JSON)
// when the request is refused before its header is parsed.
constexpr size_t kStartBytes = 64;

// Builds our Request; nullopt when the path or a query value does not decode.
std::optional<Request> Convert(const Http::Request& in, const std::vector<std::string>& proxies) {
  Request out;
  out.method = Http::methodString(in.method());
  auto path = PercentDecode(in.resource(), false);
  if (!path) return std::nullopt;
  out.path = std::move(*path);
  const auto& query = in.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    auto name = PercentDecode(it->first, true);
    auto value = PercentDecode(it->second, true);
    if (!name || !value) return std::nullopt;
    out.query[*name] = std::move(*value);
  }
  for (const auto& [name, raw] : in.headers().rawList()) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[lower] = raw.value();
  }
  // Pistache parses some headers into typed objects that rawList() no longer holds.
  if (auto type = in.headers().tryGet<Http::Header::ContentType>()) {
    out.headers["content-type"] = type->mime().toString();
  }
  if (auto length = in.headers().tryGet<Http::Header::ContentLength>()) {
    out.headers["content-length"] = std::to_string(length->value());
  }
  if (auto host = in.headers().tryGet<Http::Header::Host>()) {
    std::ostringstream text;  // as the client wrote it: "name" or "name:port"
    host->write(text);
    out.headers["host"] = text.str();
  }
  out.body = in.body();
  out.remote_address = in.address().host();
  ApplyForwardedHeaders(out, proxies);
  return out;
}

// A response header with a name chosen at run time. Pistache writes only typed headers (raw
// ones are dropped from responses), and its typed headers have compile-time names.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& stream) const override { stream << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return std::hash<std::string>{}(name_); }
#endif

 private:
  std::string name_;
  std::string value_;
};

std::string HeaderOf(const Http::Request& in, const std::string& name) {
  auto raw = in.headers().tryGetRaw(name);
  return raw ? raw->value() : std::string();
}

// What an error page needs of a request that could not be converted: its method, whether it
// is for the API (JSON) and the reader's language.
Request ErrorContext(std::string_view start, std::string accept_language) {
  Request request;
  const size_t space = start.find(' ');
  request.method = std::string(start.substr(0, std::min(space, start.size())));
  const bool api = space != std::string_view::npos && start.substr(space + 1).starts_with("/api/");
  request.path = api ? "/api/" : "/";
  request.headers["accept-language"] = std::move(accept_language);
  return request;
}

// Writes `response` (with the standard headers) to the client; HEAD gets no body.
Async::Promise<ssize_t> Send(Http::ResponseWriter& writer, Response response, bool head) {
  AddStandardHeaders(response);
  for (const auto& [name, value] : response.headers) {
    writer.headers().add(std::make_shared<NamedHeader>(name, value));
  }
  if (response.close_connection) {
    writer.headers().remove<Http::Header::Connection>();
    writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
  }
  const auto code = static_cast<Http::Code>(response.status);
  const auto mime = Http::Mime::MediaType::fromString(response.content_type);
  return writer.send(code, head ? std::string() : response.body, mime);
}

// Runs a converted request through the router; a handler's exception becomes the 500 page.
Response Dispatch(const Router& router, const Server::ErrorPageFn& error_page, Request& request) {
  try {
    return router.Dispatch(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {} (request {}): {}", request.method, request.path, request.request_id,
                  e.what());
  }
  try {
    return error_page(request, 500);
  } catch (const std::exception& e) {
    spdlog::error("the 500 page failed: {}", e.what());
    return Response::Text(500, "Error 500\n");
  }
}

// Counts and logs an answered request and names it in the response (X-Request-Id). Cheap
// unless the access log or debug logging is on: a clock read and a few atomic increments.
void Finish(const Router& router, const ServerOptions& options, const Request& request,
            Response& response, std::chrono::steady_clock::time_point start) {
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (options.metrics) {
    options.metrics->Record(request.route, response.status, elapsed, response.body.size());
  }
  const auto level = options.access_log ? spdlog::level::info : spdlog::level::debug;
  if (spdlog::should_log(level)) {
    spdlog::log(level, AccessLogLine(request, router.PatternOf(request.route), response.status,
                                     response.body.size(), elapsed));
  }
  response.headers.emplace_back("X-Request-Id", request.request_id);
}

// Advances the match of the header end ("\r\n\r\n") over `data`: answers the offset just past
// it, or npos with `matched` holding how much of it the last bytes began.
size_t FindHeaderEnd(int& matched, const char* data, size_t len) {
  static constexpr char kEnd[] = "\r\n\r\n";
  for (size_t i = 0; i < len; ++i) {
    if (data[i] == kEnd[matched]) {
      if (++matched == 4) return i + 1;
    } else {
      matched = data[i] == '\r' ? 1 : 0;
    }
  }
  return std::string::npos;
}

// What the handler knows of the request a connection is sending (Pistache peer data).
struct ConnectionState {
  size_t received = 0;  // bytes of the current request so far
  int header_end = 0;   // how much of "\r\n\r\n" the last bytes matched
  bool headers_ended = false;
  std::optional<size_t> max_body;  // once the header is parsed: its route's limit
  bool closing = false;            // answered and closing: the rest of the input is dropped
  std::string start;               // the first kStartBytes of the request
};

ConnectionState& StateOf(const std::shared_ptr<Tcp::Peer>& peer) {
  auto data = peer->tryGetData(kConnectionKey);
  if (!data) {
    data = std::make_shared<ConnectionState>();
    peer->putData(kConnectionKey, data);
  }
  return *std::static_pointer_cast<ConnectionState>(data);
}

// Closes the connection once `sent` is written: shuts our sending side (the client reads the
// answer, then the end of the stream) and marks the connection so that onInput drops what the
// client still sends until it closes its side (or the header timeout ends it). On the
// connection's I/O thread only, which alone closes its descriptor.
void CloseAfter(Async::Promise<ssize_t> sent, const std::shared_ptr<Tcp::Peer>& peer) {
  StateOf(peer).closing = true;
  peer->setIdle(false);  // the header timeout, not the keep-alive one, bounds the lingering
  std::weak_ptr<Tcp::Peer> weak = peer;
  auto close = [weak] {
    if (auto alive = weak.lock()) ::shutdown(alive->fd(), SHUT_WR);
  };
  sent.then([close](ssize_t) { close(); }, [close](std::exception_ptr) { close(); });
}

}  // namespace

PistacheHandler::PistacheHandler(const Router* router, Server::ErrorPageFn error_page,
                                 const ServerOptions* options, WorkerPool* workers)
    : router_(router), error_page_(std::move(error_page)), options_(options), workers_(workers) {}

void PistacheHandler::onInput(const char* buffer, size_t len,
                              const std::shared_ptr<Tcp::Peer>& peer) {
  ConnectionState& connection = StateOf(peer);
  if (connection.closing) return;
  auto parser = getParser(peer);
  if (connection.received == 0) {
    // A new request: the header timeout counts from its first byte, not from the last answer.
    parser->reset();
    peer->setIdle(false);
  }
  if (connection.start.size() < kStartBytes) {
    connection.start.append(buffer, std::min(len, kStartBytes - connection.start.size()));
  }
  if (!connection.headers_ended) {
    const size_t end = FindHeaderEnd(connection.header_end, buffer, len);
    const size_t header_bytes = connection.received + std::min(end, len);
    if (header_bytes > options_->max_header_bytes) return Refuse(peer, 431);
    connection.headers_ended = end != std::string::npos;
  }
  connection.received += len;
  if (!parser->feed(buffer, len)) return Refuse(peer, 413);
  // Parsing before the header has ended would start over from the request line on each read.
  if (!connection.headers_ended) return;
  try {
    const Http::Private::State state = parser->parse();
    Http::Request& request = parser->request;
    if (!connection.max_body) {
      connection.max_body = MaxBodyOf(request);
      auto length = request.headers().tryGet<Http::Header::ContentLength>();
      if (length && length->value() > *connection.max_body) {
        return Refuse(peer, 413);
      }
      // A client that asks before sending its body (curl does past 1 MiB) is told to go on at
      // once rather than after its own wait; one over the limit was answered 413 above.
      if (ToLower(HeaderOf(request, "Expect")) == "100-continue" &&
          state != Http::Private::State::Done) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        peer->send(RawBuffer(kContinue.data(), kContinue.size()));
      }
    }
    // A chunked body announces no length: its size so far is checked on each read.
    if (request.body().size() > *connection.max_body) return Refuse(peer, 413);
    if (state != Http::Private::State::Done) return;
    Http::ResponseWriter writer(request.version(), transport(), this, peer);
    request.copyAddress(peer->address());
    auto control = request.headers().tryGet<Http::Header::Connection>();
    writer.headers().add<Http::Header::Connection>(control ? control->control()
                                                           : Http::ConnectionControl::Close);
    connection = ConnectionState{};
    onRequest(request, std::move(writer));
    parser->reset();
  } catch (const std::exception&) {  // Pistache's HttpError: a malformed request
    Refuse(peer, 400);
  }
}

void PistacheHandler::Refuse(const std::shared_ptr<Tcp::Peer>& peer, int status) {
  auto parser = getParser(peer);
  const auto start = std::chrono::steady_clock::now();
  Request context = ErrorContext(StateOf(peer).start, HeaderOf(parser->request, "Accept-Language"));
  context.request_id = RequestIdFor("");
  context.remote_address = peer->address().host();
  Response response = ErrorResponse(context, status);
  parser->reset();  // frees what was buffered
  response.close_connection = true;
  Finish(*router_, *options_, context, response, start);
  Http::ResponseWriter writer(Http::Version::Http11, transport(), this, peer);
  CloseAfter(Send(writer, std::move(response), false), peer);
}

size_t PistacheHandler::MaxBodyOf(const Http::Request& in) const {
  auto path = PercentDecode(in.resource(), false);
  std::optional<RouteOptions> route;
  if (path) route = router_->OptionsFor(Http::methodString(in.method()), *path);
  return route ? route->max_body : RouteOptions::kDefaultMaxBody;
}

Response PistacheHandler::ErrorResponse(const Request& request, int status) const {
  try {
    return error_page_(request, status);
  } catch (const std::exception& e) {
    spdlog::error("the {} page failed: {}", status, e.what());
    return Response::Text(status, "Error " + std::to_string(status) + "\n");
  }
}

void PistacheHandler::onRequest(const Http::Request& in, Http::ResponseWriter writer) {
  const auto start = std::chrono::steady_clock::now();
  const bool head = in.method() == Http::Method::Head;
  std::optional<Request> request;
  try {
    request = Convert(in, options_->trusted_proxies);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", Http::methodString(in.method()), in.resource(), e.what());
  }
  if (!request) {
    Request context =
        ErrorContext(Http::methodString(in.method()) + std::string(" ") + in.resource(),
                     HeaderOf(in, "Accept-Language"));
    Response response = ErrorResponse(context, 400);
    context.path = in.resource();  // as sent: it did not decode
    context.request_id = RequestIdFor(HeaderOf(in, "X-Request-Id"));
    Finish(*router_, *options_, context, response, start);
    Send(writer, std::move(response), head);
    return;
  }
  request->request_id = RequestIdFor(request->Header("x-request-id"));
  auto route = router_->OptionsFor(request->method, request->path);
  if (!route || !route->offload) {
    Response response = Dispatch(*router_, error_page_, *request);
    Finish(*router_, *options_, *request, response, start);
    const bool close = response.close_connection;
    auto sent = Send(writer, std::move(response), head);
    if (close) {
      if (auto peer = writer.getPeer()) CloseAfter(std::move(sent), peer);
    }
    return;
  }
  // The task owns the request and the writer; std::function needs a copyable callable.
  struct Job {
    Request request;
    Http::ResponseWriter writer;
  };
  auto job = std::make_shared<Job>(Job{std::move(*request), std::move(writer)});
  const auto peer = job->writer.getPeer();  // before the task owns the writer
  const Router* router = router_;
  const ServerOptions* options = options_;
  Server::ErrorPageFn error_page = error_page_;
  const bool queued = workers_->TrySubmit([job, router, options, error_page, head, start] {
    Response response = Dispatch(*router, error_page, job->request);
    Finish(*router, *options, job->request, response, start);
    // Holding the peer while sending: Pistache's send checks, then locks, its weak pointer.
    if (auto alive = job->writer.getPeer()) Send(job->writer, std::move(response), head);
  });
  if (!queued) {
    Response busy = ErrorResponse(job->request, 503);
    busy.headers.emplace_back("Retry-After", "1");
    Finish(*router_, *options_, job->request, busy, start);
    Send(job->writer, std::move(busy), head);
    return;
  }
  // While a worker runs, the connection is under the keep-alive timeout, not the header one.
  if (peer) peer->setIdle(true);
}

}  // namespace kring::http
