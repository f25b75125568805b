#include "core/File.h"

#include "core/Text.h"

namespace kring {

std::string_view ExtractionStateName(ExtractionState state) {
  switch (state) {
    case ExtractionState::kPending:
      return "pending";
    case ExtractionState::kDone:
      return "done";
    case ExtractionState::kFailed:
      return "failed";
  }
  return "pending";
}

std::string FileExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return "";
  return ToLower(name.substr(dot + 1));
}

std::string FileUrl(const StoredFile& file) {
  return "/f/" + std::to_string(file.id) + "/" + PercentEncode(file.name);
}

}  // namespace kring
