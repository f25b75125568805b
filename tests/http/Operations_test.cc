// Operating the server: /metrics for Prometheus, /healthz and /livez for the monitoring, the
// request id and the access log.
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <regex>
#include <sstream>

#include "PrometheusText.h"
#include "http/RequestMetrics.h"
#include "http/TestServer.h"

using kring::testing::ParsePrometheusText;
using kring::testing::PrometheusText;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

PrometheusText Scrape(const TestServer& server) {
  auto res = server.Get("/metrics");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  return ParsePrometheusText(res->body);
}

double Requests(const PrometheusText& metrics, const std::string& method, const std::string& route,
                const std::string& status) {
  const double v = metrics.Value("kring_http_requests_total",
                                 {{"method", method}, {"route", route}, {"status", status}});
  return std::isnan(v) ? 0 : v;
}

}  // namespace

TEST_CASE("/metrics parses as Prometheus text and counts requests by route pattern") {
  TestServer server;
  server.SavePage("crm", {{"title", "CRM"}, {"body", "Klantenbeheer."}});
  const PrometheusText before = Scrape(server);
  CHECK(before.types.at("kring_http_requests_total") == "counter");
  CHECK(before.types.at("kring_http_request_duration_seconds") == "histogram");
  CHECK(before.types.at("kring_pages") == "gauge");
  CHECK(before.Value("kring_pages") == 1);
  CHECK(before.Value("kring_files") == 0);
  CHECK(before.Value("kring_database_up") == 1);
  CHECK(before.Value("kring_index_lag") >= 0);
  CHECK(before.Value("kring_data_disk_free_bytes") > 0);
  CHECK(before.Value("process_start_time_seconds") > 1.7e9);
  CHECK(Requests(before, "PUT", "/api/v1/pages/{slug}", "2xx") == 1);

  auto anonymous = server.Anonymous();
  for (int i = 0; i < 3; ++i) REQUIRE(anonymous->Get("/p/crm")->status == 200);
  REQUIRE(anonymous->Get("/p/nergens")->status == 404);
  REQUIRE(anonymous->Get("/bestaat/niet/hier")->status == 404);

  const PrometheusText after = Scrape(server);
  CHECK(Requests(after, "GET", "/p/{slug}", "2xx") - Requests(before, "GET", "/p/{slug}", "2xx") ==
        3);
  CHECK(Requests(after, "GET", "/p/{slug}", "4xx") == 1);
  // Unmatched paths share one label: clients cannot grow the label set.
  CHECK(Requests(after, "other", "(none)", "4xx") >= 1);
  for (const auto& sample : after.samples) {
    if (!sample.labels.count("route")) continue;
    CHECK(sample.labels.at("route").find("crm") == std::string::npos);
    CHECK(sample.labels.at("route").find("nergens") == std::string::npos);
  }
  const std::map<std::string, std::string> page = {{"method", "GET"}, {"route", "/p/{slug}"}};
  CHECK(after.Value("kring_http_request_duration_seconds_count", page) == 4);
  auto inf = page;
  inf["le"] = "+Inf";
  CHECK(after.Value("kring_http_request_duration_seconds_bucket", inf) == 4);
  CHECK(after.Value("kring_http_response_bytes_total", page) > 0);
}

TEST_CASE("/metrics counts searches and searches that found nothing") {
  TestServer server;
  server.SavePage("crm", {{"title", "CRM"}, {"body", "Klantenbeheer in de gemeente."}});
  server.WaitForIndex();
  const PrometheusText before = Scrape(server);
  REQUIRE(server.Get("/api/v1/search?q=klantenbeheer")->status == 200);
  REQUIRE(server.Get("/search?q=xyzzyplugh")->status == 200);
  const PrometheusText after = Scrape(server);
  CHECK(after.Value("kring_search_queries_total") - before.Value("kring_search_queries_total") ==
        2);
  CHECK(after.Value("kring_search_zero_results_total") -
            before.Value("kring_search_zero_results_total") ==
        1);
}

TEST_CASE("/metrics is for administrators and their API tokens") {
  TestServer server;
  auto anonymous = server.Anonymous();
  auto res = anonymous->Get("/metrics");
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(res->get_header_value("Location").starts_with("/login"));
  const std::string editor = server.TokenFor(server.AddUser("ed", kring::Role::kEditor));
  res = anonymous->Get("/metrics", {{"Authorization", "Bearer " + editor}});
  CHECK(res->status == 403);
  res = anonymous->Get("/metrics", {{"Authorization", "Bearer not-a-token"}});
  CHECK(res->status == 401);
  res = anonymous->Get("/metrics", {{"Authorization", "Bearer " + server.admin_token()}});
  CHECK(res->status == 200);
}

TEST_CASE("/healthz reports each check; /livez answers while the process runs") {
  SUBCASE("ready") {
    TestServer server;
    auto res = server.Anonymous()->Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    const json health = json::parse(res->body);
    CHECK(health["status"] == "ok");
    CHECK(health["checks"]["database"]["ok"] == true);
    CHECK(health["checks"]["disk"]["ok"] == true);
    CHECK(health["checks"]["disk"]["free_bytes"].get<uint64_t>() > 0);
    CHECK(health["checks"]["index"]["lag"].is_number());
    CHECK(health["checks"]["extraction"]["lag"] == 0);
    CHECK(health["index_lag"].is_number());
  }
  SUBCASE("a nearly full disk is not ready, but alive") {
    TestServer server(false, {}, [](kring::AppOptions& options) {
      options.min_free_disk_bytes = uint64_t{1} << 62;  // more than any disk has
    });
    auto anonymous = server.Anonymous();
    auto res = anonymous->Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 503);
    const json health = json::parse(res->body);
    CHECK(health["status"] == "unavailable");
    CHECK(health["error"] == "disk");
    CHECK(health["checks"]["disk"]["ok"] == false);
    res = anonymous->Get("/livez");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json::parse(res->body)["status"] == "alive");
  }
}

TEST_CASE("every response names its request id; a sane X-Request-Id is kept") {
  TestServer server;
  auto client = server.Anonymous();
  const std::regex generated("[0-9a-f]{16}");
  auto first = client->Get("/");
  auto second = client->Get("/nergens");
  REQUIRE(first);
  REQUIRE(second);
  const std::string a = first->get_header_value("X-Request-Id");
  const std::string b = second->get_header_value("X-Request-Id");
  CHECK(std::regex_match(a, generated));
  CHECK(std::regex_match(b, generated));
  CHECK(a != b);
  auto kept = client->Get("/", {{"X-Request-Id", "lb-7f3a.9_x:1"}});
  CHECK(kept->get_header_value("X-Request-Id") == "lb-7f3a.9_x:1");
  for (const std::string& bad :
       {std::string("two words"), std::string(65, 'a'), std::string("x\"y")}) {
    auto replaced = client->Get("/", {{"X-Request-Id", bad}});
    REQUIRE(replaced);
    CHECK(std::regex_match(replaced->get_header_value("X-Request-Id"), generated));
  }
}

TEST_CASE("the access log has one escaped line per request with its route and request id") {
  auto previous = spdlog::default_logger();
  std::ostringstream log;
  auto logger = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  logger->set_pattern("%l %v");
  spdlog::set_default_logger(logger);
  {
    TestServer server(false, {}, [](kring::AppOptions& options) { options.access_log = true; });
    server.SavePage("crm", {{"title", "CRM"}, {"body", "Klantenbeheer."}});
    auto res = server.Anonymous()->Get("/p/crm", {{"X-Request-Id", "abc123"}});
    REQUIRE(res->status == 200);
    server.Anonymous()->Get("/p/a%22b%0Ac");
  }
  spdlog::set_default_logger(previous);
  const std::string text = log.str();
  CAPTURE(text);
  CHECK(text.find(
            "info request id=abc123 method=GET route=/p/{slug} path=/p/crm status=200 bytes=") !=
        std::string::npos);
  // A quote and a newline in the path stay inside one quoted value.
  CHECK(text.find("path=\"/p/a\\\"b\\x0ac\" status=4") != std::string::npos);
}

// Speed is not asserted here (scripts/bench measures; counting was ~10-20 ns per request).
TEST_CASE("a million requests counted from two routes keep every count") {
  kring::http::RequestMetrics metrics;
  metrics.Track({{"GET", "/"}, {"GET", "/p/{slug}"}});
  constexpr int kRounds = 1'000'000;
  for (int i = 0; i < kRounds; ++i) {
    metrics.Record(i & 1, 200, std::chrono::microseconds(i % 20000), 5000);
  }
  std::string out;
  metrics.WritePrometheus(out);
  const PrometheusText parsed = ParsePrometheusText(out);
  CHECK(parsed.Value("kring_http_request_duration_seconds_count",
                     {{"method", "GET"}, {"route", "/"}}) == kRounds / 2);
  CHECK(parsed.Value("kring_http_request_duration_seconds_count",
                     {{"method", "GET"}, {"route", "/p/{slug}"}}) == kRounds / 2);
}
