#include "extract/ExtractCommand.h"

#include <cstdio>
#include <string_view>

#include "extract/ExtractionJson.h"
#include "extract/Extractors.h"

namespace kring {

int RunExtractFile(const std::string& path, const std::string& media_type) {
  extract::SilencePdfDiagnostics();
  const std::string json = extract::ExtractionToJson(extract::ExtractFile(path, media_type));
  if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size()) return 1;
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int RunExtractFileCommand(int argc, char** argv) {
  std::string type;
  std::string path;
  bool have_type = false;
  bool have_path = false;
  bool options_done = false;
  bool malformed = false;
  for (int i = 1; i < argc && !malformed; ++i) {
    const std::string_view arg = argv[i];
    if (!options_done && arg == "--type" && i + 1 < argc) {
      type = argv[++i];
      have_type = true;
    } else if (!options_done && arg.starts_with("--type=")) {
      type = arg.substr(7);
      have_type = true;
    } else if (!options_done && arg == "--") {
      options_done = true;
    } else if (!have_path && (options_done || !arg.starts_with("-"))) {
      path = arg;
      have_path = true;
    } else {
      malformed = true;  // an unknown option or a second path
    }
  }
  if (malformed || !have_type || !have_path) {
    std::fprintf(stderr, "usage: %s --type MEDIA_TYPE PATH\n", argc > 0 ? argv[0] : "extract-file");
    return 2;
  }
  return RunExtractFile(path, type);
}

}  // namespace kring
