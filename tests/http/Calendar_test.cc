// The iCalendar feed of the meetings (/meetings.ics), read back with libical's parser: one
// all-day event per dated minutes, with every text escaped and every line folded as RFC 5545
// asks (75 octets at most, CRLF, never inside a UTF-8 sequence).
#include <doctest/doctest.h>
#include <libical/ical.h>

#include <atomic>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "TestServer.h"
#include "core/Text.h"
#include "http/CalendarFeed.h"

using kring::testing::Contains;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// Checks the physical lines of an iCalendar text: CRLF-terminated, at most 75 octets, each valid
// UTF-8 on its own (a fold inside a multi-byte character would break that), continuation lines
// starting with a space. Answers the text unfolded.
std::string CheckLinesAndUnfold(const std::string& text) {
  REQUIRE(text.size() >= 2);
  CHECK(text.substr(text.size() - 2) == "\r\n");
  std::string unfolded;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const std::string line = text.substr(start, end - start);
    CAPTURE(line);
    CHECK(line.size() <= 75);
    CHECK(kring::IsValidUtf8(line));
    CHECK(line.find_first_of("\r\n") == std::string::npos);
    if (!line.empty() && line[0] == ' ') {
      unfolded += line.substr(1);
    } else {
      if (!unfolded.empty()) unfolded += '\n';
      unfolded += line;
    }
    start = end + 2;
  }
  return unfolded;
}

// Parses with libical and requires that it reported nothing (no X-LIC-ERROR anywhere).
Component ParseStrictly(const std::string& text) {
  Component calendar(icalparser_parse_string(text.c_str()));
  REQUIRE(calendar != nullptr);
  REQUIRE(icalcomponent_isa(calendar.get()) == ICAL_VCALENDAR_COMPONENT);
  CHECK(icalcomponent_count_errors(calendar.get()) == 0);
  CHECK(icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY) != nullptr);
  CHECK(icalcomponent_get_first_property(calendar.get(), ICAL_PRODID_PROPERTY) != nullptr);
  return calendar;
}

std::string Text(const char* text) { return text == nullptr ? std::string() : text; }

std::string PropertyText(icalcomponent* event, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(event, kind);
  REQUIRE_MESSAGE(property != nullptr, icalproperty_kind_to_string(kind));
  return Text(icalproperty_get_value_as_string(property));
}

std::string IsoDate(icaltimetype time) {
  char text[16];  // room for any int the compiler imagines
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", time.year, time.month, time.day);
  return text;
}

struct Event {
  std::string uid, summary, location, url, description, start, end;
};

// The events by SUMMARY, each checked for the properties every event must have.
std::map<std::string, Event> Events(icalcomponent* calendar) {
  std::map<std::string, Event> events;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    Event e;
    e.uid = Text(icalcomponent_get_uid(event));
    e.summary = Text(icalcomponent_get_summary(event));
    e.location = Text(icalcomponent_get_location(event));
    e.description = Text(icalcomponent_get_description(event));
    e.url = PropertyText(event, ICAL_URL_PROPERTY);
    const icaltimetype start = icalcomponent_get_dtstart(event);
    const icaltimetype end = icalcomponent_get_dtend(event);
    const icaltimetype stamp = icalcomponent_get_dtstamp(event);
    CAPTURE(e.summary);
    CHECK(start.is_date == 1);
    CHECK(end.is_date == 1);
    CHECK(icaltime_compare(end, start) > 0);
    CHECK(stamp.is_date == 0);
    CHECK(icaltime_is_utc(stamp));
    CHECK(!e.uid.empty());
    e.start = IsoDate(start);
    e.end = IsoDate(end);
    CHECK(events.emplace(e.summary, e).second);
  }
  return events;
}

}  // namespace

TEST_CASE("/meetings.ics is an iCalendar feed libical reads without a complaint") {
  TestServer server;
  const std::string semicolons = "Kring; vergadering, deel \\ 2";
  const std::string dutch =
      "Kringbijeenkomst in het administratief centrum van Oostrozebeke: één jaar e-loket, "
      "café-gesprekken, coördinatie en reünie";
  server.SavePage("a", {{"title", semicolons},
                        {"kind", "minutes"},
                        {"date", "2013-03-13"},
                        {"place", "Stadhuis; zaal 2, eerste verdieping"},
                        {"organisation", "Stad Roeselare"}});
  server.SavePage("b", {{"title", dutch},
                        {"kind", "minutes"},
                        {"date", "2012-12-31"},
                        {"organisation", "Gemeente Oostrozebeke"}});
  server.SavePage("c", {{"title", "Undated"}, {"kind", "minutes"}});
  server.SavePage("d", {{"title", "A deck"}, {"kind", "presentation"}, {"date", "2013-03-13"}});

  auto res = server.Get("/meetings.ics");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/calendar; charset=utf-8");
  const std::string unfolded = CheckLinesAndUnfold(res->body);
  // Escaped as RFC 5545 says, then folded: the long title with accents spans lines.
  CHECK(Contains(unfolded, "\nSUMMARY:Kring\\; vergadering\\, deel \\\\ 2\n"));
  std::string dutch_escaped;
  for (char c : dutch) dutch_escaped += c == ',' ? std::string("\\,") : std::string(1, c);
  CHECK(Contains(unfolded, "\nSUMMARY:" + dutch_escaped + "\n"));
  CHECK_FALSE(Contains(res->body, "SUMMARY:" + dutch));
  CHECK(Contains(unfolded, "\nLOCATION:Stadhuis\\; zaal 2\\, eerste verdieping\n"));
  CHECK(Contains(unfolded, "\nDTSTART;VALUE=DATE:20130313\n"));
  CHECK(Contains(unfolded, "\nDTEND;VALUE=DATE:20130314\n"));

  Component calendar = ParseStrictly(res->body);
  std::map<std::string, Event> events = Events(calendar.get());
  REQUIRE(events.size() == 2);  // neither undated minutes nor a presentation
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  const Event a = events.at(semicolons);
  CHECK(a.start == "2013-03-13");
  CHECK(a.end == "2013-03-14");
  CHECK(a.location == "Stadhuis; zaal 2, eerste verdieping");
  CHECK(a.url == base + "/p/a");
  CHECK(a.description ==
        "Plaats: Stadhuis; zaal 2, eerste verdieping\nGastheer: Stad Roeselare\n" + base + "/p/a");
  const Event b = events.at(dutch);
  CHECK(b.start == "2012-12-31");
  CHECK(b.end == "2013-01-01");
  CHECK(b.location == "Gemeente Oostrozebeke");  // no place: the host
  CHECK(b.uid != a.uid);
  CHECK(a.uid.find("@127.0.0.1") != std::string::npos);

  // An edit keeps the event's UID; the English feed names the host in English.
  server.SavePage("a", {{"title", "Kring maart"},
                        {"kind", "minutes"},
                        {"date", "2013-03-14"},
                        {"base_revision", 1}});
  auto english = server.Get("/meetings.ics?lang=en");
  REQUIRE(english);
  Component again = ParseStrictly(english->body);
  events = Events(again.get());
  REQUIRE(events.size() == 2);
  CHECK(events.at("Kring maart").uid == a.uid);
  CHECK(events.at("Kring maart").start == "2013-03-14");
  CHECK(events.at(dutch).description == "Host: Gemeente Oostrozebeke\n" + base + "/p/b");
}

TEST_CASE("the feed is the same when many clients ask at once") {
  TestServer server;
  for (int i = 0; i < 12; ++i) {
    server.SavePage("kring-" + std::to_string(i),
                    {{"title", "Kringbijeenkomst nummer " + std::to_string(i) + ", één dag"},
                     {"kind", "minutes"},
                     {"date", "2013-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)},
                     {"place", "Zaal " + std::to_string(i)}});
  }
  auto first = server.Get("/meetings.ics");
  REQUIRE(first);
  const std::string expected = first->body;
  Component calendar = ParseStrictly(expected);
  CHECK(Events(calendar.get()).size() == 12);
  std::vector<std::thread> clients;
  std::atomic<int> same{0};
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      auto client = server.Client();
      for (int i = 0; i < 25; ++i) {
        auto res = client->Get("/meetings.ics");
        if (res && res->status == 200 && res->body == expected) ++same;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  CHECK(same == 100);
}

TEST_CASE("an empty calendar still parses") {
  TestServer server;
  auto res = server.Get("/meetings.ics");
  REQUIRE(res);
  CHECK(res->status == 200);
  Component calendar = ParseStrictly(res->body);
  CHECK(Events(calendar.get()).empty());
  CHECK(Contains(res->body, "X-WR-CALNAME:Kring: bijeenkomsten van de kenniskring\r\n"));
}

TEST_CASE("the writer escapes newlines, semicolons, commas and backslashes in any text") {
  kring::Meeting meeting;
  meeting.page_id = 7;
  meeting.slug = "kring";
  meeting.title = "Kring; deel 1,\nvervolg \\ slot";
  meeting.date = "2024-02-29";
  meeting.place = "Zaal \"A\"";
  meeting.updated_at = "2024-01-02T03:04:05Z";
  kring::http::CalendarOptions options;
  options.name = "Kring";
  options.base_url = "https://kring.example";
  options.uid_domain = "kring.example";
  options.host_label = "Host";
  options.place_label = "Place";
  const std::string text = kring::http::MeetingsCalendar({meeting}, options);
  const std::string unfolded = CheckLinesAndUnfold(text);
  CHECK(Contains(unfolded, "\nSUMMARY:Kring\\; deel 1\\,\\nvervolg \\\\ slot\n"));
  CHECK(Contains(unfolded, "\nUID:meeting-7@kring.example\n"));
  CHECK(Contains(unfolded, "\nDTSTAMP:20240102T030405Z\n"));
  CHECK(Contains(unfolded, "\nDTEND;VALUE=DATE:20240301\n"));  // a leap day ends on 1 March

  Component calendar = ParseStrictly(text);
  const std::map<std::string, Event> events = Events(calendar.get());
  REQUIRE(events.size() == 1);
  const Event& event = events.begin()->second;
  CHECK(event.summary == meeting.title);
  CHECK(event.location == "Zaal \"A\"");
  CHECK(event.url == "https://kring.example/p/kring");
  CHECK(event.description == "Place: Zaal \"A\"\nhttps://kring.example/p/kring");
}
