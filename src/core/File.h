// Files attached to pages (slides, notes, sheets) and the text extracted from them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Visibility.h"

namespace kring {

// One searchable part of a file: a page of a PDF, a slide of a deck (with its speaker notes),
// a sheet of a workbook; number 0 with an empty label is the whole document (DOCX, ODT, text).
struct FileSection {
  int number = 0;
  std::string text;
};

enum class ExtractionState { kPending, kDone, kFailed };

// "pending", "done", "failed".
std::string_view ExtractionStateName(ExtractionState state);

// What text extraction found in a file.
struct Extraction {
  ExtractionState state = ExtractionState::kDone;  // kDone or kFailed
  std::string error;         // why it failed, one sentence for members (kFailed only)
  std::string title;         // from the file's metadata, or empty
  std::string section_kind;  // "page", "slide", "sheet", or "" (one section)
  std::vector<FileSection> sections;
};

struct StoredFile {
  int64_t id = 0;
  std::string page_slug;   // the page it is attached to
  std::string name;        // as uploaded, sanitised (no path, valid UTF-8)
  std::string media_type;  // from the content (libmagic), e.g. "application/pdf"
  int64_t size = 0;
  std::string sha256;  // hex, lowercase: the content's address in the blob store
  std::string author;
  std::string created_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  ExtractionState extraction = ExtractionState::kPending;
  std::string extraction_error;
  std::string title;                  // from the file's metadata, or empty
  std::string section_kind;           // see Extraction
  std::vector<FileSection> sections;  // filled by FileStore::GetFile, empty in lists
  // Its page's current visibility: a file is as visible as the page it is attached to.
  Visibility visibility = Visibility::kPublic;
};

// A file to store.
struct NewFile {
  std::string page_slug;
  std::string name;
  std::string media_type;
  std::string author;
  std::string_view content;
};

// The file's extension, lowercased, without the dot ("Slides.PDF" → "pdf"); "" when none.
std::string FileExtension(std::string_view name);

// The URL of a file's content: "/f/{id}/{percent-encoded name}".
std::string FileUrl(const StoredFile& file);

}  // namespace kring
