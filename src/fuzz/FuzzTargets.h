// FuzzTargets: Kring's fuzz targets, one function per input format members or clients can hand
// the server, each with the semantics of libFuzzer's LLVMFuzzerTestOneInput: it takes any
// bytes, always answers 0, and aborts (std::abort via FuzzCheck.h, which fuzzers report as a
// crash) when the code under test breaks its contract. An exception that escapes a target is
// a finding too: each one calls code documented as not throwing.
//
// Built twice: into kring_fuzz for the normal (gcc) build, where tests/fuzz replays every seed
// and regression input of tests/fuzz/ through each target, and with -DKRING_FUZZ=ON (clang)
// into one libFuzzer binary per target (FuzzerMain.cc; scripts/fuzz runs them).
// Thread-safety: a target may be called from one thread at a time (libFuzzer's way).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace kring::fuzz {

using FuzzFunction = int (*)(const uint8_t* data, size_t size);

// Markdown with [[wiki links]] through CmarkRenderer: Render and RewriteLinks.
int FuzzMarkdown(const uint8_t* data, size_t size);
// A multipart/form-data request: the Content-Type line, "\n", then the body.
int FuzzMultipart(const uint8_t* data, size_t size);
// A Markdown file with YAML front matter: ParseMarkdownFile, the exporter's front matter read
// back, MarkdownFile's link rewriting.
int FuzzFrontMatter(const uint8_t* data, size_t size);
// A search as a member types it (query text, then optional filters), through
// XapianSearchIndex::Search and Suggest on a small real index.
int FuzzSearchQuery(const uint8_t* data, size_t size);
// A ZIP archive extracted as PPTX, DOCX, XLSX, ODP, ODT and ODS (FuzzExtract.h).
int FuzzExtractZipXml(const uint8_t* data, size_t size);

struct FuzzTarget {
  std::string_view name;  // folder of tests/fuzz/{seeds,regressions}/ and the binary fuzz_{name}
  FuzzFunction run;
};

// Every target, in the order above.
std::span<const FuzzTarget> AllFuzzTargets();

}  // namespace kring::fuzz
