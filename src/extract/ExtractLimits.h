// ExtractLimits: how much an extraction may read and answer. The zip limits refuse archives that
// would expand past them (zip bombs); the text limits cap what is stored and indexed.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kring::extract {

inline constexpr uint64_t kMiB = 1024 * 1024;

struct ZipLimits {
  uint64_t max_entries = 10'000;
  uint64_t max_entry_bytes = 200 * kMiB;  // uncompressed, as the archive declares it
  uint64_t max_total_bytes = 500 * kMiB;  // declared, and also what is actually read
  uint64_t max_ratio = 200;               // uncompressed : compressed, for entries over...
  uint64_t ratio_min_bytes = 1 * kMiB;    // ...this size (small entries compress well)
  // Hard cap on one part read into memory for parsing, whatever its header says.
  uint64_t max_part_bytes = 64 * kMiB;
};

struct ExtractLimits {
  ZipLimits zip;
  size_t max_text_bytes = 5 * kMiB;  // over all sections; the rest is cut at a character
  size_t max_sections = 2'000;       // pages, slides or sheets past this are left out
};

}  // namespace kring::extract
