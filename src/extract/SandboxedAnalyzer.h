// SandboxedAnalyzer: Kring's FileAnalyzer. Sniffs types in-process (MediaTypeDetector) and
// extracts text in a child process under SandboxLimits, so that a hostile or broken file (a
// poppler crash, a zip bomb, an endless loop) costs one child, never the server.
//
// The child is `command` followed by "--type MEDIA_TYPE PATH" (PATH made absolute), e.g.
// SandboxedAnalyzer({"/usr/bin/kring", "extract-file"}) runs
// "/usr/bin/kring extract-file --type application/pdf /data/files/ab/cd...": a program whose
// extract-file command calls RunExtractFile (ExtractCommand.h). command[0] is a path (no PATH
// search). Types without an extractor (images...) answer kDone with no sections, no child.
//
// Extract answers kFailed, with a sentence for members, when the child takes longer than the
// wall clock or its CPU time ("Extracting the text took too long."), dies of a signal ("The
// file could not be read (the extractor stopped: signal N)."), exits non-zero, answers
// something unreadable or too large, or cannot be started (a deployment problem, stored as a
// failed extraction all the same: FileAnalyzer has no "retry later").
// Thread-safe: each Extract runs its own child (the calling thread blocks on it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/FileAnalyzer.h"
#include "extract/MediaTypeDetector.h"
#include "extract/SandboxLimits.h"

namespace kring {

class SandboxedAnalyzer final : public FileAnalyzer {
 public:
  explicit SandboxedAnalyzer(std::vector<std::string> command, SandboxLimits limits = {});

  Result<std::string> DetectMediaType(std::string_view content,
                                      std::string_view name) const override;
  Extraction Extract(const std::string& path, std::string_view media_type) const override;

 private:
  std::vector<std::string> command_;
  SandboxLimits limits_;
  extract::MediaTypeDetector detector_;
};

}  // namespace kring
