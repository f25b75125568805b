// The fuzz target FuzzExtractZipXml over deterministic mutations of small valid documents built
// in code (tests/extract/Fixtures.h): it must answer, never crash or break the Extraction
// contract (it aborts when it does). libFuzzer's own runs start from tests/fuzz/seeds/.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "extract/Extractors.h"
#include "extract/Fixtures.h"
#include "extract/MediaTypes.h"
#include "fuzz/FuzzExtract.h"
#include "fuzz/FuzzTargets.h"

namespace kring::extract {
namespace {

using fuzz::FuzzExtractZipXml;
using fuzz::FuzzLimits;
using testing::ZipEntries;

std::vector<ZipEntries> Seeds() {
  return {
      testing::MakePptx({{{"Eerste", "dia"}, "notities"}, {{"Tweede"}, ""}}, "Deck"),
      testing::MakeDocx("Tekst"),
      testing::MakeXlsx("Blad"),
      testing::MakeOdp({{{"Dia"}, "notitie"}}, "ODP"),
      testing::MakeOdt("ODT"),
      testing::MakeOds("ODS"),
  };
}

class Mutator {
 public:
  explicit Mutator(uint32_t seed) : random_(seed) {}

  size_t Below(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(random_);
  }

  // Byte-level damage to any string: flips, truncation, insertion, interesting 32-bit values.
  std::string Damage(std::string bytes) {
    switch (Below(4)) {
      case 0:
        for (size_t i = 0, n = 1 + Below(8); i < n && !bytes.empty(); ++i) {
          bytes[Below(bytes.size())] ^= static_cast<char>(1u << Below(8));
        }
        break;
      case 1:
        bytes.resize(Below(bytes.size()));
        break;
      case 2: {
        static const char* kPieces[] = {
            "<",     ">",      "&",  "&#0;", "\xFF\xFE",
            "<a:t>", "</w:p>", "\"", "]]>",  "<!DOCTYPE x [<!ENTITY e \"e\">]>",
            "&e;"};
        bytes.insert(Below(bytes.size() + 1), kPieces[Below(std::size(kPieces))]);
        break;
      }
      default: {
        static const uint32_t kValues[] = {0, 0xFFFFFFFF, 0x7FFFFFFF, 0x10000, 1};
        if (bytes.size() >= 4) {
          const uint32_t value = kValues[Below(std::size(kValues))];
          const size_t at = Below(bytes.size() - 3);
          for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i));
        }
      }
    }
    return bytes;
  }

 private:
  std::mt19937 random_;
};

TEST_CASE("the fuzz target survives 2,000 mutated documents") {
  const std::vector<ZipEntries> seeds = Seeds();
  std::vector<std::string> zips;
  for (const ZipEntries& seed : seeds) zips.push_back(testing::Zip(seed));
  // Each seed itself extracts cleanly as its own format.
  for (const std::string& zip : zips) {
    CHECK(FuzzExtractZipXml(reinterpret_cast<const uint8_t*>(zip.data()), zip.size()) == 0);
  }

  Mutator mutator(20240601);  // fixed: the same 2,000 inputs on every run
  int extracted = 0;
  for (int i = 0; i < 2000; ++i) {
    const size_t which = mutator.Below(seeds.size());
    std::string input;
    if (i % 2 == 0) {
      // Damage one part's XML and zip the document again: the archive stays valid, so the
      // XML parsers and the extractors see the damage.
      ZipEntries entries = seeds[which];
      auto& [name, content] = entries[mutator.Below(entries.size())];
      content = mutator.Damage(std::move(content));
      if (mutator.Below(4) == 0) content = mutator.Damage(std::move(content));
      input = testing::Zip(entries);
    } else {
      input = mutator.Damage(zips[which]);
    }
    CAPTURE(i);
    CHECK(FuzzExtractZipXml(reinterpret_cast<const uint8_t*>(input.data()), input.size()) == 0);
    auto zip = ZipArchive::OpenBuffer(input, FuzzLimits().zip);
    if (zip.ok()) ++extracted;
  }
  CHECK(extracted > 1000);  // most inputs reach the XML layer, not only libzip's checks
}

TEST_CASE("deeply nested and hostile XML is extracted without recursion or expansion") {
  std::string deep = "<w:document xmlns:w=\"w\"><w:body>";
  for (int i = 0; i < 200'000; ++i) deep += "<w:p>";
  deep += "<w:r><w:t>diep</w:t></w:r></w:body></w:document>";  // unclosed: not well-formed
  // Well-formed, 50,000 levels deep (under 1 MiB, so no compression guard applies).
  std::string nested = "<w:document xmlns:w=\"w\"><w:body>";
  for (int i = 0; i < 50'000; ++i) nested += "<w:sdt>";
  nested += "<w:p><w:r><w:t>diep</w:t></w:r></w:p>";
  for (int i = 0; i < 50'000; ++i) nested += "</w:sdt>";
  nested += "</w:body></w:document>";
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;\">"
      "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:r>"
      "<w:t>&b;&ext;</w:t></w:r></w:p></w:body></w:document>";

  for (const std::string& xml : {deep, nested, laughs}) {
    const std::string zip = testing::Zip({{"word/document.xml", xml}});
    auto archive = ZipArchive::OpenBuffer(zip, {});
    REQUIRE(archive.ok());
    const Extraction extraction = ExtractDocx(archive.value(), {});
    if (extraction.state == ExtractionState::kDone) {
      REQUIRE(extraction.sections.size() == 1);
      CHECK(extraction.sections[0].text.find("root:") == std::string::npos);
      CHECK(extraction.sections[0].text.size() < 100);
    } else {
      CHECK(extraction.error == "The file is damaged: word/document.xml is not well-formed XML.");
    }
  }
  const std::string zip = testing::Zip({{"word/document.xml", nested}});  // outlives the archive
  auto archive = ZipArchive::OpenBuffer(zip, {});
  REQUIRE(archive.ok());
  CHECK(ExtractDocx(archive.value(), {}).sections.at(0).text == "diep");
}

}  // namespace
}  // namespace kring::extract
