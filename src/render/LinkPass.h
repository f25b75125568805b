// LinkPass: the wiki-link pass of CmarkRenderer over a parsed document (syntax in WikiLink.h,
// the HTML each link becomes in CmarkRenderer.h), and the record of every page and file the
// document links to. Internal to render/.
#pragma once

#include <cmark-gfm.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/MarkdownRenderer.h"
#include "render/CmarkNodes.h"

namespace kring {

struct FoundLinks {
  std::vector<std::string> slugs;  // see RenderedMarkdown::link_slugs
  std::vector<int64_t> file_ids;   // see RenderedMarkdown::file_ids
};

// Replaces the [[...]] in the text of `doc` (outside code, link texts and image descriptions)
// by nodes our extension renders, their tags kept in `tags`, asking `links` once per wiki or
// file link; and records, in order of first appearance, the pages and files linked by those
// and by Markdown links ("/p/{slug}", "/f/{id}/...") and images ("/f/{id}/..."). An exception
// from `links` propagates, leaving `doc` whole (maybe partly replaced) and freeable.
FoundLinks ResolveLinks(cmark_node* doc, const LinkResolver& links, cmark::OwnTags& tags);

}  // namespace kring
