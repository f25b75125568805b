// The crash test (issue 10): writers save pages and upload files as fast as the server answers
// while the server is killed with SIGKILL at random moments; after every restart each
// acknowledged write is there and intact, a write that was never answered is whole or absent,
// the search index catches up with all of it, and at the end `kring check` is clean.
//
// KRING_CRASH_SEED=N repeats a run's random choices (printed at the start); only timing varies.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include "TempDir.h"
#include "Workload.h"
#include "cli/KringProcess.h"

using kring::testing::CorpusSample;
using kring::testing::KringProcess;
using kring::testing::Ledger;
using kring::testing::RunKring;
using kring::testing::SentFile;
using kring::testing::SentPage;
using kring::testing::TempDir;
using kring::testing::Writer;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kRounds = 8;
constexpr int kWriters = 3;
constexpr auto kCatchUpDeadline = std::chrono::seconds(120);

uint32_t ChooseSeed() {
  if (const char* given = std::getenv("KRING_CRASH_SEED")) {
    return static_cast<uint32_t>(std::strtoul(given, nullptr, 10));
  }
  return std::random_device{}();
}

std::unique_ptr<httplib::Client> ClientFor(int port, const std::string& bearer) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_default_headers({{"Authorization", bearer}});
  client->set_read_timeout(60, 0);
  return client;
}

// Every acknowledged page has its acknowledged text, byte for byte; a page whose last write
// went unanswered has either that text or the one before, and the ledger takes what is there.
void CheckPages(httplib::Client& client, Ledger& ledger) {
  std::map<std::string, SentPage>& pages = ledger.pages();
  int saved = 0;
  const std::vector<SentPage> unanswered = ledger.TakeUnansweredPages();
  for (const SentPage& sent : unanswered) {
    auto answer = client.Get("/api/v1/pages/" + sent.slug);
    REQUIRE(answer);
    const auto acked = pages.find(sent.slug);
    if (answer->status == 404) {
      CHECK_MESSAGE(acked == pages.end(), "acknowledged page lost: " << sent.slug);
      continue;
    }
    REQUIRE(answer->status == 200);
    const std::string body = json::parse(answer->body)["body"];
    const bool is_sent = body == sent.body;
    const bool is_acked = acked != pages.end() && body == acked->second.body;
    CHECK_MESSAGE((is_sent || is_acked),
                  "page " << sent.slug << " after an unanswered write holds neither version ("
                          << body.size() << " bytes)");
    if (is_sent) pages[sent.slug] = sent;
    saved += is_sent ? 1 : 0;
  }
  if (!unanswered.empty()) {
    std::cerr << "  unanswered page saves found saved: " << saved << " of " << unanswered.size()
              << "\n";
  }
  for (const auto& [slug, sent] : pages) {
    auto answer = client.Get("/api/v1/pages/" + slug);
    REQUIRE(answer);
    CHECK_MESSAGE(answer->status == 200, "acknowledged page lost: " << slug);
    if (answer->status != 200) continue;
    const std::string body = json::parse(answer->body)["body"];
    CHECK_MESSAGE(body == sent.body, "page " << slug << " is not what was acknowledged ("
                                             << body.size() << " bytes, expected "
                                             << sent.body.size() << ")");
  }
}

// The content of file `id` as downloaded, hashed; "" when there is no such file.
std::string DownloadedSha256(httplib::Client& client, int64_t id, std::string* recorded) {
  auto meta = client.Get("/api/v1/files/" + std::to_string(id));
  REQUIRE(meta);
  if (meta->status == 404) return "";
  REQUIRE(meta->status == 200);
  const json file = json::parse(meta->body);
  *recorded = file["sha256"];
  auto content = client.Get(file["url"].get<std::string>());
  REQUIRE(content);
  REQUIRE(content->status == 200);
  return kring::storage::Sha256Hex(content->body);
}

// Every acknowledged file is there with its content; every other file row (an upload that was
// never answered) holds the whole content it names, and that content is one that was sent.
// Answers the SHA-256 of every file row found.
std::set<std::string> CheckFiles(httplib::Client& client, Ledger& ledger) {
  std::map<std::string, SentFile> sent_unanswered;
  for (SentFile& file : ledger.TakeUnansweredFiles()) sent_unanswered[file.sha256] = file;
  int stored = 0;
  int64_t highest = 0;
  for (const auto& [id, file] : ledger.files()) highest = std::max(highest, id);
  std::set<std::string> found;
  // Unanswered uploads take ids among and just above the acknowledged ones.
  for (int64_t id = 1; id <= highest + 2 * kWriters + 2; ++id) {
    std::string recorded;
    const std::string downloaded = DownloadedSha256(client, id, &recorded);
    const auto acked = ledger.files().find(id);
    if (acked != ledger.files().end()) {
      CHECK_MESSAGE(downloaded == acked->second.sha256,
                    "acknowledged file " << id << " (" << acked->second.name << ") "
                                         << (downloaded.empty() ? "lost" : "changed"));
    } else if (!downloaded.empty()) {
      // Stored after all: from now on it is as good as acknowledged.
      const auto sent = sent_unanswered.find(recorded);
      CHECK_MESSAGE(sent != sent_unanswered.end(),
                    "file " << id << " was never uploaded: " << recorded);
      if (sent != sent_unanswered.end()) ledger.AckFile(id, sent->second);
      ++stored;
    }
    if (downloaded.empty()) continue;
    CHECK_MESSAGE(downloaded == recorded, "file " << id << " is not whole");
    found.insert(recorded);
  }
  if (!sent_unanswered.empty()) {
    std::cerr << "  unanswered uploads found stored: " << stored << " of " << sent_unanswered.size()
              << "\n";
  }
  return found;
}

// Stored content no file row names, and temporary files an upload left behind.
std::vector<std::string> StrayContents(const fs::path& data, const std::set<std::string>& named) {
  std::vector<std::string> stray;
  if (!fs::exists(data / "files")) return stray;
  for (const auto& entry : fs::recursive_directory_iterator(data / "files")) {
    if (entry.is_regular_file() && !named.contains(entry.path().filename().string())) {
      stray.push_back(entry.path().filename().string());
    }
  }
  return stray;
}

json Health(httplib::Client& client) {
  auto health = client.Get("/healthz");
  REQUIRE(health);
  return json::parse(health->body);
}

// Waits until the indexer and the extraction have drained what is waiting.
bool CaughtUp(httplib::Client& client) {
  const auto deadline = std::chrono::steady_clock::now() + kCatchUpDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    const json health = Health(client);
    if (health["index_lag"] == 0 && health["extraction_lag"] == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// The search finds the current version of every acknowledged page, and no other page.
void CheckSearch(httplib::Client& client, const std::map<std::string, SentPage>& pages) {
  for (const auto& [slug, sent] : pages) {
    auto answer = client.Get("/api/v1/search?q=" + sent.version_marker);
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    const json hits = json::parse(answer->body)["hits"];
    std::string found;
    for (const json& hit : hits) {
      if (!hit.contains("file")) found += hit["slug"].get<std::string>() + " ";
    }
    CHECK_MESSAGE(found == slug + " ",
                  "search for " << sent.version_marker << " finds [" << found << "], not " << slug);
  }
}

}  // namespace

TEST_CASE("SIGKILL under a write load loses nothing acknowledged; the index catches up") {
  const uint32_t seed = ChooseSeed();
  MESSAGE("crash test seed " << seed << " (KRING_CRASH_SEED=" << seed << " repeats it)");
  std::cerr << "crash test seed " << seed << "\n";
  REQUIRE(kring::storage::InitializeHashing().ok());
  const CorpusSample corpus(KRING_CORPUS_DIR "/docs");
  REQUIRE(corpus.lines() > 1000);
  REQUIRE_FALSE(corpus.documents().empty());

  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  REQUIRE(RunKring({"user", "add", "schrijver", "--role", "editor", "--generate-password", "--data",
                    data})
              .exit_code == 0);
  const auto token = RunKring({"user", "token", "schrijver", "--data", data});
  REQUIRE(token.exit_code == 0);
  const std::string bearer = "Bearer " + token.output.substr(0, token.output.find('\n'));

  std::mt19937 rng(seed);
  Ledger ledger;
  std::vector<std::unique_ptr<Writer>> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.push_back(std::make_unique<Writer>(i, seed + 1 + i, corpus, ledger, bearer));
  }

  for (int round = 0; round <= kRounds; ++round) {
    CAPTURE(round);
    KringProcess server({"serve", "--data", data, "--port", "0", "--no-seed"});
    const int port = server.WaitForPort();
    REQUIRE_MESSAGE(port > 0, server.output());
    auto client = ClientFor(port, bearer);

    // What the killed server acknowledged (none in round 0) is all there, and searchable.
    CheckPages(*client, ledger);
    const std::set<std::string> contents = CheckFiles(*client, ledger);
    for (const std::string& stray : StrayContents(data, contents)) {
      CHECK_MESSAGE(false, "stored content without its file row: " << stray);
    }
    REQUIRE_MESSAGE(CaughtUp(*client), "the index did not catch up: " << Health(*client).dump());
    CheckSearch(*client, ledger.pages());
    if (round == kRounds) {
      server.Signal(SIGTERM);
      CHECK(server.Wait() == 0);
      break;
    }

    // Writers at full speed, killed at a random moment.
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (auto& writer : writers) {
      threads.emplace_back([&, w = writer.get()] { w->Run(port, stop); });
    }
    const int delay_ms = std::uniform_int_distribution<int>(50, 3000)(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    server.Signal(SIGKILL);
    stop = true;
    for (auto& thread : threads) thread.join();
    CHECK(server.Wait() == 128 + SIGKILL);
    for (const std::string& failure : ledger.TakeFailures()) CHECK_MESSAGE(false, failure);
    std::cerr << "round " << round << ": killed after " << delay_ms << " ms; "
              << ledger.pages().size() << " pages and " << ledger.files().size()
              << " files acknowledged so far\n";
  }

  const auto checked = RunKring({"check", "--data", data});
  CHECK_MESSAGE(checked.exit_code == 0, checked.output);
}
