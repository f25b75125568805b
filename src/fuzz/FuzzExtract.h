// A fuzz target over the zip + XML extractors: the bytes as a ZIP archive, extracted as each of
// PPTX, DOCX, XLSX, ODP, ODT and ODS, in process. Shaped like LLVMFuzzerTestOneInput: the
// doctest suite runs it over mutated seeds, and -DKRING_FUZZ=ON builds a libFuzzer binary
// (src/extract/fuzz/). Small zip limits keep each run fast; the guards are the same code.
// Aborts (std::abort, which fuzzers report) when an answer breaks the Extraction contract:
// kFailed without a reason or with sections, kDone with a reason, text that is not valid UTF-8,
// more text or sections than the limits. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "extract/ExtractLimits.h"

namespace kring::extract {

// The limits the fuzz target runs under.
ExtractLimits FuzzLimits();

// Always answers 0 (libFuzzer's convention).
int FuzzExtractZipXml(const uint8_t* data, size_t size);

}  // namespace kring::extract
