// Pages through HTTP: the JSON API, the HTML views and forms, against the real server.
#include <doctest/doctest.h>

#include "TestServer.h"

using kring::testing::Contains;
using kring::testing::FormEncode;
using kring::testing::TestServer;
using nlohmann::json;

TEST_CASE("PUT creates a page (201), then updates it (200), and GET answers it") {
  TestServer server;
  auto created = server.PutPage("crm", {{"title", "CRM"},
                                        {"body", "Klantrelatiebeheer in **Roeselare**."},
                                        {"kind", "page"},
                                        {"topics", {"CRM", "Klantcontact"}}});
  REQUIRE(created);
  CHECK(created->status == 201);
  CHECK(json::parse(created->body) == json{{"slug", "crm"}, {"revision", 1}});

  auto updated =
      server.PutPage("crm", {{"title", "CRM"}, {"body", "Nieuwe tekst"}, {"base_revision", 1}});
  REQUIRE(updated);
  CHECK(updated->status == 200);
  CHECK(json::parse(updated->body)["revision"] == 2);

  auto got = server.Get("/api/v1/pages/crm");
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(got->get_header_value("Content-Type") == "application/json; charset=utf-8");
  auto page = json::parse(got->body);
  CHECK(page["title"] == "CRM");
  CHECK(page["body"] == "Nieuwe tekst");
  CHECK(page["revision"] == 2);
  CHECK(page["html"] == "<p>Nieuwe tekst</p>\n");
  CHECK(page["kind"] == "page");
  CHECK(page.contains("updated_at"));
}

TEST_CASE("a page with a table, a wiki link and a red link renders correctly") {
  TestServer server;
  REQUIRE(server.PutPage("recreatex", {{"title", "Zaalreservatie met Recreatex"}, {"body", "x"}})
              ->status == 201);
  const std::string body =
      "| Gemeente | Toepassing |\n|---|---|\n| Roeselare | Recreatex |\n\n"
      "Zie [[Zaalreservatie met Recreatex]] en [[Informatieveiligheid|veiligheid]].";
  REQUIRE(server.PutPage("overzicht", {{"title", "Overzicht"}, {"body", body}})->status == 201);

  auto res = server.Get("/p/overzicht");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(Contains(res->body, "<table>"));
  CHECK(Contains(res->body, "<td>Recreatex</td>"));
  CHECK(Contains(res->body, "href=\"/p/recreatex\""));
  CHECK(Contains(res->body, "/new?title=Informatieveiligheid"));
  CHECK(Contains(res->body, "wikilink new"));
  CHECK(Contains(res->body, ">veiligheid</a>"));

  SUBCASE("the linked page lists where it is linked from") {
    auto target = server.Get("/p/recreatex");
    REQUIRE(target);
    CHECK(Contains(target->body, "href=\"/p/overzicht\""));
  }
  SUBCASE("creating the missing page turns the red link into a link") {
    REQUIRE(
        server
            .PutPage("informatieveiligheid", {{"title", "Informatieveiligheid"}, {"body", "GDPR"}})
            ->status == 201);
    auto again = server.Get("/p/overzicht");
    CHECK(Contains(again->body, "href=\"/p/informatieveiligheid\""));
    CHECK_FALSE(Contains(again->body, "wikilink new"));
  }
}

TEST_CASE("a stale edit answers 409 and loses nothing") {
  TestServer server;
  REQUIRE(server.PutPage("intranet", {{"title", "Intranet"}, {"body", "versie 1"}})->status == 201);
  REQUIRE(server
              .PutPage("intranet",
                       {{"title", "Intranet"}, {"body", "versie 2 van An"}, {"base_revision", 1}})
              ->status == 200);

  SUBCASE("through the API") {
    auto stale = server.PutPage(
        "intranet", {{"title", "Intranet"}, {"body", "versie 2 van Bart"}, {"base_revision", 1}});
    REQUIRE(stale);
    CHECK(stale->status == 409);
    auto answer = json::parse(stale->body);
    CHECK(answer["current_revision"] == 2);
    CHECK(answer["current_body"] == "versie 2 van An");
  }
  SUBCASE("through the edit form: both texts are shown") {
    auto stale = server.Client()->Post("/p/intranet/edit",
                                       FormEncode({{"title", "Intranet"},
                                                   {"body", "versie 2 van Bart"},
                                                   {"base_revision", "1"},
                                                   {"kind", "page"}}),
                                       "application/x-www-form-urlencoded");
    REQUIRE(stale);
    CHECK(stale->status == 409);
    CHECK(Contains(stale->body, "versie 2 van Bart"));  // the member's own text, in the form
    CHECK(Contains(stale->body, "versie 2 van An"));    // the newer text beside it
    CHECK(Contains(stale->body, "name=\"base_revision\" value=\"2\""));
  }
  auto current = json::parse(server.Get("/api/v1/pages/intranet")->body);
  CHECK(current["body"] == "versie 2 van An");
  CHECK(current["revision"] == 2);
}

TEST_CASE("the edit form saves a new revision and redirects to the page") {
  TestServer server;
  auto created = server.Client()->Post("/new",
                                       FormEncode({{"title", "Mid-office"},
                                                   {"body", "Versnippering van de *mid-office*."},
                                                   {"kind", "best-practice"},
                                                   {"topics", "mid-office, Integratie"},
                                                   {"date", "2013-06-13"}}),
                                       "application/x-www-form-urlencoded");
  REQUIRE(created);
  CHECK(created->status == 303);
  CHECK(created->get_header_value("Location") == "/p/mid-office");

  auto form = server.Get("/p/mid-office/edit");
  REQUIRE(form);
  CHECK(form->status == 200);
  CHECK(Contains(form->body, "name=\"base_revision\" value=\"1\""));
  CHECK(Contains(form->body, "mid-office, Integratie"));

  auto saved = server.Client()->Post("/p/mid-office/edit",
                                     FormEncode({{"title", "Mid-office"},
                                                 {"body", "Tweede versie"},
                                                 {"base_revision", "1"},
                                                 {"kind", "best-practice"},
                                                 {"comment", "ingekort"}}),
                                     "application/x-www-form-urlencoded");
  REQUIRE(saved);
  CHECK(saved->status == 303);
  auto history = server.Get("/p/mid-office/history");
  CHECK(Contains(history->body, "ingekort"));
  auto old = server.Get("/p/mid-office/rev/1");
  REQUIRE(old);
  CHECK(old->status == 200);
  CHECK(Contains(old->body, "Versnippering"));

  SUBCASE("creating a page whose title exists answers 409 and keeps the text") {
    auto duplicate = server.Client()->Post(
        "/new", FormEncode({{"title", "Mid-office"}, {"body", "Mijn eigen tekst"}}),
        "application/x-www-form-urlencoded");
    REQUIRE(duplicate);
    CHECK(duplicate->status == 409);
    CHECK(Contains(duplicate->body, "Mijn eigen tekst"));
    CHECK(json::parse(server.Get("/api/v1/pages/mid-office")->body)["body"] == "Tweede versie");
  }
}

TEST_CASE("<script> in Markdown or a title never reaches the page unescaped") {
  TestServer server;
  const std::string evil = "<script>alert(1)</script>";
  REQUIRE(server
              .PutPage("evil", {{"title", "Kwaad " + evil},
                                {"body", evil + "\n\n[x](javascript:alert(2)) [[" + evil + "]]"},
                                {"topics", {evil}}})
              ->status == 201);
  for (const std::string path : {"/p/evil", "/p/evil/edit", "/", "/topics", "/p/evil/history"}) {
    CAPTURE(path);
    auto res = server.Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_FALSE(Contains(res->body, "<script>alert"));
    // The edit form shows the source as text (escaped in the textarea); nowhere else may a
    // javascript: URL appear, least of all in an href.
    if (path != "/p/evil/edit") CHECK_FALSE(Contains(res->body, "javascript:alert"));
  }
  CHECK(Contains(server.Get("/p/evil/edit")->body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  server.WaitForIndex();
  auto search = server.Get("/search?q=kwaad");
  CHECK(Contains(search->body, "&lt;script&gt;"));
  CHECK_FALSE(Contains(search->body, "<script>alert"));
}

TEST_CASE("bad input gets a clear error") {
  TestServer server;
  struct Case {
    const char* name;
    std::string slug;
    std::string body;
    int status;
  };
  const Case cases[] = {
      {"not JSON", "a", "{title:", 400},
      {"a title that is not a string", "a", R"({"title": 5, "body": ""})", 400},
      {"no title", "a", R"({"body": "x"})", 400},
      {"an unknown kind", "a", R"({"title": "A", "kind": "slides"})", 400},
      {"invalid UTF-8", "a", "{\"title\": \"\xff\xfe\"}", 400},
      {"an invalid slug", "Hoofdletters", R"({"title": "A"})", 400},
      {"a page over the size cap", "a",
       json{{"title", "A"}, {"body", std::string(300 * 1024, 'x')}}.dump(), 413},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto res = server.Client()->Put("/api/v1/pages/" + c.slug, c.body, "application/json");
    REQUIRE(res);
    CHECK(res->status == c.status);
    auto answer = json::parse(res->body, nullptr, false);
    REQUIRE(answer.is_object());
    CHECK(answer["error"].get<std::string>().size() > 5);
  }
  CHECK(server.Get("/api/v1/pages/a")->status == 404);
}

TEST_CASE("unknown paths, wrong methods and undecodable URLs") {
  TestServer server;
  auto missing = server.Get("/p/bestaat-niet");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(Contains(missing->body, "/new?title=bestaat-niet"));
  CHECK(server.Get("/nergens")->status == 404);
  auto wrong = server.Client()->Delete("/search");
  REQUIRE(wrong);
  CHECK(wrong->status == 405);
  CHECK(wrong->get_header_value("Allow") == "GET");
  auto bad = server.Get("/p/%ff%fe");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(Contains(bad->body, "Ongeldige aanvraag"));
  CHECK(server.Get("/api/v1/search?q=%ff")->get_header_value("Content-Type") ==
        "application/json; charset=utf-8");
  auto head = server.Client()->Head("/");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
}

TEST_CASE("every response carries a Content-Type and the security headers") {
  TestServer server;
  for (const std::string path :
       {"/", "/search?q=x", "/static/style.css", "/static/kring.js", "/healthz", "/nergens",
        "/p/nergens", "/api/v1/search?q=x", "/api/v1/pages/nergens", "/p/%ff"}) {
    CAPTURE(path);
    auto res = server.Get(path);
    REQUIRE(res);
    CHECK_FALSE(res->get_header_value("Content-Type").empty());
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    const std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK(Contains(csp, "script-src 'self'"));
    CHECK(Contains(csp, "frame-ancestors 'none'"));
    CHECK_FALSE(res->get_header_value("Referrer-Policy").empty());
  }
  CHECK(server.Get("/static/style.css")->get_header_value("Content-Type") ==
        "text/css; charset=utf-8");
}

TEST_CASE("/favicon.ico answers with the site's icon, for browsers that ask on their own") {
  TestServer server;
  auto icon = server.Get("/favicon.ico");
  REQUIRE(icon);
  CHECK(icon->status == 200);
  CHECK(icon->get_header_value("Content-Type") == "image/svg+xml");
  CHECK(icon->body == server.Get("/static/favicon.svg")->body);
  CHECK(Contains(icon->body, "<svg"));
}

TEST_CASE("the UI speaks Dutch by default and English when asked") {
  TestServer server;
  CHECK(Contains(server.Get("/")->body, "Recent gewijzigd"));
  CHECK(Contains(server.Get("/", {{"Accept-Language", "en-GB,en;q=0.9"}})->body, "Recent changes"));
  auto switched = server.Get("/?lang=en");
  CHECK(Contains(switched->body, "lang=\"en\""));
  CHECK(Contains(switched->get_header_value("Set-Cookie"), "lang=en;"));
  // The choice is remembered over the browser's language.
  CHECK(Contains(server.Get("/", {{"Cookie", "lang=en"}, {"Accept-Language", "nl"}})->body,
                 "Recent changes"));
}

TEST_CASE("topics list their pages") {
  TestServer server;
  REQUIRE(server
              .PutPage("agility", {{"title", "Meldingen met Agility"},
                                   {"body", "Falck"},
                                   {"topics", {"Meldingen", "Hulpverlening"}}})
              ->status == 201);
  auto topics = server.Get("/topics");
  CHECK(Contains(topics->body, "href=\"/t/meldingen\""));
  auto topic = server.Get("/t/meldingen");
  REQUIRE(topic);
  CHECK(topic->status == 200);
  CHECK(Contains(topic->body, "Meldingen met Agility"));
  CHECK(server.Get("/t/bestaat-niet")->status == 404);
}

TEST_CASE("a request over the size limit answers 413 and the server goes on serving") {
  TestServer server;
  // The JSON body is far above the server's request limit (3 x the page cap + 64 KiB).
  const std::string huge = json{{"title", "Groot"}, {"body", std::string(2 << 20, 'x')}}.dump();
  auto res = server.Client()->Put("/api/v1/pages/groot", huge, "application/json");
  if (res) CHECK(res->status == 413);  // or the connection is closed before the answer
  CHECK(server.Get("/api/v1/pages/groot")->status == 404);
  for (int i = 0; i < 10; ++i) {
    auto ok = server.Get("/healthz");
    REQUIRE(ok);
    CHECK(ok->status == 200);
  }
}
