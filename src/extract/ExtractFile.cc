// ExtractFile: the extractor for a media type, and the boundary where library exceptions become
// a failed Extraction.
#include <array>
#include <exception>
#include <new>

#include "extract/Extractors.h"
#include "extract/MediaTypes.h"
#include "extract/TextOutput.h"

namespace kring::extract {
namespace {

using ZipExtractor = Extraction (*)(ZipArchive&, const ExtractLimits&);

struct ZipFormat {
  std::string_view media_type;
  ZipExtractor extract;
};

constexpr std::array<ZipFormat, 6> kZipFormats = {{
    {kPptxType, ExtractPptx},
    {kDocxType, ExtractDocx},
    {kXlsxType, ExtractXlsx},
    {kOdpType, ExtractOdp},
    {kOdtType, ExtractOdt},
    {kOdsType, ExtractOds},
}};

ZipExtractor FindZipExtractor(std::string_view media_type) {
  for (const ZipFormat& format : kZipFormats) {
    if (format.media_type == media_type) return format.extract;
  }
  return nullptr;
}

Extraction Dispatch(const std::string& path, std::string_view media_type,
                    const ExtractLimits& limits) {
  if (media_type == kPdfType) return ExtractPdf(path, limits);
  if (IsZipBased(media_type)) {
    auto zip = ZipArchive::OpenFile(path, limits.zip);
    if (!zip.ok()) return FailedExtraction(zip.error().message);
    return ExtractFromZip(zip.value(), media_type, limits);
  }
  if (media_type.starts_with("text/")) return ExtractText(path, limits);
  return Extraction{};  // images and the rest: nothing to index but the name
}

}  // namespace

bool IsZipBased(std::string_view media_type) { return FindZipExtractor(media_type) != nullptr; }

bool HasExtractor(std::string_view media_type) {
  return media_type == kPdfType || IsZipBased(media_type) || media_type.starts_with("text/");
}

Extraction ExtractFromZip(ZipArchive& zip, std::string_view media_type,
                          const ExtractLimits& limits) {
  const ZipExtractor extract = FindZipExtractor(media_type);
  if (extract == nullptr) return Extraction{};
  return extract(zip, limits);
}

Extraction ExtractFile(const std::string& path, std::string_view media_type,
                       const ExtractLimits& limits) {
  Extraction extraction;
  try {
    extraction = Dispatch(path, media_type, limits);
  } catch (const std::bad_alloc&) {
    extraction = FailedExtraction("The file needs more memory than text extraction may use.");
  } catch (const std::exception& error) {
    extraction =
        FailedExtraction(std::string("The file could not be read (") + error.what() + ").");
  }
  FinishExtraction(extraction, limits);
  return extraction;
}

}  // namespace kring::extract
