// AdminHandler: pages for the admins who look after the knowledge base. For now the searches
// that found nothing (ZeroResultLog), kept across restarts.
//
// Access: admins only (RouteOptions in Site.cc).
#pragma once

#include "http/Request.h"
#include "http/Views.h"
#include "http/ZeroResultLog.h"

namespace kring::http {

class AdminHandler {
 public:
  // `views` and `zero_results` must outlive the handler.
  AdminHandler(const Views& views, const ZeroResultLog& zero_results)
      : views_(views), zero_results_(zero_results) {}

  // GET /admin/zero-results: a table of the queries, most frequent first. Errors: the store's.
  Response ZeroResults(const Request& request);
  // GET /api/v1/admin/zero-results: [{query, count, last}], most frequent first; `last` is UTC
  // ISO 8601 ("2026-11-29T10:00:00Z").
  Response ApiZeroResults(const Request& request);

 private:
  const Views& views_;
  const ZeroResultLog& zero_results_;
};

}  // namespace kring::http
