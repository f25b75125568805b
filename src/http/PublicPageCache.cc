#include "http/PublicPageCache.h"

#include <functional>
#include <string_view>
#include <utility>

#include "core/Text.h"
#include "http/AuthGate.h"

namespace kring::http {
namespace {

constexpr const char* kEtag = "ETag";

bool SetsCookie(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie") return true;
  }
  return false;
}

const std::string* HeaderIn(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return &value;
  }
  return nullptr;
}

// The validator and caching headers of a 200: a browser (or a proxy, per cookie and language)
// keeps the page but asks again each time, and gets 304 while it has not changed. A page
// made for a member, or setting a cookie, is for that browser only.
void AddValidator(Response& response, bool shared) {
  response.headers.emplace_back(kEtag, EtagOf(response.body));
  response.headers.emplace_back("Cache-Control", shared ? "no-cache" : "private, no-cache");
  response.headers.emplace_back("Vary", "Cookie, Accept-Language");
}

// Whether the request's If-None-Match names the response's ETag.
bool NotModified(const Request& request, const Response& response) {
  const std::string* etag = HeaderIn(response, kEtag);
  const std::string condition = request.Header("if-none-match");
  return etag != nullptr && !condition.empty() && EtagMatches(condition, *etag);
}

// The 304 of a response: its headers, no body.
Response Unchanged(const Response& response) {
  Response unchanged;
  unchanged.status = 304;
  unchanged.content_type = response.content_type;
  unchanged.headers = response.headers;
  return unchanged;
}

// `response`, or its 304 when the request already has it.
Response Answer(const Request& request, Response response) {
  return NotModified(request, response) ? Unchanged(response) : std::move(response);
}

}  // namespace

bool CarriesCredentials(const Request& request) {
  return request.headers.count("authorization") > 0 || !request.Cookie(kSessionCookie).empty();
}

std::string EtagOf(const std::string& body) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t hash = std::hash<std::string_view>{}(body);
  std::string etag(18, '"');
  for (int i = 16; i >= 1; --i, hash >>= 4) etag[static_cast<size_t>(i)] = kHex[hash & 0xf];
  return etag;
}

bool EtagMatches(const std::string& if_none_match, const std::string& etag) {
  auto opaque = [](std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  size_t start = 0;
  while (start <= if_none_match.size()) {
    size_t comma = if_none_match.find(',', start);
    if (comma == std::string::npos) comma = if_none_match.size();
    const std::string tag = Trim(std::string_view(if_none_match).substr(start, comma - start));
    if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) return true;
    start = comma + 1;
  }
  return false;
}

PublicPageCache::PublicPageCache(PageStore& store, const Views& views, size_t max_bytes)
    : store_(store), views_(views), cache_(max_bytes, kMaxAge) {}

HandlerFn PublicPageCache::Wrap(HandlerFn handler) {
  return [this, handler = std::move(handler)](const Request& request) {
    return Serve(handler, request);
  };
}

std::string PublicPageCache::KeyOf(const Request& request) const {
  // Language and theme come from fixed sets without '|', so the key reads back unambiguously.
  std::string key = views_.Language(request) + '|' + Views::Theme(request) + '|' + request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    key += separator + PercentEncode(name) + '=' + PercentEncode(value);
    separator = '&';
  }
  return key;
}

Response PublicPageCache::Serve(const HandlerFn& handler, const Request& request) {
  const bool anonymous = !request.viewer.signed_in() && !CarriesCredentials(request);
  const bool cacheable =
      cache_.enabled() && anonymous && (request.method == "GET" || request.method == "HEAD");
  // Read before the page is made: a change committed meanwhile makes the entry stale at once.
  Result<int64_t> version = cacheable ? store_.ContentVersion() : Result<int64_t>(int64_t{-1});
  if (!cacheable || !version.ok()) {
    Response response = handler(request);
    if (response.status == 200) AddValidator(response, anonymous && !SetsCookie(response));
    return Answer(request, std::move(response));
  }
  const std::string key = KeyOf(request);
  std::shared_ptr<const Response> kept = cache_.Find(key, version.value());
  if (!kept) {
    Response made = handler(request);
    if (made.status != 200 || SetsCookie(made)) {
      if (made.status == 200) AddValidator(made, false);
      return Answer(request, std::move(made));
    }
    AddValidator(made, true);
    kept = std::make_shared<const Response>(std::move(made));
    cache_.Store(key, version.value(), kept);
  }
  return NotModified(request, *kept) ? Unchanged(*kept) : *kept;
}

}  // namespace kring::http
