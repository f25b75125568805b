// The server on its own, with a route table made for the test: slow routes on the worker pool,
// the queue limit, and the addresses believed behind a trusted proxy.
#include "http/Server.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <future>
#include <memory>

#include "http/Forwarded.h"
#include "http/Router.h"

namespace kring::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Response Text(const std::string& text) { return Response::Text(200, text); }

// A router whose GET /slow waits until the test opens the gate (at most 10 s), on the worker
// pool, and whose GET /fast answers at once on the I/O thread.
struct SlowRoutes {
  std::promise<void> gate;
  std::shared_future<void> opened = gate.get_future().share();
  std::atomic<int> started{0};
  Router router{[](const Request&) { return Response::Text(404, "none\n"); },
                [](const Request&) { return Response::Text(405, "no\n"); }};

  SlowRoutes() {
    RouteOptions offload;
    offload.offload = true;
    router.Add(
        "GET", "/slow",
        [this](const Request&) {
          ++started;
          opened.wait_for(seconds(10));
          return Text("slow\n");
        },
        offload);
    router.Add("GET", "/fast", [](const Request&) { return Text("fast\n"); });
    router.Add("GET", "/who", [](const Request& r) {
      return Text(r.remote_address + (r.https ? " https" : " http"));
    });
  }
};

std::unique_ptr<Server> Start(const Router& router, ServerOptions options, uint16_t& port) {
  options.port = 0;
  options.threads = 1;  // the slow and the fast request share the one I/O thread
  auto server = std::make_unique<Server>(
      router, [](const Request&, int status) { return Response::Text(status, "error\n"); },
      options);
  auto started = server->Start();
  REQUIRE(started.ok());
  port = started.value();
  return server;
}

httplib::Result Get(uint16_t port, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(20, 0);
  return client.Get(path, headers);
}

void WaitUntil(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  REQUIRE(done());
}

TEST_CASE("an offloaded route does not hold up other requests on its I/O thread") {
  SlowRoutes routes;
  uint16_t port = 0;
  auto server = Start(routes.router, {}, port);
  auto slow = std::async(std::launch::async, [&] { return Get(port, "/slow"); });
  WaitUntil([&] { return routes.started == 1; });
  auto fast = Get(port, "/fast");  // would wait for the gate (10 s) on the I/O thread
  REQUIRE(fast);
  CHECK(fast->body == "fast\n");
  CHECK(slow.wait_for(milliseconds(0)) == std::future_status::timeout);  // still waiting
  routes.gate.set_value();
  auto answered = slow.get();
  REQUIRE(answered);
  CHECK(answered->status == 200);
  CHECK(answered->body == "slow\n");
}

TEST_CASE("beyond the worker queue, offloaded routes answer 503 with Retry-After") {
  SlowRoutes routes;
  ServerOptions options;
  options.worker_threads = 1;
  options.worker_queue = 1;
  uint16_t port = 0;
  auto server = Start(routes.router, options, port);
  auto running = std::async(std::launch::async, [&] { return Get(port, "/slow"); });
  WaitUntil([&] { return routes.started == 1; });
  // One of these waits in the queue, the other finds it full.
  auto second = std::async(std::launch::async, [&] { return Get(port, "/slow"); });
  auto third = std::async(std::launch::async, [&] { return Get(port, "/slow"); });
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  while (second.wait_for(milliseconds(5)) != std::future_status::ready &&
         third.wait_for(milliseconds(5)) != std::future_status::ready &&
         std::chrono::steady_clock::now() < deadline) {
  }
  const bool second_first = second.wait_for(milliseconds(0)) == std::future_status::ready;
  auto refused = second_first ? second.get() : third.get();
  REQUIRE(refused);
  CHECK(refused->status == 503);
  CHECK(refused->get_header_value("Retry-After") == "1");
  routes.gate.set_value();
  auto queued = second_first ? third.get() : second.get();
  REQUIRE(queued);
  CHECK(queued->status == 200);
  CHECK(running.get()->status == 200);
}

TEST_CASE("X-Forwarded-For and -Proto count only from a trusted proxy") {
  SlowRoutes routes;
  const httplib::Headers forwarded = {{"X-Forwarded-For", "203.0.113.9, 198.51.100.7"},
                                      {"X-Forwarded-Proto", "https"}};
  uint16_t port = 0;
  {
    auto server = Start(routes.router, {}, port);
    auto res = Get(port, "/who", forwarded);
    REQUIRE(res);
    CHECK(res->body == "127.0.0.1 http");
  }
  ServerOptions trusting;
  trusting.trusted_proxies = {"127.0.0.1"};
  auto server = Start(routes.router, trusting, port);
  auto res = Get(port, "/who", forwarded);
  REQUIRE(res);
  CHECK(res->body == "198.51.100.7 https");  // the address the proxy itself appended
  auto plain = Get(port, "/who");
  REQUIRE(plain);
  CHECK(plain->body == "127.0.0.1 http");
  routes.gate.set_value();
}

TEST_CASE("ApplyForwardedHeaders") {
  struct Case {
    std::string peer, forwarded_for, proto, address;
    bool https;
  };
  const std::vector<Case> cases = {
      {"10.0.0.1", "192.0.2.1", "https", "192.0.2.1", true},
      {"10.0.0.1", " 192.0.2.1 , 192.0.2.2 ", "HTTPS", "192.0.2.2", true},
      {"10.0.0.1", "", "http", "10.0.0.1", false},
      {"10.0.0.2", "192.0.2.1", "https", "10.0.0.2", false},  // not a trusted proxy
  };
  for (const Case& c : cases) {
    CAPTURE(c.forwarded_for);
    Request request;
    request.remote_address = c.peer;
    request.headers["x-forwarded-for"] = c.forwarded_for;
    request.headers["x-forwarded-proto"] = c.proto;
    ApplyForwardedHeaders(request, {"10.0.0.1"});
    CHECK(request.remote_address == c.address);
    CHECK(request.https == c.https);
  }
}

}  // namespace
}  // namespace kring::http
