// Pages tagged with the applications they are about, through HTTP: the JSON API, the edit form,
// the page's tags, and app: / ?app= in search (a tag filter: a page that only mentions the
// application in its text is not found by it), with the applications facet.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "TestServer.h"

using kring::testing::AnonymousJson;
using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;
using Slugs = std::vector<std::string>;

namespace {

Slugs SortedSlugs(const json& results) {
  Slugs slugs;
  for (const auto& hit : results["hits"]) slugs.push_back(hit["slug"]);
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

// Two pages about Recreatex (one members-only), one about Agility, one that only mentions
// Recreatex in its text.
void SaveCorpus(const TestServer& server) {
  server.SavePage("zalen", {{"title", "Zalen verhuren"},
                            {"body", "Ervaringen met zaalverhuur in de gemeente."},
                            {"applications", {"Recreatex"}}});
  server.SavePage("contract", {{"title", "Contract"},
                               {"body", "Voorwaarden voor zaalverhuur in de gemeente."},
                               {"applications", {"recreatex"}},
                               {"visibility", "members"}});
  server.SavePage("meldingen", {{"title", "Meldingen"},
                                {"body", "Meldingen in de gemeente."},
                                {"applications", {"Agility"}}});
  server.SavePage("vergelijking", {{"title", "Vergelijking"},
                                   {"body", "Wij kozen niet voor Recreatex in de gemeente."}});
  server.WaitForIndex();
}

}  // namespace

TEST_CASE("the API reads and writes applications; a PUT without them saves none") {
  TestServer server;
  server.SavePage("zalen", {{"title", "Zalen"},
                            {"body", "Tekst."},
                            {"applications", {" Recreatex ", "Agility", "RECREATEX", "--"}}});
  CHECK(GetJson(server, "/api/v1/pages/zalen")["applications"] == json({"Recreatex", "Agility"}));

  // Like topics: the PUT is the whole page, so one without "applications" saves none.
  server.SavePage("zalen", {{"title", "Zalen"}, {"body", "Tekst."}});
  CHECK(GetJson(server, "/api/v1/pages/zalen")["applications"] == json::array());
  CHECK(GetJson(server, "/api/v1/pages/zalen/revisions")["revisions"].size() == 2);

  for (const json& bad :
       {json("Recreatex"), json({1}), json({std::string(201, 'x')}), json({"Recre\ntex"})}) {
    CAPTURE(bad.dump());
    auto res = server.PutPage("zalen", {{"title", "Zalen"}, {"applications", bad}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(Contains(json::parse(res->body)["error"].get<std::string>(), "application"));
  }
}

TEST_CASE("the page shows its applications linked to a search; the edit form round-trips them") {
  TestServer server;
  auto created = server.PostForm("/new", {{"title", "Zaalverhuur"},
                                          {"body", "Tekst."},
                                          {"applications", "Recreatex, <b>Kassa</b> ,"}});
  REQUIRE(created);
  CHECK(created->status == 303);
  CHECK(GetJson(server, "/api/v1/pages/zaalverhuur")["applications"] ==
        json({"Recreatex", "<b>Kassa</b>"}));

  const std::string page = Body(server, "/p/zaalverhuur");
  CHECK(Contains(page, "aria-label=\"Toepassingen\""));
  CHECK(Contains(page, "<a href=\"/search?app=recreatex\""));
  CHECK(Contains(page, ">Recreatex</a>"));
  CHECK(Contains(page, "&lt;b&gt;Kassa&lt;/b&gt;"));
  CHECK_FALSE(Contains(page, "<b>Kassa</b>"));

  const std::string form = Body(server, "/p/zaalverhuur/edit");
  CHECK(Contains(form, "<label for=\"applications\">Toepassingen</label>"));
  CHECK(Contains(form, "name=\"applications\" value=\"Recreatex, &lt;b&gt;Kassa&lt;/b&gt;\""));
  CHECK(Contains(Body(server, "/p/zaalverhuur/edit?lang=en"),
                 "<label for=\"applications\">Applications</label>"));

  // Saving the form as it came back keeps them; emptying the field clears them.
  auto same = server.PostForm("/p/zaalverhuur/edit", {{"title", "Zaalverhuur"},
                                                      {"body", "Tekst."},
                                                      {"applications", "Recreatex, <b>Kassa</b>"},
                                                      {"base_revision", "1"}});
  REQUIRE(same);
  CHECK(same->status == 303);
  CHECK(GetJson(server, "/api/v1/pages/zaalverhuur")["applications"].size() == 2);
  auto cleared =
      server.PostForm("/p/zaalverhuur/edit",
                      {{"title", "Zaalverhuur"}, {"body", "Tekst."}, {"base_revision", "2"}});
  REQUIRE(cleared);
  CHECK(cleared->status == 303);
  CHECK_FALSE(Contains(Body(server, "/p/zaalverhuur"), "/search?app="));
  CHECK(Contains(Body(server, "/p/zaalverhuur/rev/2"), "/search?app=recreatex"));
  // The diff names the change.
  CHECK(Contains(Body(server, "/p/zaalverhuur/diff?from=2&to=3"), "Toepassingen"));
}

TEST_CASE("app: and ?app= find the pages tagged with an application, not those mentioning it") {
  TestServer server;
  SaveCorpus(server);
  const Slugs recreatex = {"contract", "zalen"};
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?q=app:recreatex")) == recreatex);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?q=toepassing:%22Recreatex%22")) == recreatex);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?app=recreatex")) == recreatex);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?app=Recreatex&q=gemeente")) == recreatex);
  CHECK(SortedSlugs(GetJson(server, "/api/v1/search?app=agility")) == Slugs{"meldingen"});
  // The word alone still finds the page that mentions it.
  const Slugs word = SortedSlugs(GetJson(server, "/api/v1/search?q=recreatex"));
  CHECK(std::find(word.begin(), word.end(), "vergelijking") != word.end());

  // Readers never see the members-only page, by the filter or in the facet.
  CHECK(SortedSlugs(AnonymousJson(server, "/api/v1/search?app=recreatex")) == Slugs{"zalen"});
  const json facets = GetJson(server, "/api/v1/search?q=gemeente");
  CHECK(facets["facets"]["application"] == json({{"recreatex", 2}, {"agility", 1}}));
  CHECK(facets["facet_names"]["application"]["recreatex"] == "Recreatex");
  CHECK(AnonymousJson(server, "/api/v1/search?q=gemeente")["facets"]["application"] ==
        json({{"recreatex", 1}, {"agility", 1}}));

  // The search page: the facet links to the filter and marks it active.
  const std::string all = Body(server, "/search?q=gemeente");
  CHECK(Contains(all, "<h2>Toepassingen</h2>"));
  CHECK(Contains(all, "href=\"/search?q=gemeente&amp;app=recreatex\""));
  const std::string filtered = Body(server, "/search?q=gemeente&app=recreatex");
  CHECK(Contains(filtered, "href=\"/search?q=gemeente\" aria-current=\"true\""));
  CHECK(Contains(filtered, "/p/zalen"));
  CHECK_FALSE(Contains(filtered, "/p/meldingen"));
}
TEST_CASE("an application or organisation in the register links to its register page") {
  TestServer server;
  for (auto [path, body] :
       {std::pair{"/api/v1/apps/recreatex", json{{"name", "Recreatex"}, {"supplier", "Syx"}}},
        std::pair{"/api/v1/orgs/stad-izegem",
                  json{{"name", "Stad Izegem"}, {"type", "gemeente"}}}}) {
    auto res = server.Client()->Put(path, body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  auto res = server.PutPage("zalen", {{"title", "Zalen"},
                                      {"organisation", "Stad Izegem"},
                                      {"applications", {"Recreatex", "Kassa"}}});
  REQUIRE(res);
  REQUIRE(res->status / 100 == 2);
  const std::string page = Body(server, "/p/zalen");
  CHECK(Contains(page, "<a href=\"/a/recreatex\""));
  CHECK(Contains(page, "<a href=\"/search?app=kassa\""));  // not in the register
  CHECK(Contains(page, "href=\"/o/stad-izegem\""));
}
