// SplitWikiLinks and the escaping helpers: the string work under the wiki-link pass.
#include "render/WikiLink.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/Escape.h"

namespace kring {
namespace {

// A compact picture of a split: literals as they are, links as {target#section|label}.
std::string Describe(const std::vector<WikiSegment>& segments) {
  std::string out;
  for (const WikiSegment& s : segments) {
    if (s.is_link) {
      out += "{" + s.link.target + "#" + s.link.section + "|" + s.link.label + "}";
    } else {
      out += s.literal;
    }
  }
  return out;
}

TEST_CASE("wiki link syntax splits text into literals and links") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
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
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Describe(SplitWikiLinks(c.text)) == c.expected);
  }
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
