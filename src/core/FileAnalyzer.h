// FileAnalyzer: what a file is (from its bytes, not its name) and what text it holds
// (extract/). Extraction of untrusted files runs in a child process with limits.
#pragma once

#include <string>
#include <string_view>

#include "core/File.h"
#include "core/Result.h"

namespace kring {

class FileAnalyzer {
 public:
  virtual ~FileAnalyzer() = default;

  // The media type of `content` (sniffed), checked against the extension of `name`.
  // Errors (kInvalidInput, with a sentence a member understands): empty content; content that
  // does not match the extension ("slides.pdf" holding a ZIP archive, "deck.pptx" that is not
  // a ZIP archive). Thread-safe.
  virtual Result<std::string> DetectMediaType(std::string_view content,
                                              std::string_view name) const = 0;

  // Extracts the text of the file at `path`. Never fails as a call: a file that cannot be read
  // (truncated, encrypted, a zip bomb, over the time or memory limit) answers an Extraction in
  // state kFailed with the reason. Slow (a child process): never call it on an HTTP I/O thread.
  // Thread-safe.
  virtual Extraction Extract(const std::string& path, std::string_view media_type) const = 0;
};

}  // namespace kring
