#include "http/CalendarFeed.h"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

#include "core/Text.h"

namespace kring::http {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// "2013-03-13" → an iCalendar DATE (callers check IsIsoDate).
icaltimetype DateOf(const std::string& iso) {
  icaltimetype date = icaltime_null_date();
  date.year = std::stoi(iso.substr(0, 4));
  date.month = std::stoi(iso.substr(5, 2));
  date.day = std::stoi(iso.substr(8, 2));
  return date;
}

// "2024-01-01T10:00:00Z" → a UTC DATE-TIME; the epoch when it is not written that way.
icaltimetype UtcTimeOf(const std::string& utc) {
  if (utc.size() != 20 || !IsIsoDate(utc.substr(0, 10)) || utc[10] != 'T' || utc[19] != 'Z') {
    return icaltime_from_timet_with_zone(0, 0, icaltimezone_get_utc_timezone());
  }
  icaltimetype time = DateOf(utc.substr(0, 10));
  time.is_date = 0;
  time.hour = std::atoi(utc.substr(11, 2).c_str());
  time.minute = std::atoi(utc.substr(14, 2).c_str());
  time.second = std::atoi(utc.substr(17, 2).c_str());
  time.zone = icaltimezone_get_utc_timezone();
  return time;
}

icalcomponent* EventOf(const Meeting& meeting, const CalendarOptions& options) {
  const std::string url = options.base_url + "/p/" + meeting.slug;
  std::string description;
  if (!meeting.place.empty()) description += options.place_label + ": " + meeting.place + "\n";
  if (!meeting.organisation.empty()) {
    description += options.host_label + ": " + meeting.organisation + "\n";
  }
  description += url;

  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  const std::string uid = "meeting-" + std::to_string(meeting.page_id) + "@" + options.uid_domain;
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(UtcTimeOf(meeting.updated_at)));
  const icaltimetype start = DateOf(meeting.date);
  icalcomponent_add_property(event, icalproperty_new_dtstart(start));
  // An all-day event ends (exclusively) on the next day.
  icalcomponent_add_property(
      event, icalproperty_new_dtend(icaltime_add(start, icaldurationtype{0, 1, 0, 0, 0, 0})));
  icalcomponent_add_property(event, icalproperty_new_summary(meeting.title.c_str()));
  const std::string& location = meeting.place.empty() ? meeting.organisation : meeting.place;
  if (!location.empty()) {
    icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
  }
  icalcomponent_add_property(event, icalproperty_new_url(url.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  return event;
}

}  // namespace

std::string MeetingsCalendar(const std::vector<Meeting>& meetings, const CalendarOptions& options) {
  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Kring//Kring//NL"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalproperty* name = icalproperty_new_x(options.name.c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar.get(), name);
  for (const Meeting& meeting : meetings) {
    if (!IsIsoDate(meeting.date)) continue;
    icalcomponent_add_component(calendar.get(), EventOf(meeting, options));
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  if (text == nullptr) return "";
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace kring::http
