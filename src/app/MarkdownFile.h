// MarkdownFile: reading a Markdown file the way the importer and the demo content need it,
// without a full Markdown parser: the YAML front matter, where fenced code is, the first
// heading, and every link destination. cmark-gfm is not used for the links because rewriting
// must keep the source byte for byte (cmark re-renders Markdown in its own normal form), and
// render/ owns cmark.
// Pure functions: thread-safe, never throw (yaml-cpp's exceptions become FrontMatter::error).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kring {

// The YAML block between a first line `---` and the next line `---` (or `...`).
struct FrontMatter {
  bool present = false;  // the file opened with such a block
  // Non-empty when the block was present but not a YAML mapping (a syntax error, a list...);
  // every field below is then empty and the caller falls back as if there were no block.
  std::string error;
  std::string title;
  std::string date;  // as written; see NormalizeDate (ImportDates.h)
  std::string kind;  // as written; see ParseKind (core/Page.h)
  std::string author;
  // The first of `organisation:`, `organisatie:` and `org:` that is a non-empty string.
  std::string organisation;
  // Where a meeting took place: the first of `place:`, `plaats:` and `locatie:` that is a
  // non-empty string.
  std::string place;
  // Who may read the page, as written: the first of `visibility:` and `zichtbaarheid:` that is
  // a non-empty string ("members", "leden"...; see Importer.cc).
  std::string visibility;
  // `topics:`, then `tags:`, then `categories:`; each a string (split on ',') or a list.
  std::vector<std::string> topics;
  // The applications the page is about: `applications:`, then `toepassingen:`, then `apps:`;
  // each a string (split on ',') or a list.
  std::vector<std::string> applications;
};

struct MarkdownFile {
  FrontMatter front;
  std::string body;  // the Markdown after the front matter block
};

// Splits a file into front matter and body. A leading UTF-8 byte order mark is dropped and
// line endings become "\n". A `---` first line without a closing line is a thematic break, not
// front matter: the whole text is the body.
MarkdownFile ParseMarkdownFile(std::string_view text);

// The text of the first level-1 ATX heading (`# Title`) outside fenced code, without closing
// `#`s; empty when there is none.
std::string FirstHeading(std::string_view markdown);

// Given a link destination as written (backslash escapes undone, `<>` removed), returns its
// replacement, or nullopt to keep it.
using LinkRewriter = std::function<std::optional<std::string>(std::string_view destination)>;

// Rewrites the destinations of inline links `[label](dest "title")` and of link reference
// definitions `[label]: dest`, leaving every other byte as it was. Labels may nest brackets and
// hold code spans; destinations may be `<...>` or hold balanced parentheses. Nothing inside
// fenced code blocks or code spans is touched, nor image sources `![alt](src)`. Indented code
// blocks are not recognised (rare in documentation, and ambiguous inside lists without a full
// parser), and destinations or titles over 1 KiB are left alone (it keeps the scan near-linear
// on hostile input). A replacement holding spaces or parentheses is written as `<...>`.
std::string RewriteLinks(std::string_view markdown, const LinkRewriter& rewrite);

}  // namespace kring
