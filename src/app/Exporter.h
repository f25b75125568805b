// Exporter: a data folder's pages and files as a folder of Markdown that reads well without
// Kring (in any Markdown viewer, on a file share, in git) and that `kring import` reads back
// into the same pages, files and links.
//
// Layout of an export:
//
//   OUT/{slug}.md            every live page (members-only ones too): YAML front matter in the
//                            form ImportDirectory reads (title, kind, date, topics,
//                            organisation, place, applications, visibility) plus created and
//                            updated (for readers; an import dates revisions anew), then the body
//   OUT/{slug}/{file name}   the files attached to the page
//   OUT/register.json        the register (organisations, applications, usages) as the API
//                            answers it; written by `kring export` (ExportCommands), not imported
//   OUT/kring-export.json    what this is (format, version, time, counts): the importer reads a
//                            folder holding it as an export (ImportDirectory, "attachment
//                            folders")
//
// In the bodies, links to pages (`/p/{slug}#anchor`) become `{slug}.md#anchor` and links to
// stored files (`/f/{id}/{name}`) become `{page}/{name}`, relative to the export's top where
// every page lies; [[wiki links]] and everything else are kept byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/File.h"
#include "core/FileStore.h"
#include "core/Page.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

// The file that marks a folder as a Kring export.
inline constexpr std::string_view kExportManifest = "kring-export.json";

// ---- Pure steps -------------------------------------------------------------------------------

// The front matter block of a page, "---\n...---\n", YAML written so that ParseMarkdownFile
// reads back the same title, kind, date, topics (their names), organisation, place,
// applications and visibility. Empty fields are left out, except kind and visibility.
std::string ExportFrontMatter(const Page& page);

// Where the export's links point: the pages exported and, by file id, the relative path of
// each exported file ("{page}/{name}", not yet percent-encoded).
struct ExportTargets {
  std::set<std::string, std::less<>> slugs;
  std::map<int64_t, std::string> files;
};

// `body` with its links to exported pages and files made relative (see above); links to pages
// or files that are not exported (red links, files of a deleted page) are kept as written.
std::string ExportBody(const std::string& body, const ExportTargets& targets);

// ---- The export itself ------------------------------------------------------------------------

struct ExportReport {
  int pages = 0;
  int files = 0;
  int64_t file_bytes = 0;
  std::vector<std::string> warnings;  // exported, but something was off (a file renamed...)
};

// Writes every live page of `pages` with its files from `files`, and the manifest, into `out`,
// which must not exist or be an empty folder. Reads page by page,
// so an export beside a running server sees each page as it was when read.
// Errors: kInvalidInput when `out` is a file or a non-empty folder; kUnavailable when it cannot
// be written or a file's content cannot be read (what was written so far is left behind);
// kInternal and kUnavailable from the stores.
Result<ExportReport> ExportDirectory(const std::filesystem::path& out, PageStore& pages,
                                     FileStore& files);

}  // namespace kring
