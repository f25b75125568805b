// The kring command line as a user meets it: help, version, bad input, signals and crashes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "KringProcess.h"
#include "http/TestServer.h"

using kring::testing::Contains;
using kring::testing::KringProcess;
using kring::testing::RunKring;
using kring::testing::TempDir;
using nlohmann::json;

namespace {
int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }
}  // namespace

TEST_CASE("--version and --help answer and exit 0") {
  auto version = RunKring({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(Contains(version.output, "kring 0."));
  auto help = RunKring({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(Contains(help.output, "serve"));
  CHECK(Contains(help.output, "import"));
  auto serve_help = RunKring({"serve", "--help"});
  CHECK(Contains(serve_help.output, "--data"));
  CHECK(Contains(serve_help.output, "--port"));
}

TEST_CASE("bad flags, an unusable data folder and a taken port fail with one clear line") {
  TempDir dir;
  SUBCASE("an unknown flag") {
    auto r = RunKring({"serve", "--colour", "red"});
    CHECK(r.exit_code != 0);
    CHECK(Contains(r.output, "--colour"));
  }
  SUBCASE("a port that is not a number") {
    auto r = RunKring({"serve", "--port", "http"});
    CHECK(r.exit_code != 0);
  }
  SUBCASE("a data folder that is a file") {
    const auto file = dir.path() / "file";
    std::ofstream(file) << "x";
    auto r = RunKring({"serve", "--data", file.string(), "--port", "0"});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.output, "kring: data folder"));
    CHECK(Lines(r.output) == 1);
  }
  SUBCASE("a database file that is not a database") {
    std::filesystem::create_directories(dir.path() / "data");
    std::ofstream(dir.path() / "data" / "kring.db") << std::string(8192, 'x');
    auto r = RunKring({"serve", "--data", (dir.path() / "data").string(), "--port", "0"});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.output, "kring: "));
  }
  SUBCASE("a port in use") {
    KringProcess first(
        {"serve", "--data", (dir.path() / "a").string(), "--port", "0", "--no-seed"});
    const int port = first.WaitForPort();
    REQUIRE(port > 0);
    auto r = RunKring({"serve", "--data", (dir.path() / "b").string(), "--port",
                       std::to_string(port), "--no-seed"});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.output, "kring: cannot listen on 127.0.0.1:" + std::to_string(port)));
  }
}

TEST_CASE("SIGTERM stops the server cleanly") {
  TempDir dir;
  KringProcess server({"serve", "--data", (dir.path() / "d").string(), "--port", "0", "--no-seed"});
  REQUIRE(server.WaitForPort() > 0);
  server.Signal(SIGTERM);
  CHECK(server.Wait() == 0);
}

TEST_CASE("a repeated option takes its last value, so scripts/run's defaults can be overridden") {
  TempDir dir;
  // As scripts/run calls it: its own --data and --port first, then the caller's.
  KringProcess server({"serve", "--data", (dir.path() / "a").string(), "--port", "8080",
                       "--no-seed", "--data", (dir.path() / "b").string(), "--port", "0"});
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  CHECK(port != 8080);
  server.Signal(SIGTERM);
  CHECK(server.Wait() == 0);
  CHECK(std::filesystem::exists(dir.path() / "b" / "kring.db"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "a"));
}

TEST_CASE("the first start seeds the demo knowledge base; --no-seed does not") {
  TempDir dir;
  {
    KringProcess server({"serve", "--data", (dir.path() / "demo").string(), "--port", "0"});
    const int port = server.WaitForPort();
    REQUIRE(port > 0);
    httplib::Client client("127.0.0.1", port);
    auto health = client.Get("/healthz");
    REQUIRE(health);
    CHECK(json::parse(health->body)["pages"].get<int>() >= 10);
    auto home = client.Get("/");
    CHECK(Contains(home->body, "Oostrozebeke"));
  }
  KringProcess empty(
      {"serve", "--data", (dir.path() / "empty").string(), "--port", "0", "--no-seed"});
  const int port = empty.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  CHECK(json::parse(client.Get("/healthz")->body)["pages"] == 0);
}

TEST_CASE(
    "kill -9 right after a save and an upload: after a restart both are there and searchable") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  REQUIRE(RunKring({"user", "add", "schrijver", "--role", "editor", "--generate-password",
                    "--data", data})
              .exit_code == 0);
  kring::testing::RunResult token = RunKring({"user", "token", "schrijver", "--data", data});
  REQUIRE(token.exit_code == 0);
  const std::string bearer = "Bearer " + token.output.substr(0, token.output.find('\n'));
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    KringProcess server({"serve", "--data", data, "--port", "0", "--no-seed"});
    const int port = server.WaitForPort();
    REQUIRE(port > 0);
    httplib::Client client("127.0.0.1", port);
    client.set_default_headers({{"Authorization", bearer}});
    const std::string slug = "crash-" + std::to_string(round);
    json page = {{"title", "Crash " + std::to_string(round)},
                 {"body", "Gered na een stroompanne nummer" + std::to_string(round)}};
    auto saved = client.Put("/api/v1/pages/" + slug, page.dump(), "application/json");
    REQUIRE(saved);
    REQUIRE(saved->status == 201);
    const std::string note =
        "# Notities\n\nHet woord bliksemafleider" + std::to_string(round) + ".\n";
    auto uploaded =
        client.Post("/api/v1/pages/" + slug + "/files?name=notities.md", note, "text/markdown");
    REQUIRE(uploaded);
    REQUIRE(uploaded->status == 201);
    server.Signal(SIGKILL);
    server.Wait();
  }
  KringProcess server({"serve", "--data", data, "--port", "0", "--no-seed"});
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  for (int round = 0; round < 3; ++round) {
    auto page = client.Get("/api/v1/pages/crash-" + std::to_string(round));
    REQUIRE(page);
    CHECK(page->status == 200);
  }
  // Extraction and the index catch up on start: wait for both to drain, then search.
  for (int i = 0; i < 3000; ++i) {
    auto health = json::parse(client.Get("/healthz")->body);
    if (health["index_lag"] == 0 && health["extraction_lag"] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto found = client.Get("/api/v1/search?q=stroompanne");
  REQUIRE(found);
  CHECK(json::parse(found->body)["total"] == 3);
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    auto files =
        json::parse(client.Get("/api/v1/search?q=bliksemafleider" + std::to_string(round))->body);
    REQUIRE(files["hits"].size() == 1);
    const int id = files["hits"][0]["file"]["id"];
    auto file = client.Get("/f/" + std::to_string(id) + "/notities.md");
    REQUIRE(file);
    CHECK(file->body == "# Notities\n\nHet woord bliksemafleider" + std::to_string(round) + ".\n");
  }
}

TEST_CASE("kring import reports counts and the pages are searchable when it ends") {
  TempDir dir;
  const std::string data = (dir.path() / "d").string();
  auto r = RunKring({"import", KRING_CORPUS_DIR "/docs", "--data", data});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.output, "files: 222, created: 222"));
  CHECK(Contains(r.output, "skipped: 0"));
  KringProcess server({"serve", "--data", data, "--port", "0"});
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  auto health = json::parse(client.Get("/healthz")->body);
  CHECK(health["pages"] == 222);  // an imported folder is not empty: no demo seeding
  CHECK(health["index_lag"] == 0);
  CHECK(json::parse(client.Get("/api/v1/search?q=zaaktype")->body)["total"].get<int>() > 10);
  // The meeting notes' decks that exist in the corpus were imported with them and are found by
  // the words on their pages.
  CHECK(Contains(r.output, "attachments: 10"));
  auto deck = json::parse(client.Get("/api/v1/search?q=sprintreview&type=pdf")->body);
  REQUIRE(deck["hits"].size() == 1);
  CHECK(deck["hits"][0]["file"]["name"] == "opsplitsen-rgbz.pdf");
  CHECK(deck["hits"][0]["slug"] == "community-bijeenkomsten-20181025-demo-sprint-5");
  auto missing = RunKring({"import", (dir.path() / "nope").string(), "--data", data});
  CHECK(missing.exit_code != 0);
}
