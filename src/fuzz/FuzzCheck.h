// FuzzCheck: how a fuzz target reports a broken contract (FuzzTargets.h). Internal to src/fuzz.
#pragma once

#include <string_view>

namespace kring::fuzz {

// When `holds` is false: writes "fuzz contract broken: {what}" to stderr and aborts, which
// libFuzzer reports as a crash and saves the input for.
void Require(bool holds, std::string_view what);

}  // namespace kring::fuzz
