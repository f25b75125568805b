#include "fuzz/FuzzExtract.h"

#include <string_view>

#include "core/Text.h"
#include "extract/Extractors.h"
#include "extract/MediaTypes.h"
#include "extract/TextOutput.h"
#include "fuzz/FuzzCheck.h"
#include "fuzz/FuzzTargets.h"

namespace kring::fuzz {
namespace {

using namespace kring::extract;

void CheckContract(const Extraction& extraction, const ExtractLimits& limits) {
  Require(IsValidUtf8(extraction.title) && IsValidUtf8(extraction.error),
          "title and error are UTF-8");
  if (extraction.state == ExtractionState::kFailed) {
    Require(!extraction.error.empty() && extraction.sections.empty(),
            "a failed extraction has a reason and no sections");
    return;
  }
  Require(extraction.state == ExtractionState::kDone && extraction.error.empty(),
          "a done extraction has no reason");
  Require(extraction.sections.size() <= limits.max_sections, "sections within the limit");
  size_t text_bytes = 0;
  for (const FileSection& section : extraction.sections) {
    Require(IsValidUtf8(section.text) && section.number >= 0, "section text is UTF-8");
    text_bytes += section.text.size();
  }
  Require(text_bytes <= limits.max_text_bytes, "text within the limit");
}

}  // namespace

ExtractLimits FuzzLimits() {
  ExtractLimits limits;
  limits.zip.max_entries = 1'000;
  limits.zip.max_entry_bytes = 4 * kMiB;
  limits.zip.max_total_bytes = 16 * kMiB;
  limits.zip.max_part_bytes = 4 * kMiB;
  limits.max_text_bytes = 256 * 1024;
  limits.max_sections = 200;
  return limits;
}

int FuzzExtractZipXml(const uint8_t* data, size_t size) {
  static const ExtractLimits limits = FuzzLimits();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (std::string_view type : {kPptxType, kDocxType, kXlsxType, kOdpType, kOdtType, kOdsType}) {
    // A fresh archive per format: each extraction has its own read budget.
    auto zip = ZipArchive::OpenBuffer(bytes, limits.zip);
    if (!zip.ok()) {
      Require(!zip.error().message.empty(), "a refused archive has a reason");
      return 0;  // not a ZIP archive: no format will open it
    }
    Extraction extraction = ExtractFromZip(zip.value(), type, limits);
    FinishExtraction(extraction, limits);
    CheckContract(extraction, limits);
  }
  return 0;
}

}  // namespace kring::fuzz
