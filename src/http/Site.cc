#include "http/Site.h"

namespace kring::http {

Site::Site(Services& services, const Views& views)
    : views_(views),
      pages_(services, views),
      history_(services, views),
      browse_(services, views),
      meetings_(services, views),
      search_(services, views, zero_results_),
      admin_(views, zero_results_),
      api_(services, views),
      files_(services, views),
      system_(services, views),
      recent_(services, views),
      trash_(services, views),
      rename_(services, views),
      router_(
          [this](const Request& r) {
            return views_.ErrorPage(r, 404, views_.Message(r, "error_404_detail"));
          },
          [this](const Request& r) {
            return views_.ErrorPage(r, 405, views_.Message(r, "error_405"));
          }) {
  auto bind = [](auto* handler,
                 Response (std::remove_pointer_t<decltype(handler)>::*method)(const Request&)) {
    return [handler, method](const Request& r) { return (handler->*method)(r); };
  };
  // HTML
  router_.Add("GET", "/", bind(&browse_, &BrowseHandler::Home));
  router_.Add("GET", "/search", bind(&search_, &SearchHandler::Page));
  router_.Add("GET", "/topics", bind(&browse_, &BrowseHandler::Topics));
  router_.Add("GET", "/t/{topic}", bind(&browse_, &BrowseHandler::Topic));
  router_.Add("GET", "/meetings", bind(&meetings_, &MeetingHandler::List));
  router_.Add("GET", "/meetings.ics", bind(&meetings_, &MeetingHandler::Calendar));
  router_.Add("GET", "/wanted", bind(&browse_, &BrowseHandler::Wanted));
  router_.Add("GET", "/recent", bind(&recent_, &RecentHandler::Page));
  router_.Add("GET", "/feed.atom", bind(&recent_, &RecentHandler::Feed));
  router_.Add("GET", "/t/{topic}/feed.atom", bind(&recent_, &RecentHandler::TopicFeed));
  router_.Add("GET", "/new", bind(&pages_, &PageHandler::NewForm));
  router_.Add("POST", "/new", bind(&pages_, &PageHandler::Create));
  router_.Add("GET", "/p/{slug}", bind(&pages_, &PageHandler::Show));
  router_.Add("GET", "/p/{slug}/edit", bind(&pages_, &PageHandler::EditForm));
  router_.Add("POST", "/p/{slug}/edit", bind(&pages_, &PageHandler::Update));
  router_.Add("GET", "/p/{slug}/history", bind(&history_, &HistoryHandler::History));
  router_.Add("GET", "/p/{slug}/diff", bind(&history_, &HistoryHandler::Diff));
  router_.Add("GET", "/p/{slug}/rev/{n}", bind(&pages_, &PageHandler::Revision));
  router_.Add("POST", "/p/{slug}/rev/{n}/restore", bind(&history_, &HistoryHandler::Restore));
  router_.Add("GET", "/p/{slug}/delete", bind(&trash_, &TrashHandler::ConfirmDelete));
  router_.Add("POST", "/p/{slug}/delete", bind(&trash_, &TrashHandler::Delete));
  router_.Add("GET", "/p/{slug}/rename", bind(&rename_, &RenameHandler::Form));
  router_.Add("POST", "/p/{slug}/rename", bind(&rename_, &RenameHandler::Rename));
  router_.Add("POST", "/p/{slug}/rewrite-links", bind(&rename_, &RenameHandler::RewriteLinks));
  router_.Add("POST", "/p/{slug}/files", bind(&files_, &FileHandler::UploadForm));
  router_.Add("POST", "/new/presentation", bind(&files_, &FileHandler::NewPresentation));
  router_.Add("GET", "/f/{id}", bind(&files_, &FileHandler::Show));
  router_.Add("GET", "/f/{id}/{name}", bind(&files_, &FileHandler::Download));
  // JSON API
  router_.Add("GET", "/api/v1/pages/{slug}", bind(&api_, &ApiHandler::GetPage));
  router_.Add("PUT", "/api/v1/pages/{slug}", bind(&api_, &ApiHandler::PutPage));
  router_.Add("GET", "/api/v1/pages/{slug}/revisions", bind(&api_, &ApiHandler::Revisions));
  router_.Add("POST", "/api/v1/pages/{slug}/restore", bind(&api_, &ApiHandler::Restore));
  router_.Add("DELETE", "/api/v1/pages/{slug}", bind(&trash_, &TrashHandler::ApiDelete));
  router_.Add("POST", "/api/v1/pages/{slug}/files", bind(&files_, &FileHandler::ApiUpload));
  router_.Add("POST", "/api/v1/presentations", bind(&files_, &FileHandler::ApiNewPresentation));
  router_.Add("GET", "/api/v1/files/{id}", bind(&files_, &FileHandler::ApiGet));
  router_.Add("GET", "/api/v1/search", bind(&search_, &SearchHandler::Api));
  router_.Add("GET", "/api/v1/suggest", bind(&search_, &SearchHandler::Suggest));
  // Administration: must become admin-only with accounts and roles (a later issue).
  router_.Add("GET", "/admin/zero-results", bind(&admin_, &AdminHandler::ZeroResults));
  router_.Add("GET", "/api/v1/admin/zero-results", bind(&admin_, &AdminHandler::ApiZeroResults));
  // TODO(accounts and roles issue): the trash and restoring are for admins only.
  router_.Add("GET", "/admin/trash", bind(&trash_, &TrashHandler::List));
  router_.Add("POST", "/admin/trash/{slug}/restore", bind(&trash_, &TrashHandler::Restore));
  router_.Add("GET", "/api/v1/admin/trash", bind(&trash_, &TrashHandler::ApiList));
  router_.Add("POST", "/api/v1/admin/trash/{slug}/restore",
              bind(&trash_, &TrashHandler::ApiRestore));
  // Operations and assets
  router_.Add("GET", "/healthz", bind(&system_, &SystemHandler::Health));
  router_.Add("GET", "/sitemap.xml", bind(&system_, &SystemHandler::Sitemap));
  router_.Add("GET", "/static/{name}", bind(&system_, &SystemHandler::Static));
}

Response Site::ErrorPage(const Request& request, int status) const {
  return views_.ErrorPage(request, status,
                          views_.Message(request, "error_" + std::to_string(status) + "_detail"));
}

}  // namespace kring::http
