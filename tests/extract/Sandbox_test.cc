// SandboxedAnalyzer: extraction in a real child process (extract_child, which runs what
// `kring extract-file` runs), its limits, and every way a child can go wrong.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "ExtractTesting.h"
#include "Fixtures.h"
#include "TempDir.h"
#include "ZipBuilder.h"
#include "extract/Extractors.h"
#include "extract/MediaTypes.h"
#include "extract/SandboxedAnalyzer.h"

namespace kring {
namespace {

using extract::testing::SectionsWith;
using Clock = std::chrono::steady_clock;
using extract::testing::ZipBuilder;

const std::vector<std::string> kChild = {EXTRACT_CHILD};

// A shell script standing in for the extractor (it gets "--type TYPE PATH" as $0 $1 $2).
std::vector<std::string> Shell(const std::string& script) { return {"/bin/sh", "-c", script}; }

TEST_CASE("the child extracts real files as the in-process extractors do") {
  const SandboxedAnalyzer analyzer(kChild);
  struct Case {
    std::string path;
    std::string_view media_type;
  };
  const Case cases[] = {
      {extract::testing::kRgbzPdf, extract::kPdfType},
      {extract::testing::kCrashCoursePdf, extract::kPdfType},
      {extract::testing::kAutorisatiePptx, extract::kPptxType},
      {extract::testing::kExpandXlsx, extract::kXlsxType},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    const Extraction sandboxed = analyzer.Extract(c.path, c.media_type);
    const Extraction direct = extract::ExtractFile(c.path, c.media_type);
    REQUIRE(sandboxed.state == ExtractionState::kDone);
    CHECK(sandboxed.title == direct.title);
    CHECK(sandboxed.section_kind == direct.section_kind);
    REQUIRE(sandboxed.sections.size() == direct.sections.size());
    for (size_t i = 0; i < direct.sections.size(); ++i) {
      CHECK(sandboxed.sections[i].number == direct.sections[i].number);
      CHECK(sandboxed.sections[i].text == direct.sections[i].text);
    }
  }
  const Extraction deck = analyzer.Extract(extract::testing::kAutorisatiePptx, extract::kPptxType);
  CHECK(SectionsWith(deck, "handvaten") == std::vector<int>{3});
}

TEST_CASE("bad files answer a failed extraction with a reason, through the sandbox") {
  const SandboxedAnalyzer analyzer(kChild);
  testing::TempDir dir;
  const std::string pdf = extract::testing::ReadBytes(extract::testing::kRgbzPdf);
  ZipBuilder many;
  for (int i = 0; i < 20'000; ++i) many.Add("f" + std::to_string(i), "", false);
  struct Case {
    std::string name;
    std::string content;
    std::string_view media_type;
    std::string error;
  };
  const Case cases[] = {
      {"half.pdf", pdf.substr(0, pdf.size() / 2), extract::kPdfType,
       "The PDF is damaged or incomplete."},
      {"locked.pdf", extract::testing::MinimalPdf("geheim", true), extract::kPdfType,
       "The PDF is password-protected."},
      {"not-a-zip.pptx", "plain text", extract::kPptxType, "The file is not a valid ZIP archive."},
      {"bomb.docx", extract::testing::ZerosBomb(), extract::kDocxType,
       "A file in the archive expands to more than 200 MiB: refused as a possible zip bomb."},
      {"many.xlsx", many.Build(), extract::kXlsxType,
       "The archive holds more than 10,000 files: refused as a possible zip bomb."},
      {"other.pptx", extract::testing::Zip({{"readme.txt", "hello"}}), extract::kPptxType,
       "The file is not a PowerPoint presentation: it has no slides."},
      {"broken.docx", extract::testing::Zip({{"word/document.xml", "<w:document><w:body>"}}),
       extract::kDocxType, "The file is damaged: word/document.xml is not well-formed XML."},
      {"latin1.md", "caf\xE9", extract::kMarkdownType, "The text is not valid UTF-8."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    extract::testing::WriteBytes(dir.File(c.name), c.content);
    const Extraction extraction = analyzer.Extract(dir.File(c.name), c.media_type);
    CHECK(extraction.state == ExtractionState::kFailed);
    CHECK(extraction.error == c.error);
    CHECK(extraction.sections.empty());
  }
  const Extraction missing = analyzer.Extract(dir.File("gone.pdf"), extract::kPdfType);
  CHECK(missing.state == ExtractionState::kFailed);
  CHECK(missing.error == "The PDF is damaged or incomplete.");
}

TEST_CASE("the child runs with limits, /dev/null for stdin and none of the parent's files") {
  SandboxLimits limits;
  limits.cpu_seconds = 7;
  limits.address_space_bytes = 512 * extract::kMiB;
  limits.open_files = 16;
  std::vector<std::string> probe = kChild;
  probe.push_back("probe");
  const SandboxedAnalyzer analyzer(probe, limits);
  // A descriptor the parent leaves open without close-on-exec, and SIGTERM blocked, as the
  // server has it: neither may reach the child.
  const int leaked = open("/dev/null", O_RDONLY);
  REQUIRE(leaked >= 0);
  sigset_t block, previous;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &block, &previous);
  const Extraction report = analyzer.Extract("/dev/null", "text/plain");
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  close(leaked);
  REQUIRE(report.state == ExtractionState::kDone);
  REQUIRE(report.sections.size() == 1);
#ifdef __SANITIZE_ADDRESS__
  // A sanitizer build's child keeps the test's own (unlimited) address space: ChildProcess.h.
  const std::string address_space = "unlimited", map_2gib = "ok";
#else
  const std::string address_space = "536870912", map_2gib = "failed";
#endif
  CHECK(report.sections[0].text == "cpu=7\nas=" + address_space +
                                       "\nfsize=0\nnofile=16\ncore=0\nstdin=null\nextra_fds=0\n"
                                       "sigterm_blocked=no\nmap_2gib=" +
                                       map_2gib);
}

TEST_CASE("a child past the wall clock is killed") {
  SandboxLimits limits;
  limits.wall_clock = std::chrono::milliseconds(300);
  const SandboxedAnalyzer analyzer(Shell("exec sleep 30"), limits);
  const auto start = Clock::now();
  const Extraction extraction = analyzer.Extract("/dev/null", "text/plain");
  CHECK(extraction.state == ExtractionState::kFailed);
  CHECK(extraction.error == "Extracting the text took too long.");
  CHECK(Clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a child past its CPU time is stopped") {
  SandboxLimits limits;
  limits.cpu_seconds = 1;
  const SandboxedAnalyzer analyzer(Shell("while :; do :; done"), limits);
  const Extraction extraction = analyzer.Extract("/dev/null", "text/plain");
  CHECK(extraction.state == ExtractionState::kFailed);
  CHECK(extraction.error == "Extracting the text took too long.");
}

TEST_CASE("a child that crashes, fails or talks nonsense gives a failed extraction") {
  SandboxLimits limits;
  limits.max_output_bytes = 1024 * 1024;
  struct Case {
    std::vector<std::string> command;
    std::string error;
  };
  const Case cases[] = {
      {Shell("kill -SEGV $$"), "The file could not be read (the extractor stopped: signal 11)."},
      {Shell("kill -ABRT $$"), "The file could not be read (the extractor stopped: signal 6)."},
      {Shell("exit 3"), "The file could not be read (the extractor exited with status 3)."},
      {Shell("echo hello"), "The file could not be read (the extractor's answer was unreadable)."},
      {Shell("echo '{\"state\": \"maybe\"}'"),
       "The file could not be read (the extractor's answer was unreadable)."},
      {Shell("head -c 2000000 /dev/zero"), "The extracted text is larger than allowed."},
      // It closes stdout early and lingers: the wall clock still applies.
      {Shell("exec >&-; sleep 30"), "Extracting the text took too long."},
      {{"/nonexistent/kring", "extract-file"},
       "The text extractor could not be started (No such file or directory)."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.command.back());
    SandboxLimits case_limits = limits;
    case_limits.wall_clock = std::chrono::milliseconds(800);
    const SandboxedAnalyzer analyzer(c.command, case_limits);
    const Extraction extraction = analyzer.Extract("/dev/null", "text/plain");
    CHECK(extraction.state == ExtractionState::kFailed);
    CHECK(extraction.error == c.error);
  }
}

TEST_CASE("a valid answer from the child is checked and capped again") {
  const SandboxedAnalyzer analyzer(
      Shell("printf '%s' '{\"state\":\"done\",\"title\":\" T \",\"section_kind\":\"page\","
            "\"sections\":[{\"number\":1,\"text\":\"a\\u0000b\"}]}'"));
  const Extraction extraction = analyzer.Extract("/dev/null", "application/pdf");
  REQUIRE(extraction.state == ExtractionState::kDone);
  CHECK(extraction.title == "T");
  REQUIRE(extraction.sections.size() == 1);
  CHECK(extraction.sections[0].text == "ab");
}

TEST_CASE("types without an extractor start no child") {
  const SandboxedAnalyzer analyzer({"/nonexistent/kring"});
  const Extraction extraction = analyzer.Extract(extract::testing::kSamplePng, "image/png");
  CHECK(extraction.state == ExtractionState::kDone);
  CHECK(extraction.sections.empty());
}

TEST_CASE("extractions run in parallel from several threads") {
  const SandboxedAnalyzer analyzer(kChild);
  std::vector<Extraction> results(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = i % 2 == 0
                       ? analyzer.Extract(extract::testing::kNotificerenPptx, extract::kPptxType)
                       : analyzer.Extract(extract::testing::kRgbzPdf, extract::kPdfType);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < results.size(); ++i) {
    CHECK(results[i].state == ExtractionState::kDone);
    CHECK(results[i].sections.size() == (i % 2 == 0 ? 13u : 7u));
  }
}

TEST_CASE("DetectMediaType sniffs in-process") {
  const SandboxedAnalyzer analyzer({"/nonexistent/kring"});
  const std::string deck = extract::testing::ReadBytes(extract::testing::kZgwPptx);
  CHECK(analyzer.DetectMediaType(deck, "ZGW.pptx").value() == extract::kPptxType);
  const Result<std::string> mismatch = analyzer.DetectMediaType(deck, "ZGW.pdf");
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().message == "The file is called .pdf but holds a PowerPoint presentation.");
  const Result<std::string> empty = analyzer.DetectMediaType("", "ZGW.pptx");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == ErrorCode::kInvalidInput);
  CHECK(empty.error().message == "The file is empty.");
}

}  // namespace
}  // namespace kring
