#include "http/AccountHandler.h"

#include <ctime>

#include "http/AuthGate.h"
#include "http/Url.h"

namespace kring::http {
namespace {

std::string Field(const std::map<std::string, std::string>& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

nlohmann::json UserJson(const User& user) {
  return {{"id", user.id},
          {"name", user.name},
          {"display_name", user.display_name.empty() ? user.name : user.display_name},
          {"email", user.email},
          {"organisation", user.organisation},
          {"role", std::string(RoleName(user.role))},
          {"status", std::string(StatusName(user.status))}};
}

std::string NextOf(const std::string& wanted) { return IsLocalPath(wanted) ? wanted : "/"; }

// Seconds from now until a UTC time "YYYY-MM-DDTHH:MM:SSZ" (at least 0).
long SecondsUntil(const std::string& iso_utc) {
  std::tm when{};
  if (strptime(iso_utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &when) == nullptr) return 0;
  const long seconds = static_cast<long>(timegm(&when) - std::time(nullptr));
  return seconds > 0 ? seconds : 0;
}

}  // namespace

Response AccountHandler::PreSessionPage(const Request& request, std::string_view name,
                                        nlohmann::json view, int status) {
  Response cookie;  // carries the pre-session cookie when the reader has none yet
  view["pre_csrf"] = AuthGate::PreSessionToken(request, cookie);
  Response page = views_.Page(request, name, std::move(view), status);
  page.headers.insert(page.headers.end(), cookie.headers.begin(), cookie.headers.end());
  return page;
}

Response AccountHandler::LoginPage(const Request& request, const std::string& name,
                                   const std::string& error, int status) {
  nlohmann::json view = {{"title", views_.Message(request, "login_title")},
                         {"name", name},
                         {"next", NextOf(request.Query("next", "/"))},
                         {"error", error}};
  if (auto form = request.Form(); form && request.method == "POST") {
    view["next"] = NextOf(Field(*form, "next"));
  }
  return PreSessionPage(request, "login", std::move(view), status);
}

Response AccountHandler::LoginForm(const Request& request) {
  return LoginPage(request, "", "", 200);
}

Response AccountHandler::Login(const Request& request) {
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "error_400_detail"));
  const std::string name = Field(*form, "name");
  Result<accounts::NewSession> session =
      accounts_.Login(name, Field(*form, "password"), request.remote_address);
  if (!session.ok()) {
    if (session.error().code == ErrorCode::kUnavailable) {
      Response refused = LoginPage(request, name, views_.Message(request, "login_throttled"), 429);
      refused.headers.emplace_back("Retry-After", "900");
      return refused;
    }
    return LoginPage(request, name, views_.Message(request, "login_failed"), 400);
  }
  Response response = Response::Redirect(NextOf(Field(*form, "next")));
  response.headers.emplace_back(
      "Set-Cookie",
      AuthGate::SessionCookie(request, session->token, SecondsUntil(session->expires_at)));
  return response;
}

Response AccountHandler::Logout(const Request& request) {
  (void)accounts_.Logout(request.viewer, request.remote_address);
  Response response = Response::Redirect("/");
  response.headers.emplace_back("Set-Cookie", AuthGate::SessionCookie(request, "", 0));
  return response;
}

Response AccountHandler::RegisterPage(const Request& request,
                                      const std::map<std::string, std::string>& form,
                                      const std::string& error, int status) {
  nlohmann::json view = {
      {"title", views_.Message(request, "register_title")}, {"name", Field(form, "name")},
      {"display_name", Field(form, "display_name")},        {"email", Field(form, "email")},
      {"organisation", Field(form, "organisation")},        {"error", error}};
  return PreSessionPage(request, "register", std::move(view), status);
}

Response AccountHandler::RegisterForm(const Request& request) {
  return RegisterPage(request, {}, "", 200);
}

Response AccountHandler::Register(const Request& request) {
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "error_400_detail"));
  if (Field(*form, "password") != Field(*form, "password2")) {
    return RegisterPage(request, *form, views_.Message(request, "register_mismatch"), 400);
  }
  accounts::Registration registration{Field(*form, "name"), Field(*form, "display_name"),
                                      Field(*form, "email"), Field(*form, "organisation"),
                                      Field(*form, "password")};
  Result<User> user = accounts_.Register(registration, request.remote_address);
  if (!user.ok()) {
    const int status = StatusFor(user.error().code);
    if (status == 500) return views_.FromError(request, user.error());
    return RegisterPage(request, *form, user.error().message, status);
  }
  nlohmann::json view = {{"title", views_.Message(request, "register_title")},
                         {"registered", true},
                         {"name", user->name}};
  return views_.Page(request, "register", std::move(view));
}

Response AccountHandler::AccountPage(const Request& request, nlohmann::json extra, int status) {
  const Viewer& viewer = request.viewer;
  Result<User> user = accounts_.UserByName(viewer.name);
  if (!user.ok()) return views_.FromError(request, user.error());
  nlohmann::json tokens = nlohmann::json::array();
  for (const ApiTokenRecord& token : accounts_.ApiTokensOf(viewer.user_id)) {
    if (!token.revoked_at.empty()) continue;
    tokens.push_back(
        {{"id", token.id},
         {"label", token.label},
         {"created", views_.DateTime(request, token.created_at)},
         {"last_used", token.last_used_at.empty() ? views_.Message(request, "token_never_used")
                                                  : views_.DateTime(request, token.last_used_at)}});
  }
  nlohmann::json view = {
      {"title", views_.Message(request, "account_title")},
      {"user", UserJson(user.value())},
      {"role_label", views_.Message(request, "role_" + std::string(RoleName(user->role)))},
      {"tokens", tokens},
      {"has_tokens", !tokens.empty()},
      {"via_api_token", viewer.via_api_token}};
  if (extra.is_object()) view.update(extra);
  return views_.Page(request, "account", std::move(view), status);
}

Response AccountHandler::Account(const Request& request) { return AccountPage(request, {}); }

Response AccountHandler::ChangePassword(const Request& request) {
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "error_400_detail"));
  if (Field(*form, "password") != Field(*form, "password2")) {
    return AccountPage(request, {{"error", views_.Message(request, "register_mismatch")}}, 400);
  }
  Status changed = accounts_.ChangePassword(request.viewer.user_id, Field(*form, "current"),
                                            Field(*form, "password"), request.remote_address,
                                            request.viewer.session_hash);
  if (!changed.ok()) {
    if (StatusFor(changed.error().code) == 500) return views_.FromError(request, changed.error());
    return AccountPage(request, {{"error", changed.error().message}}, 400);
  }
  return AccountPage(request, {{"notice", views_.Message(request, "password_changed")}});
}

Response AccountHandler::LogoutEverywhere(const Request& request) {
  Status done = accounts_.LogoutEverywhere(request.viewer.user_id, request.viewer.name,
                                           request.remote_address);
  if (!done.ok()) return views_.FromError(request, done.error());
  Response response = Response::Redirect("/login");
  response.headers.emplace_back("Set-Cookie", AuthGate::SessionCookie(request, "", 0));
  return response;
}

Response AccountHandler::CreateToken(const Request& request) {
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "error_400_detail"));
  std::string label = Field(*form, "label");
  if (label.empty()) label = views_.Message(request, "token_default_label");
  Result<std::string> token =
      accounts_.CreateApiToken(request.viewer.user_id, label, request.viewer.name);
  if (!token.ok()) return views_.FromError(request, token.error());
  return AccountPage(request, {{"new_token", token.value()}, {"new_token_label", label}});
}

Response AccountHandler::RevokeToken(const Request& request) {
  auto id = ParseNumber(request.Param("id"));
  if (!id) return views_.ErrorPage(request, 404, views_.Message(request, "error_404_detail"));
  Status revoked = accounts_.RevokeApiToken(request.viewer.user_id, *id, request.viewer.name);
  if (!revoked.ok()) return views_.FromError(request, revoked.error());
  return AccountPage(request, {{"notice", views_.Message(request, "token_revoked")}});
}

Response AccountHandler::Me(const Request& request) {
  const Viewer& viewer = request.viewer;
  nlohmann::json out = {{"signed_in", viewer.signed_in()}};
  if (viewer.signed_in()) {
    out["name"] = viewer.name;
    out["display_name"] = viewer.display_name;
    out["role"] = std::string(RoleName(viewer.role));
  }
  return Response::Json(200, out.dump());
}

}  // namespace kring::http
