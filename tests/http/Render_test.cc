// POST /api/v1/render: the editor's preview renders Markdown as a save would, for editors only,
// without storing anything.
#include <doctest/doctest.h>

#include <string>

#include "TestServer.h"

using kring::Role;
using kring::testing::Contains;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

// POSTs {"body": markdown} with the server's admin token and answers the response.
httplib::Result RenderJson(const TestServer& server, const std::string& markdown) {
  return server.Client()->Post("/api/v1/render", json{{"body", markdown}}.dump(),
                               "application/json");
}

// The "html" of a 200 answer; fails the test otherwise.
std::string RenderedHtml(const httplib::Result& res) {
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  CHECK(res->get_header_value("Content-Type").starts_with("application/json"));
  return json::parse(res->body).at("html").get<std::string>();
}

}  // namespace

TEST_CASE("the preview renders a table and wiki links to existing and missing pages") {
  TestServer server;
  server.SavePage("netwerkbeheer", {{"title", "Netwerkbeheer"}, {"body", "Over switches."}});
  const std::string markdown =
      "# Overzicht\n\n| Gemeente | Switches |\n|---|---|\n| Testdorp | 12 |\n\n"
      "Zie [[Netwerkbeheer]] en [[Nog te schrijven]].";
  const std::string html = RenderedHtml(RenderJson(server, markdown));
  CHECK(Contains(html, "<table>"));
  CHECK(Contains(html, "<td>Testdorp</td>"));
  CHECK(Contains(html, "<a href=\"/p/netwerkbeheer\" class=\"wikilink\">Netwerkbeheer</a>"));
  CHECK(Contains(html, "href=\"/new?title=Nog%20te%20schrijven\" class=\"wikilink new\""));

  // Exactly as the saved page: the same Markdown saved renders the same HTML.
  server.SavePage("overzicht", {{"title", "Overzicht"}, {"body", markdown}});
  auto saved = server.Get("/api/v1/pages/overzicht");
  REQUIRE(saved);
  CHECK(json::parse(saved->body)["html"] == html);

  // Markdown as the whole body works the same; nothing was stored by previewing.
  auto plain = server.Client()->Post("/api/v1/render", "*schuin*", "text/markdown");
  CHECK(Contains(RenderedHtml(plain), "<em>schuin</em>"));
  CHECK(server.Get("/api/v1/pages/nog-te-schrijven")->status == 404);
}

TEST_CASE("the preview is for editors: anonymous 401, a session without CSRF 403") {
  TestServer server;
  auto anonymous =
      server.Anonymous()->Post("/api/v1/render", json{{"body", "x"}}.dump(), "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(json::parse(anonymous->body).contains("error"));

  server.AddUser("redacteur", Role::kEditor);
  const auto editor = server.SignIn("redacteur");
  auto without =
      editor.Client()->Post("/api/v1/render", json{{"body", "x"}}.dump(), "application/json");
  REQUIRE(without);
  CHECK(without->status == 403);

  auto client = editor.Client();
  client->set_default_headers({{"Cookie", editor.cookie()}, {"X-CSRF-Token", editor.csrf()}});
  auto with = client->Post("/api/v1/render", json{{"body", "**vet**"}}.dump(), "application/json");
  CHECK(Contains(RenderedHtml(with), "<strong>vet</strong>"));

  // A member may read but not edit.
  server.AddUser("lid", Role::kMember);
  const auto member = server.SignIn("lid");
  auto member_client = member.Client();
  member_client->set_default_headers(
      {{"Cookie", member.cookie()}, {"X-CSRF-Token", member.csrf()}});
  auto refused =
      member_client->Post("/api/v1/render", json{{"body", "x"}}.dump(), "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 403);
}

TEST_CASE("the preview refuses text over the page limit, invalid UTF-8 and other shapes") {
  TestServer server;
  auto too_large = RenderJson(server, std::string(300 * 1024, 'a'));
  REQUIRE(too_large);
  CHECK(too_large->status == 413);
  CHECK(json::parse(too_large->body).contains("error"));

  auto plain_invalid = server.Client()->Post("/api/v1/render", "caf\xE9", "text/markdown");
  REQUIRE(plain_invalid);
  CHECK(plain_invalid->status == 400);
  auto json_invalid =
      server.Client()->Post("/api/v1/render", "{\"body\": \"caf\xE9\"}", "application/json");
  REQUIRE(json_invalid);
  CHECK(json_invalid->status == 400);

  for (const std::string& body : {std::string("[]"), std::string("{}"),
                                  std::string("{\"body\": 3}"), std::string("niet json")}) {
    CAPTURE(body);
    auto res = server.Client()->Post("/api/v1/render", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body).contains("error"));
  }
}
