// SqlitePageStore as a FileStore: uploads, their content on disk, and finding them again.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::FilesUnder;
using storage_testing::Ids;
using storage_testing::ReadAll;
using storage_testing::StoreFixture;

// SHA-256 of "abc" (FIPS 180-2, appendix B.1).
constexpr const char* kAbcSha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST_CASE("a stored file reads back with its fields and byte-identical content") {
  StoreFixture f;
  f.Save(Edit("vergadering", "Vergadering"));
  // NUL bytes, bytes above 0x7f and a line break that must not be translated. The `s` literal
  // takes its length from the literal, inner NUL included (a count by hand read past its end).
  using namespace std::string_literals;
  const std::string content = "%PDF-1.7\n\0\x01\xff\xfe\r\nend"s;
  const StoredFile put = f.Put(Attachment("vergadering", "Slides Q1.pdf", content));

  CHECK(put.id > 0);
  CHECK(put.page_slug == "vergadering");
  CHECK(put.name == "Slides Q1.pdf");
  CHECK(put.media_type == "application/pdf");
  CHECK(put.size == static_cast<int64_t>(content.size()));
  CHECK(put.sha256.size() == 64);
  CHECK(put.author == "Ann");
  CHECK(put.created_at.size() == 20);
  CHECK(put.extraction == ExtractionState::kPending);
  CHECK(put.sections.empty());

  const StoredFile got = f.GetFile(put.id);
  CHECK(got.name == put.name);
  CHECK(got.page_slug == put.page_slug);
  CHECK(got.sha256 == put.sha256);
  CHECK(got.created_at == put.created_at);
  CHECK(got.extraction == ExtractionState::kPending);
  CHECK(ReadAll(f.store->ContentPath(got)) == content);
}

TEST_CASE("content is addressed by its SHA-256, two levels deep beside the database") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile file = f.Put(Attachment("a", "abc.txt", "abc", "text/plain"));
  CHECK(file.sha256 == kAbcSha256);
  CHECK(std::filesystem::path(f.store->ContentPath(file)) == f.Blobs() / "ba" / kAbcSha256);
  CHECK(FilesUnder(f.Blobs()) == std::vector<std::string>{std::string("ba/") + kAbcSha256});
}

TEST_CASE("the same content is stored once, whatever the name or page") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  f.Save(Edit("b", "Beta"));
  const StoredFile first = f.Put(Attachment("a", "deck.pdf", "zelfde inhoud"));
  const StoredFile renamed = f.Put(Attachment("a", "deck-kopie.pdf", "zelfde inhoud"));
  const StoredFile elsewhere = f.Put(Attachment("b", "deck.pdf", "zelfde inhoud"));

  CHECK(renamed.id != first.id);
  CHECK(elsewhere.id != first.id);
  CHECK(elsewhere.page_slug == "b");
  CHECK(elsewhere.sha256 == first.sha256);
  CHECK(f.store->ContentPath(elsewhere) == f.store->ContentPath(first));
  // One blob and no temporary file left behind.
  CHECK(FilesUnder(f.Blobs()).size() == 1);
  CHECK(f.store->FilesOfPage("a").size() == 2);
  CHECK(f.store->FilesOfPage("b").size() == 1);
}

TEST_CASE("uploading the same name and content to a page again answers the first file") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile first = f.Put(Attachment("a", "deck.pdf", "versie 1"));
  const StoredFile again = f.Put(Attachment("a", "deck.pdf", "versie 1"));
  CHECK(again.id == first.id);
  CHECK(again.created_at == first.created_at);
  CHECK(Ids(f.store->FilesOfPage("a")) == std::vector<int64_t>{first.id});

  SUBCASE("the same name with new content is a new file") {
    const StoredFile changed = f.Put(Attachment("a", "deck.pdf", "versie 2"));
    CHECK(changed.id != first.id);
    CHECK(changed.sha256 != first.sha256);
    CHECK(f.store->FilesOfPage("a").size() == 2);
    CHECK(FilesUnder(f.Blobs()).size() == 2);
  }
}

TEST_CASE("a file for a page that does not exist is refused before touching the disk") {
  StoreFixture f;
  Result<StoredFile> stored = f.store->PutFile(Attachment("ontbreekt", "deck.pdf", "inhoud"));
  REQUIRE_FALSE(stored.ok());
  CHECK(stored.error().code == ErrorCode::kNotFound);
  CHECK(stored.error().message.find("ontbreekt") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(f.Blobs()));
  CHECK(f.store->PendingExtractions(10).empty());
}

TEST_CASE("an unknown file id is not found") {
  StoreFixture f;
  Result<StoredFile> file = f.store->GetFile(42);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().code == ErrorCode::kNotFound);
}

TEST_CASE("an empty author is stored as anonymous, as for revisions") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  NewFile file = Attachment("a", "deck.pdf", "inhoud");
  file.author = "  ";
  CHECK(f.Put(file).author == "anonymous");
}

TEST_CASE("a page's files are listed oldest first, without sections") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  f.Save(Edit("b", "Beta"));
  const StoredFile zulu = f.Put(Attachment("a", "zulu.pdf", "1"));
  const StoredFile other = f.Put(Attachment("b", "other.pdf", "2"));
  const StoredFile alfa = f.Put(Attachment("a", "alfa.pdf", "3"));
  Extraction extraction;
  extraction.sections = {FileSection{1, "Tekst."}};
  REQUIRE(f.store->SaveExtraction(zulu.id, extraction).ok());

  const std::vector<StoredFile> files = f.store->FilesOfPage("a");
  CHECK(Ids(files) == std::vector<int64_t>{zulu.id, alfa.id});
  for (const StoredFile& file : files) CHECK(file.sections.empty());
  CHECK(files[0].extraction == ExtractionState::kDone);
  CHECK(Ids(f.store->FilesOfPage("b")) == std::vector<int64_t>{other.id});
  CHECK(f.store->FilesOfPage("ontbreekt").empty());
}

TEST_CASE("a file is found by its name, case-insensitively, the newest first") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  f.Save(Edit("b", "Beta"));
  const StoredFile older = f.Put(Attachment("a", "Slides.PDF", "oud"));
  const StoredFile newer = f.Put(Attachment("b", "slides.pdf", "nieuw"));
  const StoredFile accented = f.Put(Attachment("a", "Één verslag.docx", "docx"));

  struct Case {
    const char* name;
    int64_t expected;  // 0: none
  };
  const Case cases[] = {
      {"slides.pdf", newer.id},
      {"SLIDES.PDF", newer.id},
      {"  Slides.pdf ", newer.id},
      {"één VERSLAG.DOCX", accented.id},
      {"slides", 0},
      {"", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::optional<StoredFile> found = f.store->FindFileByName(c.name);
    CHECK(found.has_value() == (c.expected != 0));
    if (found) CHECK(found->id == c.expected);
  }
  CHECK(older.id < newer.id);
}

TEST_CASE("a stored file and its content survive closing and reopening the store") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  int64_t id = 0;
  {
    auto store = storage_testing::OpenStore(path);
    REQUIRE(store->SaveRevision(Edit("a", "Alfa")).ok());
    Result<StoredFile> stored = store->PutFile(Attachment("a", "deck.pdf", "blijft"));
    REQUIRE_MESSAGE(stored.ok(), ErrorOf(stored));
    id = stored->id;
  }
  auto reopened = storage_testing::OpenStore(path);
  Result<StoredFile> file = reopened->GetFile(id);
  REQUIRE_MESSAGE(file.ok(), ErrorOf(file));
  CHECK(file->name == "deck.pdf");
  CHECK(ReadAll(reopened->ContentPath(file.value())) == "blijft");
  CHECK(reopened->PendingExtractions(10) == std::vector<int64_t>{id});
}

TEST_CASE("when the blob folder cannot be written, the upload fails and stores no row") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  {
    // A regular file where the blob folder belongs.
    std::ofstream blocker(f.Blobs());
    blocker << "in de weg";
  }
  Result<StoredFile> stored = f.store->PutFile(Attachment("a", "deck.pdf", "inhoud"));
  REQUIRE_FALSE(stored.ok());
  CHECK(stored.error().code == ErrorCode::kUnavailable);
  CHECK(stored.error().message.find(f.Blobs().string()) != std::string::npos);
  CHECK(f.store->FilesOfPage("a").empty());
  CHECK(f.store->PendingExtractions(10).empty());
  CHECK_FALSE(f.store->FindFileByName("deck.pdf").has_value());
}

TEST_CASE("a blob damaged on disk is written again by the next upload of its content") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa"));
  const StoredFile file = f.Put(Attachment("a", "deck.pdf", "volledige inhoud"));
  { std::ofstream truncate(f.store->ContentPath(file), std::ios::trunc); }
  const StoredFile again = f.Put(Attachment("a", "deck.pdf", "volledige inhoud"));
  CHECK(again.id == file.id);
  CHECK(ReadAll(f.store->ContentPath(again)) == "volledige inhoud");
  CHECK(FilesUnder(f.Blobs()).size() == 1);
}

}  // namespace
}  // namespace kring
