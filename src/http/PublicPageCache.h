// PublicPageCache: the full-page cache of the public pages that readers ask for most (a page,
// the home page, the topics), as MediaWiki keeps one for readers who are not signed in; and
// ETags on those pages, so that a browser's If-None-Match is answered 304 without a body.
//
// Wrap(handler) answers a GET or HEAD from the cache when the request carries no credentials
// at all (no session cookie, no Authorization header) and the cache holds the response for its
// key: the path with its query, the language and the theme chosen (views.Language and Theme:
// query, cookie, Accept-Language), under the current PageStore::ContentVersion. Otherwise the
// handler runs, and its response is kept when it is a 200 without Set-Cookie. A signed-in
// member's request never reads or fills the cache; an anonymous reader is only ever shown what
// the public may read, so nothing kept is for members only. What every response carries on
// its own (X-Request-Id, the security headers) is added by the server after the handler, so it
// stays per request.
//
// Which routes are wrapped is chosen in Site.cc: only those whose page depends on nothing but
// the content tables, the request's key and the time (see ResponseCache.h for max_age). Search
// pages are not: they follow the search index, which commits later than the database.
//
// Thread-safe.
#pragma once

#include <cstddef>

#include "core/PageStore.h"
#include "http/Request.h"
#include "http/ResponseCache.h"
#include "http/Router.h"
#include "http/Views.h"

namespace kring::http {

class PublicPageCache {
 public:
  // How long a page is served from the cache at most, when nothing is saved meanwhile.
  static constexpr std::chrono::seconds kMaxAge{60};

  // `store` and `views` must outlive the cache. max_bytes 0: nothing is cached, but the pages
  // still get their ETag.
  PublicPageCache(PageStore& store, const Views& views, size_t max_bytes);

  // `handler`, answered from the cache when it may be (see above), with an ETag on each 200
  // and 304 for a matching If-None-Match.
  HandlerFn Wrap(HandlerFn handler);

  ResponseCache::Stats stats() const { return cache_.stats(); }

 private:
  Response Serve(const HandlerFn& handler, const Request& request);
  // The cache key of an anonymous request: language, theme, path and query.
  std::string KeyOf(const Request& request) const;

  PageStore& store_;
  const Views& views_;
  ResponseCache cache_;
};

// Whether a request carries credentials (a session cookie or an Authorization header), even
// ones that turned out invalid: such requests never use the public page cache.
bool CarriesCredentials(const Request& request);

// The strong ETag of a body ("\"9f86d081884c7d65\"").
std::string EtagOf(const std::string& body);

// Whether an If-None-Match header value names `etag` (or is "*"); weak and strong forms of the
// same tag match, as RFC 9110 asks for GET.
bool EtagMatches(const std::string& if_none_match, const std::string& etag);

}  // namespace kring::http
