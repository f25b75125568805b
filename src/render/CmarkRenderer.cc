#include "render/CmarkRenderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
// struct cmark_html_renderer and cmark_strbuf: what an html_render_func writes to. Installed by
// libcmark-gfm-dev for extension writers; the core extensions use the same header.
#include <cmark-gfm/render.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/Text.h"
#include "render/Escape.h"
#include "render/WikiLink.h"

namespace kring {
namespace {

// Safe mode is cmark's default; member text must never be rendered with CMARK_OPT_UNSAFE.
// VALIDATE_UTF8 costs little and turns a caller's mistake into U+FFFD instead of bad output.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
static_assert((kOptions & CMARK_OPT_UNSAFE) == 0);

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct CmarkStringFree {
  // cmark's renderers allocate with the node's allocator, the default one for our nodes.
  void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};
struct ExtensionFree {
  void operator()(cmark_syntax_extension* extension) const {
    cmark_syntax_extension_free(cmark_get_default_mem_allocator(), extension);
  }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;
using CmarkString = std::unique_ptr<char, CmarkStringFree>;

std::once_flag registration;

// cmark-gfm 0.29 switches extension characters on and off in a process-wide table while it
// parses inlines (also inside table rows, during feed), so two parses at once can make each
// other miss ~~strikethrough~~ or autolinks. Upstream's fix (github/cmark-gfm PR #176) is not
// in this version: parsing is serialized. Everything after cmark_parser_finish runs unlocked.
std::mutex parse_mutex;

void Append(cmark_html_renderer* renderer, const std::string& html) {
  cmark_strbuf_put(renderer->html, reinterpret_cast<const unsigned char*>(html.data()),
                   static_cast<bufsize_t>(html.size()));
}

// Writes the HTML of the nodes our private extension owns; cmark renders their children.
// - A wiki link is a LINK whose url is the href we built and whose title is the class. The
//   class cannot go through cmark's own LINK rendering, and a CUSTOM_INLINE would do but is
//   refused inside table cells, where a LINK is welcome.
// - A heading gets its id from user_data (a std::string owned by CmarkRenderer::Render).
// Called from C: must not throw (std::bad_alloc ends the process, as it would in cmark).
void RenderOwnNode(cmark_syntax_extension*, cmark_html_renderer* renderer, cmark_node* node,
                   cmark_event_type event, int) noexcept {
  const bool entering = event == CMARK_EVENT_ENTER;
  if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
    const std::string level = std::to_string(cmark_node_get_heading_level(node));
    if (entering) {
      const cmark_strbuf* html = renderer->html;
      if (html->size > 0 && html->ptr[html->size - 1] != '\n') Append(renderer, "\n");
      const auto* id = static_cast<const std::string*>(cmark_node_get_user_data(node));
      Append(renderer, "<h" + level + " id=\"" + EscapeHtml(id ? *id : "") + "\">");
    } else {
      Append(renderer, "</h" + level + ">\n");
    }
    return;
  }
  if (entering) {
    const char* href = cmark_node_get_url(node);
    const char* css_class = cmark_node_get_title(node);
    Append(renderer, "<a href=\"" + EscapeHtml(href ? href : "") + "\" class=\"" +
                         EscapeHtml(css_class ? css_class : "") + "\">");
  } else {
    Append(renderer, "</a>");
  }
}

// The extension that marks our nodes. Made on first use and kept for the life of the process:
// every node we create points to it.
cmark_syntax_extension* OwnExtension() {
  static const std::unique_ptr<cmark_syntax_extension, ExtensionFree> extension = [] {
    std::unique_ptr<cmark_syntax_extension, ExtensionFree> made(
        cmark_syntax_extension_new("kring"));
    cmark_syntax_extension_set_html_render_func(made.get(), RenderOwnNode);
    return made;
  }();
  return extension.get();
}

// Calls visit(node, event) for every node under `root` in document order. Container nodes are
// seen twice (CMARK_EVENT_ENTER, CMARK_EVENT_EXIT), leaves once (ENTER). `visit` must not
// change the tree: collect first, change afterwards.
template <typename Visit>
void Walk(cmark_node* root, Visit&& visit) {
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    visit(cmark_iter_get_node(iter.get()), event);
  }
}

std::string_view Literal(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal != nullptr ? literal : "";
}

bool IsBlock(cmark_node_type type) {
  return (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Extension node types (the table's) have no public constants; their names are stable.
bool IsTableCell(cmark_node* node) {
  return std::string_view(cmark_node_get_type_string(node)) == "table_cell";
}

// Takes `node` out of its tree and frees it with everything under it.
void Discard(cmark_node* node) {
  cmark_node_unlink(node);
  const NodePtr owned(node);
}

NodePtr MakeText(const std::string& literal) {
  NodePtr node(cmark_node_new(CMARK_NODE_TEXT));
  cmark_node_set_literal(node.get(), literal.c_str());
  return node;
}

// Slugs in order of first appearance.
class SlugList {
 public:
  void Add(std::string slug) {
    if (!slug.empty() && seen_.insert(slug).second) slugs_.push_back(std::move(slug));
  }
  std::vector<std::string> Take() && { return std::move(slugs_); }

 private:
  std::vector<std::string> slugs_;
  std::unordered_set<std::string> seen_;
};

// A Markdown link to "/p/{slug}" (what the importer makes of relative .md links) names a page
// as surely as a wiki link does.
void RecordPageLink(cmark_node* link, SlugList& slugs) {
  const char* url = cmark_node_get_url(link);
  std::string_view rest = url != nullptr ? url : "";
  if (!rest.starts_with("/p/")) return;
  rest.remove_prefix(3);
  rest = rest.substr(0, rest.find('#'));
  if (IsValidSlug(rest)) slugs.Add(std::string(rest));
}

// A wiki link: a LINK owned by our extension (see RenderOwnNode). Only percent-encoded text
// goes into the href, and the label is a TEXT child that cmark escapes, so no page text can
// break out of the tag.
NodePtr MakeWikiLink(const WikiLink& link, const LinkResolver& links, std::string& slug) {
  std::string href;
  const char* css_class;
  if (std::optional<std::string> resolved = links.Resolve(link.target)) {
    slug = std::move(*resolved);
    href = "/p/" + PercentEncode(slug);
    // Heading ids are Slugify(heading text) too, so [[Page#Some heading]] lands on it.
    const std::string fragment = Slugify(link.section);
    if (!fragment.empty()) {
      href += '#';
      href += PercentEncode(fragment);
    }
    css_class = "wikilink";
  } else {
    slug = Slugify(link.target);
    href = "/new?title=" + PercentEncode(link.target);
    css_class = "wikilink new";
  }
  NodePtr anchor(cmark_node_new_with_ext(CMARK_NODE_LINK, OwnExtension()));
  cmark_node_set_url(anchor.get(), href.c_str());
  cmark_node_set_title(anchor.get(), css_class);
  NodePtr label = MakeText(link.label);
  if (cmark_node_append_child(anchor.get(), label.get())) label.release();
  return anchor;
}

// Replaces `text` (a TEXT node) by its literal runs and wiki links, when it holds any.
void ExpandWikiLinks(cmark_node* text, const LinkResolver& links, SlugList& slugs) {
  std::vector<WikiSegment> segments = SplitWikiLinks(Literal(text));
  bool any_link = false;
  for (const WikiSegment& segment : segments) any_link = any_link || segment.is_link;
  if (!any_link) return;

  std::vector<cmark_node*> inserted;
  std::vector<std::string> found;
  for (const WikiSegment& segment : segments) {
    std::string slug;
    NodePtr piece =
        segment.is_link ? MakeWikiLink(segment.link, links, slug) : MakeText(segment.literal);
    if (!cmark_node_insert_before(text, piece.get())) {
      // The parent refused a child: leave the text as written rather than half-replaced.
      for (cmark_node* node : inserted) Discard(node);
      return;
    }
    inserted.push_back(piece.release());
    if (segment.is_link) found.push_back(std::move(slug));
  }
  Discard(text);
  for (std::string& slug : found) slugs.Add(std::move(slug));
}

// The wiki-link pass. Text inside a link or an image description is left alone: a link cannot
// hold another link, and an image description is only alt text.
void ResolveLinks(cmark_node* doc, const LinkResolver& links, SlugList& slugs) {
  // cmark splits text at every bracket; merged runs let one node hold a whole [[...]].
  cmark_consolidate_text_nodes(doc);
  std::vector<cmark_node*> nodes;  // links, and text outside links, in document order
  int link_depth = 0;
  Walk(doc, [&](cmark_node* node, cmark_event_type event) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_LINK:
        if (event == CMARK_EVENT_ENTER) nodes.push_back(node);
        [[fallthrough]];
      case CMARK_NODE_IMAGE:
        link_depth += event == CMARK_EVENT_ENTER ? 1 : -1;
        break;
      case CMARK_NODE_TEXT:
        if (link_depth == 0) nodes.push_back(node);
        break;
      default:
        break;
    }
  });
  for (cmark_node* node : nodes) {
    if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
      RecordPageLink(node, slugs);
    } else {
      ExpandWikiLinks(node, links, slugs);
    }
  }
}

// Ends the current line of `text`, unless it is empty or already ended.
void EndLine(std::string& text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (!text.empty() && text.back() != '\n') text += '\n';
}

std::string PlainText(cmark_node* doc) {
  std::string text;
  Walk(doc, [&](cmark_node* node, cmark_event_type event) {
    const cmark_node_type type = cmark_node_get_type(node);
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        text += Literal(node);
        break;
      case CMARK_NODE_SOFTBREAK:
        text += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        text += '\n';
        break;
      case CMARK_NODE_CODE_BLOCK:
        EndLine(text);
        text += Literal(node);
        EndLine(text);
        break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        break;  // not shown on the page either (safe mode)
      case CMARK_NODE_THEMATIC_BREAK:
        EndLine(text);
        break;
      default:
        if (event == CMARK_EVENT_EXIT && IsBlock(type)) {
          if (IsTableCell(node)) {
            text += ' ';
          } else {
            EndLine(text);
          }
        }
        break;
    }
  });
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The text of a heading as a reader sees it, for its id.
std::string InlineText(cmark_node* heading) {
  std::string text;
  Walk(heading, [&](cmark_node* node, cmark_event_type) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        text += Literal(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text += ' ';
        break;
      default:
        break;
    }
  });
  return text;
}

// Heading ids, unique within one document: base, base-2, base-3...
class HeadingIds {
 public:
  std::string Next(const std::string& text) {
    std::string base = Slugify(text);
    if (base.empty()) base = "section";
    std::string id = base;
    // The per-base counter keeps thousands of equal headings linear; the loop only steps over
    // an id some heading already took literally ("Intro 2" before the second "Intro").
    int& next = next_suffix_[base];
    if (next == 0) next = 2;
    while (!used_.insert(id).second) id = base + "-" + std::to_string(next++);
    return id;
  }

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_suffix_;
};

// Gives every heading an id: cmark writes a bare <hN>, so headings are handed to our extension
// (RenderOwnNode), each with its id as user_data. `ids` receives the strings user_data points
// to and must outlive the HTML rendering.
void AnchorHeadings(cmark_node* doc, std::vector<std::string>& ids) {
  std::vector<cmark_node*> headings;
  Walk(doc, [&](cmark_node* node, cmark_event_type event) {
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      headings.push_back(node);
    }
  });
  HeadingIds unique;
  ids.clear();
  ids.reserve(headings.size());  // no reallocation below: user_data points into `ids`
  for (cmark_node* heading : headings) {
    ids.push_back(unique.Next(InlineText(heading)));
    cmark_node_set_user_data(heading, &ids.back());
    cmark_node_set_syntax_extension(heading, OwnExtension());
  }
}

}  // namespace

CmarkRenderer::CmarkRenderer() {
  // The registry is a process-wide list that cmark fills without locking.
  std::call_once(registration, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

RenderedMarkdown CmarkRenderer::Render(std::string_view markdown, const LinkResolver& links) const {
  const ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    // All four are cmark-gfm core extensions, registered in the constructor: never null.
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  NodePtr doc;  // the parser outlives it: its extension list is needed to render the HTML
  {
    const std::lock_guard lock(parse_mutex);
    if (!markdown.empty()) cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    doc.reset(cmark_parser_finish(parser.get()));
  }

  RenderedMarkdown out;
  SlugList slugs;
  ResolveLinks(doc.get(), links, slugs);
  out.text = PlainText(doc.get());
  std::vector<std::string> heading_ids;
  AnchorHeadings(doc.get(), heading_ids);
  const CmarkString html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
  if (html) out.html = html.get();
  out.link_slugs = std::move(slugs).Take();
  return out;
}

}  // namespace kring
