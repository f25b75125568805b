#include "extract/MediaTypes.h"

#include <array>
#include <cstring>

#include "core/File.h"
#include "core/Text.h"

namespace kring::extract {
namespace {

struct ZipFormat {
  std::string_view extension;
  std::string_view media_type;
  bool ooxml;  // Office Open XML (may come encrypted), else OpenDocument
};

constexpr std::array<ZipFormat, 6> kZipFormats = {{
    {"pptx", kPptxType, true},
    {"docx", kDocxType, true},
    {"xlsx", kXlsxType, true},
    {"odp", kOdpType, false},
    {"odt", kOdtType, false},
    {"ods", kOdsType, false},
}};

struct Description {
  std::string_view media_type;
  std::string_view phrase;
};

constexpr std::array<Description, 22> kDescriptions = {{
    {kPdfType, "a PDF document"},
    {kZipType, "a ZIP archive"},
    {"application/x-zip-compressed", "a ZIP archive"},
    {kPptxType, "a PowerPoint presentation"},
    {kDocxType, "a Word document"},
    {kXlsxType, "an Excel workbook"},
    {kOdpType, "an OpenDocument presentation"},
    {kOdtType, "an OpenDocument text"},
    {kOdsType, "an OpenDocument spreadsheet"},
    {"application/vnd.ms-powerpoint", "an old PowerPoint presentation (.ppt)"},
    {"application/msword", "an old Word document (.doc)"},
    {"application/vnd.ms-excel", "an old Excel workbook (.xls)"},
    {"application/CDFV2", "an old Office document"},
    {"application/octet-stream", "unrecognised binary data"},
    {"application/x-executable", "a program"},
    {"application/x-pie-executable", "a program"},
    {"application/x-sharedlib", "a program"},
    {"application/x-dosexec", "a program"},
    {"application/gzip", "a gzip archive"},
    {"application/x-tar", "a tar archive"},
    {"application/x-7z-compressed", "a 7-Zip archive"},
    {"text/html", "an HTML page"},
}};

constexpr std::array<std::string_view, 6> kImageExtensions = {"png", "jpg",  "jpeg",
                                                              "gif", "webp", "svg"};

// Encrypted OOXML is an OLE container that libmagic names by its encryption.
constexpr std::array<std::string_view, 2> kEncryptedOffice = {"application/encrypted",
                                                              "application/CDFV2-encrypted"};

bool IsZipSignature(std::string_view content) { return content.starts_with("PK\x03\x04"); }

bool IsZipFamily(std::string_view sniffed, std::string_view content) {
  return IsZipSignature(content) || sniffed == kZipType ||
         sniffed == "application/x-zip-compressed";
}

bool IsOfficeType(std::string_view sniffed) {
  for (const ZipFormat& format : kZipFormats) {
    if (sniffed == format.media_type) return true;
  }
  return sniffed.starts_with("application/vnd.openxmlformats-officedocument.") ||
         sniffed.starts_with("application/vnd.oasis.opendocument.");
}

// Text that libmagic may call something else (a Markdown file starting with "<div>" or "{").
bool LooksLikeText(std::string_view sniffed, std::string_view content) {
  if (sniffed.starts_with("text/")) return true;
  return std::memchr(content.data(), '\0', content.size()) == nullptr && IsValidUtf8(content);
}

Error Mismatch(std::string_view extension, std::string_view sniffed) {
  return Error{ErrorCode::kInvalidInput, "The file is called ." + std::string(extension) +
                                             " but holds " + DescribeMediaType(sniffed) + "."};
}

}  // namespace

std::string DescribeMediaType(std::string_view media_type) {
  for (const Description& description : kDescriptions) {
    if (media_type == description.media_type) return std::string(description.phrase);
  }
  if (media_type.starts_with("text/")) return "text";
  if (media_type.starts_with("image/")) return "an image";
  if (media_type.starts_with("video/")) return "a video";
  if (media_type.starts_with("audio/")) return "audio";
  if (media_type.empty()) return "data of an unknown type";
  return "data of type " + std::string(media_type);
}

Result<std::string> CheckMediaType(std::string_view sniffed, std::string_view content,
                                   std::string_view name) {
  if (content.empty()) return Error{ErrorCode::kInvalidInput, "The file is empty."};
  const std::string extension = FileExtension(name);

  if (extension == "pdf") {
    // poppler, like most readers, accepts a header a little way into the file.
    if (sniffed == kPdfType || content.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
      return std::string(kPdfType);
    }
    return Mismatch(extension, sniffed);
  }

  for (const ZipFormat& format : kZipFormats) {
    if (extension != format.extension) continue;
    if (sniffed == format.media_type) return std::string(format.media_type);
    if (IsOfficeType(sniffed)) return Mismatch(extension, sniffed);
    if (IsZipFamily(sniffed, content)) return std::string(format.media_type);
    for (std::string_view encrypted : kEncryptedOffice) {
      // Extraction then answers that the document is password-protected.
      if (sniffed == encrypted && format.ooxml) return std::string(format.media_type);
    }
    return Mismatch(extension, sniffed);
  }

  if (extension == "md" || extension == "markdown" || extension == "txt") {
    if (!LooksLikeText(sniffed, content)) return Mismatch(extension, sniffed);
    return std::string(extension == "txt" ? kPlainTextType : kMarkdownType);
  }

  for (std::string_view image : kImageExtensions) {
    if (extension != image) continue;
    if (sniffed.starts_with("image/")) return std::string(sniffed);
    // libmagic calls SVG without a doctype XML or text.
    if (extension == "svg" && LooksLikeText(sniffed, content) &&
        content.substr(0, 64 * 1024).find("<svg") != std::string_view::npos) {
      return std::string(kSvgType);
    }
    return Mismatch(extension, sniffed);
  }

  if (sniffed.empty()) return std::string("application/octet-stream");
  return std::string(sniffed);
}

}  // namespace kring::extract
