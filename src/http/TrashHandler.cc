#include "http/TrashHandler.h"

#include <nlohmann/json.hpp>

#include "core/PageLifecycle.h"
#include "http/AuthGate.h"
#include "http/PageHandler.h"

namespace kring::http {
namespace {

nlohmann::json TrashedJson(const TrashedPage& page) {
  return {{"slug", page.slug},
          {"title", page.title},
          {"kind", std::string(KindName(page.kind))},
          {"revision", page.revision},
          {"deleted_at", page.deleted_at},
          {"deleted_by", page.deleted_by}};
}

}  // namespace

Response TrashHandler::ConfirmDelete(const Request& request) {
  Result<Page> page = services_.store.Get(request.Param("slug"));
  if (!page.ok()) return views_.FromError(request, page.error());
  const size_t linking = services_.store.LinkingSlugs(page->slug).size();
  nlohmann::json view = {{"title", page->title},
                         {"slug", page->slug},
                         {"kind_label", KindLabel(views_, request, page->kind)},
                         {"revision", page->revision},
                         {"linking", linking},
                         {"has_linking", linking > 0}};
  return views_.Page(request, "delete", std::move(view));
}

Response TrashHandler::Delete(const Request& request) {
  Result<TrashedPage> trashed =
      services_.lifecycle.Trash(request.Param("slug"), AuthorName(request));
  if (!trashed.ok()) return views_.FromError(request, trashed.error());
  services_.accounts.Audit(request.viewer.name, "delete", trashed->slug, trashed->title,
                           request.remote_address);
  return Response::Redirect("/admin/trash?trashed=" + trashed->slug);
}

Response TrashHandler::List(const Request& request) {
  const std::string just_trashed = request.Query("trashed");
  nlohmann::json pages = nlohmann::json::array();
  nlohmann::json notice;
  for (const TrashedPage& page : services_.lifecycle.TrashedPages()) {
    nlohmann::json line = TrashedJson(page);
    line["kind_label"] = KindLabel(views_, request, page.kind);
    line["deleted_at_shown"] = views_.DateTime(request, page.deleted_at);
    line["just_trashed"] = page.slug == just_trashed;
    if (page.slug == just_trashed) notice = {{"title", page.title}};
    pages.push_back(std::move(line));
  }
  nlohmann::json view = {{"title", views_.Message(request, "trash_title")},
                         {"pages", pages},
                         {"has_pages", !pages.empty()},
                         {"notice", notice}};
  return views_.Page(request, "trash", std::move(view));
}

Response TrashHandler::Restore(const Request& request) {
  const std::string slug = request.Param("slug");
  if (Status restored = services_.lifecycle.Restore(slug); !restored.ok()) {
    return views_.FromError(request, restored.error());
  }
  services_.accounts.Audit(request.viewer.name, "trash_restore", slug, "", request.remote_address);
  return Response::Redirect("/p/" + slug);
}

Response TrashHandler::ApiDelete(const Request& request) {
  Result<TrashedPage> trashed =
      services_.lifecycle.Trash(request.Param("slug"), AuthorName(request));
  if (!trashed.ok()) return views_.FromError(request, trashed.error());
  services_.accounts.Audit(request.viewer.name, "delete", trashed->slug, trashed->title,
                           request.remote_address);
  nlohmann::json out = TrashedJson(trashed.value());
  return Response::Json(200, out.dump());
}

Response TrashHandler::ApiList(const Request& /*request*/) {
  nlohmann::json out = nlohmann::json::array();
  for (const TrashedPage& page : services_.lifecycle.TrashedPages()) {
    out.push_back(TrashedJson(page));
  }
  return Response::Json(200, out.dump());
}

Response TrashHandler::ApiRestore(const Request& request) {
  const std::string slug = request.Param("slug");
  if (Status restored = services_.lifecycle.Restore(slug); !restored.ok()) {
    return views_.FromError(request, restored.error());
  }
  services_.accounts.Audit(request.viewer.name, "trash_restore", slug, "", request.remote_address);
  Result<Page> page = services_.store.Get(slug);
  if (!page.ok()) return views_.FromError(request, page.error());
  return Response::Json(200,
                        nlohmann::json{{"slug", page->slug}, {"revision", page->revision}}.dump());
}

}  // namespace kring::http
