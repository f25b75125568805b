#include "search/DocumentRecord.h"

#include <charconv>

namespace kring::search {

namespace {

constexpr std::string_view kVersion = "1;";

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

// Reads one "<length>:<bytes>" field from the front of `data` and advances past it.
bool ReadField(std::string_view& data, std::string& field) {
  size_t colon = data.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  size_t length = 0;
  auto [end, ec] = std::from_chars(data.data(), data.data() + colon, length);
  if (ec != std::errc() || end != data.data() + colon) return false;
  data.remove_prefix(colon + 1);
  if (length > data.size()) return false;
  field.assign(data.substr(0, length));
  data.remove_prefix(length);
  return true;
}

}  // namespace

std::string EncodeDocumentRecord(const DocumentRecord& record) {
  std::string out(kVersion);
  out.reserve(kVersion.size() + record.slug.size() + record.title.size() + record.text.size() + 64);
  for (const std::string* field :
       {&record.slug, &record.title, &record.kind, &record.date, &record.text}) {
    AppendField(out, *field);
  }
  return out;
}

std::optional<DocumentRecord> DecodeDocumentRecord(std::string_view data) {
  if (!data.starts_with(kVersion)) return std::nullopt;
  data.remove_prefix(kVersion.size());
  DocumentRecord record;
  for (std::string* field :
       {&record.slug, &record.title, &record.kind, &record.date, &record.text}) {
    if (!ReadField(data, *field)) return std::nullopt;
  }
  if (!data.empty()) return std::nullopt;
  return record;
}

std::string_view CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the sequence that would be split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace kring::search
