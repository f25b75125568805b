// The crash test's writers: client threads that save pages and upload files through the JSON
// API as fast as the server answers, and the Ledger of what it acknowledged. Each writer owns
// its own slugs and sends one request at a time, so when the server is killed each writer has
// at most one write in flight: the only one whose outcome is uncertain.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "storage/Blobs.h"

namespace kring::testing {

// A write sent to the server: a page's full text or a file's content.
struct SentPage {
  std::string slug;
  std::string body;
  std::string version_marker;  // a word only this version of the page holds
};
struct SentFile {
  std::string slug;
  std::string name;
  std::string sha256;
};
struct AckedFile {
  std::string slug;
  std::string name;
  std::string sha256;
};

// What the server acknowledged with a 2xx, and the writes it never answered. Thread-safe.
class Ledger {
 public:
  void AckPage(const SentPage& page) {
    std::lock_guard lock(mutex_);
    pages_[page.slug] = page;
  }
  void AckFile(int64_t id, const SentFile& file) {
    std::lock_guard lock(mutex_);
    files_[id] = {file.slug, file.name, file.sha256};
  }
  void Unanswered(std::optional<SentPage> page, std::optional<SentFile> file) {
    std::lock_guard lock(mutex_);
    if (page) unanswered_pages_.push_back(std::move(*page));
    if (file) unanswered_files_.push_back(std::move(*file));
  }
  void Failure(std::string what) {
    std::lock_guard lock(mutex_);
    failures_.push_back(std::move(what));
  }

  // Taken between rounds, when no writer runs.
  std::map<std::string, SentPage>& pages() { return pages_; }
  const std::map<int64_t, AckedFile>& files() const { return files_; }
  std::vector<SentPage> TakeUnansweredPages() { return std::exchange(unanswered_pages_, {}); }
  std::vector<SentFile> TakeUnansweredFiles() { return std::exchange(unanswered_files_, {}); }
  std::vector<std::string> TakeFailures() { return std::exchange(failures_, {}); }

 private:
  std::mutex mutex_;
  std::map<std::string, SentPage> pages_;
  std::map<int64_t, AckedFile> files_;
  std::vector<SentPage> unanswered_pages_;
  std::vector<SentFile> unanswered_files_;
  std::vector<std::string> failures_;
};

// Dutch Markdown lines of the corpus, and its decks and PDFs, to build writes from.
class CorpusSample {
 public:
  explicit CorpusSample(const std::filesystem::path& docs) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(docs)) {
      if (!entry.is_regular_file()) continue;
      const std::string extension = entry.path().extension().string();
      if (extension == ".md") {
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          lines_.push_back(line);
        }
      } else if (extension == ".pdf" || extension == ".pptx") {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        documents_.push_back({entry.path().filename().string(), bytes.str()});
      }
    }
  }

  // About `bytes` of consecutive corpus lines from a random place.
  std::string Text(std::mt19937& rng, size_t bytes) const {
    size_t at = std::uniform_int_distribution<size_t>(0, lines_.size() - 1)(rng);
    std::string text;
    while (text.size() < bytes) {
      text += lines_[at] + "\n";
      at = (at + 1) % lines_.size();
    }
    return text;
  }

  struct Document {
    std::string name;
    std::string bytes;
  };
  const std::vector<Document>& documents() const { return documents_; }
  size_t lines() const { return lines_.size(); }

 private:
  std::vector<std::string> lines_;
  std::vector<Document> documents_;
};

// The word that finds page `n` of writer `writer` in any version, and the one that finds only
// its version `v`. Letters and digits no Dutch word holds, so no stemming or compound split
// makes them match anything else.
inline std::string PageMarker(int writer, int n) {
  return "zqx" + std::to_string(writer) + "k" + std::to_string(n);
}
inline std::string VersionMarker(int writer, int n, int v) {
  return PageMarker(writer, n) + "v" + std::to_string(v);
}
inline std::string CrashSlug(int writer, int n) {
  return "ramp-" + std::to_string(writer) + "-" + std::to_string(n);
}

// One client thread's work for one round: writes until a request goes unanswered (the server
// was killed) or `stop` is set. Its random choices come from its own seeded generator.
class Writer {
 public:
  Writer(int id, uint32_t seed, const CorpusSample& corpus, Ledger& ledger, std::string bearer)
      : id_(id), rng_(seed), corpus_(corpus), ledger_(ledger), bearer_(std::move(bearer)) {}

  void Run(int port, const std::atomic<bool>& stop) {
    httplib::Client client("127.0.0.1", port);
    client.set_default_headers({{"Authorization", bearer_}});
    client.set_connection_timeout(10, 0);
    client.set_read_timeout(60, 0);  // a loaded machine may answer slowly; a kill answers at once
    client.set_write_timeout(60, 0);
    while (!stop.load()) {
      const bool upload = !slugs_.empty() && Chance(40);
      if (!(upload ? Upload(client) : SavePage(client))) return;
    }
  }

 private:
  bool Chance(int percent) { return std::uniform_int_distribution<int>(1, 100)(rng_) <= percent; }
  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  // A new page (or, most of the time, a new version of one of this writer's pages).
  bool SavePage(httplib::Client& client) {
    int n;
    if (slugs_.empty() || Chance(35)) {
      n = next_page_++;
    } else {
      n = slugs_[Below(static_cast<int>(slugs_.size()))];
    }
    const int version = ++versions_[n];
    SentPage page{CrashSlug(id_, n), "", VersionMarker(id_, n, version)};
    static constexpr size_t kSizes[] = {120, 1500, 9000, 40000, 120000};
    const size_t size = kSizes[Below(5)];
    page.body = "# Ramp " + std::to_string(id_) + "-" + std::to_string(n) + "\n\n" +
                PageMarker(id_, n) + " " + page.version_marker + "\n\n" + corpus_.Text(rng_, size);
    if (Chance(50)) {
      page.body += "\nZie ook [[" + CrashSlug(Below(4), Below(next_page_ + 3)) +
                   "]] en [[Nog te schrijven " + std::to_string(Below(50)) + "]].\n";
    }
    const nlohmann::json request = {
        {"title", "Ramp " + std::to_string(id_) + "-" + std::to_string(n)}, {"body", page.body}};
    auto answer = client.Put("/api/v1/pages/" + page.slug, request.dump(), "application/json");
    if (!answer) {
      ledger_.Unanswered(page, std::nullopt);
      return false;
    }
    if (answer->status != 200 && answer->status != 201) {
      ledger_.Failure("PUT " + page.slug + " answered " + std::to_string(answer->status) + ": " +
                      answer->body.substr(0, 200));
      return false;
    }
    ledger_.AckPage(page);
    if (std::find(slugs_.begin(), slugs_.end(), n) == slugs_.end()) slugs_.push_back(n);
    return true;
  }

  // A corpus PDF or deck, or random bytes, to one of this writer's acknowledged pages.
  bool Upload(httplib::Client& client) {
    SentFile file;
    file.slug = CrashSlug(id_, slugs_[Below(static_cast<int>(slugs_.size()))]);
    std::string content;
    const std::string serial = std::to_string(id_) + "-" + std::to_string(next_file_++);
    if (Chance(25) && !corpus_.documents().empty()) {
      const auto& document =
          corpus_.documents()[Below(static_cast<int>(corpus_.documents().size()))];
      content = document.bytes;
      file.name = serial + "-" + document.name;
    } else {
      content.resize(std::uniform_int_distribution<size_t>(1, 1 << 20)(rng_));
      for (char& c : content) c = static_cast<char>(rng_());
      file.name = "ruis-" + serial + ".bin";
    }
    file.sha256 = storage::Sha256Hex(content);
    httplib::Result answer = Send(client, file, content);
    if (!answer) {
      ledger_.Unanswered(std::nullopt, file);
      return false;
    }
    if (answer->status != 201) {
      ledger_.Failure("upload " + file.name + " answered " + std::to_string(answer->status) + ": " +
                      answer->body.substr(0, 200));
      return false;
    }
    const auto stored = nlohmann::json::parse(answer->body, nullptr, false);
    if (stored.is_discarded() || !stored.contains("id") ||
        stored.value("sha256", "") != file.sha256) {
      ledger_.Failure("upload " + file.name + " answered " + answer->body.substr(0, 200) +
                      "; sent SHA-256 " + file.sha256);
      return false;
    }
    ledger_.AckFile(stored["id"].get<int64_t>(), file);
    return true;
  }

  // The upload as the raw body with ?name=, or as multipart/form-data.
  httplib::Result Send(httplib::Client& client, const SentFile& file, const std::string& content) {
    const std::string path = "/api/v1/pages/" + file.slug + "/files";
    if (Chance(50)) {
      return client.Post(path + "?name=" + httplib::detail::encode_query_param(file.name), content,
                         "application/octet-stream");
    }
    const httplib::MultipartFormDataItems parts = {
        {"file", content, file.name, "application/octet-stream"}};
    return client.Post(path, parts);
  }

  int id_;
  std::mt19937 rng_;
  const CorpusSample& corpus_;
  Ledger& ledger_;
  std::string bearer_;
  std::vector<int> slugs_;       // this writer's pages the server acknowledged
  std::map<int, int> versions_;  // page number -> versions sent
  int next_page_ = 0;
  int next_file_ = 0;
};

}  // namespace kring::testing
