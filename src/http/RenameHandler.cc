#include "http/RenameHandler.h"

#include <utility>

#include "core/PageLifecycle.h"
#include "core/Text.h"
#include "http/AuthGate.h"
#include "http/PageHandler.h"
#include "http/Url.h"

namespace kring::http {

nlohmann::json RenameHandler::FormView(const Request& request, const Page& page,
                                       const std::string& title, const std::string& slug) const {
  nlohmann::json aliases = nlohmann::json::array();
  for (const PageAlias& alias : services_.lifecycle.Aliases(page.slug)) {
    aliases.push_back({{"slug", alias.slug},
                       {"title", alias.title},
                       {"renamed_at", views_.DateTime(request, alias.renamed_at)}});
  }
  nlohmann::json old_links = nlohmann::json::array();
  for (const PageSummary& linking : services_.lifecycle.PagesWithOldLinks(page.slug)) {
    old_links.push_back(SummaryView(views_, request, linking));
  }
  return {{"title", views_.Message(request, "rename") + ": " + page.title},
          {"page_title", page.title},
          {"slug", page.slug},
          {"base_revision", page.revision},
          {"new_title", title},
          {"new_slug", slug},
          {"aliases", aliases},
          {"has_aliases", !aliases.empty()},
          {"old_links", old_links},
          {"has_old_links", !old_links.empty()},
          {"renamed", !request.Query("renamed").empty()},
          {"updated", request.Query("updated")}};
}

Response RenameHandler::Form(const Request& request) {
  Result<Page> page = services_.store.Get(request.Param("slug"));
  if (!page.ok()) return views_.FromError(request, page.error());
  return views_.Page(request, "rename", FormView(request, page.value(), page->title, page->slug));
}

Response RenameHandler::Rename(const Request& request) {
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "bad_form"));
  auto field = [&](const char* name) {
    auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
  };
  RenameInput input;
  input.title = field("title");
  input.slug = field("slug");
  input.author = AuthorName(request);
  input.base_revision = ParseNumber(field("base_revision"));
  const std::string slug = request.Param("slug");
  Result<SaveOutcome> renamed = services_.lifecycle.Rename(slug, input);
  if (renamed.ok()) {
    services_.accounts.Audit(request.viewer.name, "rename", slug, slug + " -> " + renamed->slug,
                             request.remote_address);
    return Response::Redirect("/p/" + renamed->slug + "/rename?renamed=1");
  }
  const int status = StatusFor(renamed.error().code);
  Result<Page> page = services_.store.Get(slug);
  if (status == 500 || !page.ok()) return views_.FromError(request, renamed.error());
  // The member's title and slug stay in the form.
  nlohmann::json view = FormView(request, page.value(), input.title, input.slug);
  view["error"] = renamed.error().message;
  return views_.Page(request, "rename", std::move(view), status);
}

Response RenameHandler::RewriteLinks(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<Page> page = services_.store.Get(slug);
  if (!page.ok()) return views_.FromError(request, page.error());
  LinkRewriteReport report = services_.lifecycle.RewriteOldLinks(page->slug, AuthorName(request));
  if (report.failed.empty()) {
    return Response::Redirect("/p/" + page->slug +
                              "/rename?updated=" + std::to_string(report.updated.size()));
  }
  nlohmann::json failed = nlohmann::json::array();
  for (const auto& [failed_slug, why] : report.failed) {
    failed.push_back({{"slug", failed_slug}, {"message", why}});
  }
  nlohmann::json view = FormView(request, page.value(), page->title, page->slug);
  view["updated"] = std::to_string(report.updated.size());
  view["failed"] = failed;
  view["has_failed"] = true;
  return views_.Page(request, "rename", std::move(view), 409);
}

}  // namespace kring::http
