// ImportLinks: what a link written in an imported Markdown file points to, seen from the
// import folder: another imported file (a page link) or a file of the folder that is not
// Markdown (a file to attach). Pure string work: the file system is not looked at (the
// importer checks that a linked file exists). Thread-safe, never throws.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kring {

// Relative path ('/'-separated, as from the import folder) → slug, for every imported file.
using PathSlugs = std::map<std::string, std::string, std::less<>>;

// The wiki destination of a link written in the file `from_path`: `/p/{slug}` plus the
// `#anchor` if any, when the destination names an imported Markdown file. Accepted forms:
// `x.md`, `../a/x.md#anchor`, `x` or `x/` when `x.md` or `x/index.md` was imported, and
// `/a/x` resolved against the import folder (site-absolute links of documentation sites).
// `%20`-style escapes are decoded. nullopt for URLs with a scheme, `//host`, same-page anchors,
// queries, non-Markdown files, paths that climb out of the folder and files not imported.
std::optional<std::string> ResolveImportLink(std::string_view destination,
                                             std::string_view from_path, const PathSlugs& slugs);

// True when `destination` is a relative or site-absolute link to a `.md` file (any case), with
// or without an anchor or query: a page link that ResolveImportLink may fail to resolve.
bool LinksToMarkdownFile(std::string_view destination);

// True for a link as a Kring export writes page links (ExportBody): `{slug}.md`, maybe with an
// `#anchor`. In an export any other link was kept as written from the wiki, and must not
// resolve against the export's files by chance (`./index`).
bool IsExportPageLink(std::string_view destination);

// A link from an imported page to a file of the import folder that is not Markdown.
struct ImportFileLink {
  std::string path;      // relative to the import folder, '/'-separated, %-escapes decoded
  std::string fragment;  // "#..." as written ("#page=3"), or ""
};

// The file that `destination`, written in the file `from_path`, names when it is a path (as
// ResolveImportLink reads paths: relative, `../`, site-absolute, %-escapes) to a file with an
// extension other than `.md`: `bestanden/demo.pdf`, `../bestanden/x.pdf#page=2`,
// `/community/bestanden/x.pdf`, `expand.xlsx`. The extension must be ASCII letters and digits,
// one letter at least. nullopt for URLs with a scheme, `//host`, same-page anchors, queries,
// `.md` files, names without such an extension (page links such as `./tutorials/setup`,
// version-named folders such as `swagger-ui-1.2.0`), folder links (`x/`), paths that climb out
// of the folder, and paths through hidden files or folders (a segment starting with '.', which
// the import skips).
std::optional<ImportFileLink> ResolveImportFileLink(std::string_view destination,
                                                    std::string_view from_path);

// ---- String helpers shared by the importer's files ---------------------------------------------

// `s` cut at every `sep`; n separators give n + 1 pieces (some maybe empty).
std::vector<std::string_view> SplitPath(std::string_view s, char sep);

// True when `s` ends with `suffix`, ASCII case ignored; `suffix` must be lowercase.
bool EndsWithNoCase(std::string_view s, std::string_view suffix);

}  // namespace kring
