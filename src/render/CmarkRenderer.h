// CmarkRenderer: Kring's MarkdownRenderer, built on cmark-gfm.
//
// Markdown is GitHub-flavoured (tables, ~~strikethrough~~, www./http autolinks, task lists) and
// rendered in cmark's safe mode: raw HTML becomes a comment and javascript:, vbscript:, file:
// and (non-image) data: URLs are blanked. On top of cmark:
// - Wiki links. [[Target]], [[Target|label]] and [[Target#section|label]] (syntax rules in
//   WikiLink.h) are asked of the LinkResolver: an existing page gives
//   <a href="/p/{slug}#{Slugify(section)}" class="wikilink">, a missing one a red link
//   <a href="/new?title={Target, percent-encoded}" class="wikilink new">. Inside code spans,
//   code blocks and Markdown link texts they stay literal.
// - Heading anchors. Every heading gets id="{Slugify(heading text)}"; "section" when that is
//   empty; repeats get "-2", "-3"... in document order. Same text, same ids, on every render.
// - link_slugs: the slugs of wiki links (a red link's is Slugify(target); empty ones are left
//   out) and of Markdown links to "/p/{slug}" or "/p/{slug}#fragment", first occurrence only.
// - text: the words without Markdown syntax, one line per block, table cells separated by a
//   space, raw HTML left out, a wiki link as its label.
//
// Thread-safe: Render keeps nothing between calls (a cmark parser per call); cmark's global
// extension registry is filled once, by the first constructor. The parse step itself is
// serialized process-wide, because cmark-gfm 0.29 toggles a global table while it parses;
// link resolution and HTML rendering run in parallel.
// Cost: cmark-gfm 0.29 is super-linear on some hostile inputs (shared/notes/markdown.md), so
// callers cap the source size and render once per revision, never per request.
#pragma once

#include <string_view>

#include "core/MarkdownRenderer.h"

namespace kring {

class CmarkRenderer final : public MarkdownRenderer {
 public:
  CmarkRenderer();

  // `markdown` must be valid UTF-8 (invalid bytes would become U+FFFD). `links` is called once
  // per wiki link, on this thread. Throws nothing itself; an exception thrown by
  // `links.Resolve` propagates unchanged (every cmark object is released on the way out).
  RenderedMarkdown Render(std::string_view markdown, const LinkResolver& links) const override;
};

}  // namespace kring
