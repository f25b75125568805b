// ImportFiles: the files an imported page links to (slides, spreadsheets...), attached to the
// page through FileService, their links rewritten to the stored files' URLs. Used by
// ImportDirectory when it is given a FileService.
//
// Each file of the folder is uploaded once per import, to the first page (in the import's
// order) that links it; later pages link that stored file, so a deck linked from two pages is
// stored, extracted and found once. Not thread-safe: one object per import.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/ImportLinks.h"
#include "app/Importer.h"
#include "core/FileService.h"
#include "core/Result.h"

namespace kring {

// The files one page links to, gathered while its body is read.
struct PageFileLinks {
  // Destination as RewriteLinks hands it (escapes undone) → the file it names; in order of
  // first appearance.
  std::vector<std::pair<std::string, ImportFileLink>> links;
  std::vector<std::string> warned;  // destinations already reported for this page
  // It links a file of another page's attachment folder not stored yet (see
  // UseAttachmentFolders): the link is left as written, to be rewritten in a second round.
  bool deferred = false;

  bool empty() const { return links.empty(); }
};

class ImportFiles {
 public:
  // `dir` must be an existing folder. `files` and `report` must outlive this object. Uploads
  // are written by `author`; a dry run uploads nothing (see Attach).
  ImportFiles(const std::filesystem::path& dir, FileService& files, std::string author,
              bool dry_run, ImportReport& report);

  // For a link destination in the page `from_path` that is not a page link: true when it
  // names a file of the folder to attach, remembered in `page`. False for anything else, with
  // a warning (once per destination and page) when it names a file that is missing, lies
  // outside the folder (through a symbolic link) or is over FileService's size limit.
  bool Note(std::string_view destination, const std::string& from_path, PageFileLinks& page);

  // True when some file `page` links to is not stored by this import yet: Attach will upload
  // it, which needs the page to exist. False when Attach can link stored files only.
  bool NeedsUpload(const PageFileLinks& page) const;

  // Uploads the files `page` links to that this import has not uploaded yet, attaching them to
  // `page_slug` (which must exist when NeedsUpload), and answers `body` with those links rewritten
  // to the stored files' URLs (FileUrl, plus the link's #fragment). A file that cannot be read or
  // that FileService refuses (content not matching its extension, too large, empty) keeps its links
  // as written, with a warning on each page linking it. In a dry run nothing is read or
  // uploaded and `body` comes back as is; the report counts what would be.
  // Errors: kUnavailable or kInternal from the store, which stop the import.
  Result<std::string> Attach(const std::string& page_slug, const std::string& from_path,
                             const PageFileLinks& page, const std::string& body);

  // For a Kring export (Exporter.h): `owners` maps each folder `{p}` beside an imported `{p}.md`
  // ('/'-separated, from the import folder) to that page's slug. The files in such a folder
  // belong to that page: AttachFolder uploads them all, linked or not, and a link from another
  // page to one of them attaches it to its owner, never to the linking page. Until
  // StopDeferring, a link to a file of an owner not imported yet is left as written and marks
  // the page deferred (PageFileLinks::deferred), to be imported again once every owner is.
  // Site-absolute links (/meetings.ics) are Kring URLs then, never files of the folder.
  void UseAttachmentFolders(std::map<std::string, std::string, std::less<>> owners);
  void StopDeferring() { deferring_ = false; }

  // Uploads to `page_slug` every file (not hidden, not a symbolic link) of the attachment
  // folder of `page_path` that this import has not stored yet; nothing when it has none. A file
  // FileService refuses is reported as a warning. Errors: as Attach.
  Status AttachFolder(const std::string& page_slug, const std::string& page_path);

 private:
  // What became of one file of the folder: its URL, or why it was not stored.
  struct Stored {
    std::string url;  // empty when not stored
    std::string why;
  };
  Result<Stored> Store(const std::string& page_slug, const std::string& path);
  // The slug of the page whose attachment folder holds `path`, or nullptr.
  const std::string* OwnerOf(std::string_view path) const;

  const std::filesystem::path dir_;
  std::filesystem::path real_dir_;  // dir_ with symbolic links resolved
  FileService& files_;
  const std::string author_;
  const bool dry_run_;
  ImportReport& report_;
  std::map<std::string, Stored, std::less<>> stored_;       // by path in the folder
  std::map<std::string, std::string, std::less<>> owners_;  // attachment folder → page slug
  bool export_ = false;                                     // UseAttachmentFolders was called
  bool deferring_ = false;
};

// A Kring export's attachment folders (see ImportFiles::UseAttachmentFolders): for each
// (path, slug) of `planned` whose `{p}.md` has a folder `{p}` beside it in `dir`, that folder
// mapped to the slug.
std::map<std::string, std::string, std::less<>> AttachmentFolders(
    const std::filesystem::path& dir,
    const std::vector<std::pair<std::string, std::string>>& planned);

// In a Kring export, a Markdown file in the attachment folder `{p}/` of `{p}.md` is a file of
// that page (AttachFolder uploads it), not a page: drops those from `paths` (relative,
// '/'-separated).
void DropAttachedMarkdown(std::vector<std::string>& paths);

// The content of the file at `path`; nullopt, with the reason in `why`, when it cannot be read
// or is larger than `max_bytes` (then it is not read at all).
std::optional<std::string> ReadWholeFile(const std::filesystem::path& path, uintmax_t max_bytes,
                                         std::string& why);

}  // namespace kring
