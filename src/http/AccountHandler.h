// AccountHandler: signing in and out, registering, and a member's own account page (password,
// sessions, API tokens). Forms post; nothing needs JavaScript. Login and registration check the
// pre-session CSRF cookie (AuthGate); their password hashing runs on the server's worker pool
// (RouteOptions::offload), never on an I/O thread.
#pragma once

#include "accounts/AccountService.h"
#include "http/Request.h"
#include "http/Views.h"

namespace kring::http {

class AccountHandler {
 public:
  AccountHandler(accounts::AccountService& accounts, const Views& views)
      : accounts_(accounts), views_(views) {}

  Response LoginForm(const Request& request);         // GET /login?next=
  Response Login(const Request& request);             // POST /login → 303 next; 400; 429
  Response Logout(const Request& request);            // POST /logout → 303 /
  Response RegisterForm(const Request& request);      // GET /register
  Response Register(const Request& request);          // POST /register → "wait for approval"; 400
  Response Account(const Request& request);           // GET /account
  Response ChangePassword(const Request& request);    // POST /account/password
  Response LogoutEverywhere(const Request& request);  // POST /account/logout-everywhere
  Response CreateToken(const Request& request);       // POST /account/tokens: shows it once
  Response RevokeToken(const Request& request);       // POST /account/tokens/{id}/revoke
  // GET /api/v1/me: {"signed_in": false} or {"signed_in", "name", "display_name", "role"}.
  Response Me(const Request& request);

 private:
  // The account page with an optional notice, error and a new token to show once.
  Response AccountPage(const Request& request, nlohmann::json extra, int status = 200);
  // A login or registration form with its pre-session CSRF token ("pre_csrf").
  Response PreSessionPage(const Request& request, std::string_view name, nlohmann::json view,
                          int status);
  Response LoginPage(const Request& request, const std::string& name, const std::string& error,
                     int status);
  Response RegisterPage(const Request& request, const std::map<std::string, std::string>& form,
                        const std::string& error, int status);

  accounts::AccountService& accounts_;
  const Views& views_;
};

}  // namespace kring::http
