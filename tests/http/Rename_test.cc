// Renaming pages through HTTP: old URLs answer 301, [[Old title]] links keep working (also
// after a second rename), the links can be rewritten, and every refusal says why.
#include <doctest/doctest.h>

#include <string>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::SearchSlugs;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

void SaveSample(const TestServer& server) {
  for (const char* body : {"Eerste versie over Zaalbeheer.", "Tweede versie over Zaalbeheer."}) {
    REQUIRE(server.PutPage("oude-naam", {{"title", "Oude naam"}, {"body", body}})->status < 300);
  }
  REQUIRE(
      server
          .PutPage("overzicht", {{"title", "Overzicht"},
                                 {"body",
                                  "Zie [[Oude naam]] en [de pagina](/p/oude-naam).\n\n```\n[[Oude "
                                  "naam]]\n```\n"}})
          ->status == 201);
}

httplib::Result Rename(const TestServer& server, const std::string& slug, const std::string& title,
                       const std::string& new_slug, const std::string& base = "") {
  return server.Client()->Post(
      "/p/" + slug + "/rename",
      httplib::Params{{"title", title}, {"slug", new_slug}, {"base_revision", base}});
}

// Where a GET of `path` is sent (the Location of a 301), "" when it answers otherwise.
std::string MovedTo(const TestServer& server, const std::string& path) {
  auto res = server.Get(path);
  REQUIRE(res);
  return res->status == 301 ? res->get_header_value("Location") : "";
}

}  // namespace

TEST_CASE("a rename keeps old URLs and links working, also after a second rename") {
  TestServer server;
  SaveSample(server);
  // The edit page holds the rename form; the page's "more" actions lead to it too.
  CHECK(Contains(Body(server, "/p/oude-naam/edit"),
                 "<form class=\"editor rename\" action=\"/p/oude-naam/rename\" method=\"post\""));
  CHECK(Contains(Body(server, "/p/oude-naam"), "href=\"/p/oude-naam/rename\""));

  auto renamed = Rename(server, "oude-naam", "Nieuwe naam", "", "2");
  REQUIRE(renamed);
  CHECK(renamed->status == 303);
  CHECK(renamed->get_header_value("Location") == "/p/nieuwe-naam/rename?renamed=1");

  CHECK(MovedTo(server, "/p/oude-naam") == "/p/nieuwe-naam");
  CHECK(MovedTo(server, "/api/v1/pages/oude-naam") == "/api/v1/pages/nieuwe-naam");
  const json page = GetJson(server, "/api/v1/pages/nieuwe-naam");
  CHECK(page["title"] == "Nieuwe naam");
  CHECK(page["revision"] == 3);
  CHECK(page["body"] == "Tweede versie over Zaalbeheer.");
  const std::string history = Body(server, "/p/nieuwe-naam/history");
  CHECK(Contains(history, "Renamed from Oude naam (oude-naam)"));
  CHECK(Contains(history, "href=\"/p/nieuwe-naam/rev/1\""));
  // The linking page's links follow, without anyone saving it.
  CHECK(Contains(Body(server, "/p/overzicht"), "<a href=\"/p/nieuwe-naam\" class=\"wikilink\">"));
  CHECK(Contains(Body(server, "/p/nieuwe-naam"), "href=\"/p/overzicht\""));  // linked from
  // Search knows the page by its new slug only.
  CHECK(SearchSlugs(server, "zaalbeheer") == std::vector<std::string>{"nieuwe-naam"});

  const std::string after = Body(server, "/p/nieuwe-naam/rename?renamed=1");
  CHECK(Contains(after, "De pagina is hernoemd."));
  CHECK(Contains(after, "Oude naam <span class=\"meta\">/p/oude-naam"));  // earlier names
  CHECK(Contains(after, "<a href=\"/p/overzicht\">Overzicht</a>"));       // links to update
  CHECK(Contains(after, "<form action=\"/p/nieuwe-naam/rewrite-links\" method=\"post\">"));

  // A second rename, with a slug of its own: both earlier slugs lead to the newest.
  auto again = Rename(server, "nieuwe-naam", "Derde naam", "derde", "3");
  REQUIRE(again);
  CHECK(again->status == 303);
  CHECK(MovedTo(server, "/p/oude-naam") == "/p/derde");
  CHECK(MovedTo(server, "/p/nieuwe-naam") == "/p/derde");
  CHECK(Contains(Body(server, "/p/overzicht"), "<a href=\"/p/derde\" class=\"wikilink\">"));

  // Rewriting the links saves the linking page with the new name, code left alone.
  auto rewritten =
      server.Client()->Post("/p/derde/rewrite-links", "", "application/x-www-form-urlencoded");
  REQUIRE(rewritten);
  CHECK(rewritten->status == 303);
  CHECK(rewritten->get_header_value("Location") == "/p/derde/rename?updated=1");
  const json overzicht = GetJson(server, "/api/v1/pages/overzicht");
  CHECK(overzicht["revision"] == 2);
  CHECK(overzicht["body"] ==
        "Zie [[Derde naam]] en [de pagina](/p/derde).\n\n```\n[[Oude naam]]\n```\n");
  CHECK(Contains(Body(server, "/p/overzicht/history"), "Links updated after rename"));
  const std::string done = Body(server, "/p/derde/rename?updated=1");
  CHECK(Contains(done, "Pagina&apos;s bijgewerkt met de nieuwe naam: 1"));
  CHECK(Contains(done, "Geen enkele pagina linkt hierheen met een vroegere naam."));

  // A page written later with the old name still reaches the page.
  REQUIRE(server.PutPage("later", {{"title", "Later"}, {"body", "Zie [[Oude naam]]."}})->status ==
          201);
  CHECK(Contains(Body(server, "/p/later"), "<a href=\"/p/derde\" class=\"wikilink\">"));
}

TEST_CASE("a rename that cannot be done says why and changes nothing") {
  TestServer server;
  SaveSample(server);
  REQUIRE(server.PutPage("bezet", {{"title", "Bezet"}, {"body", "x"}})->status == 201);
  REQUIRE(server.PutPage("ander", {{"title", "Ander"}, {"body", "x"}})->status == 201);
  REQUIRE(Rename(server, "ander", "Ander2", "ander2")->status == 303);  // "ander" is taken now

  struct Case {
    const char* name;
    std::string slug, title, new_slug, base;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"a slug taken by another page", "oude-naam", "Bezet", "", "", 409,
       "The slug bezet is taken by the page &quot;Bezet&quot;"},
      {"an earlier name of another page", "oude-naam", "Iets", "ander", "", 409,
       "earlier name of the page &quot;Ander2&quot;"},
      {"a slug that is not a slug", "oude-naam", "Iets", "Niet Goed!", "", 400,
       "lowercase letters"},
      {"no title", "oude-naam", "  ", "iets", "", 400, "needs a title"},
      {"nothing that changes", "oude-naam", "Oude naam", "oude-naam", "", 400, "current ones"},
      {"a stale form", "oude-naam", "Nieuw", "", "1", 409, "was changed"},
      {"no such page", "nergens", "Nieuw", "", "", 404, "No page nergens"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto res = Rename(server, c.slug, c.title, c.new_slug, c.base);
    REQUIRE(res);
    CHECK(res->status == c.status);
    CHECK(Contains(res->body, c.says));
  }
  // The form keeps what the member typed.
  CHECK(Contains(Rename(server, "oude-naam", "Bezet", "")->body, "value=\"Bezet\""));
  const json page = GetJson(server, "/api/v1/pages/oude-naam");
  CHECK(page["title"] == "Oude naam");
  CHECK(page["revision"] == 2);
  CHECK(server.Get("/p/oude-naam")->status == 200);
  CHECK(server.Get("/p/nergens/rename")->status == 404);
  CHECK(server.Client()
            ->Post("/p/nergens/rewrite-links", "", "application/x-www-form-urlencoded")
            ->status == 404);
}
