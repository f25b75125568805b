// Importer: turns a folder of Markdown files (a Jekyll/MkDocs documentation site such as the
// GEMMA Zaken docs, or a colleague's notes) into wiki pages.
//
// ImportDirectory reads every `*.md` file under a folder, in two passes: the first gives every
// file its slug, the second parses each file and saves it through PageService, with links to
// other imported files rewritten to `/p/{slug}` so the renderer records them as page links
// whatever the order of the files.
//
// Given a FileService, it also imports the files the pages link to (ImportFiles.h).
//
// The pure steps of an import (dates, slugs, kinds; link resolution in ImportLinks.h; front
// matter and Markdown scanning in MarkdownFile.h) are exposed so they can be tested without a
// store; they never throw and keep no state.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ImportLinks.h"
#include "app/MarkdownFile.h"
#include "core/FileService.h"
#include "core/Page.h"
#include "core/PageService.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

// ---- Pure steps -------------------------------------------------------------------------------

// The visibility a front matter's `visibility:` or `zichtbaarheid:` names, in English or Dutch
// ("members", "leden", "alleen leden"; "public", "publiek", "iedereen", "openbaar"),
// case-insensitively; nullopt for anything else.
std::optional<Visibility> ImportedVisibility(std::string_view written);

// The slug of a file from its path relative to the import folder, '/'-separated:
// `.md` is dropped, a last segment `index` stands for its folder (`community/index.md` →
// `community`), a top-level `index.md` becomes `home`, then Slugify (so '/' becomes '-':
// `community/bijeenkomsten/2019-06-20.md` → `community-bijeenkomsten-2019-06-20`).
// Empty when the path has no letter or digit.
std::string SlugForPath(std::string_view relative_path);

// The title when neither front matter nor a heading gives one: the file name without `.md`
// (`Delft AVG.md` → "Delft AVG"), the folder's name for an `index.md`, "Home" at the top.
std::string TitleFromPath(std::string_view relative_path);

// Heuristic kind of an imported page (used when front matter names no valid `kind:`):
//  - kMinutes when the file lies inside a folder named `bijeenkomsten` or `verslagen` (the
//    folder's own index.md is the list of meetings, not minutes);
//  - kMinutes when a word of the title ends in "verslag" or "bijeenkomst" (Dutch compounds put
//    the head last: "Kringbijeenkomst", "Vergaderverslag"; plurals name overviews and do not
//    match);
//  - kPage otherwise.
PageKind GuessKind(std::string_view relative_path, std::string_view title);

// ---- The import itself ------------------------------------------------------------------------

struct ImportOptions {
  std::string author = "import";          // of every revision written
  std::vector<std::string> extra_topics;  // added to every page (e.g. the source's name)
  bool dry_run = false;                   // parse, resolve and report, but save nothing
  // Files saved per store transaction (PageStore::RunBatch); 0 counts as 1.
  size_t pages_per_batch = 250;
};

struct ImportIssue {
  std::string path;  // relative to the import folder
  std::string message;
};

struct ImportReport {
  int files_seen = 0;  // *.md files found
  int pages_created = 0;
  int pages_updated = 0;    // a new revision was saved
  int pages_unchanged = 0;  // identical to the current revision: no save
  int links_rewritten = 0;  // links to Markdown files made page links
  // Files of the folder stored because a page links to them (see ImportDirectory); a re-import
  // counts them again, though the store answers the files it already has and adds none.
  int files_imported = 0;
  int file_links_rewritten = 0;      // links to those files made links to the stored files
  std::vector<ImportIssue> skipped;  // files not imported, with the reason
  // Imported, but something was off (bad YAML, a link to a missing page or file, a file the
  // upload refused).
  std::vector<ImportIssue> warnings;
};

// Imports every `*.md` file (any case) under `dir`, recursively, in sorted path order. Hidden
// files and folders (name starting with '.') are left out.
//
// Each file becomes the page SlugForPath(path); when two paths give the same slug the later
// one (in sorted order) gets "-2", "-3"... and a warning. Title: front matter `title:`, else
// FirstHeading, else TitleFromPath. Kind: a valid front matter `kind:`, else GuessKind. Date:
// NormalizeDate of `date:`; for minutes without one, a date at the start of the file name
// (`20180802-demo-sprint-2.md`). Topics: those of the front matter, the first folder of the
// path, then options.extra_topics. Organisation: `organisation:`, `organisatie:` or `org:`
// (one line, cut to the limit; one without a letter or digit is dropped with a warning).
// Applications: `applications:`, `toepassingen:` or `apps:` (a list or a comma string; each cut
// to the limit, at most max_applications).
// Place: `place:`, `plaats:` or `locatie:` (one line, cut to the limit).
// Visibility: `visibility:` or `zichtbaarheid:` (ImportedVisibility); public without one, and
// members-only, with a warning, for a value not understood.
// Body: the Markdown after the front matter, with links to
// imported files rewritten (ResolveImportLink). Revisions are written by options.author with
// the comment "Imported from {path}".
//
// Re-importing is idempotent: `store` is read to skip the save when the current revision
// already has the same title, body, kind, topics, date, organisation, place and visibility
// (PageService has no read side). A changed file gets a new revision, overwriting edits made in the
// wiki since (they stay in the history); so does a page of the same slug that did not come from
// this folder.
//
// Files. With `files`, a link to a file of the folder that is not Markdown
// (ResolveImportFileLink: `[slides](../bestanden/demo.pdf)`; images `![..](..)` are left alone)
// attaches that file to the page: it is uploaded through `files` by options.author and the
// link becomes the stored file's URL (/f/{id}/{name}, the #fragment kept). A file is uploaded
// once per import, to the first page linking it; later pages link the same stored file. A page
// needs to exist before a file can be attached, so a new page that links files to upload gets
// two revisions: the page as written, then the page with its file links rewritten (comment
// "Linked the files of {path}"). An existing page, or one linking only files already stored
// for earlier pages, gets its files first and at most one revision. Re-importing stays idempotent:
// FileStore answers the file it already has for the same page, name and content, so the rewritten
// body, and the page, are unchanged. A link to a file that is missing, outside the folder (symbolic
// link), over FileService's size limit, unreadable or refused by FileService (content not matching
// the extension) stays as written and is reported as a warning.
// A Kring export (a folder holding kring-export.json, see Exporter.h) is read with attachment
// folders: the files in `{p}/` beside `{p}.md` (Markdown ones too) are attached to that page,
// linked or not, and a
// link to one of them attaches it to that page, not the linking one; a page linking the files
// of a page later in the order is imported again at the end (a second revision), once they are
// stored. An export's front matter and body are taken as they are: the slug is the file's
// name (index.md is "index"), a heading repeating the title is kept and no date is read from a
// file name. In a dry run nothing is uploaded:
// files_imported and file_links_rewritten say what would be, and an existing page whose stored body
// links stored files counts as updated. Without `files`, links to files are left as written,
// silently.
//
// A file is skipped, and the import goes on, when it cannot be read, is over 16 MiB, is not
// valid UTF-8 (content or name), has no usable slug, or PageService refuses it (kInvalidInput,
// kTooLarge, kConflict). Errors: kNotFound when `dir` is not a folder; kInternal when it cannot be
// listed; a store error other than those above (kUnavailable, kInternal, from the page or the
// file store) stops the import and is returned.
//
// Files are saved options.pages_per_batch at a time, each group in one store transaction
// (PageStore::RunBatch), with the outbox rows of its pages. A failure rolls back the group in
// hand, never part of a page: the groups saved before are kept, and importing again completes
// the import (it skips the pages already saved).
//
// `pages` and `files` must be built on `store`. Not thread-safe with respect to other imports
// of the same pages; the stores and services themselves may be used by other threads meanwhile
// (their writes wait while a group is being saved, well under a second per group).
Result<ImportReport> ImportDirectory(const std::filesystem::path& dir, PageService& pages,
                                     PageStore& store, const ImportOptions& options = {},
                                     FileService* files = nullptr);

}  // namespace kring
