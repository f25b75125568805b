// WikiLink: finding [[Target]], [[Target|label]] and [[Target#section|label]] in a run of plain
// text. Pure string work, no cmark: CmarkRenderer calls it on each TEXT node of the Markdown
// AST, so code spans and code blocks (other node types) are never looked at.
// Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kring {

struct WikiLink {
  std::string target;   // the page named, trimmed, never empty ("Zaalreservatie")
  std::string section;  // after '#', trimmed, may be empty ("Tarieven")
  std::string label;    // after '|', or the trimmed text between the brackets when absent
};

// One piece of a text run: literal text, or a wiki link.
struct WikiSegment {
  bool is_link = false;
  std::string literal;  // when !is_link
  WikiLink link;        // when is_link
};

// Splits `text` into literal runs and wiki links, in order; literal runs hold the text between
// links byte for byte. Rules:
// - a link runs from the innermost "[[" to the first "]]" after it ("[[a [[b]]" links "b");
// - an empty or whitespace-only target ("[[ ]]", "[[|x]]", "[[#s]]"), or one holding a line
//   break, leaves that bracket pair literal, as does "[[" without a closing "]]".
// Linear in the size of `text`, whatever it holds.
std::vector<WikiSegment> SplitWikiLinks(std::string_view text);

}  // namespace kring
