// The libFuzzer entry point of one target: compiled once per target with KRING_FUZZ_TARGET set
// to its function (src/fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>

#include "fuzz/FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return kring::fuzz::KRING_FUZZ_TARGET(data, size);
}
