#include "extract/ExtractionJson.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace kring::extract {
namespace {

using nlohmann::json;

Error Unreadable(std::string why) {
  return Error{ErrorCode::kInvalidInput, "unreadable extraction: " + std::move(why)};
}

// The string at `key`, "" when absent; false when present but not a string.
bool ReadString(const json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

std::string ExtractionToJson(const Extraction& extraction) {
  json sections = json::array();
  for (const FileSection& section : extraction.sections) {
    sections.push_back({{"number", section.number}, {"text", section.text}});
  }
  const json document = {
      {"state", extraction.state == ExtractionState::kFailed ? "failed" : "done"},
      {"error", extraction.error},
      {"title", extraction.title},
      {"section_kind", extraction.section_kind},
      {"sections", std::move(sections)},
  };
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Extraction> ExtractionFromJson(std::string_view text) {
  // No exceptions: a parse error gives a discarded value (nlohmann also rejects bad UTF-8).
  const json document = json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) return Unreadable("not a JSON object");
  Extraction extraction;
  std::string state;
  if (!ReadString(document, "state", state)) return Unreadable("state is not a string");
  if (state == "done") {
    extraction.state = ExtractionState::kDone;
  } else if (state == "failed") {
    extraction.state = ExtractionState::kFailed;
  } else {
    return Unreadable("unknown state '" + state + "'");
  }
  if (!ReadString(document, "error", extraction.error) ||
      !ReadString(document, "title", extraction.title) ||
      !ReadString(document, "section_kind", extraction.section_kind)) {
    return Unreadable("a text field is not a string");
  }
  const auto sections = document.find("sections");
  if (sections == document.end()) return extraction;
  if (!sections->is_array()) return Unreadable("sections is not an array");
  for (const json& section : *sections) {
    const auto number = section.is_object() ? section.find("number") : section.end();
    const auto body = section.is_object() ? section.find("text") : section.end();
    if (!section.is_object() || number == section.end() || !number->is_number_integer() ||
        body == section.end() || !body->is_string()) {
      return Unreadable("a section is not {number, text}");
    }
    const auto value = number->get<int64_t>();
    if (value < 0 || value > std::numeric_limits<int>::max()) {
      return Unreadable("a section number is out of range");
    }
    extraction.sections.push_back(FileSection{static_cast<int>(value), body->get<std::string>()});
  }
  return extraction;
}

}  // namespace kring::extract
