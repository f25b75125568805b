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
#include "TestTimeouts.h"
#include "accounts/AccountService.h"
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

// The password of every account the tests make.
inline constexpr const char* kTestPassword = "correct horse battery";

// The value of `name="csrf" value="..."` in a page: the CSRF token a signed-in page carries.
inline std::string CsrfTokenIn(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  const size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

// The value a response sets for a cookie; "" when it sets none.
inline std::string SetCookieValue(const httplib::Result& res, const std::string& name) {
  for (const auto& [key, value] : res->headers) {
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
      return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
    }
  }
  return "";
}

// A browser session: the cookies of one signed-in member and the CSRF token their pages carry.
// Get and PostForm send the cookies; PostForm adds the token unless told otherwise.
class Browser {
 public:
  Browser(uint16_t port, std::string cookie, std::string csrf)
      : port_(port), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}

  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_read_timeout(ScaledSeconds(10), 0);
    client->set_default_headers({{"Cookie", cookie_}});
    return client;
  }
  httplib::Result Get(const std::string& path) const { return Client()->Get(path); }
  httplib::Result PostForm(const std::string& path, std::map<std::string, std::string> fields,
                           bool with_csrf = true) const {
    if (with_csrf) fields.emplace("csrf", csrf_);
    return Client()->Post(path, FormEncode(fields), "application/x-www-form-urlencoded");
  }
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }

 private:
  uint16_t port_;
  std::string cookie_;
  std::string csrf_;
};

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
    // Client() acts as this administrator through an API token, as scripts do.
    // (A data folder opened again has the administrator already.)
    auto tester = app_->accounts().UserByName("tester");
    token_ = TokenFor(tester.ok() ? tester->id : AddUser("tester", Role::kAdmin, "Tess Tester"));
    auto port = app_->Serve();
    if (!port.ok()) throw std::runtime_error(port.error().message);
    port_ = port.value();
  }
  ~TestServer() { app_->Stop(); }

  uint16_t port() const { return port_; }
  Application& app() { return *app_; }

  // A fresh client that sends the administrator's API token; keep-alive like a browser.
  std::unique_ptr<httplib::Client> Client() const {
    auto client = Anonymous();
    client->set_default_headers({{"Authorization", "Bearer " + token_}});
    return client;
  }
  // A fresh client that sends no credentials: a reader who has not logged in.
  std::unique_ptr<httplib::Client> Anonymous() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_keep_alive(true);
    client->set_read_timeout(ScaledSeconds(10), 0);
    return client;
  }

  // An active account with kTestPassword; answers its id.
  int64_t AddUser(const std::string& name, Role role, const std::string& display_name = "") {
    accounts::Registration registration{name, display_name, name + "@example.be",
                                        "Gemeente Testdorp", kTestPassword};
    auto user = app_->accounts().AddUser(registration, role, "test");
    if (!user.ok()) throw std::runtime_error(user.error().message);
    return user->id;
  }
  // A new API token of a user.
  std::string TokenFor(int64_t user_id) {
    auto token = app_->accounts().CreateApiToken(user_id, "tests", "test");
    if (!token.ok()) throw std::runtime_error(token.error().message);
    return token.value();
  }
  const std::string& admin_token() const { return token_; }

  // Logs in through the login form as a browser does and answers the session; throws when the
  // login fails.
  Browser SignIn(const std::string& name, const std::string& password = kTestPassword) const {
    auto form = Anonymous()->Get("/login");
    if (!form || form->status != 200) throw std::runtime_error("GET /login failed");
    const std::string pre = SetCookieValue(form, "kring_csrf");
    auto client = Anonymous();
    client->set_default_headers({{"Cookie", "kring_csrf=" + pre}});
    auto res =
        client->Post("/login", FormEncode({{"name", name}, {"password", password}, {"csrf", pre}}),
                     "application/x-www-form-urlencoded");
    if (!res || res->status != 303) {
      throw std::runtime_error("login as " + name + " failed: " +
                               (res ? std::to_string(res->status) + " " + res->body : "no answer"));
    }
    const std::string cookie = "kring_session=" + SetCookieValue(res, "kring_session");
    Browser signed_in(port_, cookie, "");
    auto page = signed_in.Get("/account");
    if (!page || page->status != 200) throw std::runtime_error("GET /account failed");
    return Browser(port_, cookie, CsrfTokenIn(page->body));
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
  // outbox (at most 60 s, scaled as in TestTimeouts.h, then throws).
  void WaitForIndex() const {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(ScaledSeconds(60));
    while (std::chrono::steady_clock::now() < deadline) {
      auto res = Get("/healthz");
      if (res && res->status == 200) {
        auto health = nlohmann::json::parse(res->body);
        if (health["index_lag"] == 0 && health["extraction_lag"] == 0) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("extraction and indexing did not catch up in time");
  }

 private:
  TempDir dir_;
  std::unique_ptr<Application> app_;
  uint16_t port_ = 0;
  std::string token_;
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

// Body and GetJson for a reader who has not logged in.
inline std::string AnonymousBody(const TestServer& server, const std::string& path) {
  auto res = server.Anonymous()->Get(path);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return res->body;
}
inline nlohmann::json AnonymousJson(const TestServer& server, const std::string& path) {
  return nlohmann::json::parse(AnonymousBody(server, path));
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
