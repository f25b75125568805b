#include "core/PageLifecycle.h"

#include <utility>

#include "core/Text.h"

namespace kring {

PageLifecycle::PageLifecycle(PageService& pages, PageStore& store, PageLifecycleStore& lifecycle,
                             const MarkdownRenderer& renderer, std::function<void()> on_changed)
    : pages_(pages),
      store_(store),
      lifecycle_(lifecycle),
      renderer_(renderer),
      on_changed_(std::move(on_changed)) {}

Result<TrashedPage> PageLifecycle::Trash(std::string_view slug, const std::string& author) {
  if (!IsValidUtf8(author)) return Error{ErrorCode::kInvalidInput, "The name is not valid UTF-8."};
  const std::string who = Trim(author).empty() ? "anonymous" : Trim(author);
  Result<TrashedPage> trashed = lifecycle_.TrashPage(slug, who);
  if (!trashed.ok()) return trashed;
  pages_.RefreshLinkingPages(trashed->slug);
  if (on_changed_) on_changed_();
  return trashed;
}

Status PageLifecycle::Restore(std::string_view slug) {
  if (Status restored = lifecycle_.RestorePage(slug); !restored.ok()) return restored;
  pages_.RefreshLinkingPages(std::string(slug));
  if (on_changed_) on_changed_();
  return Ok();
}

Result<SaveOutcome> PageLifecycle::Rename(std::string_view slug, RenameInput input) {
  Result<Page> page = store_.Get(slug);
  if (!page.ok()) return page.error();
  PageInput revised = InputOf(page.value());
  revised.title = Trim(input.title);
  revised.slug = Trim(input.slug);
  if (revised.slug.empty()) revised.slug = Slugify(revised.title);
  if (revised.slug == page->slug && revised.title == page->title) {
    return Error{ErrorCode::kInvalidInput, "The new title and slug are the page's current ones."};
  }
  revised.author = input.author;
  revised.comment = "Renamed from " + page->title +
                    (revised.slug == page->slug ? std::string() : " (" + page->slug + ")");
  if (input.base_revision) revised.base_revision = input.base_revision;
  Result<NewRevision> revision = pages_.Prepare(std::move(revised));
  if (!revision.ok()) return revision.error();
  Result<SaveOutcome> renamed = lifecycle_.RenamePage(slug, revision.value());
  if (!renamed.ok()) return renamed;
  // Their links now resolve through the redirect: render them again so they point at the new
  // slug (and a link that was red because it named the new title turns blue).
  pages_.RefreshLinkingPages(renamed->slug);
  if (on_changed_) on_changed_();
  return renamed;
}

std::string PageLifecycle::RewrittenBody(const Page& page, const std::string& body) {
  LinkRewrite rewrite;
  // Only targets that reach the page by an earlier name: a link by its current title or slug
  // is left as written, and so is one that now names another page.
  rewrite.wiki_target = [&](std::string_view target) -> std::optional<std::string> {
    if (Slugify(target) == page.slug || ToLower(Trim(target)) == ToLower(page.title)) {
      return std::nullopt;
    }
    if (store_.ResolveTarget(target) != page.slug) return std::nullopt;
    return page.title;
  };
  rewrite.page_slug = [&](std::string_view slug) -> std::optional<std::string> {
    if (slug == page.slug || lifecycle_.RedirectTarget(slug) != page.slug) return std::nullopt;
    return page.slug;
  };
  return renderer_.RewriteLinks(body, rewrite);
}

std::vector<PageSummary> PageLifecycle::PagesWithOldLinks(std::string_view slug) {
  Result<Page> page = store_.Get(slug);
  if (!page.ok()) return {};
  std::vector<PageSummary> pages;
  for (PageSummary& linking : store_.Backlinks(page->slug, Audience::kMembers)) {
    Result<Page> source = linking.slug == page->slug ? page : store_.Get(linking.slug);
    if (!source.ok()) continue;
    if (RewrittenBody(page.value(), source->body) != source->body) {
      pages.push_back(std::move(linking));
    }
  }
  return pages;
}

LinkRewriteReport PageLifecycle::RewriteOldLinks(std::string_view slug, const std::string& author) {
  LinkRewriteReport report;
  Result<Page> page = store_.Get(slug);
  if (!page.ok()) return report;
  for (const PageSummary& linking : PagesWithOldLinks(page->slug)) {
    Result<Page> source = store_.Get(linking.slug);
    if (!source.ok()) {
      report.failed.emplace_back(linking.slug, source.error().message);
      continue;
    }
    PageInput input = InputOf(source.value());
    input.body = RewrittenBody(page.value(), source->body);
    input.author = author;
    input.comment = std::string(kRewriteComment);
    Result<SaveOutcome> saved = pages_.Save(std::move(input));
    if (saved.ok()) {
      report.updated.push_back(linking.slug);
    } else {
      report.failed.emplace_back(linking.slug, saved.error().message);
    }
  }
  return report;
}

}  // namespace kring
