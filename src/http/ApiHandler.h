// ApiHandler: the page resources of the JSON API under /api/v1 (search is SearchHandler's).
// Errors answer {"error": "..."}.
#pragma once

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class ApiHandler {
 public:
  ApiHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response GetPage(const Request& request);  // GET /api/v1/pages/{slug}
  Response PutPage(const Request& request);  // PUT /api/v1/pages/{slug}
  // GET /api/v1/pages/{slug}/revisions: {"slug", "revisions": [{"number", "author", "comment",
  // "created_at", "size"}]}, newest first.
  Response Revisions(const Request& request);
  // POST /api/v1/pages/{slug}/restore with {"revision": n, "base_revision"?, "author"?,
  // "comment"?}: saves revision n again as the newest; 200 {"slug", "revision", "restored"}.
  // Without base_revision the revision current when the request is read is the base.
  Response Restore(const Request& request);
  // POST /api/v1/render with {"body": markdown} (application/json) or the Markdown itself
  // (text/markdown): {"html"} rendered as a save would render it (the editor's preview).
  // 413 beyond the page size limit, 400 for invalid UTF-8 or another JSON shape.
  Response Render(const Request& request);

 private:
  // The "visibility" member of a PUT body into `out`: "public" or "members"; when absent or
  // null, the page's current visibility (public for a new page). Errors: kInvalidInput for
  // another value or type, the store's error.
  Status ReadVisibility(const nlohmann::json& body, const std::string& slug, Visibility& out);
  // The 409 answer to a stale write: the error, "current_revision" and "current_body".
  Response Conflict(const std::string& slug, const Error& error);

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
