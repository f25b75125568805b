// PageHandler: reading, creating and editing pages in the browser (/p/..., /new).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/Page.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class PageHandler {
 public:
  PageHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response Show(const Request& request);      // GET /p/{slug}
  Response EditForm(const Request& request);  // GET /p/{slug}/edit
  Response Update(const Request& request);    // POST /p/{slug}/edit
  Response NewForm(const Request& request);   // GET /new?title=&kind=
  Response Create(const Request& request);    // POST /new
  Response Revision(const Request& request);  // GET /p/{slug}/rev/{n}

 private:
  // The edit form's view model: `input` as the member sees it, plus an error to show.
  nlohmann::json FormView(const Request& request, const PageInput& input, bool is_new,
                          const std::string& error) const;
  // Reads the form fields into a PageInput; nullopt when the body does not decode.
  std::optional<PageInput> ReadForm(const Request& request) const;
  // Saves and redirects, or shows the form again with what went wrong (nothing is lost).
  Response SaveFromForm(const Request& request, PageInput input, bool is_new);
  nlohmann::json PageView(const Request& request, const Page& page) const;

  // How many related pages the page view lists under "See also".
  static constexpr int kRelatedPages = 5;

  // The related pages of a page, from a cache: asking Xapian costs a query over the whole
  // index (~4 ms at 100,000 pages), too much for every page view. Entries are kept per
  // revision and audience for a few minutes, so the list follows edits and the index catching
  // up, and the public never gets a list made for members.
  std::vector<TitleSuggestion> RelatedPages(const Page& page, Audience audience) const;

  struct RelatedEntry {
    int64_t revision = 0;
    std::chrono::steady_clock::time_point computed;
    std::vector<TitleSuggestion> pages;
  };

  Services& services_;
  const Views& views_;
  mutable std::mutex related_mutex_;
  // Keyed by the audience's letter and the slug. GUARDED_BY(related_mutex_)
  mutable std::unordered_map<std::string, RelatedEntry> related_;
};

// Shared by views: a page line for lists ({slug, title, kind, kind_label, date, updated_at}).
nlohmann::json SummaryView(const Views& views, const Request& request, const PageSummary& page);
// The name of a kind in the request's language ("Notulen").
std::string KindLabel(const Views& views, const Request& request, PageKind kind);

}  // namespace kring::http
