#include "http/Views.h"

#include <spdlog/spdlog.h>

#include <ctime>
#include <iomanip>
#include <sstream>

#include "core/Resources.h"
#include "core/Text.h"
#include "render/TemplateEngine.h"

namespace kring::http {
namespace {
constexpr const char* kLanguages[] = {"nl", "en"};
constexpr const char* kThemes[] = {"auto", "light", "dark"};
constexpr const char* kOneYear = "; Path=/; Max-Age=31536000; SameSite=Lax";

bool IsApi(const Request& request) { return request.path.rfind("/api/", 0) == 0; }

}  // namespace

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Views::Views(const TemplateEngine& engine) : engine_(engine) {
  for (const char* lang : kLanguages) {
    auto text = LoadResource(std::string("templates/i18n/") + lang + ".json");
    auto parsed = nlohmann::json::parse(text.value_or("{}"), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      spdlog::error("message catalogue {} is missing or not a JSON object", lang);
      parsed = nlohmann::json::object();
    }
    globals_[lang] = TemplateEngine::MakeGlobals(nlohmann::json{{"t", parsed}});
    catalogues_[lang] = std::move(parsed);
  }
}

std::string Views::Language(const Request& request) const {
  for (const std::string& wanted : {request.Query("lang"), request.Cookie("lang")}) {
    if (catalogues_.count(wanted)) return wanted;
  }
  // Accept-Language: the first of our languages to appear wins; q-values are rarely needed.
  const std::string accept = request.Header("accept-language");
  size_t best = std::string::npos;
  std::string chosen = "nl";
  for (const char* lang : kLanguages) {
    const size_t at = accept.find(lang);
    if (at != std::string::npos && at < best) {
      best = at;
      chosen = lang;
    }
  }
  return chosen;
}

std::string Views::Theme(const Request& request) {
  for (const std::string& wanted : {request.Query("theme"), request.Cookie("theme")}) {
    for (const char* theme : kThemes) {
      if (wanted == theme) return wanted;
    }
  }
  return "auto";
}

std::string Views::Message(const Request& request, const std::string& key) const {
  const auto& catalogue = catalogues_.at(Language(request));
  auto it = catalogue.find(key);
  return it != catalogue.end() && it->is_string() ? it->get<std::string>() : key;
}

std::string Views::ReadableTime(const Request& request, const std::string& iso_utc) const {
  std::tm utc{};
  std::istringstream in(iso_utc);
  in >> std::get_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail() || iso_utc.size() != 20) return iso_utc;
  const std::time_t when = timegm(&utc);
  std::tm local{};
  if (localtime_r(&when, &local) == nullptr) return iso_utc;
  char clock[32];
  std::strftime(clock, sizeof clock, "%H:%M %Z", &local);
  return std::to_string(local.tm_mday) + " " +
         Message(request, "month_" + std::to_string(local.tm_mon + 1)) + " " +
         std::to_string(local.tm_year + 1900) + ", " + clock;
}

std::string Views::AddLanguage(const Request& request, nlohmann::json& view) const {
  const std::string lang = Language(request);
  view["lang"] = lang;
  return lang;
}

Response Views::Page(const Request& request, std::string_view name, nlohmann::json view,
                     int status) const {
  const std::string lang = AddLanguage(request, view);
  view["lang_" + lang] = true;
  const std::string theme = Theme(request);
  view["theme"] = theme;
  view["theme_" + theme] = true;
  // Feeds the page head advertises (<link rel="alternate">): the recent changes, unless the
  // handler named its own.
  if (!view.contains("feeds")) {
    view["feeds"] = nlohmann::json::array(
        {{{"href", "/feed.atom"}, {"title", Message(request, "feed_recent")}}});
  }
  if (!view.contains("q")) view["q"] = request.Query("q");
  view["path"] = request.path;
  view["path_encoded"] = PercentEncode(request.path);
  AddViewer(request, view);
  // The catalogue ("t") comes from the globals, converted once per language.
  Result<std::string> html = engine_.RenderPage(name, view, globals_.at(lang).get());
  if (!html.ok()) {
    spdlog::error("template {}: {}", name, html.error().message);
    return Response::Text(500, "Internal server error\n");
  }
  Response response;
  response.status = status;
  response.body = std::move(html.value());
  if (request.Query("lang") == lang) {
    // A language chosen with the switch is remembered for a year.
    response.headers.emplace_back("Set-Cookie", "lang=" + lang + kOneYear);
  }
  if (request.Query("theme") == theme) {
    // So is a theme chosen with the header's switch.
    response.headers.emplace_back("Set-Cookie", "theme=" + theme + kOneYear);
  }
  return response;
}

void Views::AddViewer(const Request& request, nlohmann::json& view) {
  const Viewer& viewer = request.viewer;
  // Every state-changing form carries the session's token: <input name="csrf" value="{{csrf}}">.
  view["csrf"] = viewer.csrf_token;
  if (!viewer.signed_in()) return;
  view["viewer"] = {
      {"name", viewer.name},
      {"display_name", viewer.display_name.empty() ? viewer.name : viewer.display_name},
      {"can_edit", viewer.Can(Role::kEditor)},
      {"is_admin", viewer.Can(Role::kAdmin)}};
}

Result<std::string> Views::Fragment(const Request& request, std::string_view name,
                                    nlohmann::json view) const {
  const std::string lang = AddLanguage(request, view);
  return engine_.Render(name, view, globals_.at(lang).get());
}

std::string Views::DateTime(const Request& request, const std::string& iso) const {
  // "YYYY-MM-DDTHH:MM..."
  if (iso.size() < 16 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T') return iso;
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  // "jan,feb,...": twelve short month names.
  const std::string names = Message(request, "months_short");
  std::string name;
  size_t start = 0;
  for (int i = 1; i <= 12 && start <= names.size(); ++i) {
    size_t comma = names.find(',', start);
    if (comma == std::string::npos) comma = names.size();
    if (i == month) name = names.substr(start, comma - start);
    start = comma + 1;
  }
  if (name.empty()) return iso.substr(0, 10) + " " + iso.substr(11, 5);
  const std::string day = iso[8] == '0' ? iso.substr(9, 1) : iso.substr(8, 2);
  return day + " " + name + " " + iso.substr(0, 4) + " " + iso.substr(11, 5);
}

Response Views::ErrorPage(const Request& request, int status, const std::string& message) const {
  if (IsApi(request)) {
    return Response::Json(status, nlohmann::json{{"error", message}}.dump());
  }
  nlohmann::json view;
  view["status"] = status;
  view["heading"] = Message(request, "error_" + std::to_string(status));
  view["message"] = message;
  view["title"] = view["heading"];
  return Page(request, "error", std::move(view), status);
}

Response Views::FromError(const Request& request, const Error& error) const {
  const int status = StatusFor(error.code);
  if (status == 500) {
    spdlog::error("{} {}: {}", request.method, request.path, error.message);
    return ErrorPage(request, 500, Message(request, "error_500_detail"));
  }
  Response response = ErrorPage(request, status, error.message);
  if (status == 413) response.close_connection = true;
  return response;
}

}  // namespace kring::http
