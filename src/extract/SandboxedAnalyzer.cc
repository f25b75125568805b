#include "extract/SandboxedAnalyzer.h"

#include <csignal>
#include <exception>
#include <filesystem>
#include <utility>

#include "extract/ChildProcess.h"
#include "extract/ExtractionJson.h"
#include "extract/Extractors.h"
#include "extract/TextOutput.h"

namespace kring {

SandboxedAnalyzer::SandboxedAnalyzer(std::vector<std::string> command, SandboxLimits limits)
    : command_(std::move(command)), limits_(limits) {}

Result<std::string> SandboxedAnalyzer::DetectMediaType(std::string_view content,
                                                       std::string_view name) const {
  return detector_.Detect(content, name);
}

Extraction SandboxedAnalyzer::Extract(const std::string& path, std::string_view media_type) const {
  using extract::ChildResult;
  using extract::FailedExtraction;
  if (!extract::HasExtractor(media_type)) return Extraction{};

  std::vector<std::string> argv = command_;
  argv.insert(argv.end(), {"--type", std::string(media_type)});
  // Absolute, so that a name starting with '-' cannot pass for an option.
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error);
  argv.push_back(error ? path : absolute.string());

  ChildResult child;
  try {
    child = extract::RunChild(argv, limits_);
  } catch (const std::exception& failure) {
    // FileAnalyzer::Extract never fails as a call (std::bad_alloc for the output, say).
    return FailedExtraction(std::string("The text extractor failed (") + failure.what() + ").");
  }
  const bool over_cpu =
      limits_.cpu_seconds > 0 && child.cpu_seconds >= static_cast<double>(limits_.cpu_seconds);
  switch (child.end) {
    case ChildResult::End::kError:
      return FailedExtraction("The text extractor could not be started (" + child.error + ").");
    case ChildResult::End::kTimedOut:
      return FailedExtraction("Extracting the text took too long.");
    case ChildResult::End::kOutputTooLarge:
      return FailedExtraction("The extracted text is larger than allowed.");
    case ChildResult::End::kSignaled:
      // RLIMIT_CPU sends SIGXCPU, then SIGKILL at the hard limit.
      if (child.code == SIGXCPU || (child.code == SIGKILL && over_cpu)) {
        return FailedExtraction("Extracting the text took too long.");
      }
      return FailedExtraction("The file could not be read (the extractor stopped: signal " +
                              std::to_string(child.code) + ").");
    case ChildResult::End::kExited:
      break;
  }
  if (child.code != 0) {
    return FailedExtraction("The file could not be read (the extractor exited with status " +
                            std::to_string(child.code) + ").");
  }
  Result<Extraction> extraction = extract::ExtractionFromJson(child.output);
  if (!extraction.ok()) {
    return FailedExtraction("The file could not be read (the extractor's answer was unreadable).");
  }
  // The child applied the caps already; a second pass costs little and trusts nothing.
  extract::FinishExtraction(extraction.value(), extract::ExtractLimits{});
  return std::move(extraction.value());
}

}  // namespace kring
