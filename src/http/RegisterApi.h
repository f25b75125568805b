// RegisterApi: the register as JSON under /api/v1 and as CSV (/apps.csv).
//
// GET /api/v1/orgs, /api/v1/orgs/{slug} (with "usages" and "changes"); PUT /api/v1/orgs/{slug}
// {"name", "type", "region", "website"}; the same for /api/v1/apps ({"name", "supplier",
// "domain", "website", "topics": [...], "description"}); PUT /api/v1/apps/{slug}/usages/{org}
// {"since", "module", "satisfaction" (1-5 or null), "note", "contact"}. Errors answer
// {"error": message}: 400 for bad input, 403, 404 naming the unknown organisation or
// application.
#pragma once

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class RegisterApi {
 public:
  RegisterApi(Services& services, const Views& views) : services_(services), views_(views) {}

  Response ListOrganisations(const Request& request);
  Response GetOrganisation(const Request& request);
  Response PutOrganisation(const Request& request);
  Response ListApplications(const Request& request);
  Response GetApplication(const Request& request);
  Response PutApplication(const Request& request);
  Response PutUsage(const Request& request);
  // DELETE /api/v1/orgs/{slug}, /api/v1/apps/{slug} (administrators) and
  // /api/v1/apps/{slug}/usages/{org}: {"deleted": true}.
  Response DeleteOrganisation(const Request& request);
  Response DeleteApplication(const Request& request);
  Response DeleteUsage(const Request& request);
  Response Csv(const Request& request);  // GET /apps.csv

 private:
  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
