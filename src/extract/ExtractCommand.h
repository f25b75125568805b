// The child side of SandboxedAnalyzer: what `kring extract-file --type MEDIA_TYPE PATH` runs.
// It extracts in this process (no limits of its own: the parent set them before exec) and
// writes the Extraction as JSON (ExtractionJson.h) to stdout. Meant to be the only work of a
// short-lived process: it silences poppler's diagnostics process-wide.
#pragma once

#include <string>

namespace kring {

// Extracts the file at `path` as `media_type` and writes the answer to stdout. Answers the
// exit status: 0 when the answer was written (a file that could not be read is an answer too:
// state "failed"), 1 when writing stdout failed.
int RunExtractFile(const std::string& path, const std::string& media_type);

// The same from a command line: argv[0] is skipped, then exactly "--type MEDIA_TYPE PATH"
// ("--type=MEDIA_TYPE" too; "--" may precede PATH). A malformed command line prints the usage
// on stderr and answers 2.
int RunExtractFileCommand(int argc, char** argv);

}  // namespace kring
