// The in-process text extractors, one per format, and ExtractFile, which picks one by media
// type. They read untrusted files: the app runs them only in the sandbox's child process
// (SandboxedAnalyzer, ExtractCommand.h); tests and the fuzz target call them directly.
//
// A file that cannot be read answers state kFailed with one sentence for members. ExtractFile
// never throws (it turns exceptions, std::bad_alloc under the sandbox's memory limit included,
// into kFailed) and applies FinishExtraction (valid UTF-8, the text and section caps); the
// per-format functions may throw std::bad_alloc and leave FinishExtraction to their caller.
// Sections: PDF one per page ("page", numbered from 1); PPTX and ODP one per slide, speaker
// notes included ("slide"); XLSX and ODS one per sheet, the sheet's name on the first line
// ("sheet"); DOCX, ODT and text one section numbered 0 (kind ""). Other types: kDone, no
// sections. Thread-safe on distinct archives, except ExtractPdf (poppler's global state: one
// PDF at a time per process, which is how the child runs it).
#pragma once

#include <string>
#include <string_view>

#include "core/File.h"
#include "extract/ExtractLimits.h"
#include "extract/ZipArchive.h"

namespace kring::extract {

// True when ExtractFile has an extractor for `media_type` (PDF, the OOXML and ODF types,
// text/*); other files answer kDone with no sections.
bool HasExtractor(std::string_view media_type);
// True for the zip-based types (PPTX, DOCX, XLSX, ODP, ODT, ODS).
bool IsZipBased(std::string_view media_type);

// Extracts the file at `path` as `media_type`, then FinishExtraction. Catches everything the
// libraries throw (std::bad_alloc under the sandbox's memory limit included).
Extraction ExtractFile(const std::string& path, std::string_view media_type,
                       const ExtractLimits& limits = {});

// The zip-based formats over an opened archive; `media_type` picks the format (IsZipBased).
Extraction ExtractFromZip(ZipArchive& zip, std::string_view media_type,
                          const ExtractLimits& limits);

Extraction ExtractPdf(const std::string& path, const ExtractLimits& limits);
Extraction ExtractPptx(ZipArchive& zip, const ExtractLimits& limits);
Extraction ExtractDocx(ZipArchive& zip, const ExtractLimits& limits);
Extraction ExtractXlsx(ZipArchive& zip, const ExtractLimits& limits);
Extraction ExtractOdp(ZipArchive& zip, const ExtractLimits& limits);
Extraction ExtractOdt(ZipArchive& zip, const ExtractLimits& limits);
Extraction ExtractOds(ZipArchive& zip, const ExtractLimits& limits);
// Text files: the whole text if it is valid UTF-8 (a BOM is dropped), else kFailed.
Extraction ExtractText(const std::string& path, const ExtractLimits& limits);

// Stops poppler from printing syntax errors of damaged PDFs on stderr (the Extraction carries
// the reason). Process-wide; call once, before any extraction, in the child.
void SilencePdfDiagnostics();

}  // namespace kring::extract
