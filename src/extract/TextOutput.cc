#include "extract/TextOutput.h"

#include <cstdint>
#include <utility>

#include "core/Text.h"

namespace kring::extract {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 character at the start of `s` (at least 2 bytes long:
// the caller handles ASCII), or 0 when it is not one.
size_t MultiByteLength(std::string_view s) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  size_t length = 0;
  uint32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (s.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not characters.
  if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000)) return 0;
  if (code >= 0xD800 && code <= 0xDFFF) return 0;
  if (code > 0x10FFFF) return 0;
  return length;
}

// Leading and trailing blank lines and trailing spaces go, and no more than one empty line in a
// row stays (PDF pages end in runs of them).
std::string TidyLines(std::string_view text) {
  const size_t first = text.find_first_not_of('\n');
  const size_t last = text.find_last_not_of(" \t\n");
  if (first == std::string_view::npos || last == std::string_view::npos || last < first) return "";
  text = text.substr(first, last - first + 1);
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  for (char c : text) {
    newlines = c == '\n' ? newlines + 1 : 0;
    if (newlines <= 2) out += c;
  }
  return out;
}

}  // namespace

std::string ToValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\r') {
        out += '\n';
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      } else if (c >= 0x20 || c == '\n' || c == '\t') {
        if (c != 0x7F) out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const size_t length = MultiByteLength(s.substr(i));
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, length));
      i += length;
    }
  }
  return out;
}

size_t Utf8PrefixLength(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  size_t end = max_bytes;
  // Back off over at most three continuation bytes to the start of the cut character.
  for (int i = 0; i < 3 && end > 0 && IsContinuation(static_cast<unsigned char>(s[end])); ++i) {
    --end;
  }
  return end;
}

void TextBuilder::Append(std::string_view text) {
  if (full_) return;
  const size_t room = max_bytes_ - text_.size();
  if (text.size() > room) {
    text = text.substr(0, room);
    full_ = true;
  }
  text_.append(text);
}

void TextBuilder::AppendSpace() {
  if (text_.empty() || text_.back() == ' ' || text_.back() == '\t' || text_.back() == '\n') return;
  Append(" ");
}

void TextBuilder::EndLine() {
  while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
  if (!text_.empty() && text_.back() != '\n') Append("\n");
}

void TextBuilder::Separate(char separator) {
  // The separator replaces trailing blanks ("zaken " then a cell break gives "zaken\t").
  while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
  if (text_.empty() || text_.back() == '\n') return;
  Append(std::string_view(&separator, 1));
}

std::string TextBuilder::Take() {
  while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t' || text_.back() == '\n')) {
    text_.pop_back();
  }
  std::string text = std::move(text_);
  text_.clear();
  full_ = false;
  return text;
}

bool HasRoomForSection(const Extraction& extraction, const ExtractLimits& limits) {
  if (extraction.sections.size() >= limits.max_sections) return false;
  size_t text_bytes = 0;
  for (const FileSection& section : extraction.sections) text_bytes += section.text.size();
  return text_bytes < limits.max_text_bytes;
}

void AddNumberedSection(Extraction& extraction, std::string text) {
  const int number = extraction.sections.empty() ? 1 : extraction.sections.back().number + 1;
  extraction.sections.push_back(FileSection{number, std::move(text)});
}

Extraction FailedExtraction(std::string message) {
  Extraction extraction;
  extraction.state = ExtractionState::kFailed;
  extraction.error = std::move(message);
  return extraction;
}

void FinishExtraction(Extraction& extraction, const ExtractLimits& limits) {
  extraction.title = Trim(ToValidUtf8(extraction.title));
  extraction.error = Trim(ToValidUtf8(extraction.error));
  extraction.section_kind = ToValidUtf8(extraction.section_kind);
  if (extraction.state == ExtractionState::kFailed) {
    extraction.sections.clear();
    return;
  }
  if (extraction.sections.size() > limits.max_sections) {
    extraction.sections.resize(limits.max_sections);
  }
  size_t room = limits.max_text_bytes;
  size_t kept = 0;
  for (FileSection& section : extraction.sections) {
    if (room == 0) break;
    std::string text = TidyLines(ToValidUtf8(section.text));
    text.resize(Utf8PrefixLength(text, room));
    room -= text.size();
    section.text = std::move(text);
    ++kept;
  }
  extraction.sections.resize(kept);
}

}  // namespace kring::extract
