// Router: the one route table. Patterns are literal segments and `{name}` placeholders that
// match one non-empty path segment ("/p/{slug}/edit"). Not thread-safe to modify; Dispatch is
// const and may run on every I/O thread at once once the table is built.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/Request.h"

namespace kring::http {

using HandlerFn = std::function<Response(const Request&)>;

// What a route demands beyond its pattern; checked by the router's guard before the handler.
struct RouteOptions {
  static constexpr size_t kDefaultMaxBody = 1024 * 1024;

  // The least role that may use the route (anonymous: everyone).
  Role access = Role::kAnonymous;
  // For POST, PUT and DELETE: a cookie session must send its CSRF token (form field "csrf" or
  // header X-CSRF-Token). Login and registration have no session yet: they check the
  // pre-session CSRF cookie instead (pre_session_csrf).
  bool pre_session_csrf = false;
  // Runs on the server's worker pool instead of an I/O thread (password hashing, extraction).
  bool offload = false;
  // The largest request body the route accepts (413 beyond); uploads raise it.
  size_t max_body = kDefaultMaxBody;
};

// Runs before the handler of a matched route: answers a response to refuse the request
// (401, 403, 413...), nullopt to let it through. May fill request.viewer.
using GuardFn = std::function<std::optional<Response>(Request&, const RouteOptions&)>;

class Router {
 public:
  // Fallbacks for unmatched paths (404) and known paths with another method (405; the
  // response gets an Allow header added).
  Router(HandlerFn not_found, HandlerFn method_not_allowed);

  void Add(std::string method, std::string pattern, HandlerFn handler, RouteOptions options = {});

  struct RouteInfo {
    std::string method;
    std::string pattern;  // "/p/{slug}/edit"
    RouteOptions options;
  };
  // Every route in the order added (for tests and the API description).
  std::vector<RouteInfo> Routes() const;
  // The pattern of the route at `index` in Routes() (Request::route); "" when out of range.
  std::string_view PatternOf(int index) const;

  // `before` runs on every request before matching (it resolves the viewer, whom error pages
  // show too); `guard` after a route matched. Set both before serving.
  void SetHooks(std::function<void(Request&)> before, GuardFn guard);

  // The options of the route a method and path match; nullopt when none does (the server
  // asks before reading the request into a worker).
  std::optional<RouteOptions> OptionsFor(const std::string& method, const std::string& path) const;
  // The largest max_body of any route (at least RouteOptions::kDefaultMaxBody): the server's
  // limit for a whole request is this plus the header.
  size_t LargestMaxBody() const;

  // Fills request.params (and request.route) from the matched pattern and runs its handler. HEAD is
  // served by the GET handler (the server drops the body).
  Response Dispatch(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    HandlerFn handler;
    RouteOptions options;
  };
  static std::vector<std::string> Split(const std::string& path);
  static bool Match(const Route& route, const std::vector<std::string>& segments,
                    std::map<std::string, std::string>& params);

  std::vector<Route> routes_;
  HandlerFn not_found_;
  HandlerFn method_not_allowed_;
  std::function<void(Request&)> before_;
  GuardFn guard_;
};

}  // namespace kring::http
