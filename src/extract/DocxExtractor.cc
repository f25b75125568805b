// DOCX: the body of word/document.xml as one section, a line per paragraph (table cells are
// paragraphs too).
#include "extract/Extractors.h"
#include "extract/OoxmlPackage.h"
#include "extract/TextOutput.h"
#include "extract/Xml.h"

namespace kring::extract {

Extraction ExtractDocx(ZipArchive& zip, const ExtractLimits& limits) {
  auto document_part = MainPart(zip, "word/document.xml");
  if (!document_part.ok()) return FailedExtraction(document_part.error().message);
  auto part = ReadXmlPart(zip, document_part.value());
  if (!part.ok()) {
    if (part.error().code == ErrorCode::kNotFound) {
      return FailedExtraction("The file is not a Word document: word/document.xml is missing.");
    }
    return FailedExtraction(part.error().message);
  }
  TextBuilder out(limits.max_text_bytes);
  AppendOoxmlText(part.value()->document, out);
  Extraction extraction;
  extraction.sections.push_back(FileSection{0, out.Take()});
  auto title = PackageTitle(zip);
  if (!title.ok()) return FailedExtraction(title.error().message);
  extraction.title = std::move(title.value());
  return extraction;
}

}  // namespace kring::extract
