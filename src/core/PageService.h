// PageService: the use cases around pages. Owns the rules (validation, size cap, slug
// derivation, rendering at save time, red links turning blue) and knows no library.
// Thread-safe when its PageStore and MarkdownRenderer are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/FileStore.h"
#include "core/MarkdownRenderer.h"
#include "core/Page.h"
#include "core/PageStore.h"
#include "core/Result.h"

namespace kring {

struct PageLimits {
  size_t max_body_bytes = 256 * 1024;  // the largest real page in the corpus is 42 KB
  size_t max_title_bytes = 200;
  size_t max_topics = 20;
  size_t max_organisation_bytes = 200;
  size_t max_place_bytes = 200;
  size_t max_applications = 20;
  size_t max_application_bytes = 200;
};

// A request to bring back an older revision of a page.
struct RestoreInput {
  std::string slug;
  int64_t revision = 0;  // the revision to bring back
  std::string author;
  std::string comment;  // of the new revision, e.g. "Restored revision 3"
  // The current revision the writer saw; set and no longer current: kConflict.
  std::optional<int64_t> base_revision;
};

class PageService {
 public:
  // `on_saved` is called after each save (the app wakes the indexer with it); for a save
  // inside a PageStore::RunBatch, before the batch commits.
  // `files` resolves [[file:name]] links; without it they render as missing.
  // The stores and renderer must outlive the service.
  PageService(PageStore& store, const MarkdownRenderer& renderer, PageLimits limits,
              std::function<void()> on_saved = {}, FileStore* files = nullptr);

  // Validates, renders and stores a revision. Errors: kInvalidInput (empty or overlong title,
  // invalid UTF-8, bad slug or date, too many topics or applications, an application name
  // longer than max_application_bytes, an organisation that is not one line,
  // too long or without a letter or digit, a place that is not one line or too long),
  // kTooLarge (body over the cap),
  // kConflict (stale base_revision), or the store's error.
  Result<SaveOutcome> Save(PageInput input);

  // Saves, as the page's newest revision, the title, body, kind, topics, date and organisation
  // of an older revision. Errors: kNotFound (no such page or revision), kInvalidInput (the
  // revision is the current one), kConflict (stale base_revision), or Save's errors.
  Result<SaveOutcome> Restore(const RestoreInput& input);

  // What Save stores, without storing it: the input cleaned (trimmed, topics deduplicated,
  // slug derived from the title when empty), validated and rendered. Errors as Save's before
  // it reaches the store.
  Result<NewRevision> Prepare(PageInput input) const;

  // Re-renders the current revision of pages that link to `slug`, after a page appeared there
  // (created, renamed, restored: their red links turn into ordinary links) or went away (moved
  // to the trash: they turn red), so that no page view has to render.
  void RefreshLinkingPages(const std::string& slug);

  // Renders Markdown as a save would, without storing it (edit previews).
  Result<RenderedMarkdown> Preview(std::string_view markdown) const;

  const PageLimits& limits() const { return limits_; }

 private:
  Status Validate(const PageInput& input) const;
  Status ValidateOrganisation(const std::string& organisation) const;

  PageStore& store_;
  const MarkdownRenderer& renderer_;
  PageLimits limits_;
  std::function<void()> on_saved_;
  FileStore* files_;
};

}  // namespace kring
