// How the sandbox's child hands an Extraction to the parent: one JSON document on stdout,
// {"state": "done"|"failed", "error", "title", "section_kind",
//  "sections": [{"number": N, "text": "..."}]}. Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/File.h"
#include "core/Result.h"

namespace kring::extract {

// Invalid UTF-8 (there should be none after FinishExtraction) is written as U+FFFD.
std::string ExtractionToJson(const Extraction& extraction);

// Errors (kInvalidInput): not JSON, not valid UTF-8, a missing or mistyped field, a state other
// than "done" or "failed".
Result<Extraction> ExtractionFromJson(std::string_view json);

}  // namespace kring::extract
