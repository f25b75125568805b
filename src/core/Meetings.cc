#include "core/Meetings.h"

#include <algorithm>

namespace kring {

std::vector<BacklinkGroup> GroupBacklinks(const std::vector<PageSummary>& backlinks) {
  static const PageKind kOrder[] = {PageKind::kMinutes, PageKind::kPresentation,
                                    PageKind::kBestPractice, PageKind::kPage};
  std::vector<BacklinkGroup> groups;
  for (PageKind kind : kOrder) {
    BacklinkGroup group{kind, {}};
    for (const PageSummary& page : backlinks) {
      if (page.kind == kind) group.pages.push_back(page);
    }
    if (group.pages.empty()) continue;
    if (kind == PageKind::kMinutes) {
      // ISO dates sort as they read; "" (undated) sorts below every date.
      std::stable_sort(group.pages.begin(), group.pages.end(),
                       [](const PageSummary& a, const PageSummary& b) { return a.date > b.date; });
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace kring
