// Text files (Markdown, plain text): the whole text as one section.
#include <fstream>

#include "core/Text.h"
#include "extract/Extractors.h"
#include "extract/TextOutput.h"

namespace kring::extract {

Extraction ExtractText(const std::string& path, const ExtractLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FailedExtraction("The file could not be opened.");
  // Read one byte past the cap to know whether the file is longer.
  std::string text(limits.max_text_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return FailedExtraction("The file could not be read.");
  text.resize(static_cast<size_t>(in.gcount()));
  // A cut character at the cap is not invalid text.
  text.resize(Utf8PrefixLength(text, limits.max_text_bytes));
  if (!IsValidUtf8(text)) return FailedExtraction("The text is not valid UTF-8.");
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  Extraction extraction;
  extraction.sections.push_back(FileSection{0, std::move(text)});
  return extraction;
}

}  // namespace kring::extract
