// DocumentRecord: what a search result line needs, stored as a Xapian document's data so that a
// result page never reads SQLite per hit (ARCHITECTURE.md, "Search index").
//
// Format (version 3): "3;" then each field as "<byte length in decimal>:<bytes>", in the order
// slug, title, kind, date, text, file_id, file_name, file_type, section, section_kind,
// organisation (numbers in decimal). Length-prefixed so any byte may appear in a field; no JSON
// library needed in this layer. Older versions are still read, so an older index needs no
// rebuild: version 1 ("1;", the first five fields, pages only, from before files existed) and
// version 2 ("2;", the first ten fields, from before organisations).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kring::search {

struct DocumentRecord {
  std::string slug;   // the page, or the page the file is attached to
  std::string title;  // the page's title, or the file's (metadata title, else its name)
  std::string kind;   // KindName() of the page (for a file: of its page; empty when gone)
  std::string date;   // "YYYY-MM-DD" or empty
  std::string text;   // plain text to build snippets from (possibly cut, see kMaxSnippetSource)
  // A section of a file when file_id != 0:
  int64_t file_id = 0;
  std::string file_name = {};
  std::string file_type = {};     // FileTypeOf(), "pdf"
  int section = 0;                // page, slide or sheet number; 0 for the whole file
  std::string section_kind = {};  // "page", "slide", "sheet" or ""
  // The page's organisation as written (for a file: its page's), or empty.
  std::string organisation = {};
};

// The plain text kept for snippets is cut to this many bytes (at a UTF-8 boundary): snippet time
// grows with the text, and a match past the cut still finds the page, its snippet then shows the
// beginning of the text.
inline constexpr size_t kMaxSnippetSource = 32 * 1024;

std::string EncodeDocumentRecord(const DocumentRecord& record);
// nullopt when `data` is not a record of a version this code reads.
std::optional<DocumentRecord> DecodeDocumentRecord(std::string_view data);

// Where a hit on the record opens (SearchHit::url): "/p/{slug}" for a page; for a file
// "/f/{id}/{percent-encoded name}#page=N" (a PDF page, straight into the browser's viewer),
// "/f/{id}#slide-N" or "/f/{id}#sheet-N" (the file's page, which anchors each slide and sheet),
// else "/f/{id}".
std::string HitUrl(const DocumentRecord& record);

// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, size_t max_bytes);

}  // namespace kring::search
