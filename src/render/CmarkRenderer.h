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
// - File links. [[file:Name.pdf]] and [[file:Name.pdf|label]] ("file:" in any case) are asked
//   of LinkResolver::ResolveFile: an existing file gives <a href="{its url}" class="filelink">,
//   a missing one <span class="filelink missing" title="{name}">; the text is the label, or the
//   name. A file name may hold '#': a file link has no section.
// - Heading anchors. Every heading gets id="{Slugify(heading text)}"; "section" when that is
//   empty; repeats get "-2", "-3"... in document order. Same text, same ids, on every render.
// - link_slugs: the slugs of wiki links (a red link's is Slugify(target); empty ones are left
//   out) and of Markdown links to "/p/{slug}" or "/p/{slug}#fragment", first occurrence only.
// - file_ids: the ids of files linked, first occurrence only: of the existing files named by
//   [[file:...]], and the id in the destination of a Markdown link or image written "/f/{id}" or
//   "/f/{id}/..." (what FileUrl makes; "#..." or "?..." may follow the id). The renderer cannot
//   tell whether such an id exists: the store must ignore ids it has no file for.
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
  // per wiki or file link, on this thread. Throws nothing itself; an exception thrown by
  // `links.Resolve` or `links.ResolveFile` propagates unchanged (every cmark object is
  // released on the way out).
  RenderedMarkdown Render(std::string_view markdown, const LinkResolver& links) const override;

  // Parses `markdown` only to find its code and HTML blocks, which are left alone; the rest
  // is LinkRewrite.h's string work. Exceptions from the callbacks propagate.
  std::string RewriteLinks(std::string_view markdown, const LinkRewrite& rewrite) const override;
};

}  // namespace kring
