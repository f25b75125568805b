#include "http/Server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/net.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>

#include "http/Url.h"

namespace kring::http {
namespace {

using namespace Pistache;  // NOLINT: confined to this file

// Builds our Request; nullopt when the path or a query value does not decode.
std::optional<Request> Convert(const Http::Request& in) {
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

class PistacheHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  PistacheHandler(const Router* router, Server::ErrorPageFn error_page)
      : router_(router), error_page_(std::move(error_page)) {}

  void onRequest(const Http::Request& in, Http::ResponseWriter writer) override {
    const auto start = std::chrono::steady_clock::now();
    Response response = Handle(in);
    AddStandardHeaders(response);
    for (const auto& [name, value] : response.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    if (response.close_connection) {
      writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
    }
    const bool head = in.method() == Http::Method::Head;
    const auto code = static_cast<Http::Code>(response.status);
    const auto mime = Http::Mime::MediaType::fromString(response.content_type);
    writer.send(code, head ? std::string() : response.body, mime);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    spdlog::debug("{} {} {} {}us", Http::methodString(in.method()), in.resource(), response.status,
                  micros);
  }

 private:
  Response Handle(const Http::Request& in) {
    Request request;
    int status = 500;
    try {
      if (auto converted = Convert(in)) {
        request = std::move(*converted);
        return router_->Dispatch(request);
      }
      // The error page still needs a request to choose its language and format from.
      request.method = Http::methodString(in.method());
      request.path = in.resource().rfind("/api/", 0) == 0 ? "/api/" : "/";
      request.headers["accept-language"] = HeaderOf(in, "Accept-Language");
      status = 400;
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", request.method, request.path, e.what());
    }
    try {
      return error_page_(request, status);
    } catch (const std::exception& e) {
      spdlog::error("the {} page failed: {}", status, e.what());
      return Response::Text(status, "Error " + std::to_string(status) + "\n");
    }
  }

  const Router* router_;
  Server::ErrorPageFn error_page_;
};

}  // namespace

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
  std::unique_ptr<Http::Endpoint> endpoint;
};

Server::Server(const Router& router, ErrorPageFn error_page, ServerOptions options)
    : impl_(new Impl{router, std::move(error_page), std::move(options), nullptr}) {}

Server::~Server() { Stop(); }

Result<uint16_t> Server::Start() {
  try {
    Address address(impl_->options.bind, Port(impl_->options.port));
    impl_->endpoint = std::make_unique<Http::Endpoint>(address);
    auto opts = Http::Endpoint::options()
                    .threads(impl_->options.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(impl_->options.max_request_bytes)
                    .maxResponseSize(64 * 1024 * 1024);
    impl_->endpoint->init(opts);
    impl_->endpoint->setHandler(
        Http::make_handler<PistacheHandler>(&impl_->router, impl_->error_page));
    impl_->endpoint->serveThreaded();
    return static_cast<uint16_t>(impl_->endpoint->getPort());
  } catch (const std::exception& e) {
    impl_->endpoint.reset();
    return Error{ErrorCode::kUnavailable, "cannot listen on " + impl_->options.bind + ":" +
                                              std::to_string(impl_->options.port) + ": " +
                                              e.what()};
  }
}

void Server::Stop() {
  if (impl_ && impl_->endpoint) {
    impl_->endpoint->shutdown();
    impl_->endpoint.reset();
  }
}

}  // namespace kring::http
