// CmarkNodes: what the render layer's cmark code shares (CmarkRenderer.cc, LinkPass.cc):
// owning pointers for cmark's C objects, a tree walk, and the private "kring" extension through
// which we write the HTML of nodes cmark cannot render as we need (wiki links, file links,
// heading ids). Internal to render/; needs cmark-gfm's headers.
#pragma once

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace kring::cmark {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct StringFree {
  // cmark's renderers allocate with the node's allocator, the default one for our nodes.
  void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;
using String = std::unique_ptr<char, StringFree>;

// The HTML of a node our private extension owns: `open` is written on entering it, `close` on
// leaving, and cmark renders its children in between. Built and escaped in C++ before
// rendering, so that the C callback only copies bytes.
// - Wiki and file links are LINK nodes: a CUSTOM_INLINE would do but is refused inside table
//   cells, where a LINK is welcome. cmark's own LINK rendering cannot give a class or a <span>.
// - Headings are HEADING nodes, given an id cmark does not write.
struct OwnTag {
  std::string open;
  std::string close;
  bool block = false;  // starts on a line of its own (headings)
};

// Owns the tags our nodes point to (as user_data) until the HTML is rendered. A deque, so that
// adding tags never moves the ones already pointed to.
using OwnTags = std::deque<OwnTag>;

// Hands `node` to our extension, rendered as `tag` (stored in `tags`, which must outlive the
// HTML rendering of the node).
void RenderAs(cmark_node* node, OwnTag tag, OwnTags& tags);

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

// The node's literal ("" when it has none).
std::string_view Literal(cmark_node* node);

// A TEXT node holding `literal`.
NodePtr MakeText(const std::string& literal);

// Takes `node` out of its tree and frees it with everything under it.
void Discard(cmark_node* node);

}  // namespace kring::cmark
