// MarkdownRenderer: Markdown with [[wiki links]] → safe HTML, plain text and link targets.
// Implemented with cmark-gfm in render/. Rendering happens once, when a revision is saved.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kring {

struct FileLink {
  int64_t id = 0;
  std::string url;
};

// Answers whether a wiki-link target names an existing page or file.
class LinkResolver {
 public:
  virtual ~LinkResolver() = default;
  // The slug of the existing page `target` names, or nullopt (a red link).
  virtual std::optional<std::string> Resolve(std::string_view target) const = 0;
  // The stored file a [[file:name]] link names: its id and URL (/f/{id}/{name}); nullopt when
  // there is no such file (the link renders as missing).
  virtual std::optional<FileLink> ResolveFile(std::string_view name) const = 0;
};

struct RenderedMarkdown {
  std::string html;  // safe: raw HTML dropped, javascript: URLs blanked, wiki links resolved
  std::string text;  // plain text, blocks separated by newlines (for search and snippets)
  // Slugs of every page linked, existing or red, deduplicated, in order of appearance.
  std::vector<std::string> link_slugs;
  // Ids of stored files linked ([[file:name]] or a Markdown link to /f/{id}/...), deduplicated.
  std::vector<int64_t> file_ids;
};

// Which page links RewriteLinks changes, and into what.
struct LinkRewrite {
  // For the target of a wiki link ("Old title" in [[Old title#Section|label]]): the target to
  // write instead, or nullopt to leave the link as it is.
  std::function<std::optional<std::string>(std::string_view target)> wiki_target;
  // For the slug of a Markdown link to /p/{slug}: the slug to write instead, or nullopt.
  std::function<std::optional<std::string>(std::string_view slug)> page_slug;
};

class MarkdownRenderer {
 public:
  virtual ~MarkdownRenderer() = default;
  // Thread-safe. `markdown` is valid UTF-8 (the caller checks); never throws.
  virtual RenderedMarkdown Render(std::string_view markdown, const LinkResolver& links) const = 0;
  // `markdown` with the page links `rewrite` names rewritten (a wiki link keeps its section
  // and label; a link without a label gets the new target as its text) and everything else
  // byte for byte, code blocks included. Thread-safe; never throws.
  virtual std::string RewriteLinks(std::string_view markdown, const LinkRewrite& rewrite) const = 0;
};

}  // namespace kring
