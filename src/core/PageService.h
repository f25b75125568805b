// PageService: the use cases around pages. Owns the rules (validation, size cap, slug
// derivation, rendering at save time, red links turning blue) and knows no library.
// Thread-safe when its PageStore and MarkdownRenderer are.
#pragma once

#include <cstddef>
#include <functional>
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
  // invalid UTF-8, bad slug or date, too many topics), kTooLarge (body over the cap),
  // kConflict (stale base_revision), or the store's error.
  Result<SaveOutcome> Save(PageInput input);

  // Renders Markdown as a save would, without storing it (edit previews).
  Result<RenderedMarkdown> Preview(std::string_view markdown) const;

  const PageLimits& limits() const { return limits_; }

 private:
  Status Validate(const PageInput& input) const;
  // Re-renders the current revision of pages that link to a page just created, so their red
  // links turn into ordinary links without re-rendering on any page view.
  void RefreshLinkingPages(const std::string& slug);

  PageStore& store_;
  const MarkdownRenderer& renderer_;
  PageLimits limits_;
  std::function<void()> on_saved_;
  FileStore* files_;
};

}  // namespace kring
