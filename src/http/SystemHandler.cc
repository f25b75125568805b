#include "http/SystemHandler.h"

#include <map>

#include "core/Resources.h"
#include "core/Text.h"
#include "http/Url.h"
#include "render/Sitemap.h"

namespace kring::http {

Response SystemHandler::Sitemap(const Request& request) {
  const std::string base = BaseUrl(services_.public_url, request.Header("host"));
  std::vector<SitemapUrl> urls = {{base + "/", ""}};
  for (const PageSummary& page : services_.store.AllPages(Audience::kPublic)) {
    urls.push_back({base + "/p/" + PercentEncode(page.slug), page.updated_at});
  }
  Response response;
  response.content_type = "application/xml; charset=utf-8";
  response.body = WriteSitemap(urls);
  return response;
}

std::string MediaTypeFor(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"txt", "text/plain; charset=utf-8"},
      {"html", "text/html; charset=utf-8"},
      {"json", "application/json"},
      {"woff2", "font/woff2"},
  };
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  auto it = kTypes.find(name.substr(dot + 1));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

Response SystemHandler::Health(const Request&) {
  nlohmann::json out;
  Status db = services_.ping_database ? services_.ping_database() : Ok();
  if (!db.ok()) {
    out = {{"status", "unavailable"}, {"error", "database"}};
    return Response::Json(503, out.dump());
  }
  out = {{"status", "ok"},
         {"index_lag", services_.queue.Lag()},
         {"extraction_lag", services_.file_store.PendingExtractions(100000).size()},
         {"pages", services_.store.PageCount()}};
  Response response = Response::Json(200, out.dump());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response SystemHandler::Static(const Request& request) {
  const std::string name = request.Param("name");
  // Names are single path segments, so "../" cannot reach outside templates/static/.
  auto content = name.find("..") == std::string::npos ? LoadResource("templates/static/" + name)
                                                      : std::nullopt;
  if (!content) return views_.ErrorPage(request, 404, views_.Message(request, "error_404"));
  Response response;
  response.content_type = MediaTypeFor(name);
  response.body = std::move(*content);
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace kring::http
