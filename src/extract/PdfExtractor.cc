// PDF: one section per page, with poppler-cpp.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>

#include "extract/Extractors.h"
#include "extract/TextOutput.h"

namespace kring::extract {
namespace {

// poppler's strings are UTF-16; to_utf8 encodes them (to_latin1 would lose every accent).
std::string Utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.data(), bytes.size());
}

void IgnoreMessage(const std::string&, void*) {}

}  // namespace

void SilencePdfDiagnostics() { poppler::set_debug_error_function(IgnoreMessage, nullptr); }

Extraction ExtractPdf(const std::string& path, const ExtractLimits& limits) {
  const std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  // poppler answers null for files it cannot parse, and a locked document for encrypted ones
  // whose (empty) user password does not open them.
  if (!document) return FailedExtraction("The PDF is damaged or incomplete.");
  if (document->is_locked()) return FailedExtraction("The PDF is password-protected.");

  Extraction extraction;
  extraction.section_kind = "page";
  extraction.title = Utf8(document->info_key("Title"));
  const int pages = document->pages();
  for (int i = 0; i < pages && HasRoomForSection(extraction, limits); ++i) {
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    FileSection section{i + 1, {}};
    if (page) {
      // Reading order, like pdftotext without -layout: no runs of alignment spaces.
      section.text = Utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    }
    extraction.sections.push_back(std::move(section));
  }
  return extraction;
}

}  // namespace kring::extract
