#include "http/AdminHandler.h"

#include <nlohmann/json.hpp>
#include <string>

#include "core/Text.h"

namespace kring::http {
namespace {

Result<nlohmann::json> EntriesView(const ZeroResultLog& log) {
  Result<std::vector<ZeroResultLog::Entry>> stored = log.Entries();
  if (!stored.ok()) return stored.error();
  nlohmann::json entries = nlohmann::json::array();
  for (const ZeroResultLog::Entry& entry : stored.value()) {
    entries.push_back({{"query", entry.query}, {"count", entry.count}, {"last", entry.last_at}});
  }
  return entries;
}

}  // namespace

Response AdminHandler::ZeroResults(const Request& request) {
  Result<nlohmann::json> stored = EntriesView(zero_results_);
  if (!stored.ok()) return views_.FromError(request, stored.error());
  nlohmann::json entries = std::move(stored.value());
  for (auto& entry : entries) {
    entry["last_shown"] = views_.DateTime(request, entry["last"].get<std::string>());
    entry["search_url"] = "/search?q=" + PercentEncode(entry["query"].get<std::string>());
  }
  nlohmann::json view = {{"title", views_.Message(request, "zero_results_title")},
                         {"entries", entries},
                         {"has_entries", !entries.empty()}};
  return views_.Page(request, "zero-results", std::move(view));
}

Response AdminHandler::ApiZeroResults(const Request& request) {
  Result<nlohmann::json> entries = EntriesView(zero_results_);
  if (!entries.ok()) return views_.FromError(request, entries.error());
  Response response = Response::Json(200, entries->dump());
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace kring::http
