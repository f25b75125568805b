// TestServer: the real Kring (SQLite, Xapian, cmark, Pistache) on 127.0.0.1 with an OS-chosen
// port and a fresh data folder, stopped and removed at the end of the test's scope.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "TempDir.h"
#include "app/Application.h"

namespace kring::testing {

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The bytes of a file of the gemma-zaken corpus, by its path below docs/; throws when missing.
inline std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(std::string(KRING_CORPUS_DIR "/docs/") + relative, std::ios::binary);
  if (!in) throw std::runtime_error("corpus file missing: " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// An application/x-www-form-urlencoded body, as a browser sends a form.
inline std::string FormEncode(const std::map<std::string, std::string>& fields) {
  return httplib::detail::params_to_query_str(httplib::Params(fields.begin(), fields.end()));
}

class TestServer {
 public:
  // `configure` may change the options before the server starts (limits, for example).
  explicit TestServer(bool seed_demo = false, const std::filesystem::path& data = {},
                      const std::function<void(AppOptions&)>& configure = {}) {
    AppOptions options;
    options.data_dir = data.empty() ? dir_.path() / "data" : data;
    options.port = 0;
    options.seed_demo = seed_demo;
    options.extractor_command = {KRING_BINARY, "extract-file"};
    options.fast_password_hashing = true;
    if (configure) configure(options);
    auto app = Application::Open(options);
    if (!app.ok()) throw std::runtime_error(app.error().message);
    app_ = std::move(app.value());
    auto port = app_->Serve();
    if (!port.ok()) throw std::runtime_error(port.error().message);
    port_ = port.value();
  }
  ~TestServer() { app_->Stop(); }

  uint16_t port() const { return port_; }
  Application& app() { return *app_; }

  // A fresh client; keep-alive like a browser.
  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_keep_alive(true);
    client->set_read_timeout(10, 0);
    return client;
  }

  httplib::Result Get(const std::string& path, const httplib::Headers& headers = {}) const {
    return Client()->Get(path, headers);
  }

  // POSTs a form as a browser does (no redirects followed).
  httplib::Result PostForm(const std::string& path,
                           const std::map<std::string, std::string>& fields) const {
    return Client()->Post(path, FormEncode(fields), "application/x-www-form-urlencoded");
  }

  // PUTs a page through the JSON API and answers the response.
  httplib::Result PutPage(const std::string& slug, const nlohmann::json& page) const {
    return Client()->Put("/api/v1/pages/" + slug, page.dump(), "application/json");
  }

  // PutPage for a save that must succeed (201 or 200): fails the test otherwise.
  void SavePage(const std::string& slug, const nlohmann::json& page) const {
    auto res = PutPage(slug, page);
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status / 100 == 2, res->body);
  }

  // Polls /healthz until every upload's text is extracted and the indexer has drained the
  // outbox (at most 60 s, then throws).
  void WaitForIndex() const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto res = Get("/healthz");
      if (res && res->status == 200) {
        auto health = nlohmann::json::parse(res->body);
        if (health["index_lag"] == 0 && health["extraction_lag"] == 0) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("extraction and indexing did not catch up within 60 s");
  }

 private:
  TempDir dir_;
  std::unique_ptr<Application> app_;
  uint16_t port_ = 0;
};

// The body of a GET that must answer 200.
inline std::string Body(const TestServer& server, const std::string& path) {
  auto res = server.Get(path);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return res->body;
}

inline nlohmann::json GetJson(const TestServer& server, const std::string& path) {
  return nlohmann::json::parse(Body(server, path));
}

// The slugs of the hits of /api/v1/search?q=`q` (percent-encoded by the caller), once
// extraction and indexing have caught up.
inline std::vector<std::string> SearchSlugs(const TestServer& server, const std::string& q) {
  server.WaitForIndex();
  const nlohmann::json results = GetJson(server, "/api/v1/search?q=" + q);
  std::vector<std::string> slugs;
  for (const nlohmann::json& hit : results["hits"]) slugs.push_back(hit["slug"].get<std::string>());
  return slugs;
}

}  // namespace kring::testing
