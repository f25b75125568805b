#include "http/MeetingViews.h"

#include <chrono>

#include "core/Text.h"

namespace kring::http {

std::string LongDate(const Views& views, const Request& request, const std::string& iso) {
  if (!IsIsoDate(iso)) return iso;
  const int year = std::stoi(iso.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(date)).c_encoding();
  return views.Message(request, "weekday_" + std::to_string(weekday)) + " " + std::to_string(day) +
         " " + views.Message(request, "month_" + std::to_string(month)) + " " +
         std::to_string(year);
}

nlohmann::json MeetingView(const Views& views, const Request& request, const Meeting& meeting) {
  return {{"slug", meeting.slug},
          {"title", meeting.title},
          {"date", meeting.date},
          {"date_label", LongDate(views, request, meeting.date)},
          {"place", meeting.place},
          {"organisation", meeting.organisation},
          // Until the register of organisations exists (/o/{slug}), a search for its pages.
          {"organisation_url", "/search?org=" + PercentEncode(Slugify(meeting.organisation))},
          {"linked_pages", meeting.linked_pages}};
}

nlohmann::json BacklinkGroupsView(const Views& views, const Request& request, PageKind page_kind,
                                  const std::vector<PageSummary>& backlinks) {
  const bool discussed =
      page_kind == PageKind::kPresentation || page_kind == PageKind::kBestPractice;
  nlohmann::json groups = nlohmann::json::array();
  for (const BacklinkGroup& group : GroupBacklinks(backlinks)) {
    const std::string kind(KindName(group.kind));
    const bool meetings = group.kind == PageKind::kMinutes;
    nlohmann::json pages = nlohmann::json::array();
    for (const PageSummary& page : group.pages) {
      pages.push_back({{"slug", page.slug},
                       {"title", page.title},
                       {"date", page.date},
                       {"date_label", LongDate(views, request, page.date)}});
    }
    groups.push_back(
        {{"kind", kind},
         {"id", "backlinks-" + kind},
         {"heading", views.Message(request, meetings && discussed ? "backlinks_discussed_at"
                                                                  : "backlinks_" + kind)},
         {"meetings", meetings},
         {"pages", pages}});
  }
  return groups;
}

}  // namespace kring::http
