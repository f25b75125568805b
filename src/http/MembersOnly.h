// MembersOnly: what the handlers need to keep members-only pages, their files and their text
// from readers who may not see them (request.viewer). Lists and searches take the request's
// Audience; a single page answers ForbiddenPage (HTML: 403 saying why, with a link to log in,
// without the page's title or text), the JSON API and files answer 404 (not revealing that the
// page exists). Thread-safe (no state).
#pragma once

#include <optional>
#include <string>

#include "core/Visibility.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

// The audience of the request's viewer.
Audience AudienceOf(const Request& request);

// Whether the request's viewer may read a page (or file) of `visibility`.
bool MayRead(const Request& request, Visibility visibility);

// The 403 page of a members-only page for a reader who may not see it: the message "only for
// members" and a link to /login?next={the request's path}. For /api/ paths the same 404 as a
// missing page.
Response MembersOnlyPage(const Views& views, const Request& request);

// For a slug a rename left behind: a permanent redirect to `prefix` + the page's current slug
// ("/p/", "/api/v1/pages/"), or MembersOnlyPage when the reader may not see the page (its new
// slug is not told). nullopt when no rename left `slug` behind.
std::optional<Response> RenamedPageAnswer(Services& services, const Views& views,
                                          const Request& request, const std::string& slug,
                                          const std::string& prefix);

// The 404 error of a page or file the reader may not see, worded as for one that does not exist.
Error HiddenError(const std::string& what);

}  // namespace kring::http
