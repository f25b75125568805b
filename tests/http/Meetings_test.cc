// Meetings through HTTP: the minutes' place, host and date on /meetings (upcoming first) and the
// home page, "New minutes" with its template, "discussed at" on the presentations the minutes
// link, and the wanted pages that red links ask for.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

// The UTC date `days` from today, "YYYY-MM-DD".
std::string DaysFromToday(int days) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{today + std::chrono::days(days)};
  char text[16];  // room for any int the compiler imagines
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

json MinutesPage(const std::string& title, const std::string& date, const std::string& body,
                 const std::string& place = "", const std::string& host = "") {
  return {{"title", title}, {"kind", "minutes"}, {"date", date},
          {"body", body},   {"place", place},    {"organisation", host}};
}

// Where `needle` starts in `haystack`; fails the test when it is not there.
size_t Position(const std::string& haystack, const std::string& needle) {
  const size_t at = haystack.find(needle);
  CHECK_MESSAGE(at != std::string::npos, "missing: " << needle);
  return at;
}

}  // namespace

TEST_CASE("minutes linking two presentations make both show 'Besproken op' with the date") {
  TestServer server;
  server.SavePage("crm-roeselare", {{"title", "Klantgericht werken met CRM in Roeselare"},
                                    {"kind", "presentation"}});
  server.SavePage("kennisbeheer-wielsbeke",
                  {{"title", "Kennisbeheer in Wielsbeke"}, {"kind", "best-practice"}});
  server.SavePage("kring-maart", MinutesPage("Kringbijeenkomst Roeselare", "2013-03-13",
                                             "Zie [[Klantgericht werken met CRM in Roeselare]] en "
                                             "[[Kennisbeheer in Wielsbeke]].",
                                             "Stadhuis Roeselare", "Stad Roeselare"));
  // A later meeting discussing the CRM presentation again, and a page linking it.
  server.SavePage("kring-juni",
                  MinutesPage("Agenda juni", "2013-06-13", "Achtergrond: [[crm-roeselare]]."));
  server.SavePage("crm", {{"title", "CRM"}, {"body", "Zie [[crm-roeselare]]."}});

  for (const std::string slug : {"crm-roeselare", "kennisbeheer-wielsbeke"}) {
    CAPTURE(slug);
    const std::string page = Body(server, "/p/" + slug);
    CHECK(Contains(page, "<h3 id=\"backlinks-minutes\" class=\"kind-minutes\">Besproken op</h3>"));
    CHECK(Contains(page,
                   "<li><time datetime=\"2013-03-13\">woensdag 13 maart 2013</time>: <a "
                   "href=\"/p/kring-maart\">Kringbijeenkomst Roeselare</a></li>"));
  }
  // Newest meeting first, then the other kinds in their own group.
  const std::string crm = Body(server, "/p/crm-roeselare");
  const size_t june = Position(crm, "<time datetime=\"2013-06-13\">donderdag 13 juni 2013</time>");
  const size_t march = Position(crm, "<time datetime=\"2013-03-13\">");
  const size_t pages = Position(crm, "<h3 id=\"backlinks-page\" class=\"kind-page\">Pagina");
  CHECK(june < march);
  CHECK(march < pages);
  CHECK(Contains(crm.substr(pages), "<a href=\"/p/crm\">CRM</a>"));
  CHECK_FALSE(Contains(Body(server, "/p/kennisbeheer-wielsbeke"), "kring-juni"));

  const std::string english = Body(server, "/p/crm-roeselare?lang=en");
  CHECK(Contains(english, ">Discussed at</h3>"));
  CHECK(Contains(english, "<time datetime=\"2013-03-13\">Wednesday 13 March 2013</time>"));
  // Minutes linked from other minutes are not "discussed at" there: they are minutes.
  CHECK(Contains(Body(server, "/p/crm"), "<h2 id=\"backlinks-h\">Gelinkt vanuit</h2>"));
  server.SavePage("kring-september",
                  MinutesPage("Kring september", "2013-09-19", "Vorige keer: [[kring-juni]]."));
  CHECK(Contains(Body(server, "/p/kring-juni"), ">Verslagen</h3>"));
  CHECK_FALSE(Contains(Body(server, "/p/kring-juni"), "Besproken op"));
  // A page nobody links to says so.
  CHECK(Contains(Body(server, "/p/kring-september"), "Nog geen pagina&apos;s linken hierheen."));
}

TEST_CASE("/meetings lists the next meetings soonest first, then past ones newest first") {
  TestServer server;
  const std::string today = DaysFromToday(0), soon = DaysFromToday(20), later = DaysFromToday(110),
                    last = DaysFromToday(-70), long_ago = DaysFromToday(-400);
  server.SavePage("later", MinutesPage("Later", later, "", "Zaal B", "OCMW Izegem"));
  server.SavePage("long-ago", MinutesPage("Lang geleden", long_ago, ""));
  server.SavePage("soon", MinutesPage("Binnenkort", soon, "[[long-ago]] [[later]] [[rood]]",
                                      "Stadhuis <Roeselare> & zaal 2", "Stad Roeselare"));
  server.SavePage("last", MinutesPage("Vorige", last, ""));
  server.SavePage("today", MinutesPage("Vandaag", today, ""));
  server.SavePage("undated", MinutesPage("Zonder datum", "", ""));
  server.SavePage("deck", {{"title", "Een presentatie"}, {"kind", "presentation"}, {"date", soon}});

  const std::string page = Body(server, "/meetings");
  const size_t upcoming = Position(page, "<ol class=\"meetinglist upcoming\">");
  const size_t past = Position(page, "<ol class=\"meetinglist past\">");
  const std::vector<size_t> order = {
      upcoming,
      Position(page, "href=\"/p/today\""),
      Position(page, "href=\"/p/soon\""),
      Position(page, "href=\"/p/later\""),
      past,
      Position(page, "href=\"/p/last\""),
      Position(page, "href=\"/p/long-ago\""),
  };
  CHECK(std::is_sorted(order.begin(), order.end()));
  CHECK_FALSE(Contains(page, "href=\"/p/undated\""));
  CHECK_FALSE(Contains(page, "href=\"/p/deck\""));
  // Place (escaped), host and the number of existing pages the minutes link.
  CHECK(Contains(page, "<span class=\"place\">Stadhuis &lt;Roeselare&gt; &amp; zaal 2</span>"));
  CHECK(Contains(page,
                 "Gastheer: <a class=\"org\" href=\"/search?org=stad-roeselare\">Stad "
                 "Roeselare</a> · Gelinkte pagina&apos;s: <span class=\"count\">2</span>"));
  CHECK(Contains(page, "<time datetime=\"" + soon + "\">"));
  CHECK(Contains(page, "<a class=\"button\" href=\"/new?kind=minutes\">Nieuw verslag</a>"));
  CHECK(Contains(page, "href=\"/meetings.ics\""));
  CHECK(
      Contains(Body(server, "/meetings?lang=en"), "<h2 id=\"upcoming-h\">Upcoming meetings</h2>"));

  // The home page: the next meeting (today's) and the latest minutes of a past meeting.
  const std::string home = Body(server, "/");
  const size_t start = Position(home, "<section class=\"meetings-now\"");
  const std::string meetings = home.substr(start, home.find("</section>", start) - start);
  const size_t next = Position(meetings, "<h3>Volgende bijeenkomst</h3>");
  const size_t latest = Position(meetings, "<h3>Laatste verslag</h3>");
  CHECK(next < Position(meetings, "href=\"/p/today\""));
  CHECK(Position(meetings, "href=\"/p/today\"") < latest);
  CHECK(latest < Position(meetings, "href=\"/p/last\""));
  CHECK_FALSE(Contains(meetings, "href=\"/p/soon\""));
  CHECK(Contains(meetings, "<a href=\"/meetings\">Alle bijeenkomsten</a>"));
}

TEST_CASE("without meetings, /meetings and the home page say so and offer new minutes") {
  TestServer server;
  const std::string page = Body(server, "/meetings");
  CHECK(Contains(page, "Er is nog geen volgende bijeenkomst gepland."));
  CHECK(Contains(page, "Er zijn nog geen verslagen."));
  const std::string home = Body(server, "/?lang=en");
  CHECK(Contains(home,
                 "No next meeting has been planned yet. <a href=\"/new?kind=minutes\">New "
                 "minutes</a>"));
  CHECK(Contains(home, "There are no minutes yet."));
}

TEST_CASE("new minutes start from the meeting template in the reader's language") {
  TestServer server;
  const std::string dutch = Body(server, "/new?kind=minutes");
  CHECK(Contains(dutch, "<h1>Nieuw verslag</h1>"));
  CHECK(Contains(dutch, "<option value=\"minutes\" selected>"));
  for (const std::string heading : {"## Aanwezig", "## Agenda", "## Beslissingen", "## Acties",
                                    "## Volgende bijeenkomst", "**Spreker:**"}) {
    CHECK(Contains(dutch, heading));
  }
  const std::string english = Body(server, "/new?kind=minutes&lang=en");
  CHECK(Contains(english, "<h1>New minutes</h1>"));
  for (const std::string heading :
       {"## Present", "## Agenda", "## Decisions", "## Actions", "## Next meeting"}) {
    CHECK(Contains(english, heading));
  }
  // Other kinds start empty.
  CHECK(Contains(Body(server, "/new"), "aria-describedby=\"body-help\"></textarea>"));
  CHECK(Contains(Body(server, "/new?kind=presentation"),
                 "aria-describedby=\"body-help\"></textarea>"));
}

TEST_CASE("the place is saved from the form and the API, shown, and refused when not one line") {
  TestServer server;
  const std::string form =
      httplib::detail::params_to_query_str({{"title", "Kring Izegem"},
                                            {"kind", "minutes"},
                                            {"date", "2013-06-13"},
                                            {"place", " OCMW Izegem, zaal <1> "},
                                            {"body", "Verslag."}});
  auto created = server.Client()->Post("/new", form, "application/x-www-form-urlencoded");
  REQUIRE(created);
  CHECK(created->status == 303);
  CHECK(GetJson(server, "/api/v1/pages/kring-izegem")["place"] == "OCMW Izegem, zaal <1>");
  const std::string page = Body(server, "/p/kring-izegem");
  CHECK(Contains(page, "<span class=\"place\">OCMW Izegem, zaal &lt;1&gt;</span>"));
  CHECK(Contains(page, "<time datetime=\"2013-06-13\">donderdag 13 juni 2013</time>"));
  const std::string edit = Body(server, "/p/kring-izegem/edit");
  CHECK(Contains(edit, "<label for=\"place\">Plaats (van de bijeenkomst)</label>"));
  CHECK(Contains(edit, "name=\"place\" value=\"OCMW Izegem, zaal &lt;1&gt;\""));
  CHECK(Contains(Body(server, "/p/kring-izegem/edit?lang=en"),
                 "<label for=\"place\">Place (of the meeting)</label>"));

  server.SavePage(
      "kring-izegem",
      {{"title", "Kring Izegem"}, {"kind", "minutes"}, {"place", "Elders"}, {"base_revision", 1}});
  CHECK(GetJson(server, "/api/v1/pages/kring-izegem")["place"] == "Elders");
  CHECK(Contains(Body(server, "/p/kring-izegem/rev/1"), "OCMW Izegem, zaal &lt;1&gt;"));

  for (const json& place : {json("Zaal\n2"), json(std::string(201, 'x')), json(7)}) {
    CAPTURE(place.dump());
    auto res = server.PutPage("p", {{"title", "P"}, {"place", place}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(Contains(json::parse(res->body)["error"], "place"));
  }
  CHECK(server.Get("/api/v1/pages/p")->status == 404);
}

TEST_CASE("/wanted lists red-link targets with the pages wanting them and a create link") {
  TestServer server;
  server.SavePage("kring", MinutesPage("Kringbijeenkomst", "2013-03-13",
                                       "Zie [[Informatieveiligheid]] en [[Open data]]."));
  server.SavePage("welkom", {{"title", "Welkom"}, {"body", "Lees [[Informatieveiligheid]]."}});
  const std::string page = Body(server, "/wanted");
  const size_t security =
      Position(page,
               "<a class=\"wikilink new\" href=\"/new?title=Informatieveiligheid\">"
               "Informatieveiligheid</a>");
  const size_t open_data = Position(page, "href=\"/new?title=Open%20data\">Open data</a>");
  CHECK(security < open_data);  // most wanted first
  const std::string wanted_by = page.substr(security, open_data - security);
  CHECK(Contains(wanted_by, "<a href=\"/p/kring\">Kringbijeenkomst</a>"));
  CHECK(Contains(wanted_by, "<a href=\"/p/welkom\">Welkom</a>"));
  CHECK(Contains(page, "<a class=\"button\" href=\"/new?title=Informatieveiligheid\">"));
  CHECK(Contains(Body(server, "/new?title=Informatieveiligheid"),
                 "name=\"title\" value=\"Informatieveiligheid\""));
  CHECK(Contains(Body(server, "/"), "<a href=\"/wanted\">Gevraagde pagina&apos;s</a>"));

  // Creating the page takes it off the list; with no red link left, the list says so.
  server.SavePage("informatieveiligheid", {{"title", "Informatieveiligheid"}});
  server.SavePage("open-data", {{"title", "Open data"}});
  const std::string none = Body(server, "/wanted?lang=en");
  CHECK_FALSE(Contains(none, "wikilink new"));
  CHECK(Contains(none, "There are no red links"));
}
