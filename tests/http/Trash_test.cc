// The trash through HTTP: a deleted page leaves the views, topics and search, links to it turn
// red, and restoring it brings everything back.
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

const std::string kRedLink =
    "<a href=\"/new?title=Zaalreservatie%20met%20Recreatex\" class=\"wikilink new\">";
const std::string kBlueLink = "<a href=\"/p/recreatex\" class=\"wikilink\">";

void SaveSample(const TestServer& server) {
  REQUIRE(server
              .PutPage("recreatex", {{"title", "Zaalreservatie met Recreatex"},
                                     {"body", "Reserveren in de Sportoase."},
                                     {"topics", {"Zaalreservatie"}}})
              ->status == 201);
  REQUIRE(server
              .PutPage("recreatex", {{"title", "Zaalreservatie met Recreatex"},
                                     {"body", "Reserveren in de Sportoase, online."},
                                     {"topics", {"Zaalreservatie"}}})
              ->status == 200);
  REQUIRE(server
              .PutPage("overzicht",
                       {{"title", "Overzicht"}, {"body", "Zie [[Zaalreservatie met Recreatex]]."}})
              ->status == 201);
}

}  // namespace

TEST_CASE("delete moves a page to the trash; restore brings it back with its history") {
  TestServer server;
  SaveSample(server);
  using Slugs = std::vector<std::string>;
  CHECK(SearchSlugs(server, "sportoase") == Slugs{"recreatex"});
  CHECK(Contains(Body(server, "/p/overzicht"), kBlueLink));

  // The page's "more" actions lead to a confirmation that says what will happen.
  const std::string page = Body(server, "/p/recreatex");
  CHECK(Contains(page, "<details class=\"more\">"));
  CHECK(Contains(page, "href=\"/p/recreatex/delete\""));
  const std::string confirm = Body(server, "/p/recreatex/delete");
  CHECK(Contains(confirm, "<form action=\"/p/recreatex/delete\" method=\"post\""));
  CHECK(Contains(confirm, "linkt (hun links worden rood): 1"));

  auto deleted =
      server.Client()->Post("/p/recreatex/delete", "", "application/x-www-form-urlencoded");
  REQUIRE(deleted);
  CHECK(deleted->status == 303);
  CHECK(deleted->get_header_value("Location") == "/admin/trash?trashed=recreatex");

  auto gone = server.Get("/p/recreatex");
  REQUIRE(gone);
  CHECK(gone->status == 404);
  CHECK(Contains(gone->body, "prullenbak"));
  CHECK(Contains(gone->body, "href=\"/admin/trash\""));
  CHECK(server.Get("/api/v1/pages/recreatex")->status == 404);
  CHECK(server.Get("/p/recreatex/history")->status == 404);
  CHECK_FALSE(Contains(Body(server, "/t/zaalreservatie"), "/p/recreatex"));
  CHECK_FALSE(Contains(Body(server, "/topics"), "/t/zaalreservatie"));
  CHECK_FALSE(Contains(Body(server, "/"), "/p/recreatex"));
  CHECK_FALSE(Contains(Body(server, "/recent"), "/p/recreatex"));
  CHECK(Contains(Body(server, "/p/overzicht"), kRedLink));
  CHECK(SearchSlugs(server, "sportoase").empty());

  const std::string trash = Body(server, "/admin/trash?trashed=recreatex");
  CHECK(Contains(trash, "Naar de prullenbak verplaatst: <strong>Zaalreservatie met Recreatex"));
  CHECK(Contains(trash, "<form action=\"/admin/trash/recreatex/restore\" method=\"post\">"));
  const json listed = GetJson(server, "/api/v1/admin/trash");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["slug"] == "recreatex");
  CHECK(listed[0]["revision"] == 2);
  CHECK(listed[0]["deleted_by"] == "Tess Tester");

  auto restored = server.Client()->Post("/admin/trash/recreatex/restore", "",
                                        "application/x-www-form-urlencoded");
  REQUIRE(restored);
  CHECK(restored->status == 303);
  CHECK(restored->get_header_value("Location") == "/p/recreatex");

  const json back = GetJson(server, "/api/v1/pages/recreatex");
  CHECK(back["revision"] == 2);
  CHECK(back["body"] == "Reserveren in de Sportoase, online.");
  CHECK(Contains(Body(server, "/p/recreatex/history"), "href=\"/p/recreatex/rev/1\""));
  CHECK(Contains(Body(server, "/t/zaalreservatie"), "/p/recreatex"));
  CHECK(Contains(Body(server, "/p/overzicht"), kBlueLink));
  CHECK(SearchSlugs(server, "sportoase") == Slugs{"recreatex"});
  CHECK(GetJson(server, "/api/v1/admin/trash").empty());
  CHECK(Contains(Body(server, "/admin/trash"), "De prullenbak is leeg."));
}

TEST_CASE("DELETE /api/v1/pages/{slug}, and what the trash refuses") {
  TestServer server;
  SaveSample(server);
  auto deleted = server.Client()->Delete("/api/v1/pages/recreatex");
  REQUIRE(deleted);
  CHECK(deleted->status == 200);
  const json out = json::parse(deleted->body);
  CHECK(out["slug"] == "recreatex");
  CHECK(out["title"] == "Zaalreservatie met Recreatex");
  CHECK(out["deleted_by"] == "Tess Tester");
  CHECK(Contains(Body(server, "/p/overzicht"), kRedLink));

  struct Refusal {
    const char* name;
    std::function<httplib::Result()> request;
    int status;
    std::string says;
  };
  const std::vector<Refusal> refusals = {
      {"deleting twice", [&] { return server.Client()->Delete("/api/v1/pages/recreatex"); }, 404,
       "No page recreatex"},
      {"deleting nothing", [&] { return server.Client()->Delete("/api/v1/pages/nergens"); }, 404,
       "No page nergens"},
      {"the form on nothing",
       [&] {
         return server.Client()->Post("/p/nergens/delete", "", "application/x-www-form-urlencoded");
       },
       404, "No page nergens"},
      {"restoring a page not in the trash",
       [&] {
         return server.Client()->Post("/api/v1/admin/trash/overzicht/restore", "",
                                      "application/json");
       },
       404, "not in the trash"},
      {"saving over a page in the trash",
       [&] {
         return server.PutPage("recreatex",
                               {{"title", "Zaalreservatie met Recreatex"}, {"body", "Nieuw."}});
       },
       409, "is in the trash"},
      {"a new page with its title",
       [&] {
         return server.Client()->Post("/new",
                                      httplib::Params{{"title", "Recreatex"}, {"body", "x"}});
       },
       409, "is in the trash"},
      {"editing it", [&] { return server.Get("/p/recreatex/edit"); }, 404, "No page recreatex"},
  };
  for (const Refusal& refusal : refusals) {
    INFO(refusal.name);
    auto res = refusal.request();
    REQUIRE(res);
    CHECK(res->status == refusal.status);
    CHECK(Contains(res->body, refusal.says));
  }
  // Nothing was lost on the way.
  auto restored =
      server.Client()->Post("/api/v1/admin/trash/recreatex/restore", "", "application/json");
  REQUIRE(restored);
  CHECK(restored->status == 200);
  CHECK(json::parse(restored->body) == json{{"slug", "recreatex"}, {"revision", 2}});
  CHECK(GetJson(server, "/api/v1/pages/recreatex")["body"] ==
        "Reserveren in de Sportoase, online.");
}
