// UsersHandler: the administrators' pages: /admin (an index of the admin pages), /admin/users
// (approve registrations, change roles, disable accounts) and /admin/audit (the audit log).
// The routes are admin-only (Site.cc); every change is audited by the account service.
#pragma once

#include "accounts/AccountService.h"
#include "http/Request.h"
#include "http/Views.h"

namespace kring::http {

class UsersHandler {
 public:
  UsersHandler(accounts::AccountService& accounts, const Views& views)
      : accounts_(accounts), views_(views) {}

  Response Index(const Request& request);    // GET /admin
  Response Users(const Request& request);    // GET /admin/users
  Response Approve(const Request& request);  // POST /admin/users/{id}/approve → 303
  Response SetRole(const Request& request);  // POST /admin/users/{id}/role (role=) → 303
  Response Disable(const Request& request);  // POST /admin/users/{id}/disable → 303
  Response Audit(const Request& request);    // GET /admin/audit?before=
  // GET /api/v1/admin/audit?before=: [{"id", "at", "actor", "action", "target", "detail",
  // "address"}], newest first, 100 at most.
  Response ApiAudit(const Request& request);

 private:
  // The user id of the route, or nullopt (then the answer is 404).
  static std::optional<int64_t> UserId(const Request& request);
  Response Done(const Request& request, const Status& status, const std::string& notice);

  accounts::AccountService& accounts_;
  const Views& views_;
};

}  // namespace kring::http
