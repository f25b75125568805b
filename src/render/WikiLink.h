// WikiLink: finding [[Target]], [[Target|label]], [[Target#section|label]] and file links
// [[file:Name.pdf]], [[file:Name.pdf|label]] in a run of plain text. Pure string work, no cmark:
// CmarkRenderer calls it on each TEXT node of the Markdown AST, so code spans and code blocks
// (other node types) are never looked at. Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kring {

struct WikiLink {
  // A link to a stored file: written with the prefix "file:" (any case) before the target.
  bool file = false;
  // The page named ("Zaalreservatie"), or for a file link the file's name after the prefix
  // ("Slides #3.pdf": a file name may hold '#', so a file link has no section). Trimmed,
  // never empty.
  std::string target;
  std::string section;  // after '#', trimmed, may be empty ("Tarieven"); empty for files
  // After '|', or when absent the trimmed text between the brackets (a page link), the file's
  // name (a file link).
  std::string label;
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
// - an empty or whitespace-only target ("[[ ]]", "[[|x]]", "[[#s]]", "[[file: ]]"), or one
//   holding a line break, leaves that bracket pair literal, as does "[[" without a closing "]]";
// - "file:" right after "[[" (spaces allowed before it, any case) makes a file link.
// Linear in the size of `text`, whatever it holds.
std::vector<WikiSegment> SplitWikiLinks(std::string_view text);

}  // namespace kring
