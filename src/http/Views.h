// Views: turns view models (JSON) into responses through the templates, adds what every page
// needs (language, message catalogue, the search box's query), and renders error pages.
// Handlers build data; they never assemble HTML. Thread-safe after construction.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/Result.h"
#include "http/Request.h"
#include "render/TemplateEngine.h"

namespace kring::http {

class Views {
 public:
  // Loads the message catalogues templates/i18n/{nl,en}.json. `engine` must outlive this.
  explicit Views(const TemplateEngine& engine);

  // "nl" or "en": ?lang=, then the "lang" cookie, then Accept-Language; Dutch by default.
  std::string Language(const Request& request) const;

  // "light", "dark" or "auto" (follow the system): ?theme=, then the "theme" cookie; "auto" by
  // default. The layout writes it as <html data-theme="...">, so the page never flashes.
  static std::string Theme(const Request& request);

  // Renders `name` inside the layout with `view` plus lang, t (messages) and q.
  Response Page(const Request& request, std::string_view name, nlohmann::json view,
                int status = 200) const;

  // Renders `name` alone (no layout) with `view` plus lang and t: HTML for another format to
  // carry (the content of feed entries). Errors: the template's (kInternal).
  Result<std::string> Fragment(const Request& request, std::string_view name,
                               nlohmann::json view) const;

  // A UTC time "2013-06-13T10:05:00Z" as the request's language writes it ("13 jun 2013
  // 10:05"); other text unchanged.
  std::string DateTime(const Request& request, const std::string& iso) const;

  // The error page (HTML), or {"error": message} for /api/ paths.
  Response ErrorPage(const Request& request, int status, const std::string& message) const;
  Response FromError(const Request& request, const Error& error) const;

  // A message of the request's language by key (the key itself when missing).
  std::string Message(const Request& request, const std::string& key) const;

  // A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as people read it, in the request's language and
  // the server's time zone (TZ): "13 juni 2013, 14:05 CEST". Anything else is answered as is.
  std::string ReadableTime(const Request& request, const std::string& iso_utc) const;

 private:
  // Adds who is signed in ("viewer": name, display_name, can_edit, is_admin; absent for
  // anonymous readers) and the CSRF token ("csrf") to `view`.
  static void AddViewer(const Request& request, nlohmann::json& view);
  // Adds lang and t (the messages) to `view`; answers the language.
  std::string AddLanguage(const Request& request, nlohmann::json& view) const;

  const TemplateEngine& engine_;
  std::map<std::string, nlohmann::json> catalogues_;
  // {"t": catalogue} per language, for the templates.
  std::map<std::string, std::shared_ptr<const TemplateEngine::Globals>> globals_;
};

// The HTTP status for an error code.
int StatusFor(ErrorCode code);

}  // namespace kring::http
