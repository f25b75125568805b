#include "search/Indexer.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "search/Prefixes.h"
#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"
#include "storage/SqlitePageStore.h"

using kring::Error;
using kring::ErrorCode;
using kring::Extraction;
using kring::FileSection;
using kring::Indexer;
using kring::IndexerOptions;
using kring::IndexQueue;
using kring::IndexWork;
using kring::NewFile;
using kring::NewRevision;
using kring::SearchResults;
using kring::SqlitePageStore;
using kring::Status;
using kring::XapianSearchIndex;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::Sorted;
using kring::testing::TempDir;

namespace {

NewRevision Edit(std::string slug, std::string title, std::string text,
                 std::vector<std::string> topics = {}) {
  NewRevision revision;
  revision.input.slug = std::move(slug);
  revision.input.title = std::move(title);
  revision.input.body = text;
  revision.input.topics = std::move(topics);
  revision.html = "<p>" + text + "</p>\n";
  revision.text = std::move(text);
  return revision;
}

// Collects what the indexer thread logs.
class LogLines {
 public:
  void Add(const std::string& line) {
    std::lock_guard lock(mutex_);
    lines_.push_back(line);
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A data folder with a real SQLite store and the search index beside it, as `kring serve` has.
struct DataDir {
  DataDir() {
    auto opened = SqlitePageStore::Open(tmp.File("kring.db"));
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
    store = std::move(opened).value();
  }

  IndexerOptions Options() {
    IndexerOptions options;
    options.xapian_dir = xapian_dir;
    options.batch_size = 2;  // small, so the tests cross batch boundaries
    options.build_threads = build_threads;
    options.poll_interval = std::chrono::milliseconds(20);
    options.first_backoff = std::chrono::milliseconds(5);
    options.max_backoff = std::chrono::milliseconds(20);
    options.log = [this](const std::string& line) { log.Add(line); };
    return options;
  }

  std::unique_ptr<Indexer> OpenIndexer(IndexQueue& queue) {
    auto indexer = Indexer::Open(*store, queue, *store, Options());
    REQUIRE_MESSAGE(indexer.ok(), (indexer.ok() ? "" : indexer.error().message));
    return std::move(indexer).value();
  }
  std::unique_ptr<Indexer> OpenIndexer() { return OpenIndexer(*store); }

  void Save(const NewRevision& revision) {
    auto saved = store->SaveRevision(revision);
    REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message));
  }

  SearchResults Search(const std::string& text, const std::string& topic = "") {
    auto results = index.Search(Query(text, topic));
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  std::vector<std::string> Find(const std::string& text, const std::string& topic = "") {
    return Sorted(Slugs(Search(text, topic)));
  }

  // Uploads a deck to the page and stores its slides' text, as the extraction worker does
  // (which puts the file in the outbox). Answers the file's id.
  int64_t AttachDeck(const std::string& slug, const std::string& name,
                     std::vector<std::string> slides) {
    const std::string content = "deck " + name;
    auto put = store->PutFile(NewFile{slug, name, "application/vnd.ms-powerpoint", "Ann", content});
    REQUIRE_MESSAGE(put.ok(), (put.ok() ? "" : put.error().message));
    Extract(put->id, std::move(slides));
    return put->id;
  }
  void Extract(int64_t file_id, std::vector<std::string> slides) {
    Extraction extraction;
    extraction.section_kind = "slide";
    for (size_t i = 0; i < slides.size(); ++i) {
      extraction.sections.push_back(FileSection{static_cast<int>(i + 1), std::move(slides[i])});
    }
    Status saved = store->SaveExtraction(file_id, extraction);
    REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message));
  }

  int build_threads = 1;  // the server's indexer has none; the table tests below try both
  TempDir tmp;
  std::string xapian_dir = tmp.File("xapian");
  std::unique_ptr<SqlitePageStore> store;
  XapianSearchIndex index{xapian_dir};
  LogLines log;
};

// Polls `done` until it holds or 10 s pass; the indexer thread works on its own schedule.
bool WaitUntil(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// Forwards to the real outbox, failing MarkIndexed a given number of times first.
class FlakyQueue : public IndexQueue {
 public:
  FlakyQueue(IndexQueue& real, int failures) : real_(real), failures_left_(failures) {}
  std::vector<IndexWork> Pending(int limit) override { return real_.Pending(limit); }
  Status MarkIndexed(const std::vector<int64_t>& ids) override {
    {
      std::lock_guard lock(mutex_);
      if (failures_left_ > 0) {
        --failures_left_;
        return Error{ErrorCode::kUnavailable, "database is locked"};
      }
    }
    return real_.MarkIndexed(ids);
  }
  int64_t Lag() override { return real_.Lag(); }
  Status EnqueueAllPages() override { return real_.EnqueueAllPages(); }

 private:
  IndexQueue& real_;
  std::mutex mutex_;
  int failures_left_;  // GUARDED_BY(mutex_)
};

// An outbox holding exactly the rows given, for slugs the store may not have.
class ScriptedQueue : public IndexQueue {
 public:
  explicit ScriptedQueue(std::vector<IndexWork> rows) : rows_(std::move(rows)) {}
  std::vector<IndexWork> Pending(int limit) override {
    return {rows_.begin(), rows_.begin() + std::min<size_t>(rows_.size(), limit)};
  }
  Status MarkIndexed(const std::vector<int64_t>& ids) override {
    std::erase_if(rows_, [&](const IndexWork& row) {
      return std::find(ids.begin(), ids.end(), row.id) != ids.end();
    });
    return kring::Ok();
  }
  int64_t Lag() override { return static_cast<int64_t>(rows_.size()); }
  Status EnqueueAllPages() override { return Error{ErrorCode::kInternal, "not scripted"}; }

 private:
  std::vector<IndexWork> rows_;
};

}  // namespace

TEST_CASE("draining the outbox makes saved pages searchable and empties the outbox") {
  for (int build_threads : {0, 1, 3}) {
    CAPTURE(build_threads);
    DataDir data;
    data.build_threads = build_threads;
    data.Save(Edit("crm", "CRM", "Klantcontact in de gemeente.", {"Dienstverlening"}));
    data.Save(Edit("gis", "GIS", "Kaarten van de gemeente."));
    data.Save(
        Edit("crm", "CRM", "Klantcontact en vergaderingen in de gemeente.", {"Dienstverlening"}));
    CHECK(data.store->Lag() == 3);

    auto indexer = data.OpenIndexer();
    auto drained = indexer->DrainAll();
    REQUIRE(drained.ok());
    CHECK(drained.value() == 3);
    CHECK(data.store->Lag() == 0);
    CHECK(data.Find("gemeente") == std::vector<std::string>{"crm", "gis"});
    CHECK(data.Find("vergadering") == std::vector<std::string>{"crm"});  // the latest revision
    CHECK(data.Find("", "dienstverlening") == std::vector<std::string>{"crm"});
    CHECK(indexer->DrainOnce().value() == 0);
  }
}

TEST_CASE("the background thread indexes a save after Wake") {
  DataDir data;
  auto indexer = data.OpenIndexer();
  indexer->Start();
  data.Save(Edit("zonnepanelen", "Zonnepanelen", "Subsidies voor zonnepanelen."));
  indexer->Wake();
  CHECK(WaitUntil([&] { return data.Find("subsidie").size() == 1; }));
  CHECK(WaitUntil([&] { return data.store->Lag() == 0; }));
  indexer->Stop();
  CHECK(data.log.lines().empty());
}

TEST_CASE("rows a crash left in the outbox are indexed when a new indexer starts") {
  DataDir data;
  for (int i = 0; i < 5; ++i) {
    data.Save(Edit("pagina-" + std::to_string(i), "Pagina " + std::to_string(i), "Archief."));
  }
  {
    // The first run writes and commits Xapian but dies before marking the rows indexed.
    FlakyQueue dies_before_marking(*data.store, 1'000);
    auto first = data.OpenIndexer(dies_before_marking);
    CHECK_FALSE(first->DrainOnce().ok());
  }
  CHECK(data.store->Lag() == 5);

  auto second = data.OpenIndexer();
  second->Start();
  CHECK(WaitUntil([&] { return data.store->Lag() == 0; }));
  second->Stop();
  CHECK(data.Find("archief").size() == 5);  // re-indexed, not duplicated
  auto all = data.index.Search(Query("archief"));
  REQUIRE(all.ok());
  CHECK(all->total == 5);
}

TEST_CASE("failures are logged and retried without stopping the thread") {
  DataDir data;
  FlakyQueue flaky(*data.store, 3);
  auto indexer = data.OpenIndexer(flaky);
  data.Save(Edit("beleid", "Beleid", "Beleidsplan."));
  indexer->Start();
  CHECK(WaitUntil([&] { return data.store->Lag() == 0; }));
  indexer->Stop();
  const std::vector<std::string> lines = data.log.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].find("database is locked") != std::string::npos);
  CHECK(lines[0].find("retrying in 5 ms") != std::string::npos);
  CHECK(lines[1].find("retrying in 10 ms") != std::string::npos);
  CHECK(data.Find("beleidsplan") == std::vector<std::string>{"beleid"});
}

TEST_CASE("a page the store no longer has is removed from the index") {
  DataDir data;
  data.Save(Edit("blijft", "Blijft", "Over archivering."));
  {
    auto indexer = data.OpenIndexer();
    REQUIRE(indexer->DrainAll().ok());
  }
  REQUIRE(data.Find("archivering") == std::vector<std::string>{"blijft"});

  // The store has no page "blijft-niet": only the outbox names it (a page deleted later).
  ScriptedQueue queue({{1, "blijft-niet"}});
  {
    auto writer = kring::testing::OpenWriter(data.xapian_dir);
    kring::testing::IndexAll(*writer, {{"blijft-niet", "Weg", "Over archivering."}});
  }
  REQUIRE(data.Find("archivering").size() == 2);
  auto indexer = data.OpenIndexer(queue);
  REQUIRE(indexer->DrainAll().ok());
  CHECK(queue.Lag() == 0);
  CHECK(data.Find("archivering") == std::vector<std::string>{"blijft"});
}

TEST_CASE("Stop joins the thread; the indexer can start again") {
  DataDir data;
  auto indexer = data.OpenIndexer();
  indexer->Stop();  // not running: nothing to do
  indexer->Start();
  indexer->Start();  // already running: nothing to do
  indexer->Stop();
  indexer->Stop();
  data.Save(Edit("later", "Later", "Na de stop."));
  indexer->Wake();  // no thread: nobody drains
  CHECK(data.store->Lag() == 1);
  indexer->Start();
  CHECK(WaitUntil([&] { return data.store->Lag() == 0; }));
  CHECK(data.Find("stop") == std::vector<std::string>{"later"});
}

TEST_CASE("a second indexer on the same index cannot open while the first holds it") {
  DataDir data;
  auto first = data.OpenIndexer();
  auto second = Indexer::Open(*data.store, *data.store, *data.store, data.Options());
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kUnavailable);
}

TEST_CASE("an extracted file is indexed from its outbox row, section by section") {
  DataDir data;
  data.Save(Edit("crm-demo", "Demo CRM", "De presentatie.", {"Dienstverlening"}));
  const int64_t id =
      data.AttachDeck("crm-demo", "demo.pptx", {"Welkom", "De wachtrijen", "Vragen"});
  CHECK(data.store->Lag() == 2);  // the page and the file

  auto indexer = data.OpenIndexer();
  REQUIRE(indexer->DrainAll().ok());
  CHECK(data.store->Lag() == 0);
  SearchResults results = data.Search("wachtrijen", "dienstverlening");  // the page's topic
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].file_id == id);
  CHECK(results.hits[0].section == 2);
  CHECK(results.hits[0].url == "/f/" + std::to_string(id) + "#slide-2");

  // Extracted again with fewer slides: the old slides' documents go.
  data.Extract(id, {"Alles is anders"});
  REQUIRE(indexer->DrainAll().ok());
  CHECK(data.Search("wachtrijen").hits.empty());
  CHECK(data.Search("anders").hits.size() == 1);
}

TEST_CASE("saving a page indexes its files again, so they follow its topics") {
  DataDir data;
  data.Save(Edit("demo", "Demo", "De presentatie.", {"Archief"}));
  data.AttachDeck("demo", "demo.pptx", {"Over zonnepanelen"});
  auto indexer = data.OpenIndexer();
  REQUIRE(indexer->DrainAll().ok());
  CHECK(data.Find("zonnepanelen", "archief") == std::vector<std::string>{"demo"});

  data.Save(Edit("demo", "Demo", "De presentatie.", {"Energie"}));
  REQUIRE(indexer->DrainAll().ok());
  CHECK(data.Find("zonnepanelen", "energie") == std::vector<std::string>{"demo"});
  CHECK(data.Find("zonnepanelen", "archief").empty());
}

TEST_CASE("a file the store no longer has is removed from the index") {
  DataDir data;
  data.Save(Edit("pagina", "Pagina", "Tekst."));
  data.AttachDeck("pagina", "blijft.pptx", {"Over windmolens"});
  {
    auto writer = kring::testing::OpenWriter(data.xapian_dir);
    kring::testing::FileSpec gone{999, "pagina", "weg.pptx", "slide", {"Over windmolens"}};
    REQUIRE(writer->IndexFile(kring::testing::MakeFile(gone), nullptr).ok());
    REQUIRE(writer->Commit().ok());
  }
  {
    auto indexer = data.OpenIndexer();
    REQUIRE(indexer->DrainAll().ok());
  }
  REQUIRE(data.Search("windmolens").hits.size() == 2);

  ScriptedQueue queue({{1, "pagina", 999}});
  auto indexer = data.OpenIndexer(queue);
  REQUIRE(indexer->DrainAll().ok());
  CHECK(queue.Lag() == 0);
  SearchResults results = data.Search("windmolens");
  REQUIRE(results.hits.size() == 1);
  CHECK(results.hits[0].file_name == "blijft.pptx");
}

TEST_CASE("an index written by an older build is re-indexed in place when opened") {
  DataDir data;
  data.Save(Edit("crm", "CRM", "Klantcontact in de gemeente."));
  data.Save(Edit("gis", "GIS", "Kaarten van de gemeente."));
  REQUIRE(data.OpenIndexer()->DrainAll().ok());
  {
    // As an older build left it: another format number.
    Xapian::WritableDatabase db(data.xapian_dir, Xapian::DB_OPEN);
    db.set_metadata("kring.format", "1");
    db.commit();
  }
  CHECK(data.store->Lag() == 0);

  auto indexer = data.OpenIndexer();
  CHECK(data.store->Lag() == 2);  // every page queued again
  CHECK(data.Find("gemeente") == std::vector<std::string>{"crm", "gis"});  // still answers
  REQUIRE(indexer->DrainAll().ok());
  CHECK(data.store->Lag() == 0);
  CHECK(data.Find("gemeente") == std::vector<std::string>{"crm", "gis"});
  const auto lines = data.log.lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("has format 1") != std::string::npos);
  indexer.reset();

  // Marked current: the next start queues nothing.
  auto again = data.OpenIndexer();
  CHECK(data.store->Lag() == 0);
  Xapian::Database db(data.xapian_dir);
  CHECK(db.get_metadata("kring.format") == std::string(kring::search::kFormatVersion));
}
