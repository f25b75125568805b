// LinkRewrite: changes the page links of a Markdown source in place, for a renamed page (see
// MarkdownRenderer::RewriteLinks). Pure string work over the source: wiki links are found as
// SplitWikiLinks finds them, Markdown links to /p/{slug} by their "](/p/" opening. Lines the
// caller marks as code (code and HTML blocks, which cmark knows) are left alone; inline code
// spans are not told apart (cmark gives no source positions for inlines), so a wiki link
// written inside `backticks` is rewritten like any other.
// Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/MarkdownRenderer.h"

namespace kring {

// Lines are numbered from 1, as cmark numbers them; each pair is a first and last line.
using LineRanges = std::vector<std::pair<int, int>>;

// `markdown` with the links `rewrite` names rewritten, everything else byte for byte.
// Either callback may be empty (that kind of link is left alone).
std::string RewritePageLinks(std::string_view markdown, const LinkRewrite& rewrite,
                             const LineRanges& code_lines);

}  // namespace kring
