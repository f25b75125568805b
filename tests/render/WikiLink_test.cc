// SplitWikiLinks and the escaping helpers: the string work under the wiki-link pass.
#include "render/WikiLink.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/Text.h"

namespace kring {
namespace {

// A compact picture of a split: literals as they are, links as {target#section|label}, file
// links as {file=name|label}.
std::string Describe(const std::vector<WikiSegment>& segments) {
  std::string out;
  for (const WikiSegment& s : segments) {
    if (s.is_link && s.link.file) {
      out += "{file=" + s.link.target + s.link.section + "|" + s.link.label + "}";
    } else if (s.is_link) {
      out += "{" + s.link.target + "#" + s.link.section + "|" + s.link.label + "}";
    } else {
      out += s.literal;
    }
  }
  return out;
}

// A text and the Describe of its split.
struct SplitCase {
  const char* text;
  const char* expected;
};

template <size_t N>
void CheckSplits(const SplitCase (&cases)[N]) {
  for (const SplitCase& c : cases) {
    CAPTURE(c.text);
    CHECK(Describe(SplitWikiLinks(c.text)) == c.expected);
  }
}

TEST_CASE("wiki link syntax splits text into literals and links") {
  const SplitCase cases[] = {
      {"geen links", "geen links"},
      {"[[Home]]", "{Home#|Home}"},
      {"zie [[Home]].", "zie {Home#|Home}."},
      {"[[Home|de start]]", "{Home#|de start}"},
      {"[[ Home | de start ]]", "{Home#|de start}"},
      {"[[Home#Eerste stappen|begin]]", "{Home#Eerste stappen|begin}"},
      {"[[Home#Eerste stappen]]", "{Home#Eerste stappen|Home#Eerste stappen}"},
      {"[[Home|]]", "{Home#|Home}"},
      {"[[a]] en [[b]]", "{a#|a} en {b#|b}"},
      {"[[a [[b]]", "[[a {b#|b}"},
      {"[[[b]]]", "[{b#|b}]"},
      {"[[Zaalreservatie — Recreatex]]",
       "{Zaalreservatie — Recreatex#|Zaalreservatie — Recreatex}"},
      // stay literal
      {"[[]]", "[[]]"},
      {"[[ ]]", "[[ ]]"},
      {"[[|label]]", "[[|label]]"},
      {"[[#sectie]]", "[[#sectie]]"},
      {"[[a\nb]]", "[[a\nb]]"},
      {"[[open zonder sluiten", "[[open zonder sluiten"},
      {"]] [[", "]] [["},
      {"[[ ]] dan [[b]]", "[[ ]] dan {b#|b}"},
  };
  CheckSplits(cases);
}

TEST_CASE("a file: prefix makes a file link") {
  const SplitCase cases[] = {
      {"[[file:Deck.pdf]]", "{file=Deck.pdf|Deck.pdf}"},
      {"[[File:Deck.pdf|slides]]", "{file=Deck.pdf|slides}"},
      {"[[ FILE : x.pdf ]]", "{FILE : x.pdf#|FILE : x.pdf}"},  // the prefix is "file:" exactly
      {"[[  file:  Deck.pdf  |  slides  ]]", "{file=Deck.pdf|slides}"},
      {"[[file:Notes #3.pdf]]", "{file=Notes #3.pdf|Notes #3.pdf}"},
      {"[[file:a.pdf|]]", "{file=a.pdf|a.pdf}"},
      {"zie [[file:a.pdf]] en [[Home]]", "zie {file=a.pdf|a.pdf} en {Home#|Home}"},
      {"[[profile:x]]", "{profile:x#|profile:x}"},
      {"[[file]]", "{file#|file}"},
      // stay literal
      {"[[file:]]", "[[file:]]"},
      {"[[file:   |label]]", "[[file:   |label]]"},
      {"[[file:a\nb.pdf]]", "[[file:a\nb.pdf]]"},
  };
  CheckSplits(cases);
}

TEST_CASE("text without a wiki link is one literal segment") {
  const auto segments = SplitWikiLinks("gewoon [tekst] met [haken]");
  REQUIRE(segments.size() == 1);
  CHECK_FALSE(segments[0].is_link);
}

TEST_CASE("EscapeHtml escapes everything that can end text or an attribute") {
  CHECK(EscapeHtml("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(EscapeHtml("café") == "café");
}

}  // namespace
}  // namespace kring
