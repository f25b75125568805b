#include "http/Router.h"

#include <algorithm>

namespace kring::http {

Router::Router(HandlerFn not_found, HandlerFn method_not_allowed)
    : not_found_(std::move(not_found)), method_not_allowed_(std::move(method_not_allowed)) {}

void Router::Add(std::string method, std::string pattern, HandlerFn handler, RouteOptions options) {
  auto segments = Split(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                          std::move(handler), options});
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const Route& route : routes_) out.push_back({route.method, route.pattern, route.options});
  return out;
}

std::string_view Router::PatternOf(int index) const {
  if (index < 0 || static_cast<size_t>(index) >= routes_.size()) return {};
  return routes_[index].pattern;
}

void Router::SetHooks(std::function<void(Request&)> before, GuardFn guard) {
  before_ = std::move(before);
  guard_ = std::move(guard);
}

std::optional<RouteOptions> Router::OptionsFor(const std::string& method,
                                               const std::string& path) const {
  const auto segments = Split(path);
  const std::string wanted = method == "HEAD" ? "GET" : method;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (route.method == wanted && Match(route, segments, params)) return route.options;
  }
  return std::nullopt;
}

size_t Router::LargestMaxBody() const {
  size_t largest = RouteOptions::kDefaultMaxBody;
  for (const Route& route : routes_) largest = std::max(largest, route.options.max_body);
  return largest;
}

std::vector<std::string> Router::Split(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  // "/" has one empty segment; "/p/x/" keeps its trailing empty segment and so matches nothing.
  return segments;
}

bool Router::Match(const Route& route, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (segments[i].empty()) return false;
      found[want.substr(1, want.size() - 2)] = segments[i];
    } else if (want != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

Response Router::Dispatch(Request& request) const {
  if (before_) before_(request);
  const auto segments = Split(request.path);
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::string allowed;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    std::map<std::string, std::string> params;
    if (!Match(route, segments, params)) continue;
    if (route.method == method) {
      request.params = std::move(params);
      request.route = static_cast<int>(i);
      if (guard_) {
        if (auto refused = guard_(request, route.options)) return std::move(*refused);
      }
      return route.handler(request);
    }
    allowed += allowed.empty() ? route.method : ", " + route.method;
  }
  if (allowed.empty()) return not_found_(request);
  Response response = method_not_allowed_(request);
  response.headers.emplace_back("Allow", allowed);
  return response;
}

}  // namespace kring::http
