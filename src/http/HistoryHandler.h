// HistoryHandler: a page's revisions, the word diff of two of them, and restoring an old one
// (the JSON API's side is in ApiHandler).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class HistoryHandler {
 public:
  // `services` and `views` must outlive the handler.
  HistoryHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  // GET /p/{slug}/history: revisions newest first, with a form to compare two of them.
  Response History(const Request& request);
  // GET /p/{slug}/diff?from=&to=: `to` defaults to the current revision, `from` to to-1.
  // 400 when a number is not one, 404 when the page or a revision does not exist.
  Response Diff(const Request& request);
  // POST /p/{slug}/rev/{n}/restore (form field base_revision: the current revision seen).
  Response Restore(const Request& request);

 private:
  Services& services_;
  const Views& views_;
};

// The view of the word diff from `before` to `after`: {"segments": [{"text", and one of
// "same", "removed", "added": true}], "changes": number of changed places, "identical"}.
nlohmann::json DiffView(std::string_view before, std::string_view after);

// "/p/{slug}/diff?from={from}&to={to}".
std::string DiffUrl(const std::string& slug, int64_t from, int64_t to);

}  // namespace kring::http
