#include "search/XapianIndexWriter.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "search/Documents.h"
#include "search/DutchAnalysis.h"
#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"

using kring::ErrorCode;
using kring::PageKind;
using kring::XapianIndexWriter;
using kring::XapianSearchIndex;
using kring::testing::IndexAll;
using kring::testing::MakePage;
using kring::testing::OpenWriter;
using kring::testing::PageSpec;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::TempDir;

namespace {

// A fresh index folder with its writer open and a reader on it.
struct FreshIndex {
  std::vector<std::string> Find(const std::string& text) {
    auto results = index.Search(Query(text));
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return Slugs(results.value());
  }

  TempDir tmp;
  std::string dir = tmp.File("xapian");
  std::unique_ptr<XapianIndexWriter> writer = OpenWriter(dir);
  XapianSearchIndex index{dir};
};

}  // namespace

TEST_CASE("indexing a page again replaces its document") {
  FreshIndex fresh;
  auto& writer = fresh.writer;
  IndexAll(*writer, {{"crm", "CRM", "Eerste versie over klantenbeheer."}});
  IndexAll(*writer, {{"crm", "CRM", "Tweede versie over zaakgericht werken."}});
  CHECK(writer->DocumentCount() == 1);

  CHECK(fresh.Find("zaakgericht") == std::vector<std::string>{"crm"});
  CHECK(fresh.Find("klantenbeheer").empty());
}

TEST_CASE("a removed page is no longer found") {
  FreshIndex fresh;
  auto& writer = fresh.writer;
  IndexAll(*writer, {{"a", "Archief", "Over digitale archivering."},
                     {"b", "Beleid", "Over archivering en beleid."}});
  CHECK(fresh.Find("archivering").size() == 2);

  REQUIRE(writer->Remove("a").ok());
  REQUIRE(writer->Remove("never-indexed").ok());
  REQUIRE(writer->Commit().ok());
  CHECK(writer->DocumentCount() == 1);
  CHECK(fresh.Find("archivering") == std::vector<std::string>{"b"});
}

TEST_CASE("a reader sees what the writer commits, and nothing before the commit") {
  FreshIndex fresh;
  auto& writer = fresh.writer;
  IndexAll(*writer, {{"start", "Start", "Begin."}});
  CHECK(fresh.Find("begin") == std::vector<std::string>{"start"});

  REQUIRE(writer->Index(MakePage({"nieuw", "Nieuw", "Over zonnepanelen."})).ok());
  CHECK(fresh.Find("zonnepanelen").empty());
  REQUIRE(writer->Commit().ok());
  CHECK(fresh.Find("zonnepanelen") == std::vector<std::string>{"nieuw"});

  // Several commits since the reader's last look: it must reopen, not fail.
  for (int i = 0; i < 5; ++i) {
    IndexAll(*writer, {{"extra-" + std::to_string(i), "Extra", "Over windmolens."}});
  }
  CHECK(fresh.Find("windmolens").size() == 5);
}

TEST_CASE("searches on many threads while the writer commits") {
  FreshIndex fresh;
  auto& writer = fresh.writer;
  IndexAll(*writer, {{"basis", "Basis", "Over subsidies."}});

  std::atomic<int> failures{0};
  std::atomic<int> answered{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      // At least a few searches each, even if the writer finishes before this thread starts.
      for (int searches = 0; !done || searches < 5; ++searches) {
        auto results = fresh.index.Search(Query("subsidies"));
        if (results.ok() && !results->hits.empty()) {
          ++answered;
        } else if (results.ok() || results.error().code != ErrorCode::kUnavailable) {
          // kUnavailable is allowed: commits here come back to back, far faster than the
          // fsync-bound commits of a real indexer, and can outrun a search's three tries.
          ++failures;
        }
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    IndexAll(*writer, {{"p-" + std::to_string(i), "Pagina", "Nog meer subsidies."}});
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  CHECK(failures == 0);
  CHECK(answered > 0);
  CHECK(fresh.Find("subsidies").size() == 10);  // the first page of 21 hits
}

TEST_CASE("only one writer may hold an index") {
  FreshIndex fresh;
  auto second = XapianIndexWriter::Open(fresh.dir);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kUnavailable);
}

TEST_CASE("a page with kind, topics and date gets its filter terms") {
  FreshIndex fresh;
  IndexAll(
      *fresh.writer,
      {{"verslag", "Verslag", "Tekst.", PageKind::kMinutes, {"crm", "mid-office"}, "2019-11-05"}});
  for (const char* query : {"topic:crm", "topic:mid-office", "kind:minutes", "jaar:2019"}) {
    CAPTURE(query);
    CHECK(fresh.Find(query) == std::vector<std::string>{"verslag"});
  }
  CHECK(fresh.Find("jaar:2020").empty());  // updated_at is only used without a page date
}

namespace {

using Spellings = std::vector<std::pair<std::string, Xapian::doccount>>;

Spellings SpellingsOf(const Xapian::Database& db) {
  Spellings words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    words.emplace_back(*it, it.get_termfreq());
  }
  return words;
}

}  // namespace

TEST_CASE("the spelling table holds what Xapian's TermGenerator adds with FLAG_SPELLING") {
  const std::vector<kring::Page> pages = {
      MakePage({"a", "Kennisbeheer in de Gemeente", "Het kennis- en databeheer, en de kennis."}),
      MakePage({"b", "Zaalreservaties", "Zaalreservaties: zaal, zaal en nog eens ZAAL. M&S 2019!"}),
  };
  const kring::StoredFile file = kring::testing::MakeFile(
      {7, "a", "jaarverslag-2019.pdf", "page", {"Begroting van de gemeente.", "Kennis."}});
  TempDir tmp;
  {
    auto writer = OpenWriter(tmp.File("writer"));
    for (const kring::Page& page : pages) REQUIRE(writer->Index(page).ok());
    REQUIRE(writer->IndexFile(file, &pages[0]).ok());
    // Built on another thread, written here.
    kring::Result<kring::BuiltDocuments> built = kring::Result<kring::BuiltDocuments>(
        kring::Error{kring::ErrorCode::kInternal, "not built"});
    std::thread([&] {
      built = kring::DocumentBuilder().ForPage(MakePage({"c", "Zaal", "De zaal."}));
    }).join();
    REQUIRE(built.ok());
    REQUIRE(writer->Write(std::move(built).value()).ok());
    REQUIRE(writer->Commit().ok());
  }
  // The reference: Xapian's TermGenerator writing the spellings itself.
  Xapian::WritableDatabase reference(tmp.File("reference"), Xapian::DB_CREATE_OR_OPEN);
  kring::search::DutchAnalysis analysis;
  Xapian::TermGenerator generator;
  analysis.Configure(generator);
  generator.set_database(reference);
  generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  for (const kring::Page& page : pages) {
    reference.add_document(kring::search::BuildPageDocument(page, generator, analysis));
  }
  for (const Xapian::Document& doc :
       kring::search::BuildFileDocuments(file, &pages[0], generator, analysis)) {
    reference.add_document(doc);
  }
  reference.add_document(
      kring::search::BuildPageDocument(MakePage({"c", "Zaal", "De zaal."}), generator, analysis));
  reference.commit();

  const Spellings written = SpellingsOf(Xapian::Database(tmp.File("writer")));
  CHECK(written == SpellingsOf(reference));
  // One count per occurrence: "zaal, zaal en nog eens ZAAL" in b, the title and text of c.
  CHECK(std::count(written.begin(), written.end(),
                   std::pair<std::string, Xapian::doccount>("zaal", 5)) == 1);
}
