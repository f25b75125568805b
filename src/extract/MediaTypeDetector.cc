#include "extract/MediaTypeDetector.h"

#include <magic.h>

#include <algorithm>

#include "extract/MediaTypes.h"

namespace kring::extract {
namespace {

// Enough for every signature Kring distinguishes (libmagic finds OOXML types in the first
// entries of the ZIP directory), small enough to bound libmagic's work.
constexpr size_t kSniffBytes = 64 * 1024;

}  // namespace

void MediaTypeDetector::Closer::operator()(magic_set* magic) const { magic_close(magic); }

MediaTypeDetector::MediaTypeDetector() {
  std::unique_ptr<magic_set, Closer> magic(magic_open(MAGIC_MIME_TYPE));
  if (!magic) {
    load_error_ = "libmagic could not start.";
    return;
  }
  if (magic_load(magic.get(), nullptr) != 0) {
    const char* error = magic_error(magic.get());
    load_error_ = "libmagic could not load its database: " +
                  std::string(error != nullptr ? error : "unknown error") + ".";
    return;
  }
  magic_ = std::move(magic);
}

Result<std::string> MediaTypeDetector::Detect(std::string_view content,
                                              std::string_view name) const {
  if (content.empty()) return CheckMediaType("", content, name);
  if (!magic_) return Error{ErrorCode::kInternal, load_error_};
  std::string sniffed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const char* type =
        magic_buffer(magic_.get(), content.data(), std::min(content.size(), kSniffBytes));
    if (type == nullptr) {
      const char* error = magic_error(magic_.get());
      return Error{ErrorCode::kInternal,
                   "libmagic failed: " + std::string(error != nullptr ? error : "unknown error")};
    }
    sniffed = type;
  }
  return CheckMediaType(sniffed, content, name);
}

}  // namespace kring::extract
