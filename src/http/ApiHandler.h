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

 private:
  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
