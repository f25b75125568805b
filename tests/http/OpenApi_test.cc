// GET /api/v1/openapi.json: an OpenAPI 3 document that describes every JSON route of the route
// table with its method and path parameters, and nothing that is not a route.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "TestServer.h"
#include "http/Site.h"

using kring::testing::TestServer;
using nlohmann::json;

namespace {

json FetchDocument(const TestServer& server) {
  auto res = server.Anonymous()->Get("/api/v1/openapi.json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type").starts_with("application/json"));
  return json::parse(res->body);  // throws, failing the test, when it is not JSON
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The `{name}` placeholders of a route pattern.
std::set<std::string> Placeholders(const std::string& pattern) {
  std::set<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    names.insert(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return names;
}

}  // namespace

TEST_CASE("the API description is OpenAPI 3 JSON, served to anyone") {
  TestServer server;
  const json doc = FetchDocument(server);
  REQUIRE(doc.contains("openapi"));
  CHECK(doc["openapi"].get<std::string>().starts_with("3."));
  CHECK(doc["info"].contains("title"));
  CHECK(doc["info"].contains("version"));
  const json& schemes = doc["components"]["securitySchemes"];
  CHECK(schemes["bearerToken"]["scheme"] == "bearer");
  CHECK(schemes["sessionCookie"]["in"] == "cookie");
  CHECK(schemes["csrfHeader"]["name"] == "X-CSRF-Token");
  CHECK(doc["components"]["schemas"]["Error"]["required"] == json::array({"error"}));
}

TEST_CASE("every /api/v1/ route and /healthz is described with its method and parameters") {
  TestServer server;
  const json doc = FetchDocument(server);
  const json& paths = doc["paths"];
  int described = 0;
  for (const auto& route : server.app().site()->router().Routes()) {
    if (!route.pattern.starts_with("/api/v1/") && route.pattern != "/healthz") continue;
    CAPTURE(route.method);
    CAPTURE(route.pattern);
    REQUIRE(paths.contains(route.pattern));
    const std::string method = Lower(route.method);
    REQUIRE(paths[route.pattern].contains(method));
    const json& operation = paths[route.pattern][method];
    CHECK(operation.contains("summary"));
    CHECK_FALSE(operation["responses"].empty());
    std::set<std::string> declared;
    for (const json& parameter : operation.value("parameters", json::array())) {
      if (parameter["in"] == "path") declared.insert(parameter["name"].get<std::string>());
    }
    CHECK(declared == Placeholders(route.pattern));
    if (method == "put" || (method == "post" && !route.pattern.ends_with("/restore"))) {
      CHECK_MESSAGE(operation.contains("requestBody"), "a write describes what it accepts");
    }
    ++described;
  }
  CHECK(described >= 25);
}

TEST_CASE("the description names no route that does not exist") {
  TestServer server;
  const json doc = FetchDocument(server);
  std::set<std::pair<std::string, std::string>> routes;
  for (const auto& route : server.app().site()->router().Routes()) {
    routes.emplace(route.pattern, Lower(route.method));
  }
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      CAPTURE(path);
      CAPTURE(method);
      CHECK(routes.contains({path, method}));
    }
  }
}

TEST_CASE("every GET route without parameters that answers JSON is described") {
  TestServer server(true);
  const json paths = FetchDocument(server)["paths"];
  auto client = server.Client();  // an administrator: admin routes answer too
  int json_routes = 0;
  for (const auto& route : server.app().site()->router().Routes()) {
    if (route.method != "GET" || route.pattern.find('{') != std::string::npos) continue;
    auto res = client->Get(route.pattern);
    REQUIRE(res);
    if (!res->get_header_value("Content-Type").starts_with("application/json")) continue;
    CAPTURE(route.pattern);
    CHECK(paths.contains(route.pattern));
    ++json_routes;
  }
  CHECK(json_routes >= 5);
}
