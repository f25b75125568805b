#include "http/AuthGate.h"

#include "core/Text.h"
#include "http/Multipart.h"

namespace kring::http {
namespace {

constexpr const char* kInvalidTokenHeader = "x-kring-invalid-token";  // internal marker

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool IsApi(const Request& request) { return request.path.rfind("/api/", 0) == 0; }

std::string BearerToken(const Request& request) {
  const std::string header = request.Header("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || header.compare(0, kScheme.size(), kScheme) != 0) {
    return "";
  }
  return header.substr(kScheme.size());
}

}  // namespace

std::string AuthorName(const Request& request) {
  const Viewer& viewer = request.viewer;
  if (!viewer.display_name.empty()) return viewer.display_name;
  return viewer.name.empty() ? "anonymous" : viewer.name;
}

bool IsLocalPath(const std::string& next) {
  return !next.empty() && next[0] == '/' &&
         (next.size() == 1 || (next[1] != '/' && next[1] != '\\'));
}

void AuthGate::Identify(Request& request) const {
  request.viewer = Viewer{};
  request.headers.erase(kInvalidTokenHeader);
  if (request.headers.count("authorization")) {
    const std::string token = BearerToken(request);
    if (auto viewer = token.empty() ? std::nullopt : accounts_.ViewerForApiToken(token)) {
      request.viewer = std::move(*viewer);
    } else {
      request.headers[kInvalidTokenHeader] = "1";
    }
    return;
  }
  const std::string session = request.Cookie(kSessionCookie);
  if (session.empty()) return;
  if (auto viewer = accounts_.ViewerForSession(session)) request.viewer = std::move(*viewer);
}

std::optional<Response> AuthGate::Check(Request& request, const RouteOptions& options) const {
  if (request.headers.count(kInvalidTokenHeader)) {
    Response refused = views_.ErrorPage(request, 401, views_.Message(request, "auth_bad_token"));
    refused.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return refused;
  }
  const Viewer& viewer = request.viewer;
  if (!viewer.Can(options.access)) {
    if (viewer.signed_in()) {
      return views_.ErrorPage(request, 403, views_.Message(request, "auth_forbidden"));
    }
    if (request.method == "GET" && !IsApi(request)) {
      std::string here = request.path;
      char separator = '?';
      for (const auto& [name, value] : request.query) {
        here += separator + PercentEncode(name) + "=" + PercentEncode(value);
        separator = '&';
      }
      return Response::Redirect("/login?next=" + PercentEncode(here));
    }
    Response refused = views_.ErrorPage(request, 401, views_.Message(request, "auth_required"));
    if (IsApi(request)) refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  if (!ChangesState(request.method) || viewer.via_api_token) return std::nullopt;
  const std::string sent = SentCsrfToken(request);
  const std::string expected =
      options.pre_session_csrf ? request.Cookie(kPreSessionCookie) : viewer.csrf_token;
  if (expected.empty() || !accounts::AccountService::SameToken(sent, expected)) {
    return views_.ErrorPage(request, 403, views_.Message(request, "auth_csrf"));
  }
  return std::nullopt;
}

std::string AuthGate::SentCsrfToken(const Request& request) {
  if (std::string header = request.Header("x-csrf-token"); !header.empty()) return header;
  const std::string type = request.Header("content-type");
  if (auto boundary = MultipartBoundary(type)) {
    if (auto parts = ParseMultipart(request.body, *boundary)) {
      for (const Part& part : *parts) {
        if (part.name == kCsrfField && part.filename.empty()) return std::string(part.data);
      }
    }
    return "";
  }
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    if (auto form = request.Form()) {
      if (auto it = form->find(kCsrfField); it != form->end()) return it->second;
    }
  }
  return "";
}

std::string AuthGate::SessionCookie(const Request& request, const std::string& token,
                                    long max_age_seconds) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + token +
      "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (request.https) cookie += "; Secure";
  return cookie;
}

std::string AuthGate::PreSessionToken(const Request& request, Response& response) {
  std::string token = request.Cookie(kPreSessionCookie);
  if (token.size() >= 32) return token;
  token = accounts::AccountService::RandomToken();
  response.headers.emplace_back("Set-Cookie", std::string(kPreSessionCookie) + "=" + token +
                                                  "; Path=/; HttpOnly; SameSite=Lax" +
                                                  (request.https ? "; Secure" : ""));
  return token;
}

}  // namespace kring::http
