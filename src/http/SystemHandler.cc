#include "http/SystemHandler.h"

#include <sys/statvfs.h>

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

Response SystemHandler::OpenSearch(const Request& request) {
  Result<std::string> xml = views_.Fragment(
      request, "opensearch", {{"base", BaseUrl(services_.public_url, request.Header("host"))}});
  if (!xml.ok()) return views_.FromError(request, xml.error());
  Response response;
  response.content_type = "application/opensearchdescription+xml; charset=utf-8";
  response.body = std::move(xml.value());
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

std::optional<uint64_t> FreeDiskBytes(const std::string& path) {
  struct statvfs stats {};
  if (path.empty() || statvfs(path.c_str(), &stats) != 0) return std::nullopt;
  return static_cast<uint64_t>(stats.f_bavail) * stats.f_frsize;
}

Response SystemHandler::Health(const Request&) {
  // Pending extractions are counted up to this many: enough to see a backlog, cheap to count.
  constexpr int kExtractionCountLimit = 10000;
  nlohmann::json out;
  Status db = services_.ping_database ? services_.ping_database() : Ok();
  const std::optional<uint64_t> free = FreeDiskBytes(services_.disk.path);
  const bool disk_ok = !free || *free >= services_.disk.min_free_bytes;
  nlohmann::json disk = {{"ok", disk_ok}, {"min_free_bytes", services_.disk.min_free_bytes}};
  if (free) disk["free_bytes"] = *free;
  if (!db.ok()) {
    out = {{"status", "unavailable"},
           {"error", "database"},
           {"checks", {{"database", {{"ok", false}}}, {"disk", disk}}}};
  } else {
    const int64_t index_lag = services_.queue.Lag();
    const size_t extraction_lag =
        services_.file_store.PendingExtractions(kExtractionCountLimit).size();
    out = {{"status", disk_ok ? "ok" : "unavailable"},
           {"checks",
            {{"database", {{"ok", true}}},
             {"disk", disk},
             {"index", {{"ok", true}, {"lag", index_lag}}},
             {"extraction", {{"ok", true}, {"lag", extraction_lag}}}}},
           {"index_lag", index_lag},
           {"extraction_lag", extraction_lag},
           {"pages", services_.store.PageCount()}};
    if (!disk_ok) out["error"] = "disk";
  }
  Response response = Response::Json(out["status"] == "ok" ? 200 : 503, out.dump());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response SystemHandler::Live(const Request&) {
  Response response = Response::Json(200, R"({"status":"alive"})");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response SystemHandler::Static(const Request& request) {
  return StaticFile(request, request.Param("name"));
}

Response SystemHandler::Favicon(const Request& request) {
  return StaticFile(request, "favicon.svg");
}

Response SystemHandler::StaticFile(const Request& request, const std::string& name) const {
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
