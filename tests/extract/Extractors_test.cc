// The in-process extractors on the real corpus and on fixtures built here: sections, their
// numbers, the words in them and titles.
#include "extract/Extractors.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ExtractTesting.h"
#include "Fixtures.h"
#include "TempDir.h"
#include "core/Text.h"
#include "extract/MediaTypes.h"

namespace kring::extract {
namespace {

using testing::Corpus;
using testing::SectionsWith;
using Words = std::vector<int>;

// Writes `bytes` to a file and extracts it as `media_type`.
Extraction ExtractBytes(std::string_view bytes, std::string_view media_type,
                        const ExtractLimits& limits = {}) {
  kring::testing::TempDir dir;
  const std::string path = dir.File("upload");
  testing::WriteBytes(path, bytes);
  return ExtractFile(path, media_type, limits);
}

TEST_CASE("corpus files: one section per page, slide or sheet, each word where it belongs") {
  struct Case {
    std::string path;
    std::string_view media_type;
    std::string section_kind;
    size_t sections;
    std::string title;
    std::string word;  // occurs in exactly these sections (speaker notes count)
    Words where;
  };
  const Case cases[] = {
      {testing::kRgbzPdf, kPdfType, "page", 7, "20181025 Opsplitsen RGBZ", "Meedenken", {6}},
      {testing::kRgbzPdf, kPdfType, "page", 7, "20181025 Opsplitsen RGBZ", "KLANTCONTACTEN", {2}},
      {testing::kCrashCoursePdf, kPdfType, "page", 7, "VNG Realisatie", "asynchroon", {6}},
      {testing::kCrashCoursePdf, kPdfType, "page", 7, "VNG Realisatie", "aanhalingstekens", {5}},
      // Office's placeholder title "PowerPoint-presentatie" says nothing: no title.
      {testing::kNotificerenPptx, testing::kPptx, "slide", 13, "", "supergebruikers", {4}},
      {testing::kNotificerenPptx, testing::kPptx, "slide", 13, "", "callbackUrl", {10}},
      {testing::kAutorisatiePptx, testing::kPptx, "slide", 8, "", "Autorisatiecomponent", {4}},
      // Only in the speaker notes of slide 3.
      {testing::kAutorisatiePptx, testing::kPptx, "slide", 8, "", "handvaten", {3}},
      {testing::kArchiverenPptx, testing::kPptx, "slide", 13, "", "Procesfase", {2}},
      {testing::kArchiverenPptx, testing::kPptx, "slide", 13, "", "eindeGeldigheid", {9}},
      {testing::kZgwPptx, testing::kPptx, "slide", 5, "", "Klantinteracties", {2, 3, 4, 5}},
      {testing::kZgwPptx, testing::kPptx, "slide", 5, "", "opgelost", {4, 5}},
      {testing::kExpandXlsx, testing::kXlsx, "sheet", 1, "", "zaakinformatieobjecten", {1}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.word);
    const Extraction extraction = ExtractFile(c.path, c.media_type);
    REQUIRE(extraction.state == ExtractionState::kDone);
    CHECK(extraction.error.empty());
    CHECK(extraction.section_kind == c.section_kind);
    CHECK(extraction.title == c.title);
    REQUIRE(extraction.sections.size() == c.sections);
    for (size_t i = 0; i < extraction.sections.size(); ++i) {
      CHECK(extraction.sections[i].number == static_cast<int>(i) + 1);
      CHECK(IsValidUtf8(extraction.sections[i].text));
    }
    CHECK(SectionsWith(extraction, c.word) == c.where);
  }
}

TEST_CASE("PDF text is decoded to UTF-8, not Latin-1") {
  const Extraction extraction = ExtractFile(testing::kCrashCoursePdf, kPdfType);
  REQUIRE(extraction.sections.size() == 7);
  CHECK(SectionsWith(extraction, "API\xE2\x80\x99s") != Words{});  // API’s: U+2019
}

TEST_CASE("the sheet's name opens its section, and rows are lines of tab-separated cells") {
  const Extraction extraction = ExtractFile(testing::kExpandXlsx, testing::kXlsx);
  REQUIRE(extraction.sections.size() == 1);
  CHECK(extraction.sections[0].text.starts_with(
      "Sheet1\nAPI\tResource\tVeld met url\tArray\tExpand\tDoel API\tDoel "
      "resource\tOpmerkingen\n"));
}

TEST_CASE("PPTX: presentation order, runs joined, speaker notes without slide numbers") {
  const testing::ZipEntries deck = testing::MakePptx(
      {{{"Welkom bij de kenniskring", "Agenda"}, "Spreker: vergeet de koffie niet"},
       {{"Zaakgericht werken"}, ""},
       {{"Vragen?"}, "Einde & afsluiting"}},
      "Kenniskring maart");
  const Extraction extraction = ExtractBytes(testing::Zip(deck), kPptxType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "Kenniskring maart");
  CHECK(extraction.section_kind == "slide");
  REQUIRE(extraction.sections.size() == 3);
  CHECK(extraction.sections[0].number == 1);
  CHECK(extraction.sections[0].text ==
        "Welkom bij de kenniskring\nAgenda\nSpreker: vergeet de koffie niet");
  CHECK(extraction.sections[1].text == "Zaakgericht werken");
  CHECK(extraction.sections[2].text == "Vragen?\nEinde & afsluiting");
  CHECK(SectionsWith(extraction, "99") == Words{});  // the notes page's slide number
  CHECK(SectionsWith(extraction, "98") == Words{});  // a slidenum field

  // Without presentation.xml the file numbers decide (the fixture stores them reversed).
  const Extraction fallback =
      ExtractBytes(testing::Zip(testing::MakePptx({{{"eerste"}, ""}, {{"tweede"}, ""}}, "",
                                                  /*with_presentation=*/false)),
                   kPptxType);
  REQUIRE(fallback.sections.size() == 2);
  CHECK(fallback.sections[0].text == "tweede");
  CHECK(fallback.sections[1].text == "eerste");
}

TEST_CASE("DOCX: one section of paragraphs, without deleted text or fallback copies") {
  const Extraction extraction = ExtractBytes(testing::Zip(testing::MakeDocx("Notulen")), kDocxType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "Notulen");
  CHECK(extraction.section_kind.empty());
  REQUIRE(extraction.sections.size() == 1);
  CHECK(extraction.sections[0].number == 0);
  CHECK(extraction.sections[0].text ==
        "Kennisdeling tussen gemeenten\nNaam\tWaarde\nZaaksysteem\nLeverancier\nTekstvak");
}

TEST_CASE("XLSX: shared, rich, inline and boolean cells, sheet by sheet") {
  const Extraction extraction =
      ExtractBytes(testing::Zip(testing::MakeXlsx("Begroting 2024")), kXlsxType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "Begroting 2024");
  CHECK(extraction.section_kind == "sheet");
  REQUIRE(extraction.sections.size() == 2);
  // The shared string index 7 does not exist: that cell is left empty.
  CHECK(extraction.sections[0].text == "Begroting\nLicenties\t1250.5\nOnderhoud");
  CHECK(extraction.sections[1].text == "Leveranciers\nCentric\tTRUE");
  CHECK(extraction.sections[1].number == 2);
}

TEST_CASE("ODP: one section per page, notes included") {
  const Extraction extraction =
      ExtractBytes(testing::Zip(testing::MakeOdp(
                       {{{"Eerste dia", "met tekst"}, "notitie bij dia een"}, {{"Tweede dia"}, ""}},
                       "Presentatie ODF")),
                   kOdpType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "Presentatie ODF");
  CHECK(extraction.section_kind == "slide");
  REQUIRE(extraction.sections.size() == 2);
  CHECK(extraction.sections[0].text == "Eerste dia\nmet tekst\nnotitie bij dia een");
  CHECK(extraction.sections[1].text == "Tweede dia");
  CHECK(extraction.sections[1].number == 2);
}

TEST_CASE("ODT: headings, spans, spaces and tables; no deleted text or comments") {
  const Extraction extraction =
      ExtractBytes(testing::Zip(testing::MakeOdt("Verslag ODT")), kOdtType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "Verslag ODT");
  REQUIRE(extraction.sections.size() == 1);
  CHECK(extraction.sections[0].number == 0);
  CHECK(extraction.sections[0].text == "Verslag\nOpenDocument  tekst\nKennis beheer\nCel");
}

TEST_CASE("ODS: one section per table, its name first") {
  const Extraction extraction = ExtractBytes(testing::Zip(testing::MakeOds("")), kOdsType);
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.section_kind == "sheet");
  REQUIRE(extraction.sections.size() == 2);
  CHECK(extraction.sections[0].text == "Inventaris\nServer\t42");
  CHECK(extraction.sections[1].text == "Contracten\nLooptijd");
}

TEST_CASE("text files: valid UTF-8 as one section, anything else fails") {
  const Extraction markdown = ExtractBytes("\xEF\xBB\xBF# Caf\xC3\xA9\r\n\r\nTekst", kMarkdownType);
  REQUIRE(markdown.state == ExtractionState::kDone);
  REQUIRE(markdown.sections.size() == 1);
  CHECK(markdown.sections[0].number == 0);
  CHECK(markdown.sections[0].text == "# Caf\xC3\xA9\n\nTekst");

  const Extraction latin1 = ExtractBytes("caf\xE9", kPlainTextType);
  CHECK(latin1.state == ExtractionState::kFailed);
  CHECK(latin1.error == "The text is not valid UTF-8.");

  // A long text is cut at the cap, at a character boundary, not refused.
  ExtractLimits limits;
  limits.max_text_bytes = 5;
  const Extraction cut = ExtractBytes("abcd\xC3\xA9\xC3\xA9", kPlainTextType, limits);
  REQUIRE(cut.state == ExtractionState::kDone);
  CHECK(cut.sections[0].text == "abcd");
}

TEST_CASE("images and other types: done, with nothing to index") {
  for (const auto& [path, type] :
       {std::pair{testing::kSamplePng, "image/png"}, std::pair{testing::kSampleJpg, "image/jpeg"},
        std::pair{testing::kSamplePng, "application/octet-stream"}}) {
    const Extraction extraction = ExtractFile(path, type);
    CHECK(extraction.state == ExtractionState::kDone);
    CHECK(extraction.sections.empty());
    CHECK_FALSE(HasExtractor(type));
  }
}

TEST_CASE("section and text caps apply to every format") {
  ExtractLimits limits;
  limits.max_sections = 2;
  limits.max_text_bytes = 1000;
  const Extraction pdf = ExtractFile(testing::kCrashCoursePdf, kPdfType, limits);
  REQUIRE(pdf.state == ExtractionState::kDone);
  CHECK(pdf.sections.size() == 1);  // page 1 alone holds more than 1,000 bytes
  CHECK(pdf.sections[0].text.size() <= 1000);
  const Extraction deck = ExtractFile(testing::kNotificerenPptx, kPptxType, limits);
  CHECK(deck.sections.size() == 2);
}

}  // namespace
}  // namespace kring::extract
