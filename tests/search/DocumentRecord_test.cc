// The stored record of a search document: file fields, the version-1 records of older indexes,
// and the url a hit opens.
#include "search/DocumentRecord.h"

#include <doctest/doctest.h>

#include <string>

using kring::search::DecodeDocumentRecord;
using kring::search::DocumentRecord;
using kring::search::EncodeDocumentRecord;
using kring::search::HitUrl;

namespace {

DocumentRecord FileRecord(int64_t id, std::string name, std::string type, int section,
                          std::string section_kind) {
  DocumentRecord record;
  record.slug = "pagina";
  record.file_id = id;
  record.file_name = std::move(name);
  record.file_type = std::move(type);
  record.section = section;
  record.section_kind = std::move(section_kind);
  return record;
}

}  // namespace

TEST_CASE("a file section's record survives a round trip") {
  DocumentRecord record = FileRecord(42, "Dia's: 1;2.pptx", "pptx", 17, "slide");
  record.title = "Titel";
  record.text = "Tekst 3:4";
  auto decoded = DecodeDocumentRecord(EncodeDocumentRecord(record));
  REQUIRE(decoded.has_value());
  CHECK(decoded->slug == "pagina");
  CHECK(decoded->title == "Titel");
  CHECK(decoded->text == "Tekst 3:4");
  CHECK(decoded->file_id == 42);
  CHECK(decoded->file_name == "Dia's: 1;2.pptx");
  CHECK(decoded->file_type == "pptx");
  CHECK(decoded->section == 17);
  CHECK(decoded->section_kind == "slide");

  // A number field that is not a number makes the record unreadable.
  std::string bad = EncodeDocumentRecord(record);
  bad.replace(bad.find("2:42"), 4, "2:4x");
  CHECK_FALSE(DecodeDocumentRecord(bad).has_value());
}

TEST_CASE("records written before files existed (version 1) are still read") {
  auto decoded = DecodeDocumentRecord("1;3:crm3:CRM7:minutes10:2013-06-135:tekst");
  REQUIRE(decoded.has_value());
  CHECK(decoded->slug == "crm");
  CHECK(decoded->kind == "minutes");
  CHECK(decoded->text == "tekst");
  CHECK(decoded->file_id == 0);
  CHECK(HitUrl(*decoded) == "/p/crm");
  // Version 1 has exactly five fields.
  CHECK_FALSE(DecodeDocumentRecord("1;3:crm3:CRM7:minutes10:2013-06-135:tekst1:0").has_value());
}

TEST_CASE("a record keeps its organisation; records from before organisations are still read") {
  DocumentRecord record = FileRecord(42, "deck.pdf", "pdf", 2, "page");
  record.organisation = "Stad Roeselare <b>&</b>";
  auto decoded = DecodeDocumentRecord(EncodeDocumentRecord(record));
  REQUIRE(decoded.has_value());
  CHECK(decoded->organisation == "Stad Roeselare <b>&</b>");
  CHECK(decoded->file_id == 42);

  // Version 2: ten fields, no organisation.
  auto v2 = DecodeDocumentRecord("2;3:crm3:CRM4:page0:5:tekst1:00:0:1:00:");
  REQUIRE(v2.has_value());
  CHECK(v2->slug == "crm");
  CHECK(v2->text == "tekst");
  CHECK(v2->organisation.empty());
  CHECK_FALSE(DecodeDocumentRecord("2;3:crm3:CRM4:page0:5:tekst1:00:0:1:00:4:Stad").has_value());
  // Version 3 has exactly eleven fields.
  CHECK_FALSE(DecodeDocumentRecord("3;3:crm3:CRM4:page0:5:tekst1:00:0:1:00:").has_value());
}

TEST_CASE("a hit opens the page, the PDF at its page, or the file's page at the section") {
  DocumentRecord page;
  page.slug = "zaalreservatie";
  CHECK(HitUrl(page) == "/p/zaalreservatie");
  CHECK(HitUrl(FileRecord(7, "Jaar verslag#1.pdf", "pdf", 3, "page")) ==
        "/f/7/Jaar%20verslag%231.pdf#page=3");
  CHECK(HitUrl(FileRecord(8, "deck.pptx", "pptx", 2, "slide")) == "/f/8#slide-2");
  CHECK(HitUrl(FileRecord(8, "deck.odp", "odp", 5, "slide")) == "/f/8#slide-5");
  CHECK(HitUrl(FileRecord(9, "cijfers.xlsx", "xlsx", 1, "sheet")) == "/f/9#sheet-1");
  CHECK(HitUrl(FileRecord(10, "tekst.docx", "docx", 0, "")) == "/f/10");
  CHECK(HitUrl(FileRecord(11, "leeg.pdf", "pdf", 0, "")) == "/f/11");
  // Pages of anything but a PDF have no viewer to jump into: the file's page.
  CHECK(HitUrl(FileRecord(12, "boek.epub", "epub", 4, "page")) == "/f/12");
}
