#include "http/MeetingHandler.h"

#include "core/Text.h"
#include "http/CalendarFeed.h"
#include "http/MeetingViews.h"
#include "http/MembersOnly.h"
#include "http/Url.h"

namespace kring::http {
namespace {

nlohmann::json MeetingList(const Views& views, const Request& request,
                           const std::vector<Meeting>& meetings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Meeting& meeting : meetings) list.push_back(MeetingView(views, request, meeting));
  return list;
}

}  // namespace

std::string Today() { return NowUtc().substr(0, 10); }

Response MeetingHandler::List(const Request& request) {
  const std::string today = Today();
  const Audience audience = AudienceOf(request);
  nlohmann::json upcoming =
      MeetingList(views_, request, services_.store.UpcomingMeetings(today, kMaxMeetings, audience));
  nlohmann::json past =
      MeetingList(views_, request, services_.store.PastMeetings(today, kMaxMeetings, audience));
  nlohmann::json view = {{"title", views_.Message(request, "meetings")},
                         {"upcoming", upcoming},
                         {"has_upcoming", !upcoming.empty()},
                         {"past", past},
                         {"has_past", !past.empty()}};
  return views_.Page(request, "meetings", std::move(view));
}

Response MeetingHandler::Calendar(const Request& request) {
  const std::string today = Today();
  const Audience audience = AudienceOf(request);
  std::vector<Meeting> meetings = services_.store.UpcomingMeetings(today, kMaxMeetings, audience);
  for (Meeting& past : services_.store.PastMeetings(today, kMaxMeetings, audience)) {
    meetings.push_back(std::move(past));
  }
  CalendarOptions options;
  options.name = views_.Message(request, "meetings_calendar_name");
  options.base_url = BaseUrl(services_.public_url, request.Header("host"));
  options.uid_domain = HostOfUrl(options.base_url);
  options.host_label = views_.Message(request, "meeting_host");
  options.place_label = views_.Message(request, "meeting_place");
  Response response;
  response.content_type = "text/calendar; charset=utf-8";
  response.body = MeetingsCalendar(meetings, options);
  return response;
}

}  // namespace kring::http
