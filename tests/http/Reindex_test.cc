// `kring reindex` beside a running server (app/Reindex.h): searches keep answering from the old
// index while the new one is built and swapped in, and what is saved meanwhile is found after.
#include "app/Reindex.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/TestServer.h"
#include "search/IndexGeneration.h"

using kring::testing::GetJson;
using kring::testing::SearchSlugs;
using kring::testing::TempDir;
using kring::testing::TestServer;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("reindex under concurrent searches never fails a search and loses no save") {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  TestServer server(/*seed_demo=*/true, data);
  server.WaitForIndex();
  const int expected = GetJson(server, "/api/v1/search?q=kennisbeheer")["total"].get<int>();
  REQUIRE(expected > 0);

  // Searchers hammer the server over HTTP for the whole rebuild and swap.
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> searchers;
  for (int i = 0; i < 3; ++i) {
    searchers.emplace_back([&] {
      auto client = server.Client();
      while (!stop) {
        auto res = client->Get("/api/v1/search?q=kennisbeheer");
        std::string failure;
        if (!res) {
          failure = "no answer";
        } else if (res->status != 200) {
          failure = std::to_string(res->status) + " " + res->body;
        } else if (json::parse(res->body)["total"].get<int>() < expected) {
          failure = "too few hits: " + res->body.substr(0, 200);
        }
        if (!failure.empty()) {
          std::lock_guard lock(failures_mutex);
          failures.push_back(failure);
        }
        ++searches;
      }
    });
  }

  // Pages saved after the rebuild's snapshot, while it writes the new generation.
  int saved_during = 0;
  kring::RebuildOptions options;
  options.progress = [&](int64_t done, int64_t) {
    if (done > 3 || saved_during >= 3) return;
    ++saved_during;
    server.SavePage("tijdens-herindexering-" + std::to_string(saved_during),
                    {{"title", "Tijdens herindexering " + std::to_string(saved_during)},
                     {"body", "Het woord zwaluwstaartverbinding komt alleen hier voor."}});
  };
  const int searches_before = searches;
  kring::Result<kring::ReindexReport> report = kring::RebuildIndex(data, options);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  CHECK(report.value().generation == 1);
  CHECK(saved_during == 3);
  CHECK_FALSE(report.value().old_removed);  // the server's indexer still held it
  server.SavePage("na-herindexering",
                  {{"title", "Na herindexering"}, {"body", "Ook een zwaluwstaartverbinding."}});

  // The server's indexer moves to the new generation and removes the old one.
  server.WaitForIndex();
  for (int i = 0; i < 500 && fs::exists(kring::GenerationFolder(data.string(), 0)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK_FALSE(fs::exists(kring::GenerationFolder(data.string(), 0)));
  stop = true;
  for (std::thread& searcher : searchers) searcher.join();

  CHECK(searches > searches_before);
  std::lock_guard lock(failures_mutex);
  CHECK_MESSAGE(failures.empty(), (failures.empty() ? "" : failures.front()));
  MESSAGE(searches.load() << " searches during the rebuild and swap");
  auto found = SearchSlugs(server, "zwaluwstaartverbinding");
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<std::string>{"na-herindexering", "tijdens-herindexering-1",
                                          "tijdens-herindexering-2", "tijdens-herindexering-3"});
}
