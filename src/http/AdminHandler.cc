#include "http/AdminHandler.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

#include "core/Text.h"
#include "http/PageHandler.h"

namespace kring::http {
namespace {

// "2026-11-29T10:00:00Z"
std::string IsoUtc(ZeroResultLog::Clock::time_point when) {
  const std::time_t seconds = ZeroResultLog::Clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[sizeof "2026-11-29T10:00:00Z"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json EntriesView(const ZeroResultLog& log) {
  nlohmann::json entries = nlohmann::json::array();
  for (const ZeroResultLog::Entry& entry : log.Entries()) {
    entries.push_back(
        {{"query", entry.query}, {"count", entry.count}, {"last", IsoUtc(entry.last)}});
  }
  return entries;
}

}  // namespace

Response AdminHandler::ZeroResults(const Request& request) {
  nlohmann::json entries = EntriesView(zero_results_);
  for (auto& entry : entries) {
    entry["last_shown"] = ShortTime(entry["last"].get<std::string>());
    entry["search_url"] = "/search?q=" + PercentEncode(entry["query"].get<std::string>());
  }
  nlohmann::json view = {{"title", views_.Message(request, "zero_results_title")},
                         {"entries", entries},
                         {"has_entries", !entries.empty()}};
  return views_.Page(request, "zero-results", std::move(view));
}

Response AdminHandler::ApiZeroResults(const Request& /*request*/) {
  Response response = Response::Json(200, EntriesView(zero_results_).dump());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace kring::http
