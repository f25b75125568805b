#include "http/Request.h"

#include "http/Url.h"

namespace kring::http {
namespace {
std::string Lookup(const std::map<std::string, std::string>& map, const std::string& key,
                   std::string fallback) {
  auto it = map.find(key);
  return it == map.end() ? std::move(fallback) : it->second;
}
}  // namespace

std::string Request::Query(const std::string& name, std::string fallback) const {
  return Lookup(query, name, std::move(fallback));
}

std::string Request::Header(const std::string& name) const { return Lookup(headers, name, ""); }

std::string Request::Param(const std::string& name) const { return Lookup(params, name, ""); }

std::string Request::Cookie(const std::string& name) const {
  const std::string cookies = Header("cookie");
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    const size_t first = cookies.find_first_not_of(' ', pos);
    if (first < end && cookies.compare(first, name.size() + 1, name + "=") == 0) {
      return cookies.substr(first + name.size() + 1, end - first - name.size() - 1);
    }
    pos = end + 1;
  }
  return "";
}

std::optional<std::map<std::string, std::string>> Request::Form() const {
  return ParseQueryString(body);
}

Response Response::Json(int status, std::string body) {
  return Response{status, "application/json; charset=utf-8", std::move(body), {}, false};
}

Response Response::Text(int status, std::string body) {
  return Response{status, "text/plain; charset=utf-8", std::move(body), {}, false};
}

Response Response::Redirect(const std::string& location, int status) {
  Response r{status, "text/plain; charset=utf-8", "See " + location + "\n", {}, false};
  r.headers.emplace_back("Location", location);
  return r;
}

}  // namespace kring::http
