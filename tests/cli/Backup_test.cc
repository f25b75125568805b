// `kring backup` and `kring restore` as an administrator meets them: a backup taken while a
// server writes restores every acknowledged write, and what cannot be trusted is refused or
// reported, never restored.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "KringProcess.h"
#include "http/TestServer.h"

using kring::testing::Contains;
using kring::testing::KringProcess;
using kring::testing::RunKring;
using kring::testing::TempDir;
using kring::testing::TestServer;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// What the server acknowledged (2xx): a page's text, or a file's content at its URL.
struct Written {
  std::string slug;
  std::string text;
  std::string url;  // files only
};

// The acknowledged writes of a writer thread, in order.
class Acknowledged {
 public:
  void Add(Written written) {
    {
      std::lock_guard lock(mutex_);
      (written.url.empty() ? pages_ : files_).push_back(std::move(written));
    }
    changed_.notify_all();
  }
  // Blocks until at least `count` pages are acknowledged.
  void WaitForPages(size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pages_.size() >= count; });
  }
  std::vector<Written> Pages() const {
    std::lock_guard lock(mutex_);
    return pages_;
  }
  std::vector<Written> Files() const {
    std::lock_guard lock(mutex_);
    return files_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Written> pages_;
  std::vector<Written> files_;
};

std::string PageText(int i) {
  return "Afspraken van overleg " + std::to_string(i) + ": het woord zonnewijzer" +
         std::to_string(i) + ".";
}

std::string FileText(int i) {
  return "# Bijlage " + std::to_string(i) + "\n\nHet woord windwijzer" + std::to_string(i) + ".\n";
}

// Saves a page and uploads a file to it, and records what was acknowledged.
void WriteOne(httplib::Client& client, int i, Acknowledged& acknowledged) {
  const std::string slug = "overleg-" + std::to_string(i);
  json page = {{"title", "Overleg " + std::to_string(i)}, {"body", PageText(i)}};
  auto saved = client.Put("/api/v1/pages/" + slug, page.dump(), "application/json");
  if (!saved || saved->status / 100 != 2) return;
  acknowledged.Add({slug, PageText(i), ""});
  auto uploaded =
      client.Post("/api/v1/pages/" + slug + "/files?name=bijlage.md", FileText(i), "text/markdown");
  if (!uploaded || uploaded->status / 100 != 2) return;
  acknowledged.Add({slug, FileText(i), json::parse(uploaded->body)["url"]});
}

// A thread that saves pages and uploads files until it is destroyed (also when a REQUIRE
// throws), numbering them from 0.
class Writer {
 public:
  Writer(const TestServer& server, Acknowledged& acknowledged)
      : thread_([this, &server, &acknowledged] {
          auto client = server.Client();
          for (int i = 0; !stop_; ++i) WriteOne(*client, i, acknowledged);
        }) {}
  ~Writer() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A data folder with one page and one uploaded file, made by the real server.
void MakeDataFolder(const fs::path& data) {
  TestServer server(false, data);
  server.SavePage("verslag", {{"title", "Verslag"}, {"body", "Het woord zonnewijzer."}});
  auto uploaded = server.Client()->Post("/api/v1/pages/verslag/files?name=notities.md", FileText(1),
                                        "text/markdown");
  REQUIRE(uploaded);
  REQUIRE(uploaded->status == 201);
}

// The only file below `dir` (a blob of a one-file backup).
fs::path OnlyFileBelow(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) found.push_back(entry.path());
  }
  REQUIRE(found.size() == 1);
  return found[0];
}

void FlipFirstByte(const fs::path& file) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  char c = 0;
  io.get(c);
  io.seekp(0);
  io.put(static_cast<char>(c ^ 0x20));
}

bool IsEmptyOrAbsent(const fs::path& dir) { return !fs::exists(dir) || fs::is_empty(dir); }

}  // namespace

TEST_CASE(
    "a backup taken while pages are saved and files uploaded restores every acknowledged "
    "write, and the restored folder is searchable") {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  const fs::path restored = dir.path() / "restored";
  fs::path out;
  Acknowledged acknowledged;
  std::vector<Written> pages_before, files_before;
  {
    TestServer server(false, data);
    Writer writer(server, acknowledged);
    acknowledged.WaitForPages(20);
    // A backup proves little unless writes were acknowledged while it ran; on a loaded machine
    // one may slip between two writes, so take another then.
    bool overlapped = false;
    for (int attempt = 0; attempt < 10 && !overlapped; ++attempt) {
      out = dir.path() / ("backup-" + std::to_string(attempt));
      // Everything acknowledged before the backup starts must be in it.
      pages_before = acknowledged.Pages();
      files_before = acknowledged.Files();
      auto backup = RunKring({"backup", "--data", data.string(), out.string()});
      INFO(backup.output);
      REQUIRE(backup.exit_code == 0);
      CHECK(Contains(backup.output, "checked: the database is intact"));
      CHECK_FALSE(fs::exists(out / "xapian"));  // derived: not copied
      overlapped = acknowledged.Pages().size() > pages_before.size();
    }
    CHECK(overlapped);
  }

  auto restore = RunKring({"restore", "--data", restored.string(), out.string()});
  INFO(restore.output);
  REQUIRE(restore.exit_code == 0);
  CHECK(Contains(restore.output, "search is up to date"));

  KringProcess server({"serve", "--data", restored.string(), "--port", "0", "--no-seed"});
  const int port = server.WaitForPort();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  auto health = json::parse(client.Get("/healthz")->body);
  CHECK(health["index_lag"] == 0);  // restore rebuilt the index before it ended
  for (const Written& page : pages_before) {
    CAPTURE(page.slug);
    auto got = client.Get("/api/v1/pages/" + page.slug);
    REQUIRE(got);
    REQUIRE(got->status == 200);
    CHECK(json::parse(got->body)["body"] == page.text);
  }
  for (const Written& file : files_before) {
    CAPTURE(file.url);
    auto got = client.Get(file.url);
    REQUIRE(got);
    REQUIRE(got->status == 200);
    CHECK(got->body == file.text);
  }
  // Writes acknowledged during the backup may be in it or not, but whole when they are.
  int later_pages = 0;
  for (const Written& page : acknowledged.Pages()) {
    auto got = client.Get("/api/v1/pages/" + page.slug);
    REQUIRE(got);
    if (got->status == 404) continue;
    ++later_pages;
    CHECK(json::parse(got->body)["body"] == page.text);
  }
  CHECK(later_pages >= static_cast<int>(pages_before.size()));
  CHECK(health["pages"] == later_pages);
  for (size_t i : {size_t{0}, pages_before.size() - 1}) {
    const std::string word = "zonnewijzer" + pages_before[i].slug.substr(8);
    auto found = json::parse(client.Get("/api/v1/search?q=" + word)->body);
    REQUIRE(found["hits"].size() == 1);
    CHECK(found["hits"][0]["slug"] == pages_before[i].slug);
  }
  auto file_found = json::parse(client.Get("/api/v1/search?q=windwijzer0")->body);
  CHECK(file_found["total"] == 1);
}

TEST_CASE("backup and restore refuse a folder that is not empty and leave it as it was") {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  MakeDataFolder(data);
  const fs::path busy = dir.path() / "busy";
  fs::create_directories(busy);
  std::ofstream(busy / "keep.txt") << "van mij";

  auto backup = RunKring({"backup", "--data", data.string(), busy.string()});
  CHECK(backup.exit_code == 1);
  CHECK(Contains(backup.output, "kring: " + busy.string() + " exists and is not empty"));

  const fs::path out = dir.path() / "backup";
  REQUIRE(RunKring({"backup", "--data", data.string(), out.string()}).exit_code == 0);
  auto restore = RunKring({"restore", "--data", busy.string(), out.string()});
  CHECK(restore.exit_code == 1);
  CHECK(Contains(restore.output, "kring: " + busy.string() + " exists and is not empty"));
  auto over_data = RunKring({"restore", "--data", data.string(), out.string()});
  CHECK(over_data.exit_code == 1);
  CHECK(Contains(over_data.output, "is not empty"));
  CHECK(std::distance(fs::directory_iterator(busy), fs::directory_iterator()) == 1);
  std::ifstream kept(busy / "keep.txt");
  std::string text;
  std::getline(kept, text);
  CHECK(text == "van mij");

  auto not_backup = RunKring({"restore", "--data", (dir.path() / "new").string(), busy.string()});
  CHECK(not_backup.exit_code == 1);
  CHECK(Contains(not_backup.output, "kring: no backup in " + busy.string()));
  auto no_data = RunKring(
      {"backup", "--data", (dir.path() / "nothing").string(), (dir.path() / "b2").string()});
  CHECK(no_data.exit_code == 1);
  CHECK(Contains(no_data.output, "kring: no Kring data folder at"));
  CHECK_FALSE(fs::exists(dir.path() / "nothing"));
}

TEST_CASE("a damaged backup is reported by the check and nothing of it is restored") {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  const fs::path out = dir.path() / "backup";
  const fs::path restored = dir.path() / "restored";
  MakeDataFolder(data);
  auto backup = RunKring({"backup", "--data", data.string(), out.string()});
  INFO(backup.output);
  REQUIRE(backup.exit_code == 0);
  CHECK(Contains(backup.output, "1 pages, 1 files (1 contents"));

  SUBCASE("a file altered") {
    const fs::path blob = OnlyFileBelow(out / "files");
    FlipFirstByte(blob);
    auto restore = RunKring({"restore", "--data", restored.string(), out.string()});
    INFO(restore.output);
    CHECK(restore.exit_code == 1);
    CHECK(Contains(restore.output,
                   "problem: file content " + blob.filename().string() + " is damaged"));
    CHECK(Contains(restore.output, "is damaged (1 problem(s)): nothing restored"));
  }
  SUBCASE("a file missing") {
    fs::remove(OnlyFileBelow(out / "files"));
    auto restore = RunKring({"restore", "--data", restored.string(), out.string()});
    INFO(restore.output);
    CHECK(restore.exit_code == 1);
    CHECK(Contains(restore.output, "is missing or unreadable"));
  }
  SUBCASE("the database truncated") {
    fs::resize_file(out / "kring.db", fs::file_size(out / "kring.db") / 2);
    auto restore = RunKring({"restore", "--data", restored.string(), out.string()});
    INFO(restore.output);
    CHECK(restore.exit_code == 1);
    CHECK(Contains(restore.output, "nothing restored"));
  }
  CHECK(IsEmptyOrAbsent(restored));
}

TEST_CASE("a backup of a folder whose file was altered says which, and exits non-zero") {
  TempDir dir;
  const fs::path data = dir.path() / "data";
  MakeDataFolder(data);
  const fs::path blob = OnlyFileBelow(data / "files");
  FlipFirstByte(blob);
  auto backup = RunKring({"backup", "--data", data.string(), (dir.path() / "backup").string()});
  INFO(backup.output);
  CHECK(backup.exit_code == 1);
  CHECK(
      Contains(backup.output, "problem: file content " + blob.filename().string() + " is damaged"));
  CHECK(Contains(backup.output, "is incomplete: 1 problem(s)"));
}
