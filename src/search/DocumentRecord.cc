#include "search/DocumentRecord.h"

#include <charconv>
#include <initializer_list>

#include "core/File.h"
#include "core/Text.h"

namespace kring::search {

namespace {

constexpr std::string_view kVersion1 = "1;";
constexpr std::string_view kVersion2 = "2;";
constexpr std::string_view kVersion3 = "3;";

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

// A whole field as a decimal number; an empty field is not one.
template <typename Number>
bool ParseNumber(const std::string& field, Number& number) {
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), number);
  return ec == std::errc() && end == field.data() + field.size() && !field.empty();
}

}  // namespace

std::string EncodeDocumentRecord(const DocumentRecord& record) {
  const std::string file_id = std::to_string(record.file_id);
  const std::string section = std::to_string(record.section);
  std::string out(kVersion3);
  out.reserve(kVersion3.size() + record.slug.size() + record.title.size() + record.text.size() +
              record.file_name.size() + record.organisation.size() + 96);
  for (std::string_view field :
       {std::string_view(record.slug), std::string_view(record.title),
        std::string_view(record.kind), std::string_view(record.date), std::string_view(record.text),
        std::string_view(file_id), std::string_view(record.file_name),
        std::string_view(record.file_type), std::string_view(section),
        std::string_view(record.section_kind), std::string_view(record.organisation)}) {
    AppendField(out, field);
  }
  return out;
}

std::optional<DocumentRecord> DecodeDocumentRecord(std::string_view data) {
  const bool version3 = data.starts_with(kVersion3);
  const bool version2 = version3 || data.starts_with(kVersion2);  // version 3 extends version 2
  if (!version2 && !data.starts_with(kVersion1)) return std::nullopt;
  data.remove_prefix(kVersion3.size());  // every version's marker is two bytes
  DocumentRecord record;
  for (std::string* field :
       {&record.slug, &record.title, &record.kind, &record.date, &record.text}) {
    if (!ReadField(data, *field)) return std::nullopt;
  }
  if (version2) {
    std::string file_id;
    std::string section;
    for (std::string* field :
         {&file_id, &record.file_name, &record.file_type, &section, &record.section_kind}) {
      if (!ReadField(data, *field)) return std::nullopt;
    }
    if (!ParseNumber(file_id, record.file_id) || !ParseNumber(section, record.section)) {
      return std::nullopt;
    }
  }
  if (version3 && !ReadField(data, record.organisation)) return std::nullopt;
  if (!data.empty()) return std::nullopt;
  return record;
}

std::string HitUrl(const DocumentRecord& record) {
  if (record.file_id == 0) return "/p/" + PercentEncode(record.slug);
  const std::string file_page = "/f/" + std::to_string(record.file_id);
  if (record.section <= 0) return file_page;
  const std::string number = std::to_string(record.section);
  if (record.section_kind == "page" && record.file_type == "pdf") {
    // Browsers' PDF viewers open at the page named by the "#page=N" fragment (RFC 8118).
    StoredFile file;
    file.id = record.file_id;
    file.name = record.file_name;
    return FileUrl(file) + "#page=" + number;
  }
  if (record.section_kind == "slide") return file_page + "#slide-" + number;
  if (record.section_kind == "sheet") return file_page + "#sheet-" + number;
  return file_page;
}

std::string_view CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the sequence that would be split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace kring::search
