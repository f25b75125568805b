// AuthGate: who sends a request and whether they may. Runs as the router's hooks: Identify
// fills request.viewer from the session cookie or an `Authorization: Bearer` API token; Check
// refuses a route the viewer's role does not reach (anonymous: 303 to /login for a page, 401
// otherwise; signed in: 403) and a state-changing request of a cookie session without its CSRF
// token (form field "csrf", also inside multipart bodies, or header X-CSRF-Token). API tokens
// need no CSRF token: browsers never send them on their own. Login and registration check the
// pre-session cookie instead (double submit). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "accounts/AccountService.h"
#include "http/Request.h"
#include "http/Router.h"
#include "http/Views.h"

namespace kring::http {

inline constexpr const char* kSessionCookie = "kring_session";
inline constexpr const char* kPreSessionCookie = "kring_csrf";
inline constexpr const char* kCsrfField = "csrf";

class AuthGate {
 public:
  AuthGate(accounts::AccountService& accounts, const Views& views)
      : accounts_(accounts), views_(views) {}

  void Identify(Request& request) const;
  std::optional<Response> Check(Request& request, const RouteOptions& options) const;

  // The Set-Cookie value that stores a session for `max_age_seconds`, or (0) removes it.
  static std::string SessionCookie(const Request& request, const std::string& token,
                                   long max_age_seconds);
  // The pre-session CSRF token of a login or registration form: the cookie's, or a new one
  // that `response` then sets.
  static std::string PreSessionToken(const Request& request, Response& response);

 private:
  // The CSRF token a state-changing request carries; "" when none.
  static std::string SentCsrfToken(const Request& request);

  accounts::AccountService& accounts_;
  const Views& views_;
};

// The name a change is recorded under: the viewer's display name (or login name).
std::string AuthorName(const Request& request);

// Whether `next` is a path on this site to return to after login ("/p/x?y"), not another site
// ("//evil", "https://...").
bool IsLocalPath(const std::string& next);

}  // namespace kring::http
