// MeetingHandler: the meetings of the circle, from their minutes: the list (/meetings) and the
// iCalendar feed (/meetings.ics). The home page's next and latest meeting are BrowseHandler's.
#pragma once

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class MeetingHandler {
 public:
  MeetingHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  // Upcoming meetings (dated today or later, soonest first), then past ones (newest first).
  Response List(const Request& request);  // GET /meetings
  // The same meetings as all-day events (text/calendar), in the reader's language.
  Response Calendar(const Request& request);  // GET /meetings.ics

  // The most meetings of each list (upcoming, past) shown or put in the feed.
  static constexpr int kMaxMeetings = 1000;

 private:
  Services& services_;
  const Views& views_;
};

// Today's date in UTC, "YYYY-MM-DD": a meeting dated today is still upcoming.
std::string Today();

}  // namespace kring::http
