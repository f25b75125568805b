// The media types Kring extracts text from, and the check of a sniffed type against a file's
// extension (what DetectMediaType answers). Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/Result.h"

namespace kring::extract {

inline constexpr std::string_view kPdfType = "application/pdf";
inline constexpr std::string_view kPptxType =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";
inline constexpr std::string_view kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr std::string_view kOdpType = "application/vnd.oasis.opendocument.presentation";
inline constexpr std::string_view kOdtType = "application/vnd.oasis.opendocument.text";
inline constexpr std::string_view kOdsType = "application/vnd.oasis.opendocument.spreadsheet";
inline constexpr std::string_view kZipType = "application/zip";
inline constexpr std::string_view kMarkdownType = "text/markdown";
inline constexpr std::string_view kPlainTextType = "text/plain";
inline constexpr std::string_view kSvgType = "image/svg+xml";

// The media type to store for `content` named `name`, given what libmagic called it
// (`sniffed`). By extension:
// - pdf: the content must be a PDF.
// - pptx, docx, xlsx, odp, odt, ods: the content must be a ZIP archive (libmagic names the
//   precise type, or only "zip", or "octet-stream" for some producers: the ZIP signature
//   decides) and not another office type; an encrypted Office document is accepted too. The
//   answer is the precise type of the extension.
// - md, markdown, txt: text (libmagic's text/*, or valid UTF-8 without NUL bytes); answers
//   text/markdown or text/plain.
// - png, jpg, jpeg, gif, webp, svg: an image (any image type: a JPEG saved as .png is
//   harmless); answers the sniffed type (image/svg+xml for SVG that libmagic calls XML).
// - anything else: the sniffed type, as it is.
// Errors (kInvalidInput): empty content ("The file is empty."); a mismatch ("The file is called
// .pdf but holds a ZIP archive.").
Result<std::string> CheckMediaType(std::string_view sniffed, std::string_view content,
                                   std::string_view name);

// A phrase for messages: "a PDF document", "a ZIP archive", "text", "an image"...
std::string DescribeMediaType(std::string_view media_type);

}  // namespace kring::extract
