// RenameHandler: renaming a page (a new title and slug) from its edit page, and rewriting the
// links in other pages that still name it by an earlier name. The old slug keeps working as a
// redirect either way; rewriting only makes the pages' text say the new name.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/Page.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class RenameHandler {
 public:
  RenameHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  // GET /p/{slug}/rename: the form, the page's earlier names, and the pages that link to it by
  // one of them with a button to rewrite those links. ?renamed=1 and ?updated=N add a notice.
  Response Form(const Request& request);
  // POST /p/{slug}/rename (title, slug, base_revision) → 303 /p/{new}/rename?renamed=1, or the
  // form again with what went wrong (400, 404, 409 when the slug is taken or the page changed).
  Response Rename(const Request& request);
  // POST /p/{slug}/rewrite-links → 303 /p/{slug}/rename?updated=N; when a page could not be
  // saved, the form page lists it (409).
  Response RewriteLinks(const Request& request);

 private:
  // The rename page of `page`; `title` and `slug` fill the form.
  nlohmann::json FormView(const Request& request, const Page& page, const std::string& title,
                          const std::string& slug) const;

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
