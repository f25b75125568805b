// RegisterHandler: the register's HTML pages. /orgs lists the organisations by type and region,
// /o/{slug} shows one with its application landscape, contact persons, contributed pages and
// hosted meetings; /apps lists the applications (?domain= compares one domain's side by side),
// /a/{slug} shows one with its users and their average satisfaction. Each has a form to create
// or edit (GET shows, POST saves; a refusal shows the form again with the message and what was
// typed). The changes are listed on each page. Reads are anonymous, writes for editors (Site.cc).
#pragma once

#include <nlohmann/json.hpp>

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class RegisterHandler {
 public:
  RegisterHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response Organisations(const Request& request);  // GET /orgs
  Response Organisation(const Request& request);   // GET /o/{slug}
  Response Applications(const Request& request);   // GET /apps[?domain=]
  Response Application(const Request& request);    // GET /a/{slug}

  Response OrganisationForm(const Request& request);  // GET /orgs/new, /o/{slug}/edit
  Response SaveOrganisation(const Request& request);  // POST the same
  Response ApplicationForm(const Request& request);   // GET /apps/new, /a/{slug}/edit
  Response SaveApplication(const Request& request);   // POST the same
  Response UsageForm(const Request& request);         // GET /o/{slug}/usage[?app=]
  Response SaveUsage(const Request& request);         // POST /o/{slug}/usage

 private:
  // The form page `name` with `values`; `error` shown with `status` when not empty.
  Response Form(const Request& request, std::string_view name, nlohmann::json values,
                const std::string& error, int status);

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
