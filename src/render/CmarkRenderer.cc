#include "render/CmarkRenderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/Text.h"
#include "render/CmarkNodes.h"
#include "render/LinkPass.h"
#include "render/LinkRewrite.h"

namespace kring {
namespace {

using cmark::Literal;
using cmark::Walk;

// Safe mode is cmark's default; member text must never be rendered with CMARK_OPT_UNSAFE.
// VALIDATE_UTF8 costs little and turns a caller's mistake into U+FFFD instead of bad output.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
static_assert((kOptions & CMARK_OPT_UNSAFE) == 0);

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

std::once_flag registration;

// cmark-gfm 0.29 switches extension characters on and off in a process-wide table while it
// parses inlines (also inside table rows, during feed), so two parses at once can make each
// other miss ~~strikethrough~~ or autolinks. Upstream's fix (github/cmark-gfm PR #176) is not
// in this version: parsing is serialized. Everything after cmark_parser_finish runs unlocked.
std::mutex parse_mutex;

bool IsBlock(cmark_node_type type) {
  return (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Extension node types (the table's) have no public constants; their names are stable.
bool IsTableCell(cmark_node* node) {
  return std::string_view(cmark_node_get_type_string(node)) == "table_cell";
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
// (RenderOwnNode), each with its tag in `tags`.
void AnchorHeadings(cmark_node* doc, cmark::OwnTags& tags) {
  std::vector<cmark_node*> headings;
  Walk(doc, [&](cmark_node* node, cmark_event_type event) {
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      headings.push_back(node);
    }
  });
  HeadingIds unique;
  for (cmark_node* heading : headings) {
    const std::string level = std::to_string(cmark_node_get_heading_level(heading));
    const std::string id = unique.Next(InlineText(heading));
    cmark::RenderAs(heading,
                    {"<h" + level + " id=\"" + EscapeHtml(id) + "\">", "</h" + level + ">\n", true},
                    tags);
  }
}

}  // namespace

CmarkRenderer::CmarkRenderer() {
  // The registry is a process-wide list that cmark fills without locking.
  std::call_once(registration, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

namespace {

// A parser with our extensions attached.
cmark::ParserPtr NewParser() {
  cmark::ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    // All four are cmark-gfm core extensions, registered in the constructor: never null.
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  return parser;
}

// The document `parser` makes of `markdown`. The parser must outlive it when its HTML is
// rendered (its extension list is needed then).
cmark::NodePtr Parse(cmark_parser* parser, std::string_view markdown) {
  const std::lock_guard lock(parse_mutex);
  if (!markdown.empty()) cmark_parser_feed(parser, markdown.data(), markdown.size());
  return cmark::NodePtr(cmark_parser_finish(parser));
}

}  // namespace

RenderedMarkdown CmarkRenderer::Render(std::string_view markdown, const LinkResolver& links) const {
  const cmark::ParserPtr parser = NewParser();
  const cmark::NodePtr doc = Parse(parser.get(), markdown);

  RenderedMarkdown out;
  cmark::OwnTags tags;  // what our nodes render as; outlives the HTML rendering below
  FoundLinks found = ResolveLinks(doc.get(), links, tags);
  out.text = PlainText(doc.get());
  AnchorHeadings(doc.get(), tags);
  const cmark::String html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
  if (html) out.html = html.get();
  out.link_slugs = std::move(found.slugs);
  out.file_ids = std::move(found.file_ids);
  return out;
}

std::string CmarkRenderer::RewriteLinks(std::string_view markdown,
                                        const LinkRewrite& rewrite) const {
  const cmark::ParserPtr parser = NewParser();
  const cmark::NodePtr doc = Parse(parser.get(), markdown);
  LineRanges code_lines;
  Walk(doc.get(), [&](cmark_node* node, cmark_event_type) {
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
      code_lines.emplace_back(cmark_node_get_start_line(node), cmark_node_get_end_line(node));
    }
  });
  return RewritePageLinks(markdown, rewrite, code_lines);
}

}  // namespace kring
