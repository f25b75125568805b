// The zip-bomb guards: what ZipArchive refuses when opening and when reading, with the
// default limits on real bombs and with small limits on small archives.
#include "extract/ZipArchive.h"

#include <doctest/doctest.h>

#include <string>

#include "ExtractTesting.h"
#include "TempDir.h"
#include "ZipBuilder.h"
#include "extract/Extractors.h"
#include "extract/MediaTypes.h"

namespace kring::extract {
namespace {

using testing::ZipBuilder;

std::string ErrorOf(const Result<ZipArchive>& zip) { return zip.ok() ? "" : zip.error().message; }

TEST_CASE("bytes that are not a ZIP archive are refused") {
  for (const std::string& bytes :
       {std::string("PK\x03\x04 truncated", 14), std::string("%PDF-1.4"), std::string()}) {
    CHECK(ErrorOf(ZipArchive::OpenBuffer(bytes, {})) == "The file is not a valid ZIP archive.");
  }
  kring::testing::TempDir dir;
  testing::WriteBytes(dir.File("x.docx"),
                      std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  CHECK(ErrorOf(ZipArchive::OpenFile(dir.File("x.docx"), {})) ==
        "The document is password-protected or in an old binary format.");
  CHECK(ErrorOf(ZipArchive::OpenFile(dir.File("missing.docx"), {})) ==
        "The file could not be opened.");
}

TEST_CASE("a zip bomb of 300 MiB of zeros is refused before anything is read") {
  const std::string& bomb = testing::ZerosBomb();
  CHECK(bomb.size() < 2 * kMiB);
  CHECK(ErrorOf(ZipArchive::OpenBuffer(bomb, {})) ==
        "A file in the archive expands to more than 200 MiB: refused as a possible zip bomb.");
}

TEST_CASE("an entry compressed more than 200 to 1 is refused") {
  const std::string bomb = ZipBuilder().AddZeros("word/document.xml", 50 * kMiB).Build();
  CHECK(ErrorOf(ZipArchive::OpenBuffer(bomb, {})) ==
        "A file in the archive is compressed more than 200 to 1: refused as a possible zip bomb.");
}

TEST_CASE("an archive of 20,000 entries is refused") {
  ZipBuilder builder;
  for (int i = 0; i < 20'000; ++i) builder.Add("f" + std::to_string(i), "", false);
  CHECK(ErrorOf(ZipArchive::OpenBuffer(builder.Build(), {})) ==
        "The archive holds more than 10,000 files: refused as a possible zip bomb.");
}

TEST_CASE("each guard with small limits") {
  ZipLimits limits;
  limits.max_entries = 3;
  limits.max_entry_bytes = 1000;
  limits.max_total_bytes = 2500;
  limits.ratio_min_bytes = 100;
  limits.max_ratio = 10;
  // Text that barely compresses, so only the guard under test trips.
  auto noise = [](size_t n) {
    std::string s;
    uint32_t x = 12345;
    while (s.size() < n) s += static_cast<char>('a' + (x = x * 1103515245 + 12345) % 26);
    return s;
  };
  struct Case {
    std::string name;
    std::string zip;
    std::string error;
  };
  const Case cases[] = {
      {"within every limit", ZipBuilder().Add("a", noise(900)).Add("b", noise(900)).Build(), ""},
      {"too many entries", ZipBuilder().Add("a", "").Add("b", "").Add("c", "").Add("d", "").Build(),
       "The archive holds more than 3 files: refused as a possible zip bomb."},
      {"an entry too large", ZipBuilder().Add("a", noise(1001)).Build(),
       "A file in the archive expands to more than 1000 bytes: refused as a possible zip bomb."},
      {"too much in total",
       ZipBuilder().Add("a", noise(900)).Add("b", noise(900)).Add("c", noise(900)).Build(),
       "The archive expands to more than 2500 bytes: refused as a possible zip bomb."},
      {"compressed too well", ZipBuilder().Add("a", std::string(900, 'x')).Build(),
       "A file in the archive is compressed more than 10 to 1: refused as a possible zip bomb."},
      {"small entries may compress well", ZipBuilder().Add("a", std::string(99, 'x')).Build(), ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(ErrorOf(ZipArchive::OpenBuffer(c.zip, limits)) == c.error);
  }
}

TEST_CASE("reading stops at the cap when the headers understate the size") {
  // 8 MiB of zeros declared as 1,000 bytes: opening passes (small and no ratio to check).
  const std::string liar =
      testing::WithDeclaredSize(ZipBuilder().AddZeros("word/document.xml", 8 * kMiB).Build(), 1000);
  ZipLimits limits;
  limits.max_part_bytes = 1 * kMiB;
  auto zip = ZipArchive::OpenBuffer(liar, limits);
  REQUIRE(zip.ok());
  const Result<std::string> content = zip.value().Read("word/document.xml");
  REQUIRE_FALSE(content.ok());
  // libzip may notice the lie itself (a damaged entry); it never hands over more than the cap.
  const std::string& error = content.error().message;
  CHECK((error == "A file in the archive expands to more than 1 MiB: refused as a possible zip "
                  "bomb." ||
         error == "The archive is damaged (a file in it cannot be read)."));
}

TEST_CASE("the bytes read over an archive's life count against the total") {
  ZipLimits limits;
  limits.max_total_bytes = 2500;  // the 2,000 bytes declared pass
  const std::string zip_bytes =
      ZipBuilder().Add("a", std::string(1000, 'a')).Add("b", std::string(1000, 'b')).Build();
  auto zip = ZipArchive::OpenBuffer(zip_bytes, limits);
  REQUIRE(zip.ok());
  CHECK(zip.value().Read("a").ok());
  CHECK(zip.value().Read("b").ok());
  const Result<std::string> third = zip.value().Read("a");  // 3,000 bytes read by now
  REQUIRE_FALSE(third.ok());
  CHECK(third.error().message ==
        "The archive expands to more than 2500 bytes: refused as a possible zip bomb.");
  CHECK(zip.value().Read("missing").error().code == ErrorCode::kNotFound);
}

TEST_CASE("names are found exactly first, then ignoring case") {
  const std::string zip_bytes = ZipBuilder().Add("Word/Document.XML", "x").Build();
  auto zip = ZipArchive::OpenBuffer(zip_bytes, {});
  REQUIRE(zip.ok());
  CHECK(zip.value().Contains("word/document.xml"));
  CHECK(zip.value().Names() == std::vector<std::string>{"Word/Document.XML"});
}

TEST_CASE("zip bombs answer a failed extraction, whatever the format") {
  kring::testing::TempDir dir;
  testing::WriteBytes(dir.File("bomb"), testing::ZerosBomb());
  for (std::string_view type : {kPptxType, kDocxType, kXlsxType, kOdpType, kOdtType, kOdsType}) {
    const Extraction extraction = ExtractFile(dir.File("bomb"), type);
    CHECK(extraction.state == ExtractionState::kFailed);
    CHECK(extraction.error ==
          "A file in the archive expands to more than 200 MiB: refused as a possible zip bomb.");
  }
}

}  // namespace
}  // namespace kring::extract
