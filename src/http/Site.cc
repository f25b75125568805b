#include "http/Site.h"

#include <algorithm>

#include "http/OpenApi.h"

namespace kring::http {

Site::Site(Services& services, const Views& views)
    : views_(views),
      zero_results_(services.zero_result_counts),
      page_cache_(services.store, views, services.response_cache_bytes),
      pages_(services, views),
      history_(services, views),
      browse_(services, views),
      meetings_(services, views),
      search_(services, views, zero_results_, metrics_),
      admin_(views, zero_results_),
      api_(services, views),
      files_(services, views),
      system_(services, views),
      recent_(services, views),
      trash_(services, views),
      rename_(services, views),
      gate_(services.accounts, views),
      account_(services.accounts, views),
      users_(services.accounts, views),
      synonyms_(services.synonyms, services.accounts, views),
      register_(services, views),
      register_api_(services, views),
      metrics_handler_(services, metrics_, page_cache_),
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
  router_.SetHooks([this](Request& r) { gate_.Identify(r); },
                   [this](Request& r, const RouteOptions& o) { return gate_.Check(r, o); });
  // Who may use a route (RouteOptions::access; anonymous when not given). Every POST, PUT and
  // DELETE also needs the session's CSRF token or an API token (AuthGate).
  const RouteOptions member{.access = Role::kMember};
  const RouteOptions editor{.access = Role::kEditor};
  const RouteOptions admin{.access = Role::kAdmin};
  // Password hashing: on the worker pool, and the form's pre-session CSRF cookie.
  const RouteOptions signing_in{.pre_session_csrf = true, .offload = true};
  // Bodies beyond RouteOptions' default. An upload holds a file and its multipart headers, and
  // runs on the worker pool (it hashes and stores megabytes); a page form holds the source
  // URL-encoded (up to 3 bytes per byte), a JSON page escaped.
  const RouteOptions upload{.access = Role::kEditor,
                            .offload = true,
                            .max_body = services.files.limits().max_file_bytes + 1024 * 1024};
  const RouteOptions page_form{
      .access = Role::kEditor,
      .max_body = std::max(RouteOptions::kDefaultMaxBody,
                           services.pages.limits().max_body_bytes * 3 + 64 * 1024)};
  // The public pages read most, answered from the full-page cache for readers who are not
  // signed in (PublicPageCache.h says which pages may be).
  auto cached = [this](HandlerFn handler) { return page_cache_.Wrap(std::move(handler)); };
  // HTML
  router_.Add("GET", "/", cached(bind(&browse_, &BrowseHandler::Home)));
  router_.Add("GET", "/search", bind(&search_, &SearchHandler::Page));
  router_.Add("GET", "/topics", cached(bind(&browse_, &BrowseHandler::Topics)));
  router_.Add("GET", "/t/{topic}", cached(bind(&browse_, &BrowseHandler::Topic)));
  router_.Add("GET", "/meetings", bind(&meetings_, &MeetingHandler::List));
  router_.Add("GET", "/meetings.ics", bind(&meetings_, &MeetingHandler::Calendar));
  router_.Add("GET", "/wanted", bind(&browse_, &BrowseHandler::Wanted));
  router_.Add("GET", "/recent", bind(&recent_, &RecentHandler::Page));
  router_.Add("GET", "/feed.atom", bind(&recent_, &RecentHandler::Feed));
  router_.Add("GET", "/t/{topic}/feed.atom", bind(&recent_, &RecentHandler::TopicFeed));
  router_.Add("GET", "/new", bind(&pages_, &PageHandler::NewForm), editor);
  router_.Add("POST", "/new", bind(&pages_, &PageHandler::Create), page_form);
  router_.Add("GET", "/p/{slug}", cached(bind(&pages_, &PageHandler::Show)));
  router_.Add("GET", "/p/{slug}/edit", bind(&pages_, &PageHandler::EditForm), editor);
  router_.Add("POST", "/p/{slug}/edit", bind(&pages_, &PageHandler::Update), page_form);
  router_.Add("GET", "/p/{slug}/history", bind(&history_, &HistoryHandler::History));
  router_.Add("GET", "/p/{slug}/diff", bind(&history_, &HistoryHandler::Diff));
  router_.Add("GET", "/p/{slug}/rev/{n}", bind(&pages_, &PageHandler::Revision));
  router_.Add("POST", "/p/{slug}/rev/{n}/restore", bind(&history_, &HistoryHandler::Restore),
              editor);
  router_.Add("GET", "/p/{slug}/delete", bind(&trash_, &TrashHandler::ConfirmDelete), editor);
  router_.Add("POST", "/p/{slug}/delete", bind(&trash_, &TrashHandler::Delete), editor);
  router_.Add("GET", "/p/{slug}/rename", bind(&rename_, &RenameHandler::Form), editor);
  router_.Add("POST", "/p/{slug}/rename", bind(&rename_, &RenameHandler::Rename), editor);
  router_.Add("POST", "/p/{slug}/rewrite-links", bind(&rename_, &RenameHandler::RewriteLinks),
              editor);
  router_.Add("POST", "/p/{slug}/files", bind(&files_, &FileHandler::UploadForm), upload);
  router_.Add("POST", "/new/presentation", bind(&files_, &FileHandler::NewPresentation), upload);
  router_.Add("GET", "/f/{id}", bind(&files_, &FileHandler::Show));
  router_.Add("GET", "/f/{id}/{name}", bind(&files_, &FileHandler::Download));
  // JSON API
  router_.Add("GET", "/api/v1/pages/{slug}", bind(&api_, &ApiHandler::GetPage));
  router_.Add("PUT", "/api/v1/pages/{slug}", bind(&api_, &ApiHandler::PutPage), page_form);
  router_.Add("GET", "/api/v1/pages/{slug}/revisions", bind(&api_, &ApiHandler::Revisions));
  router_.Add("POST", "/api/v1/pages/{slug}/restore", bind(&api_, &ApiHandler::Restore), editor);
  router_.Add("DELETE", "/api/v1/pages/{slug}", bind(&trash_, &TrashHandler::ApiDelete), editor);
  router_.Add("POST", "/api/v1/pages/{slug}/files", bind(&files_, &FileHandler::ApiUpload), upload);
  router_.Add("POST", "/api/v1/presentations", bind(&files_, &FileHandler::ApiNewPresentation),
              upload);
  router_.Add("GET", "/api/v1/files/{id}", bind(&files_, &FileHandler::ApiGet));
  router_.Add("GET", "/api/v1/search", bind(&search_, &SearchHandler::Api));
  router_.Add("GET", "/api/v1/suggest", bind(&search_, &SearchHandler::Suggest));
  router_.Add("POST", "/api/v1/render", bind(&api_, &ApiHandler::Render), page_form);
  // Accounts
  router_.Add("GET", "/login", bind(&account_, &AccountHandler::LoginForm));
  router_.Add("POST", "/login", bind(&account_, &AccountHandler::Login), signing_in);
  router_.Add("POST", "/logout", bind(&account_, &AccountHandler::Logout), member);
  router_.Add("GET", "/register", bind(&account_, &AccountHandler::RegisterForm));
  router_.Add("POST", "/register", bind(&account_, &AccountHandler::Register), signing_in);
  router_.Add("GET", "/account", bind(&account_, &AccountHandler::Account), member);
  router_.Add("POST", "/account/password", bind(&account_, &AccountHandler::ChangePassword),
              RouteOptions{.access = Role::kMember, .offload = true});
  router_.Add("POST", "/account/logout-everywhere",
              bind(&account_, &AccountHandler::LogoutEverywhere), member);
  router_.Add("POST", "/account/tokens", bind(&account_, &AccountHandler::CreateToken), member);
  router_.Add("POST", "/account/tokens/{id}/revoke", bind(&account_, &AccountHandler::RevokeToken),
              member);
  router_.Add("GET", "/api/v1/me", bind(&account_, &AccountHandler::Me));
  // Administration
  router_.Add("GET", "/admin", bind(&users_, &UsersHandler::Index), admin);
  router_.Add("GET", "/admin/users", bind(&users_, &UsersHandler::Users), admin);
  router_.Add("POST", "/admin/users/{id}/approve", bind(&users_, &UsersHandler::Approve), admin);
  router_.Add("POST", "/admin/users/{id}/role", bind(&users_, &UsersHandler::SetRole), admin);
  router_.Add("POST", "/admin/users/{id}/disable", bind(&users_, &UsersHandler::Disable), admin);
  router_.Add("GET", "/admin/audit", bind(&users_, &UsersHandler::Audit), admin);
  router_.Add("GET", "/api/v1/admin/audit", bind(&users_, &UsersHandler::ApiAudit), admin);
  router_.Add("GET", "/admin/zero-results", bind(&admin_, &AdminHandler::ZeroResults), admin);
  router_.Add("GET", "/api/v1/admin/zero-results", bind(&admin_, &AdminHandler::ApiZeroResults),
              admin);
  router_.Add("GET", "/admin/trash", bind(&trash_, &TrashHandler::List), admin);
  router_.Add("POST", "/admin/trash/{slug}/restore", bind(&trash_, &TrashHandler::Restore), admin);
  router_.Add("GET", "/api/v1/admin/trash", bind(&trash_, &TrashHandler::ApiList), admin);
  router_.Add("GET", "/admin/synonyms", bind(&synonyms_, &SynonymsHandler::Form), admin);
  router_.Add("POST", "/admin/synonyms", bind(&synonyms_, &SynonymsHandler::Save), admin);
  router_.Add("GET", "/api/v1/admin/synonyms", bind(&synonyms_, &SynonymsHandler::ApiGet), admin);
  router_.Add("PUT", "/api/v1/admin/synonyms", bind(&synonyms_, &SynonymsHandler::ApiPut), admin);
  router_.Add("POST", "/api/v1/admin/trash/{slug}/restore",
              bind(&trash_, &TrashHandler::ApiRestore), admin);
  // The register of organisations and applications
  router_.Add("GET", "/orgs", bind(&register_, &RegisterHandler::Organisations));
  router_.Add("GET", "/orgs/new", bind(&register_, &RegisterHandler::OrganisationForm), editor);
  router_.Add("POST", "/orgs/new", bind(&register_, &RegisterHandler::SaveOrganisation), editor);
  router_.Add("GET", "/o/{slug}", bind(&register_, &RegisterHandler::Organisation));
  router_.Add("GET", "/o/{slug}/edit", bind(&register_, &RegisterHandler::OrganisationForm),
              editor);
  router_.Add("POST", "/o/{slug}/edit", bind(&register_, &RegisterHandler::SaveOrganisation),
              editor);
  router_.Add("GET", "/o/{slug}/usage", bind(&register_, &RegisterHandler::UsageForm), editor);
  router_.Add("POST", "/o/{slug}/usage", bind(&register_, &RegisterHandler::SaveUsage), editor);
  router_.Add("POST", "/o/{slug}/usage/delete", bind(&register_, &RegisterHandler::DeleteUsage),
              editor);
  router_.Add("POST", "/o/{slug}/delete", bind(&register_, &RegisterHandler::DeleteOrganisation),
              admin);
  router_.Add("GET", "/apps", bind(&register_, &RegisterHandler::Applications));
  router_.Add("GET", "/apps.csv", bind(&register_api_, &RegisterApi::Csv));
  router_.Add("GET", "/apps/new", bind(&register_, &RegisterHandler::ApplicationForm), editor);
  router_.Add("POST", "/apps/new", bind(&register_, &RegisterHandler::SaveApplication), editor);
  router_.Add("GET", "/a/{slug}", bind(&register_, &RegisterHandler::Application));
  router_.Add("GET", "/a/{slug}/edit", bind(&register_, &RegisterHandler::ApplicationForm), editor);
  router_.Add("POST", "/a/{slug}/edit", bind(&register_, &RegisterHandler::SaveApplication),
              editor);
  router_.Add("POST", "/a/{slug}/delete", bind(&register_, &RegisterHandler::DeleteApplication),
              admin);
  router_.Add("GET", "/api/v1/orgs", bind(&register_api_, &RegisterApi::ListOrganisations));
  router_.Add("GET", "/api/v1/orgs/{slug}", bind(&register_api_, &RegisterApi::GetOrganisation));
  router_.Add("PUT", "/api/v1/orgs/{slug}", bind(&register_api_, &RegisterApi::PutOrganisation),
              editor);
  router_.Add("GET", "/api/v1/apps", bind(&register_api_, &RegisterApi::ListApplications));
  router_.Add("GET", "/api/v1/apps/{slug}", bind(&register_api_, &RegisterApi::GetApplication));
  router_.Add("PUT", "/api/v1/apps/{slug}", bind(&register_api_, &RegisterApi::PutApplication),
              editor);
  router_.Add("PUT", "/api/v1/apps/{slug}/usages/{org}",
              bind(&register_api_, &RegisterApi::PutUsage), editor);
  router_.Add("DELETE", "/api/v1/orgs/{slug}",
              bind(&register_api_, &RegisterApi::DeleteOrganisation), admin);
  router_.Add("DELETE", "/api/v1/apps/{slug}",
              bind(&register_api_, &RegisterApi::DeleteApplication), admin);
  router_.Add("DELETE", "/api/v1/apps/{slug}/usages/{org}",
              bind(&register_api_, &RegisterApi::DeleteUsage), editor);
  // Operations and assets
  router_.Add("GET", "/healthz", bind(&system_, &SystemHandler::Health));
  router_.Add("GET", "/api/v1/openapi.json", [](const Request&) { return OpenApiDocument(); });
  router_.Add("GET", "/livez", bind(&system_, &SystemHandler::Live));
  router_.Add("GET", "/metrics", bind(&metrics_handler_, &MetricsHandler::Metrics), admin);
  router_.Add("GET", "/sitemap.xml", bind(&system_, &SystemHandler::Sitemap));
  router_.Add("GET", "/opensearch.xml", bind(&system_, &SystemHandler::OpenSearch));
  router_.Add("GET", "/static/{name}", bind(&system_, &SystemHandler::Static));
  router_.Add("GET", "/favicon.ico", bind(&system_, &SystemHandler::Favicon));
  // Keep this last: /metrics counts the routes added before it.
  std::vector<std::pair<std::string, std::string>> tracked;
  for (const Router::RouteInfo& r : router_.Routes()) tracked.emplace_back(r.method, r.pattern);
  metrics_.Track(tracked);
}

Response Site::ErrorPage(const Request& request, int status) const {
  return views_.ErrorPage(request, status,
                          views_.Message(request, "error_" + std::to_string(status) + "_detail"));
}

}  // namespace kring::http
