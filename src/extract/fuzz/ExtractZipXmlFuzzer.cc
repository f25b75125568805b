// libFuzzer entry point for FuzzExtractZipXml (built with -DKRING_FUZZ=ON, clang only).
#include <cstddef>
#include <cstdint>

#include "extract/FuzzExtract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return kring::extract::FuzzExtractZipXml(data, size);
}
