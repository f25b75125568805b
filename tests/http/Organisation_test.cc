// The organisation of a page through HTTP: the edit form, the page view, the JSON API, and
// search by organisation (org: in the query, ?org=, the facet), escaped wherever it is shown.
#include <doctest/doctest.h>

#include "TestServer.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::FormEncode;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

void Put(const TestServer& server, const std::string& slug, const json& page) {
  auto res = server.PutPage(slug, page);
  REQUIRE(res);
  REQUIRE(res->status == 201);
}

std::vector<std::string> SortedSlugs(const json& results) {
  std::vector<std::string> slugs;
  for (const auto& hit : results["hits"]) slugs.push_back(hit["slug"]);
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

}  // namespace

TEST_CASE("the edit form saves the organisation and the page shows it, linked to a search") {
  TestServer server;
  auto created = server.Client()->Post("/new",
                                       FormEncode({{"title", "Bijeenkomst Roeselare"},
                                                   {"body", "Verslag."},
                                                   {"kind", "minutes"},
                                                   {"organisation", " Stad Roeselare "}}),
                                       "application/x-www-form-urlencoded");
  REQUIRE(created);
  CHECK(created->status == 303);

  const std::string page = Body(server, "/p/bijeenkomst-roeselare");
  CHECK(Contains(page, "<a class=\"org\" href=\"/search?org=stad-roeselare\""));
  CHECK(Contains(page, ">Stad Roeselare</a>"));
  CHECK(json::parse(server.Get("/api/v1/pages/bijeenkomst-roeselare")->body)["organisation"] ==
        "Stad Roeselare");

  const std::string form = Body(server, "/p/bijeenkomst-roeselare/edit");
  CHECK(Contains(form, "<label for=\"organisation\">Organisatie</label>"));
  CHECK(Contains(form, "name=\"organisation\" value=\"Stad Roeselare\""));
  CHECK(Contains(Body(server, "/p/bijeenkomst-roeselare/edit?lang=en"),
                 "<label for=\"organisation\">Organisation</label>"));
  CHECK(Contains(Body(server, "/new"), "name=\"organisation\" value=\"\""));

  // Saving the form without one clears it; the old revision keeps it.
  auto cleared = server.Client()->Post("/p/bijeenkomst-roeselare/edit",
                                       FormEncode({{"title", "Bijeenkomst Roeselare"},
                                                   {"body", "Verslag."},
                                                   {"kind", "minutes"},
                                                   {"base_revision", "1"}}),
                                       "application/x-www-form-urlencoded");
  REQUIRE(cleared);
  CHECK(cleared->status == 303);
  CHECK_FALSE(Contains(Body(server, "/p/bijeenkomst-roeselare"), "class=\"org\""));
  CHECK(Contains(Body(server, "/p/bijeenkomst-roeselare/rev/1"), ">Stad Roeselare</a>"));
}

TEST_CASE("an organisation that is not one line, too long or without a letter is refused") {
  TestServer server;
  for (const std::string& organisation :
       {std::string("Stad\nRoeselare"), std::string(201, 'x'), std::string("--")}) {
    CAPTURE(organisation);
    auto res = server.PutPage("p", {{"title", "P"}, {"organisation", organisation}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(Contains(json::parse(res->body)["error"], "organisation"));
  }
  auto wrong_type = server.PutPage("p", {{"title", "P"}, {"organisation", 3}});
  REQUIRE(wrong_type);
  CHECK(wrong_type->status == 400);

  auto form = server.Client()->Post(
      "/new",
      FormEncode({{"title", "Mijn pagina"}, {"body", "Mijn tekst"}, {"organisation", "--"}}),
      "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 400);
  CHECK(Contains(form->body, "Mijn tekst"));  // the form keeps what was typed
  CHECK(server.Get("/api/v1/pages/mijn-pagina")->status == 404);
}

TEST_CASE("org: and ?org= find exactly an organisation's pages; facets equal filtered totals") {
  TestServer server;
  Put(server, "roeselare-2013",
      {{"title", "Kringbijeenkomst Roeselare"},
       {"body", "Verslag van de kringbijeenkomst."},
       {"kind", "minutes"},
       {"organisation", "Stad Roeselare"}});
  Put(server, "crm-roeselare",
      {{"title", "CRM in Roeselare"},
       {"body", "Presentatie op de kringbijeenkomst."},
       {"kind", "presentation"},
       {"organisation", "Stad Roeselare"}});
  Put(server, "oostrozebeke-2012",
      {{"title", "Kringbijeenkomst Oostrozebeke"},
       {"body", "Verslag van de kringbijeenkomst."},
       {"kind", "minutes"},
       {"organisation", "Gemeente Oostrozebeke"}});
  Put(server, "welkom", {{"title", "Welkom"}, {"body", "Over de kringbijeenkomst."}});
  server.WaitForIndex();

  const std::vector<std::string> roeselare = {"crm-roeselare", "roeselare-2013"};
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?q=kringbijeenkomst&org=stad-roeselare")) ==
        roeselare);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?org=stad-roeselare")) == roeselare);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?org=Stad%20Roeselare")) == roeselare);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?q=kringbijeenkomst%20org:stad-roeselare")) ==
        roeselare);
  CHECK(SortedSlugs(
            GetJson(server, "/api/v1/search?q=organisatie:%22Stad%20Roeselare%22%20verslag")) ==
        std::vector<std::string>{"roeselare-2013"});
  CHECK(GetJson(server, "/api/v1/search?org=nergens")["total"] == 0);

  const json all = GetJson(server, "/api/v1/search?q=kringbijeenkomst");
  CHECK(all["total"] == 4);
  CHECK(all["facets"]["organisation"] == json{{"stad-roeselare", 2}, {"gemeente-oostrozebeke", 1}});
  CHECK(all["facet_names"]["organisation"] ==
        json{{"stad-roeselare", "Stad Roeselare"},
             {"gemeente-oostrozebeke", "Gemeente Oostrozebeke"}});
  for (const auto& [key, count] : all["facets"]["organisation"].items()) {
    CAPTURE(key);
    CHECK(GetJson(server, "/api/v1/search?q=kringbijeenkomst&org=" + key)["total"] == count);
  }
  for (const auto& hit : all["hits"]) {
    CAPTURE(hit["slug"]);
    if (hit["slug"] == "welkom") {
      CHECK(hit["organisation"] == "");
      CHECK(hit["organisation_slug"] == "");
    } else if (hit["slug"] == "oostrozebeke-2012") {
      CHECK(hit["organisation"] == "Gemeente Oostrozebeke");
      CHECK(hit["organisation_slug"] == "gemeente-oostrozebeke");
    } else {
      CHECK(hit["organisation"] == "Stad Roeselare");
    }
  }

  // The search page: the facet by name, a click filters, a second click removes the filter.
  const std::string page = Body(server, "/search?q=kringbijeenkomst");
  CHECK(Contains(page, "<h2>Organisatie</h2>"));
  CHECK(Contains(page,
                 "<a href=\"/search?q=kringbijeenkomst&amp;org=stad-roeselare\">Stad "
                 "Roeselare</a> <span class=\"count\">2</span>"));
  CHECK(Contains(page, "<span class=\"org\">Gemeente Oostrozebeke</span>"));
  const std::string filtered = Body(server, "/search?q=kringbijeenkomst&org=stad-roeselare");
  CHECK(Contains(filtered,
                 "<a href=\"/search?q=kringbijeenkomst\" aria-current=\"true\" "
                 "class=\"active\">Stad Roeselare</a>"));
  CHECK(Contains(filtered, "Alle filters wissen"));
  CHECK_FALSE(Contains(filtered, "href=\"/p/oostrozebeke-2012\""));
  // The page's link to its organisation's pages works.
  const std::string by_link = Body(server, "/search?org=stad-roeselare");
  CHECK(Contains(by_link, "href=\"/p/crm-roeselare\""));
  CHECK(Contains(by_link, "href=\"/p/roeselare-2013\""));
  CHECK_FALSE(Contains(by_link, "href=\"/p/welkom\""));
  CHECK(Contains(Body(server, "/search?q=kringbijeenkomst&lang=en"), "<h2>Organisation</h2>"));
}

TEST_CASE("an organisation named with markup comes back escaped everywhere") {
  TestServer server;
  const std::string evil = "<script>alert(1)</script> & Co";
  Put(server, "evil", {{"title", "Kwaad"}, {"body", "Kwaad bedoeld."}, {"organisation", evil}});
  server.WaitForIndex();
  for (const std::string path : {"/p/evil", "/p/evil/edit", "/p/evil/rev/1", "/search?q=kwaad",
                                 "/search?org=script-alert-1-script-co"}) {
    CAPTURE(path);
    const std::string body = Body(server, path);
    CHECK_FALSE(Contains(body, "<script>alert"));
    CHECK(Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
  }
  CHECK(Contains(Body(server, "/p/evil"), "href=\"/search?org=script-alert-1-script-co\""));
  // JSON carries it as data, for the client to escape.
  CHECK(GetJson(server, "/api/v1/pages/evil")["organisation"] == evil);
  const json found = GetJson(server, "/api/v1/search?q=kwaad");
  CHECK(found["hits"][0]["organisation"] == evil);
  CHECK(found["facet_names"]["organisation"]["script-alert-1-script-co"] == evil);
}
