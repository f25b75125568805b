// DocumentRecord: what a search result line needs, stored as a Xapian document's data so that a
// result page never reads SQLite per hit (ARCHITECTURE.md, "Search index").
//
// Format (version 1): "1;" then each field as "<byte length in decimal>:<bytes>", in the order
// slug, title, kind, date, text. Length-prefixed so any byte may appear in a field; no JSON
// library needed in this layer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kring::search {

struct DocumentRecord {
  std::string slug;
  std::string title;
  std::string kind;  // KindName()
  std::string date;  // "YYYY-MM-DD" or empty
  std::string text;  // plain text to build snippets from (possibly cut, see kMaxSnippetSource)
};

// The plain text kept for snippets is cut to this many bytes (at a UTF-8 boundary): snippet time
// grows with the text, and a match past the cut still finds the page, its snippet then shows the
// beginning of the text.
inline constexpr size_t kMaxSnippetSource = 32 * 1024;

std::string EncodeDocumentRecord(const DocumentRecord& record);
// nullopt when `data` is not a record of a version this code reads.
std::optional<DocumentRecord> DecodeDocumentRecord(std::string_view data);

// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 sequence.
std::string_view CutUtf8(std::string_view text, size_t max_bytes);

}  // namespace kring::search
