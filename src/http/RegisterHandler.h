// RegisterHandler: the register's HTML pages. /orgs lists the organisations by type and region,
// /o/{slug} shows one with its application landscape, contact persons, contributed pages and
// hosted meetings; /apps lists the applications (?domain= compares one domain's side by side),
// /a/{slug} shows one with its users and their average satisfaction. Each has a form to create
// or edit (GET shows, POST saves; a refusal shows the form again with the message and what was
// typed). The changes are listed on each page. Reads are anonymous, writes for editors (Site.cc).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

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
  // POST /o/{slug}/delete, /a/{slug}/delete (administrators), /o/{slug}/usage/delete with the
  // field `application`; each needs the field confirm=yes (the form's checkbox), else 400.
  Response DeleteOrganisation(const Request& request);
  Response DeleteApplication(const Request& request);
  Response DeleteUsage(const Request& request);

 private:
  // Runs `remove` when the form confirms and answers a redirect to `done`; else the error page.
  Response Delete(const Request& request, const std::function<Status()>& remove,
                  const std::string& done);
  // The form page `name` with `values`; `error` shown with `status` when not empty.
  Response Form(const Request& request, std::string_view name, nlohmann::json values,
                const std::string& error, int status);

  Services& services_;
  const Views& views_;
};

}  // namespace kring::http
