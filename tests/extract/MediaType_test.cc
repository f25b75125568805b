// What DetectMediaType answers: the sniffed type checked against the extension.
#include <doctest/doctest.h>

#include <string>

#include "ExtractTesting.h"
#include "Fixtures.h"
#include "extract/MediaTypeDetector.h"
#include "extract/MediaTypes.h"

namespace kring::extract {
namespace {

// The media type, or the message of the error (which must be kInvalidInput).
std::string Answer(const Result<std::string>& type) {
  if (type.ok()) return type.value();
  CHECK(type.error().code == ErrorCode::kInvalidInput);
  return type.error().message;
}

const std::string kZipBytes = std::string("PK\x03\x04", 4) + std::string(40, '\0');

TEST_CASE("CheckMediaType: what each extension accepts and stores") {
  struct Case {
    std::string_view sniffed;
    std::string content;
    std::string_view name;
    std::string expected;  // the media type, or the error message
  };
  const Case cases[] = {
      {"application/pdf", "%PDF-1.7", "slides.pdf", "application/pdf"},
      {"application/octet-stream", "junk\n%PDF-1.4", "Slides.PDF", "application/pdf"},
      {"application/zip", kZipBytes, "slides.pdf",
       "The file is called .pdf but holds a ZIP archive."},
      {"text/plain", "hello", "slides.pdf", "The file is called .pdf but holds text."},
      // OOXML and ODF: the precise type, whatever libmagic says of the ZIP.
      {kPptxType, kZipBytes, "deck.pptx", std::string(kPptxType)},
      {"application/zip", kZipBytes, "deck.pptx", std::string(kPptxType)},
      {"application/octet-stream", kZipBytes, "deck.pptx", std::string(kPptxType)},
      {"application/zip", kZipBytes, "notes.docx", std::string(kDocxType)},
      {"application/zip", kZipBytes, "budget.xlsx", std::string(kXlsxType)},
      {kOdpType, kZipBytes, "deck.odp", std::string(kOdpType)},
      {"application/zip", kZipBytes, "text.odt", std::string(kOdtType)},
      {"application/zip", kZipBytes, "sheet.ods", std::string(kOdsType)},
      {"application/encrypted", "\xD0\xCF\x11\xE0", "secret.docx", std::string(kDocxType)},
      {"text/plain", "not a zip", "deck.pptx", "The file is called .pptx but holds text."},
      {"application/pdf", "%PDF-1.4", "deck.pptx",
       "The file is called .pptx but holds a PDF document."},
      {kDocxType, kZipBytes, "deck.pptx", "The file is called .pptx but holds a Word document."},
      {"application/vnd.ms-powerpoint", "\xD0\xCF\x11\xE0", "deck.pptx",
       "The file is called .pptx but holds an old PowerPoint presentation (.ppt)."},
      {"application/encrypted", "\xD0\xCF\x11\xE0", "deck.odp",
       "The file is called .odp but holds data of type application/encrypted."},
      // Text: libmagic's text/*, or UTF-8 it calls something else.
      {"text/plain", "# Titel", "page.md", "text/markdown"},
      {"text/html", "<div>hoi</div>", "page.md", "text/markdown"},
      {"application/json", "{\"a\": 1}", "notes.markdown", "text/markdown"},
      {"text/plain", "caf\xC3\xA9", "readme.txt", "text/plain"},
      {"application/octet-stream", std::string("\x00\x01\x02", 3), "page.md",
       "The file is called .md but holds unrecognised binary data."},
      {"image/png", "\x89PNG", "page.md", "The file is called .md but holds an image."},
      // Images: any image type.
      {"image/png", "\x89PNG", "photo.png", "image/png"},
      {"image/jpeg", "\xFF\xD8\xFF", "photo.png", "image/jpeg"},
      {"image/gif", "GIF89a", "anim.gif", "image/gif"},
      {"image/svg+xml", "<svg/>", "logo.svg", "image/svg+xml"},
      {"text/xml", "<?xml version=\"1.0\"?><svg/>", "logo.svg", "image/svg+xml"},
      {"text/plain", "no drawing here", "logo.svg", "The file is called .svg but holds text."},
      {"application/pdf", "%PDF-1.4", "photo.jpg",
       "The file is called .jpg but holds a PDF document."},
      // Other extensions and none: what libmagic says.
      {"application/x-7z-compressed", "7z", "archive.7z", "application/x-7z-compressed"},
      {"application/pdf", "%PDF-1.4", "README", "application/pdf"},
      {"", "?", "mystery.bin", "application/octet-stream"},
      // Nothing at all.
      {"", "", "slides.pdf", "The file is empty."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.sniffed);
    CHECK(Answer(CheckMediaType(c.sniffed, c.content, c.name)) == c.expected);
  }
}

TEST_CASE("MediaTypeDetector sniffs real files with libmagic") {
  const MediaTypeDetector detector;
  struct Case {
    std::string content;
    std::string name;
    std::string expected;
  };
  const std::string pdf = testing::ReadBytes(testing::kRgbzPdf);
  const std::string pptx = testing::ReadBytes(testing::kZgwPptx);
  const std::string odp = testing::Zip(testing::MakeOdp({{{"dia"}, ""}}, ""));
  const Case cases[] = {
      {pdf, "opsplitsen-rgbz.pdf", "application/pdf"},
      {pptx, "Illustratie.pptx", std::string(kPptxType)},
      {testing::ReadBytes(testing::kExpandXlsx), "expand.xlsx", std::string(kXlsxType)},
      {testing::ReadBytes(testing::kSamplePng), "mor-proces.png", "image/png"},
      {testing::ReadBytes(testing::kSampleJpg), "sample.jpg", "image/jpeg"},
      {testing::Zip(testing::MakeDocx("")), "generated.docx", std::string(kDocxType)},
      {odp, "generated.odp", std::string(kOdpType)},
      {"# Kennisbank\n\nTekst met [[links]].\n", "page.md", "text/markdown"},
      {testing::MinimalPdf("hallo"), "hallo.pdf", "application/pdf"},
      // Mismatches.
      {pptx, "slides.pdf", "The file is called .pdf but holds a PowerPoint presentation."},
      {odp, "slides.pdf", "The file is called .pdf but holds an OpenDocument presentation."},
      {testing::Zip({{"a.txt", "a"}}), "slides.pdf",
       "The file is called .pdf but holds a ZIP archive."},
      {"just some text\n", "deck.pptx", "The file is called .pptx but holds text."},
      {pdf, "deck.pptx", "The file is called .pptx but holds a PDF document."},
      {pdf.substr(0, 4096), "photo.png", "The file is called .png but holds a PDF document."},
      {"", "deck.pptx", "The file is empty."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Answer(detector.Detect(c.content, c.name)) == c.expected);
  }
}

}  // namespace
}  // namespace kring::extract
