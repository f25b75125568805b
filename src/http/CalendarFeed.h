// CalendarFeed: the meetings as an iCalendar (RFC 5545) feed that calendar programs subscribe
// to (/meetings.ics), written with libical. Thread-safe (libical keeps its scratch buffers and
// error state per thread).
#pragma once

#include <string>
#include <vector>

#include "core/Meetings.h"

namespace kring::http {

struct CalendarOptions {
  std::string name;         // the calendar's display name (X-WR-CALNAME)
  std::string base_url;     // "https://kring.example": each event's URL is base_url/p/{slug}
  std::string uid_domain;   // after the '@' of each UID ("kring.example")
  std::string host_label;   // "Gastheer": the description's line naming the host organisation
  std::string place_label;  // "Plaats": the description's line naming the place
};

// One VCALENDAR (VERSION 2.0, PRODID, CALSCALE GREGORIAN) with an all-day VEVENT per meeting:
// UID "meeting-{page_id}@{uid_domain}" (stable while the page exists, renamed or not),
// DTSTAMP (when the minutes last changed), DTSTART;VALUE=DATE and DTEND the day after, SUMMARY
// (the title), LOCATION (the place, else the host organisation), URL and DESCRIPTION (place,
// host and URL, one per line). Text values are escaped (\\ ; , and newlines) and lines folded at
// 75 octets, never inside a UTF-8 sequence, with CRLF line ends. Meetings whose date is not a
// valid ISO date are left out.
std::string MeetingsCalendar(const std::vector<Meeting>& meetings, const CalendarOptions& options);

}  // namespace kring::http
