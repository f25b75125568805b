// Text helpers for the extractors: building a section's text under a cap, and the last pass
// that makes every Extraction safe to store and index (valid UTF-8, no control characters,
// within ExtractLimits). Pure functions and a value type: thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/File.h"
#include "extract/ExtractLimits.h"

namespace kring::extract {

// `s` as valid UTF-8: each byte that does not start or continue a well-formed character
// becomes U+FFFD; CR LF and lone CR become LF; other C0 controls but TAB and LF, and DEL, are
// dropped.
std::string ToValidUtf8(std::string_view s);

// The length of the longest prefix of `s` no longer than `max_bytes` that does not end inside
// a UTF-8 character.
size_t Utf8PrefixLength(std::string_view s, size_t max_bytes);

// Collects the text of one section: runs, line ends between paragraphs, separators between
// cells. Never holds more than `max_bytes`; what comes after is dropped.
class TextBuilder {
 public:
  explicit TextBuilder(size_t max_bytes) : max_bytes_(max_bytes) {}

  void Append(std::string_view text);
  // One space, unless the line is empty or already ends in a blank.
  void AppendSpace();
  // Ends the current line; never makes an empty line.
  void EndLine();
  // Replaces the blanks (spaces, tabs) at the end of the line with `separator`; nothing on an
  // empty line.
  void Separate(char separator);
  // True once something was dropped for the cap.
  bool full() const { return full_; }
  bool empty() const { return text_.empty(); }
  // The text with trailing whitespace removed; the builder is empty afterwards.
  std::string Take();

 private:
  size_t max_bytes_;
  std::string text_;
  bool full_ = false;
};

// True while `extraction` may take another section: fewer than limits.max_sections, and less
// text so far than limits.max_text_bytes (FinishExtraction would drop more).
bool HasRoomForSection(const Extraction& extraction, const ExtractLimits& limits);

// Appends a section numbered one past the last (1 for the first).
void AddNumberedSection(Extraction& extraction, std::string text);

// An extraction in state kFailed with `message` (one sentence for members).
Extraction FailedExtraction(std::string message);

// Makes `extraction` safe: title, error and texts valid UTF-8 (ToValidUtf8, trimmed; texts
// without leading or trailing blank lines or more than one empty line in a row), at most
// limits.max_sections sections, at most limits.max_text_bytes of text over all sections (the
// section where the cap falls is cut at a character, later ones are left out). A failed
// extraction keeps no sections.
void FinishExtraction(Extraction& extraction, const ExtractLimits& limits);

}  // namespace kring::extract
