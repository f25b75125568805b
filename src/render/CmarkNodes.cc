#include "render/CmarkNodes.h"

// struct cmark_html_renderer and cmark_strbuf: what an html_render_func writes to. Installed by
// libcmark-gfm-dev for extension writers; the core extensions use the same header.
#include <cmark-gfm/render.h>

#include <utility>

namespace kring::cmark {
namespace {

struct ExtensionFree {
  void operator()(cmark_syntax_extension* extension) const {
    cmark_syntax_extension_free(cmark_get_default_mem_allocator(), extension);
  }
};

void Append(cmark_html_renderer* renderer, const std::string& html) {
  cmark_strbuf_put(renderer->html, reinterpret_cast<const unsigned char*>(html.data()),
                   static_cast<bufsize_t>(html.size()));
}

// Writes the HTML of the nodes our extension owns (see OwnTag).
// Called from C: must not throw (std::bad_alloc ends the process, as it would in cmark).
void RenderOwnNode(cmark_syntax_extension*, cmark_html_renderer* renderer, cmark_node* node,
                   cmark_event_type event, int) noexcept {
  const auto* tag = static_cast<const OwnTag*>(cmark_node_get_user_data(node));
  if (tag == nullptr) return;  // RenderAs sets both the extension and the tag
  if (event != CMARK_EVENT_ENTER) {
    Append(renderer, tag->close);
    return;
  }
  if (tag->block) {
    const cmark_strbuf* html = renderer->html;
    if (html->size > 0 && html->ptr[html->size - 1] != '\n') Append(renderer, "\n");
  }
  Append(renderer, tag->open);
}

// The extension that marks our nodes. Made on first use and kept for the life of the process:
// every node we hand to it points to it.
cmark_syntax_extension* OwnExtension() {
  static const std::unique_ptr<cmark_syntax_extension, ExtensionFree> extension = [] {
    std::unique_ptr<cmark_syntax_extension, ExtensionFree> made(
        cmark_syntax_extension_new("kring"));
    cmark_syntax_extension_set_html_render_func(made.get(), RenderOwnNode);
    return made;
  }();
  return extension.get();
}

}  // namespace

void RenderAs(cmark_node* node, OwnTag tag, OwnTags& tags) {
  cmark_node_set_user_data(node, &tags.emplace_back(std::move(tag)));
  cmark_node_set_syntax_extension(node, OwnExtension());
}

std::string_view Literal(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal != nullptr ? literal : "";
}

NodePtr MakeText(const std::string& literal) {
  NodePtr node(cmark_node_new(CMARK_NODE_TEXT));
  cmark_node_set_literal(node.get(), literal.c_str());
  return node;
}

void Discard(cmark_node* node) {
  cmark_node_unlink(node);
  const NodePtr owned(node);
}

}  // namespace kring::cmark
