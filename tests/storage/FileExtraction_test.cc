// SqlitePageStore as a FileStore: extracted text, the outbox rows it adds, links from pages to
// files, and the upgrade of a database made before files existed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::Slugs;
using storage_testing::StoreFixture;
using storage_testing::WithFileLinks;

Extraction Done(std::vector<FileSection> sections, std::string title = "",
                std::string section_kind = "page") {
  Extraction extraction;
  extraction.state = ExtractionState::kDone;
  extraction.title = std::move(title);
  extraction.section_kind = std::move(section_kind);
  extraction.sections = std::move(sections);
  return extraction;
}

std::vector<int> Numbers(const std::vector<FileSection>& sections) {
  std::vector<int> numbers;
  for (const FileSection& section : sections) numbers.push_back(section.number);
  return numbers;
}

// Empties the outbox, so that a test sees only the rows it causes.
void Drain(IndexQueue& queue) {
  REQUIRE(queue.MarkIndexed(storage_testing::Ids(queue.Pending(1000))).ok());
}

TEST_CASE("files wait for extraction oldest first until their extraction is saved") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile first = f.Put(Attachment("a", "1.pdf", "1"));
  const StoredFile second = f.Put(Attachment("a", "2.pdf", "2"));
  const StoredFile third = f.Put(Attachment("a", "3.pdf", "3"));
  CHECK(f.store->PendingExtractions(10) == std::vector<int64_t>{first.id, second.id, third.id});
  CHECK(f.store->PendingExtractions(2) == std::vector<int64_t>{first.id, second.id});
  CHECK(f.store->PendingExtractions(0).empty());

  REQUIRE(f.store->SaveExtraction(second.id, Done({FileSection{1, "Twee."}})).ok());
  CHECK(f.store->PendingExtractions(10) == std::vector<int64_t>{first.id, third.id});
}

TEST_CASE("a saved extraction reads back with its sections in order, and enqueues the file") {
  StoreFixture f;
  f.Save(Edit("vergadering", "Vergadering"));
  const StoredFile file = f.Put(Attachment("vergadering", "deck.pptx", "pptx"));
  Drain(*f.store);

  const Extraction extraction =
      Done({FileSection{3, "Derde dia."}, FileSection{1, "Eerste dia."}, FileSection{2, "Tweede."}},
           "Kwartaalcijfers", "slide");
  REQUIRE(f.store->SaveExtraction(file.id, extraction).ok());

  const StoredFile got = f.GetFile(file.id);
  CHECK(got.extraction == ExtractionState::kDone);
  CHECK(got.extraction_error.empty());
  CHECK(got.title == "Kwartaalcijfers");
  CHECK(got.section_kind == "slide");
  CHECK(Numbers(got.sections) == std::vector<int>{1, 2, 3});
  CHECK(got.sections[0].text == "Eerste dia.");

  const std::vector<IndexWork> pending = f.store->Pending(10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].file_id == file.id);
  CHECK(pending[0].slug == "vergadering");

  SUBCASE("saving again replaces the sections and enqueues the file again") {
    REQUIRE(f.store->SaveExtraction(file.id, Done({FileSection{0, "Alles."}}, "", "")).ok());
    const StoredFile replaced = f.GetFile(file.id);
    CHECK(Numbers(replaced.sections) == std::vector<int>{0});
    CHECK(replaced.sections[0].text == "Alles.");
    CHECK(replaced.title.empty());
    CHECK(f.store->Lag() == 2);
  }
}

TEST_CASE("a failed extraction keeps its reason and leaves the pending list") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile file = f.Put(Attachment("a", "kapot.pdf", "kapot"));
  Extraction failed;
  failed.state = ExtractionState::kFailed;
  failed.error = "Het bestand is beschadigd.";
  REQUIRE(f.store->SaveExtraction(file.id, failed).ok());
  const StoredFile got = f.GetFile(file.id);
  CHECK(got.extraction == ExtractionState::kFailed);
  CHECK(got.extraction_error == "Het bestand is beschadigd.");
  CHECK(got.sections.empty());
  CHECK(f.store->PendingExtractions(10).empty());
}

TEST_CASE("an extraction that cannot be saved changes nothing") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile file = f.Put(Attachment("a", "deck.pdf", "pdf"));
  REQUIRE(f.store->SaveExtraction(file.id, Done({FileSection{1, "Oud."}})).ok());
  Drain(*f.store);

  struct Case {
    const char* name;
    int64_t id;
    Extraction extraction;
    ErrorCode code;
  };
  Extraction pending = Done({});
  pending.state = ExtractionState::kPending;
  const Case cases[] = {
      {"unknown file", 9999, Done({FileSection{1, "x"}}), ErrorCode::kNotFound},
      {"still pending", file.id, pending, ErrorCode::kInvalidInput},
      {"repeated section number", file.id, Done({FileSection{1, "a"}, FileSection{1, "b"}}),
       ErrorCode::kInvalidInput},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Status saved = f.store->SaveExtraction(c.id, c.extraction);
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error().code == c.code);
  }
  CHECK(f.store->Lag() == 0);
  const StoredFile got = f.GetFile(file.id);
  REQUIRE(got.sections.size() == 1);
  CHECK(got.sections[0].text == "Oud.");
}

TEST_CASE("outbox rows of page saves name no file") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const std::vector<IndexWork> pending = f.store->Pending(10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].file_id == 0);
}

TEST_CASE("pages whose current revision links a file are listed by title") {
  StoreFixture f;
  f.Save(Edit("bijlagen", "Bijlagen"));
  const StoredFile deck = f.Put(Attachment("bijlagen", "deck.pdf", "deck"));
  const StoredFile notes = f.Put(Attachment("bijlagen", "notes.pdf", "notes"));
  f.Save(WithFileLinks(Edit("zulu", "Zulu"), {deck.id}));
  f.Save(WithFileLinks(Edit("alfa", "alfa"), {deck.id, notes.id}));
  f.Save(Edit("niets", "Niets"));

  CHECK(Slugs(f.store->PagesLinkingFile(deck.id, kring::Audience::kMembers)) ==
        std::vector<std::string>{"alfa", "zulu"});
  CHECK(Slugs(f.store->PagesLinkingFile(notes.id, kring::Audience::kMembers)) ==
        std::vector<std::string>{"alfa"});
  CHECK(f.store->PagesLinkingFile(9999, kring::Audience::kMembers).empty());

  SUBCASE("a new revision replaces the page's file links") {
    f.Save(WithFileLinks(Edit("alfa", "alfa", "Zonder bijlage."), {notes.id}));
    CHECK(Slugs(f.store->PagesLinkingFile(deck.id, kring::Audience::kMembers)) ==
          std::vector<std::string>{"zulu"});
    f.Save(Edit("zulu", "Zulu", "Ook zonder."));
    CHECK(f.store->PagesLinkingFile(deck.id, kring::Audience::kMembers).empty());
    CHECK(Slugs(f.store->PagesLinkingFile(notes.id, kring::Audience::kMembers)) ==
          std::vector<std::string>{"alfa"});
  }
  SUBCASE("an id that names no file is no link, and the save succeeds") {
    f.Save(WithFileLinks(Edit("niets", "Niets", "Kapotte link."), {9999, deck.id}));
    CHECK(Slugs(f.store->PagesLinkingFile(deck.id, kring::Audience::kMembers)) ==
          std::vector<std::string>{"alfa", "niets", "zulu"});
  }
}

TEST_CASE("a database made before files existed is upgraded on open, its pages kept") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    // Version 1 as shipped: migration 1 only, with a page and an outbox row written by it.
    Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
    REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
    REQUIRE(db.value()->Migrate({sqlite::Migrations().front()}).ok());
    REQUIRE(db.value()
                ->Execute("INSERT INTO pages (slug, title, created_at) VALUES ('a', 'Alfa', "
                          "'2024-01-01T00:00:00Z')")
                .ok());
    REQUIRE(db.value()
                ->Execute("INSERT INTO index_queue (slug, enqueued_at) VALUES ('a', "
                          "'2024-01-01T00:00:00Z')")
                .ok());
    CHECK(db.value()->SchemaVersion().value() == 1);
  }
  auto store = storage_testing::OpenStore(path);
  CHECK(store->SchemaVersion().value() == static_cast<int64_t>(sqlite::Migrations().size()));
  const std::vector<IndexWork> pending = store->Pending(10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].slug == "a");
  CHECK(pending[0].file_id == 0);

  Result<StoredFile> file = store->PutFile(Attachment("a", "deck.pdf", "deck"));
  REQUIRE_MESSAGE(file.ok(), ErrorOf(file));
  CHECK(file->page_slug == "a");
}

}  // namespace
}  // namespace kring
