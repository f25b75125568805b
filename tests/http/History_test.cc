// History, diff and restore through HTTP: the history page, the word diff of two revisions,
// restoring an old revision (form and JSON API), and their bad parameters.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kFirst =
    "De kring vergadert in Izegem op 13 juni.\n\nAgenda: [[Mid-office]] en CRM.";
const std::string kSecond =
    "De kring vergadert in Roeselare op 13 juni.\n\nAgenda: [[Mid-office]] en CRM "
    "<script>alert(1)</script>.";
const std::string kThird =
    "De kring vergadert in Roeselare.\n\nAgenda: CRM <script>alert(1)</script>.";

// A page "kringbijeenkomst" with three revisions: kFirst, kSecond, kThird, by An, Bart and
// Chris, each based on the one before.
void SaveThreeRevisions(const TestServer& server) {
  const std::vector<json> revisions = {
      {{"title", "Kringbijeenkomst"},
       {"date", "2013-06-13"},
       {"organisation", "Stad Izegem"},
       {"topics", {"Vergaderingen"}},
       {"author", "An"},
       {"comment", "eerste versie"},
       {"body", kFirst}},
      {{"title", "Kringbijeenkomst"},
       {"date", "2013-06-13"},
       {"organisation", "Stad Roeselare"},
       {"topics", {"Vergaderingen"}},
       {"author", "Bart"},
       {"comment", "plaats gewijzigd"},
       {"body", kSecond}},
      {{"title", "Kringbijeenkomst Roeselare"},
       {"date", "2013-06-14"},
       {"organisation", "Stad Roeselare"},
       {"topics", {"Vergaderingen", "CRM"}},
       {"author", "Chris"},
       {"comment", "agenda ingekort"},
       {"body", kThird}},
  };
  for (size_t i = 0; i < revisions.size(); ++i) {
    json page = revisions[i];
    page["kind"] = "minutes";
    page["base_revision"] = i;
    auto saved = server.PutPage("kringbijeenkomst", page);
    REQUIRE(saved);
    REQUIRE(saved->status == (i == 0 ? 201 : 200));
  }
}

// The position of `needle` in `haystack`; fails the test when it is missing.
size_t PositionOf(const std::string& haystack, const std::string& needle) {
  const size_t at = haystack.find(needle);
  CHECK_MESSAGE(at != std::string::npos, "missing: " << needle);
  return at;
}

// The text of the first <time> element, e.g. "13 juni 2013, 14:05 CEST".
std::string FirstTimeText(const std::string& html) {
  const size_t open = html.find("<time datetime=\"");
  REQUIRE(open != std::string::npos);
  const size_t start = html.find('>', open) + 1;
  return html.substr(start, html.find("</time>", start) - start);
}

bool NamesAMonth(const std::string& text, const std::vector<std::string>& months) {
  for (const std::string& month : months) {
    if (Contains(text, " " + month + " ")) return true;
  }
  return false;
}

std::string Signed(int64_t delta) {
  return delta > 0   ? "+" + std::to_string(delta)
         : delta < 0 ? "\u2212" + std::to_string(-delta)
                     : "0";
}

}  // namespace

TEST_CASE("the history lists revisions newest first with author, time, comment and size change") {
  TestServer server;
  SaveThreeRevisions(server);
  const std::string html = Body(server, "/p/kringbijeenkomst/history");

  const size_t third = PositionOf(html, ">Versie 3</a> (huidige)");
  const size_t second = PositionOf(html, ">Versie 2</a>");
  const size_t first = PositionOf(html, ">Versie 1</a>");
  CHECK(third < second);
  CHECK(second < first);
  CHECK(PositionOf(html, "Chris") < PositionOf(html, "Bart"));
  CHECK(PositionOf(html, "agenda ingekort") < PositionOf(html, "plaats gewijzigd"));
  CHECK(Contains(html, "href=\"/p/kringbijeenkomst/rev/2\""));

  // Size changes carry their sign as text, and a class for the colour.
  const auto size = [](const std::string& s) { return static_cast<int64_t>(s.size()); };
  CHECK(Contains(html, "class=\"delta grew\">" + Signed(size(kFirst)) + "<"));
  CHECK(Contains(html, "class=\"delta grew\">" + Signed(size(kSecond) - size(kFirst)) + "<"));
  CHECK(Contains(html, "class=\"delta shrank\">" + Signed(size(kThird) - size(kSecond)) + "<"));

  // The compare form works without script: radio buttons in a GET form, newest change chosen.
  CHECK(Contains(html, "action=\"/p/kringbijeenkomst/diff\" method=\"get\""));
  CHECK(Contains(html, "name=\"from\" value=\"2\" checked"));
  CHECK(Contains(html, "name=\"to\" value=\"3\" checked"));
  CHECK(Contains(html, "name=\"from\" value=\"1\">"));
  CHECK(Contains(html, "Versie 1 als oude versie</label>"));
  CHECK(Contains(html, "href=\"/p/kringbijeenkomst/diff?from=1&amp;to=2\""));
  CHECK(Contains(html, "href=\"/p/kringbijeenkomst/diff?from=2&amp;to=3\""));
  CHECK_FALSE(Contains(html, "diff?from=0"));

  // Times are written out in the reader's language.
  CHECK(NamesAMonth(FirstTimeText(html),
                    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                     "september", "oktober", "november", "december"}));
  const std::string english = Body(server, "/p/kringbijeenkomst/history?lang=en");
  CHECK(Contains(english, ">Revision 3</a> (current)"));
  CHECK(NamesAMonth(FirstTimeText(english),
                    {"January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"}));
}

TEST_CASE("the diff of two revisions marks removed and added words, escaped and labelled") {
  TestServer server;
  SaveThreeRevisions(server);

  SUBCASE("from 1 to 2") {
    const std::string html = Body(server, "/p/kringbijeenkomst/diff?from=1&to=2");
    CHECK(Contains(html, "<del><span class=\"visually-hidden\">[verwijderd: </span>Izegem<"));
    CHECK(Contains(html, "<ins><span class=\"visually-hidden\">[toegevoegd: </span>Roeselare<"));
    // The unchanged words stay, the added script is text, never markup.
    CHECK(Contains(html, "De kring vergadert in "));
    CHECK(Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_FALSE(Contains(html, "<script>alert"));
    // The details that changed besides the text.
    CHECK(Contains(html, "<td>Stad Izegem</td><td>Stad Roeselare</td>"));
    CHECK_FALSE(Contains(html, "<td>2013-06-13</td>"));
    CHECK(Contains(html, "Aantal wijzigingen in de tekst: 2"));
    CHECK(Contains(html, "href=\"/p/kringbijeenkomst/diff?from=2&amp;to=3\""));  // next change
    CHECK_FALSE(Contains(html, "diff?from=0"));
  }
  SUBCASE("`from` defaults to the revision before `to`, `to` to the current one") {
    for (const std::string path : {"/p/kringbijeenkomst/diff?to=3", "/p/kringbijeenkomst/diff",
                                   "/p/kringbijeenkomst/diff?from=&to="}) {
      CAPTURE(path);
      const std::string html = Body(server, path);
      CHECK(Contains(html, "Oude versie: <a href=\"/p/kringbijeenkomst/rev/2\">Versie 2</a>"));
      CHECK(Contains(html, "Nieuwe versie: <a href=\"/p/kringbijeenkomst/rev/3\">Versie 3</a>"));
      CHECK(Contains(html, "[verwijderd: </span> op 13 juni<"));
      CHECK(Contains(html, "[verwijderd: </span> [[Mid-office]] en<"));
      CHECK(Contains(html, "agenda ingekort"));
      CHECK(Contains(html, "<td>Kringbijeenkomst</td><td>Kringbijeenkomst Roeselare</td>"));
      CHECK(Contains(html, "<td>Vergaderingen</td><td>Vergaderingen, CRM</td>"));
      CHECK(Contains(html, "href=\"/p/kringbijeenkomst/diff?from=1&amp;to=2\""));  // previous
    }
  }
  SUBCASE("a revision against itself, and the other way round") {
    CHECK(Contains(Body(server, "/p/kringbijeenkomst/diff?from=2&to=2"),
                   "De tekst van beide versies is gelijk."));
    const std::string backwards = Body(server, "/p/kringbijeenkomst/diff?from=2&to=1");
    CHECK(Contains(backwards, "[verwijderd: </span>Roeselare<"));
    CHECK(Contains(backwards, "[toegevoegd: </span>Izegem<"));
  }
  SUBCASE("in English") {
    const std::string html = Body(server, "/p/kringbijeenkomst/diff?from=1&to=2&lang=en");
    CHECK(Contains(html, "[removed: </span>Izegem<"));
    CHECK(Contains(html, "[added: </span>Roeselare<"));
  }
}

TEST_CASE("bad or missing revision numbers answer 400 or 404, never 500") {
  TestServer server;
  SaveThreeRevisions(server);
  struct Case {
    std::string path;
    int status;
  };
  const std::vector<Case> cases = {
      {"/p/kringbijeenkomst/diff?from=abc&to=2", 400},
      {"/p/kringbijeenkomst/diff?from=-1&to=2", 400},
      {"/p/kringbijeenkomst/diff?from=1&to=2.5", 400},
      {"/p/kringbijeenkomst/diff?from=1&to=%20", 400},
      {"/p/kringbijeenkomst/diff?from=1&to=99999999999999999999999", 400},
      {"/p/kringbijeenkomst/diff?from=1&to=9", 404},
      {"/p/kringbijeenkomst/diff?from=0&to=2", 404},
      {"/p/kringbijeenkomst/diff?to=1", 404},  // revision 1 has no previous
      {"/p/kringbijeenkomst/diff?to=0", 404},
      {"/p/geen-pagina/diff?from=1&to=2", 404},
      {"/p/geen-pagina/history", 404},
      {"/p/kringbijeenkomst/rev/9", 404},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    auto res = server.Get(c.path);
    REQUIRE(res);
    CHECK(res->status == c.status);
    CHECK(Contains(res->get_header_value("Content-Type"), "text/html"));
  }
  auto bad = server.Get("/p/kringbijeenkomst/diff?from=abc&to=2");
  CHECK(Contains(bad->body, "Een versienummer is een positief geheel getal"));
}

TEST_CASE("restoring an old revision saves it as a new revision and loses nothing") {
  TestServer server;
  SaveThreeRevisions(server);

  const std::string old = Body(server, "/p/kringbijeenkomst/rev/1");
  CHECK(Contains(old, "action=\"/p/kringbijeenkomst/rev/1/restore\" method=\"post\""));
  CHECK(Contains(old, "name=\"base_revision\" value=\"3\""));
  CHECK(Contains(old, "href=\"/p/kringbijeenkomst/diff?from=1&amp;to=3\""));
  CHECK(Contains(old, "href=\"/p/kringbijeenkomst/rev/2\""));  // the newer revision
  CHECK_FALSE(Contains(Body(server, "/p/kringbijeenkomst/rev/3"), "/restore\""));
  CHECK_FALSE(Contains(Body(server, "/p/kringbijeenkomst"), "/restore\""));

  auto restored = server.PostForm("/p/kringbijeenkomst/rev/1/restore", {{"base_revision", "3"}});
  REQUIRE(restored);
  CHECK(restored->status == 303);
  CHECK(restored->get_header_value("Location") == "/p/kringbijeenkomst");

  const json page = GetJson(server, "/api/v1/pages/kringbijeenkomst");
  CHECK(page["revision"] == 4);
  CHECK(page["body"] == kFirst);
  CHECK(page["title"] == "Kringbijeenkomst");
  CHECK(page["date"] == "2013-06-13");
  CHECK(page["organisation"] == "Stad Izegem");
  CHECK(page["kind"] == "minutes");
  CHECK(page["topics"] == json{"Vergaderingen"});
  CHECK(Contains(page["html"].get<std::string>(), "Izegem"));
  // The revisions in between are all still there.
  CHECK(GetJson(server, "/api/v1/pages/kringbijeenkomst/revisions")["revisions"].size() == 4);
  CHECK(Contains(Body(server, "/p/kringbijeenkomst/rev/3"), "Kringbijeenkomst Roeselare"));

  const std::string history = Body(server, "/p/kringbijeenkomst/history");
  CHECK(Contains(history, "Versie teruggezet: 1"));
  CHECK(PositionOf(history, ">Versie 4</a> (huidige)") < PositionOf(history, ">Versie 3</a>"));
  const std::string diff = Body(server, "/p/kringbijeenkomst/diff?from=3&to=4");
  CHECK(Contains(diff, "[verwijderd: </span>Roeselare<"));
  CHECK(Contains(diff, "[toegevoegd: </span>Izegem op 13 juni<"));

  SUBCASE("restoring over a newer save answers 409 and changes nothing") {
    auto stale = server.PostForm("/p/kringbijeenkomst/rev/2/restore", {{"base_revision", "3"}});
    REQUIRE(stale);
    CHECK(stale->status == 409);
    CHECK(Contains(stale->body, "href=\"/p/kringbijeenkomst/history\""));
    CHECK(GetJson(server, "/api/v1/pages/kringbijeenkomst")["revision"] == 4);
  }
  SUBCASE("the current revision, a missing one, or a bad form is refused") {
    CHECK(server.PostForm("/p/kringbijeenkomst/rev/4/restore", {{"base_revision", "4"}})->status ==
          400);
    CHECK(server.PostForm("/p/kringbijeenkomst/rev/9/restore", {})->status == 404);
    CHECK(server.PostForm("/p/kringbijeenkomst/rev/x/restore", {})->status == 404);
    CHECK(server.PostForm("/p/geen-pagina/rev/1/restore", {})->status == 404);
    CHECK(
        server.PostForm("/p/kringbijeenkomst/rev/2/restore", {{"base_revision", "twee"}})->status ==
        400);
    CHECK(server.Get("/p/kringbijeenkomst/rev/2/restore")->status == 405);
    CHECK(GetJson(server, "/api/v1/pages/kringbijeenkomst")["revision"] == 4);
  }
}

TEST_CASE("the JSON API lists revisions and restores one") {
  TestServer server;
  SaveThreeRevisions(server);
  auto post = [&](const std::string& body) {
    return server.Client()->Post("/api/v1/pages/kringbijeenkomst/restore", body,
                                 "application/json");
  };

  const json revisions = GetJson(server, "/api/v1/pages/kringbijeenkomst/revisions");
  REQUIRE(revisions["revisions"].size() == 3);
  CHECK(revisions["revisions"][0]["number"] == 3);
  CHECK(revisions["revisions"][0]["author"] == "Chris");
  CHECK(revisions["revisions"][2]["comment"] == "eerste versie");
  CHECK(revisions["revisions"][2]["size"] == kFirst.size());

  auto restored = post(R"({"revision": 2, "author": "Dirk"})");
  REQUIRE(restored);
  CHECK(restored->status == 200);
  CHECK(json::parse(restored->body) ==
        json{{"slug", "kringbijeenkomst"}, {"revision", 4}, {"restored", 2}});
  const json page = GetJson(server, "/api/v1/pages/kringbijeenkomst");
  CHECK(page["body"] == kSecond);
  CHECK(page["author"] == "Dirk");
  CHECK(GetJson(server, "/api/v1/pages/kringbijeenkomst/revisions")["revisions"][0]["comment"] ==
        "Restored revision 2");

  SUBCASE("a stale base answers 409 with the current revision and body") {
    auto stale = post(R"({"revision": 1, "base_revision": 3})");
    REQUIRE(stale);
    CHECK(stale->status == 409);
    const json answer = json::parse(stale->body);
    CHECK(answer["current_revision"] == 4);
    CHECK(answer["current_body"] == kSecond);
    CHECK(answer.contains("error"));
  }
  SUBCASE("bad requests answer JSON errors") {
    for (const std::string body :
         {"", "[]", "{}", R"({"revision": "2"})", R"({"revision": 0})", R"({"revision": 1.5})",
          R"({"revision": 1, "base_revision": -1})", R"({"revision": 1, "author": 7})"}) {
      CAPTURE(body);
      auto res = post(body);
      REQUIRE(res);
      CHECK(res->status == 400);
      CHECK(json::parse(res->body).contains("error"));
    }
    CHECK(post(R"({"revision": 9})")->status == 404);
    CHECK(server.Client()
              ->Post("/api/v1/pages/geen-pagina/restore", R"({"revision": 1})", "application/json")
              ->status == 404);
    CHECK(server.Get("/api/v1/pages/geen-pagina/revisions")->status == 404);
  }
  CHECK(GetJson(server, "/api/v1/pages/kringbijeenkomst")["revision"] == 4);
}
