#include "render/LinkPass.h"

#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/Text.h"
#include "render/WikiLink.h"

namespace kring {
namespace {

using cmark::Discard;
using cmark::Literal;
using cmark::MakeText;
using cmark::NodePtr;
using cmark::Walk;

// Values in order of first appearance, each once.
template <typename T>
class OrderedSet {
 public:
  void Add(T value) {
    if (seen_.insert(value).second) values_.push_back(std::move(value));
  }
  std::vector<T> Take() && { return std::move(values_); }

 private:
  std::vector<T> values_;
  std::unordered_set<T> seen_;
};

// A Markdown link to "/p/{slug}" or "/p/{slug}#fragment" (what the importer makes of relative
// .md links): the slug, or "" when the destination is something else.
std::string PageSlugOfUrl(std::string_view url) {
  if (!url.starts_with("/p/")) return {};
  url.remove_prefix(3);
  url = url.substr(0, url.find('#'));
  return IsValidSlug(url) ? std::string(url) : std::string();
}

// A Markdown link to "/f/{id}" or "/f/{id}/{name}" (FileUrl, what the importer writes for
// files), optionally followed by "#..." or "?...": the id, or nullopt.
std::optional<int64_t> FileIdOfUrl(std::string_view url) {
  if (!url.starts_with("/f/")) return std::nullopt;
  url.remove_prefix(3);
  constexpr size_t kMaxDigits = 18;  // stays below INT64_MAX
  int64_t id = 0;
  size_t digits = 0;
  for (; digits < url.size() && url[digits] >= '0' && url[digits] <= '9'; ++digits) {
    if (digits == kMaxDigits) return std::nullopt;
    id = id * 10 + (url[digits] - '0');
  }
  if (digits == 0 || id == 0) return std::nullopt;
  if (digits < url.size() && std::string_view("/#?").find(url[digits]) == std::string_view::npos) {
    return std::nullopt;
  }
  return id;
}

// The wiki-link pass over one document: replaces [[...]] in text by links our extension
// renders, and records every page and file linked (wiki or Markdown link) in order.
class LinkPass {
 public:
  LinkPass(const LinkResolver& links, cmark::OwnTags& tags) : links_(links), tags_(tags) {}

  // Text inside a link or an image description is left alone: a link cannot hold another
  // link, and an image description is only alt text.
  void Run(cmark_node* doc) {
    // cmark splits text at every bracket; merged runs let one node hold a whole [[...]].
    cmark_consolidate_text_nodes(doc);
    std::vector<cmark_node*> nodes;  // links, images, and text outside them, in document order
    int link_depth = 0;
    Walk(doc, [&](cmark_node* node, cmark_event_type event) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          if (event == CMARK_EVENT_ENTER) nodes.push_back(node);
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
      if (cmark_node_get_type(node) == CMARK_NODE_TEXT) {
        Expand(node);
      } else {
        RecordUrl(node);
      }
    }
  }

  // What Run found; each may be taken once.
  std::vector<std::string> TakeSlugs() { return std::move(slugs_).Take(); }
  std::vector<int64_t> TakeFileIds() { return std::move(file_ids_).Take(); }

 private:
  // A node made for one wiki link, and what it links.
  struct Made {
    NodePtr node;
    std::string slug;                // a page link's slug ("" for none)
    std::optional<int64_t> file_id;  // an existing file's id
  };

  // A Markdown link names a page or a file as surely as a wiki link does; an image can only
  // show a file.
  void RecordUrl(cmark_node* node) {
    const char* url = cmark_node_get_url(node);
    const std::string_view destination = url != nullptr ? url : "";
    if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
      if (std::string slug = PageSlugOfUrl(destination); !slug.empty()) slugs_.Add(slug);
    }
    if (std::optional<int64_t> id = FileIdOfUrl(destination)) file_ids_.Add(*id);
  }

  // Replaces `text` (a TEXT node) by its literal runs and wiki links, when it holds any.
  void Expand(cmark_node* text) {
    std::vector<WikiSegment> segments = SplitWikiLinks(Literal(text));
    bool any_link = false;
    for (const WikiSegment& segment : segments) any_link = any_link || segment.is_link;
    if (!any_link) return;

    std::vector<cmark_node*> inserted;
    std::vector<Made> found;
    for (const WikiSegment& segment : segments) {
      Made made = !segment.is_link    ? Made{MakeText(segment.literal), {}, {}}
                  : segment.link.file ? MakeFileLink(segment.link)
                                      : MakePageLink(segment.link);
      if (!cmark_node_insert_before(text, made.node.get())) {
        // The parent refused a child: leave the text as written rather than half-replaced.
        for (cmark_node* node : inserted) Discard(node);
        return;
      }
      inserted.push_back(made.node.release());
      if (segment.is_link) found.push_back(std::move(made));
    }
    Discard(text);
    for (Made& made : found) {
      if (!made.slug.empty()) slugs_.Add(std::move(made.slug));
      if (made.file_id) file_ids_.Add(*made.file_id);
    }
  }

  // A LINK owned by our extension, rendered as `open`, the label, `close`. The label is a
  // TEXT child that cmark escapes; `open` must be escaped by the caller.
  NodePtr MakeOwnLink(std::string open, std::string close, const std::string& label) {
    NodePtr anchor(cmark_node_new(CMARK_NODE_LINK));
    cmark::RenderAs(anchor.get(), {std::move(open), std::move(close), false}, tags_);
    NodePtr child = MakeText(label);
    if (cmark_node_append_child(anchor.get(), child.get())) child.release();
    return anchor;
  }

  // An existing page, or a red link to create it. Only percent-encoded text goes into the
  // href, so no page text can break out of the attribute.
  Made MakePageLink(const WikiLink& link) {
    Made made;
    std::string href;
    const char* css_class;
    if (std::optional<std::string> resolved = links_.Resolve(link.target)) {
      made.slug = std::move(*resolved);
      href = "/p/" + PercentEncode(made.slug);
      // Heading ids are Slugify(heading text) too, so [[Page#Some heading]] lands on it.
      const std::string fragment = Slugify(link.section);
      if (!fragment.empty()) {
        href += '#';
        href += PercentEncode(fragment);
      }
      css_class = "wikilink";
    } else {
      made.slug = Slugify(link.target);
      href = "/new?title=" + PercentEncode(link.target);
      css_class = "wikilink new";
    }
    made.node = MakeOwnLink(
        "<a href=\"" + EscapeHtml(href) + "\" class=\"" + std::string(css_class) + "\">", "</a>",
        link.label);
    return made;
  }

  // An existing file, or a marked span: files are uploaded to a page, there is no page to
  // create them from a red link. The resolver's URL is already percent-encoded; the span's
  // title names the file (a label may hide it). Stored HTML serves every language, so the
  // http layer's stylesheet says what "missing" means.
  Made MakeFileLink(const WikiLink& link) {
    Made made;
    if (std::optional<FileLink> file = links_.ResolveFile(link.target)) {
      made.file_id = file->id;
      made.node = MakeOwnLink("<a href=\"" + EscapeHtml(file->url) + "\" class=\"filelink\">",
                              "</a>", link.label);
    } else {
      made.node =
          MakeOwnLink("<span class=\"filelink missing\" title=\"" + EscapeHtml(link.target) + "\">",
                      "</span>", link.label);
    }
    return made;
  }

  const LinkResolver& links_;
  cmark::OwnTags& tags_;
  OrderedSet<std::string> slugs_;
  OrderedSet<int64_t> file_ids_;
};

}  // namespace

FoundLinks ResolveLinks(cmark_node* doc, const LinkResolver& links, cmark::OwnTags& tags) {
  LinkPass pass(links, tags);
  pass.Run(doc);
  return FoundLinks{pass.TakeSlugs(), pass.TakeFileIds()};
}

}  // namespace kring
