#include "fuzz/FuzzTargets.h"

#include <array>

namespace kring::fuzz {

std::span<const FuzzTarget> AllFuzzTargets() {
  static constexpr std::array<FuzzTarget, 5> kTargets = {{
      {"markdown", FuzzMarkdown},
      {"multipart", FuzzMultipart},
      {"front_matter", FuzzFrontMatter},
      {"search_query", FuzzSearchQuery},
      {"extract_zip_xml", FuzzExtractZipXml},
  }};
  return kTargets;
}

}  // namespace kring::fuzz
