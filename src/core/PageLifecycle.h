// PageLifecycle: what happens to a page besides editing it. Moving it to the trash and back
// (a soft delete: the page keeps its history and can be restored), and renaming it (a new title
// and slug; the old slug stays as a redirect, so old URLs and [[Old title]] links keep working,
// and the links in other pages can then be rewritten to the new name).
//
// PageLifecycleStore is what the use cases need from storage (SqlitePageStore implements it).
// Both are thread-safe when their collaborators are.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/MarkdownRenderer.h"
#include "core/Page.h"
#include "core/PageService.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

// A page in the trash.
struct TrashedPage {
  std::string slug;
  std::string title;
  PageKind kind = PageKind::kPage;
  int64_t revision = 0;    // its current revision, kept
  std::string deleted_at;  // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string deleted_by;
};

// An earlier name of a page, left behind by a rename.
struct PageAlias {
  std::string slug;   // the old slug, which redirects to the page
  std::string title;  // the title the page had under that slug
  std::string renamed_at;
};

class PageLifecycleStore {
 public:
  virtual ~PageLifecycleStore() = default;

  // Moves a page to the trash in one transaction, with outbox rows for the page and each of
  // its files (the indexer removes them: Get and GetFile answer kNotFound for trashed pages).
  // Errors: kNotFound when no page of that slug is out of the trash.
  virtual Result<TrashedPage> TrashPage(std::string_view slug, std::string_view author) = 0;
  // Takes a page out of the trash, with an outbox row for it (and so for its files).
  // Errors: kNotFound when no page of that slug is in the trash.
  virtual Status RestorePage(std::string_view slug) = 0;
  // The page of that slug when it is in the trash.
  virtual std::optional<TrashedPage> FindTrashed(std::string_view slug) = 0;
  // Every page in the trash, the most recently trashed first.
  virtual std::vector<TrashedPage> TrashedPages() = 0;

  // Renames the page at `slug` to revision.input.slug and saves `revision` (its new title) as
  // its next revision, in one transaction: the page keeps its id, history and files; `slug`
  // becomes a redirect to it; the links rows that named `slug` name the new slug; outbox rows
  // remove the old slug from the index and add the new one. The slug may stay the same (a new
  // title only). Errors: kNotFound (no such page out of the trash), kConflict (the new slug
  // belongs to another page, in the trash or not, or is an earlier name of another page; or a
  // stale revision.input.base_revision).
  virtual Result<SaveOutcome> RenamePage(std::string_view slug, const NewRevision& revision) = 0;
  // The current slug of the page (out of the trash) that `old_slug` named before a rename.
  virtual std::optional<std::string> RedirectTarget(std::string_view old_slug) = 0;
  // The earlier names of a page, the most recent first.
  virtual std::vector<PageAlias> Aliases(std::string_view slug) = 0;
};

// What RenameInput asks for.
struct RenameInput {
  std::string title;  // the new title
  std::string slug;   // the new slug; empty: Slugify(title)
  std::string author;
  // The revision the member saw; a save in between makes the rename answer kConflict.
  std::optional<int64_t> base_revision;
};

// What RewriteOldLinks did.
struct LinkRewriteReport {
  std::vector<std::string> updated;                         // slugs saved with new links
  std::vector<std::pair<std::string, std::string>> failed;  // slug, why
};

class PageLifecycle {
 public:
  // `on_changed` is called after each committed change (the app wakes the indexer with it).
  // Everything borrowed must outlive this.
  PageLifecycle(PageService& pages, PageStore& store, PageLifecycleStore& lifecycle,
                const MarkdownRenderer& renderer, std::function<void()> on_changed = {});

  // Moves a page to the trash; the links to it in other pages turn red.
  // Errors: kInvalidInput (an author that is not valid UTF-8), the store's errors.
  Result<TrashedPage> Trash(std::string_view slug, const std::string& author);
  // Brings a page back from the trash with its history; links to it stop being red.
  Status Restore(std::string_view slug);

  // Renames a page; the pages linking to it are rendered again so their links follow.
  // Errors: kInvalidInput (as PageService::Save validates a title and slug; or nothing would
  // change), the store's errors (kNotFound, kConflict with a message naming the problem).
  Result<SaveOutcome> Rename(std::string_view slug, RenameInput input);

  // Pages (out of the trash) whose text links to the page at `slug` by one of its earlier names,
  // ordered by title. Empty when the page does not exist.
  std::vector<PageSummary> PagesWithOldLinks(std::string_view slug);
  // Saves a new revision of each of those pages with the links rewritten to the page's current
  // title and slug, comment "Links updated after rename". A page that fails (a save racing
  // this one, for example) is reported and left as it was.
  LinkRewriteReport RewriteOldLinks(std::string_view slug, const std::string& author);

  // Reads, answered by the store as PageLifecycleStore documents them.
  std::optional<std::string> RedirectTarget(std::string_view old_slug) {
    return lifecycle_.RedirectTarget(old_slug);
  }
  std::optional<TrashedPage> FindTrashed(std::string_view slug) {
    return lifecycle_.FindTrashed(slug);
  }
  std::vector<TrashedPage> TrashedPages() { return lifecycle_.TrashedPages(); }
  std::vector<PageAlias> Aliases(std::string_view slug) { return lifecycle_.Aliases(slug); }

  static constexpr std::string_view kRewriteComment = "Links updated after rename";

 private:
  // `body` with its links to `page` by an earlier name rewritten to the current name.
  std::string RewrittenBody(const Page& page, const std::string& body);

  PageService& pages_;
  PageStore& store_;
  PageLifecycleStore& lifecycle_;
  const MarkdownRenderer& renderer_;
  std::function<void()> on_changed_;
};

}  // namespace kring
