// Router: the one route table. Patterns are literal segments and `{name}` placeholders that
// match one non-empty path segment ("/p/{slug}/edit"). Not thread-safe to modify; Dispatch is
// const and may run on every I/O thread at once once the table is built.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/Request.h"

namespace kring::http {

using HandlerFn = std::function<Response(const Request&)>;

class Router {
 public:
  // Fallbacks for unmatched paths (404) and known paths with another method (405; the
  // response gets an Allow header added).
  Router(HandlerFn not_found, HandlerFn method_not_allowed);

  void Add(std::string method, std::string pattern, HandlerFn handler);

  // Fills request.params from the matched pattern and runs its handler. HEAD is served by the
  // GET handler (the server drops the body).
  Response Dispatch(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    HandlerFn handler;
  };
  static std::vector<std::string> Split(const std::string& path);
  static bool Match(const Route& route, const std::vector<std::string>& segments,
                    std::map<std::string, std::string>& params);

  std::vector<Route> routes_;
  HandlerFn not_found_;
  HandlerFn method_not_allowed_;
};

}  // namespace kring::http
