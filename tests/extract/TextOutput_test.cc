// ToValidUtf8, TextBuilder and FinishExtraction: what makes every extraction safe to store.
#include "extract/TextOutput.h"

#include <doctest/doctest.h>

#include <string>

#include "core/Text.h"

namespace kring::extract {
namespace {

TEST_CASE("ToValidUtf8 keeps valid text and replaces each invalid byte with U+FFFD") {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"plain ascii", "plain ascii"},
      {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},
      {"caf\xE9", "caf\xEF\xBF\xBD"},                            // Latin-1 é
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // overlong '/'
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // > U+10FFFF
      {"cut \xE2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"a\r\nb\rc", "a\nb\nc"},
      {std::string("nul\0bell\a del\x7F tab\t", 20), "nulbell del tab\t"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    const std::string output = ToValidUtf8(c.input);
    CHECK(output == c.expected);
    CHECK(IsValidUtf8(output));
  }
}

TEST_CASE("Utf8PrefixLength never cuts a character") {
  const std::string text = "a\xE2\x82\xAC";  // "a€": 4 bytes
  CHECK(Utf8PrefixLength(text, 10) == 4);
  CHECK(Utf8PrefixLength(text, 4) == 4);
  CHECK(Utf8PrefixLength(text, 3) == 1);
  CHECK(Utf8PrefixLength(text, 2) == 1);
  CHECK(Utf8PrefixLength(text, 1) == 1);
  CHECK(Utf8PrefixLength(text, 0) == 0);
}

TEST_CASE("TextBuilder makes one line per paragraph and stops at its cap") {
  TextBuilder out(1000);
  out.EndLine();  // nothing yet: no empty line
  out.Append("Hello ");
  out.Append("world");
  out.EndLine();
  out.EndLine();
  out.Append("a");
  out.Separate('\t');
  out.Separate('\t');
  out.Append("b");
  out.EndLine();
  CHECK(out.Take() == "Hello world\na\tb");
  CHECK(out.empty());

  TextBuilder small(5);
  small.Append("abc");
  CHECK_FALSE(small.full());
  small.Append("defg");
  CHECK(small.full());
  small.Append("more");
  CHECK(small.Take() == "abcde");
}

TEST_CASE("FinishExtraction caps sections and text and cleans every string") {
  ExtractLimits limits;
  limits.max_sections = 3;
  limits.max_text_bytes = 10;
  Extraction extraction;
  extraction.title = "  Title \xFF ";
  for (int i = 1; i <= 5; ++i) extraction.sections.push_back(FileSection{i, "abcd\xC3\xA9"});
  FinishExtraction(extraction, limits);
  CHECK(extraction.title == "Title \xEF\xBF\xBD");
  // 6 bytes per section: the second is cut before its 'é' (10 - 6 = 4 bytes left), the third
  // has no room and is left out.
  REQUIRE(extraction.sections.size() == 2);
  CHECK(extraction.sections[0].text == "abcd\xC3\xA9");
  CHECK(extraction.sections[1].text == "abcd");

  Extraction failed = FailedExtraction("  Broken.  ");
  failed.sections.push_back(FileSection{1, "x"});
  FinishExtraction(failed, limits);
  CHECK(failed.state == ExtractionState::kFailed);
  CHECK(failed.error == "Broken.");
  CHECK(failed.sections.empty());
}

}  // namespace
}  // namespace kring::extract
