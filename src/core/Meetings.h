// Meetings: the minutes of the circle's meetings as a calendar, and the pages linking to a page
// grouped by kind (a presentation lists the meetings where it was discussed).
// Plain data and pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Page.h"

namespace kring {

// A page of kind minutes with a meeting date, as the meetings list and calendar show it.
struct Meeting {
  int64_t page_id = 0;  // the page's row id: kept when the page is renamed (the calendar's UID)
  std::string slug;
  std::string title;
  std::string date;          // "YYYY-MM-DD"
  std::string place;         // may be empty
  std::string organisation;  // the host; may be empty
  std::string updated_at;    // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  int64_t linked_pages = 0;  // existing pages the minutes link to
};

// The pages of one kind linking to a page.
struct BacklinkGroup {
  PageKind kind = PageKind::kPage;
  std::vector<PageSummary> pages;
};

// Groups backlinks by kind: minutes first, newest meeting first (undated minutes last), then
// presentations, best practices and other pages, each in the order given. Empty groups are left
// out.
std::vector<BacklinkGroup> GroupBacklinks(const std::vector<PageSummary>& backlinks);

}  // namespace kring
