// Members-only pages over HTTP, seen by an anonymous reader and by members: for readers who
// have not logged in, their unique word appears in no search, suggestion, facet, feed, list,
// sitemap or calendar; the page and its history answer 403 without title or text, the JSON API and
// the files 404. Setting, changing and refusing the visibility through the API, the form and the
// demo content.
#include <doctest/doctest.h>

#include <string>

#include "TestServer.h"
#include "core/Text.h"

namespace {

using kring::ToLower;
using kring::testing::AnonymousBody;
using kring::testing::AnonymousJson;
using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::TestServer;
using nlohmann::json;

// The unique word of the members-only page, its title and its file.
constexpr const char* kSecret = "kwartelkorting";

// Whether a response body shows the secret word in any case ("Kwartelkorting" in a title).
bool ShowsSecret(const std::string& body) { return Contains(ToLower(body), kSecret); }

// A public page on hall rental, and members-only minutes about the supplier's contract terms
// that link to it, filed under a topic of their own too, with a file attached.
struct Circle {
  Circle() {
    server.SavePage("zaalverhuur", {{"title", "Zaalverhuur met Recreatex"},
                                    {"body", "De leverancier Recreatex verhuurt de zalen."},
                                    {"topics", {"Zalen"}}});
    server.SavePage("contract", {{"title", "Kwartelkorting Recreatex"},
                                 {"body",
                                  "De leverancier Recreatex geeft een kwartelkorting. Zie "
                                  "[[Zaalverhuur met Recreatex]] en [[Kwartelonderhandeling]]."},
                                 {"kind", "minutes"},
                                 {"date", "2013-05-02"},
                                 {"topics", {"Zalen", "Kwartelcontracten"}},
                                 {"visibility", "members"}});
    auto uploaded = server.Client()->Post("/api/v1/pages/contract/files?name=kwartel-bijlage.md",
                                          "# Bijlage\n\nDe kwartelkorting geldt drie jaar.",
                                          "application/octet-stream");
    REQUIRE(uploaded);
    REQUIRE_MESSAGE(uploaded->status == 201, uploaded->body);
    const json file = json::parse(uploaded->body);
    file_id = std::to_string(file["id"].get<int64_t>());
    file_url = file["url"].get<std::string>();
    server.WaitForIndex();
  }

  int Status(const std::string& path) const {
    auto res = server.Anonymous()->Get(path);
    REQUIRE(res);
    return res->status;
  }

  TestServer server;
  std::string file_id;
  std::string file_url;
};

TEST_CASE("an anonymous reader finds no trace of a members-only page in searches and lists") {
  Circle c;
  const json secret = AnonymousJson(c.server, std::string("/api/v1/search?q=") + kSecret);
  CHECK(secret["total"] == 0);
  CHECK(secret["hits"].empty());
  // A word on both pages: one hit, and neither facets nor snippets from the hidden page.
  const json shared = AnonymousJson(c.server, "/api/v1/search?q=leverancier");
  CHECK(shared["total"] == 1);
  REQUIRE(shared["hits"].size() == 1);
  CHECK(shared["hits"][0]["slug"] == "zaalverhuur");
  CHECK_FALSE(ShowsSecret(shared.dump()));
  CHECK_FALSE(Contains(shared["facets"]["kind"].dump(), "minutes"));
  CHECK_FALSE(
      ShowsSecret(AnonymousJson(c.server, "/api/v1/search?topic=kwartelcontracten").dump()));
  CHECK(AnonymousJson(c.server, "/api/v1/search?type=md")["total"] == 0);
  // No "did you mean" leading to it.
  CHECK_FALSE(ShowsSecret(AnonymousJson(c.server, "/api/v1/search?q=kwartelkortin").dump()));
  CHECK(AnonymousJson(c.server, "/api/v1/suggest?q=kwartel").empty());

  const std::string page = AnonymousBody(c.server, "/search?q=leverancier");
  CHECK(Contains(page, "/p/zaalverhuur"));
  CHECK_FALSE(ShowsSecret(page));
  CHECK_FALSE(
      Contains(AnonymousBody(c.server, std::string("/search?q=") + kSecret), "/p/contract"));

  for (const char* path :
       {"/", "/recent", "/feed.atom", "/t/zalen/feed.atom", "/topics", "/t/zalen", "/wanted",
        "/meetings", "/meetings.ics", "/sitemap.xml", "/p/zaalverhuur"}) {
    CAPTURE(path);
    const std::string body = AnonymousBody(c.server, path);
    CHECK_FALSE(ShowsSecret(body));
    CHECK_FALSE(Contains(body, "/p/contract"));
  }
  CHECK(Contains(AnonymousBody(c.server, "/sitemap.xml"), "/p/zaalverhuur</loc>"));
}

TEST_CASE("a members-only page, its history and its files are closed to an anonymous reader") {
  Circle c;
  auto page = c.server.Anonymous()->Get("/p/contract");
  REQUIRE(page);
  CHECK(page->status == 403);
  CHECK(Contains(page->body, "Deze pagina is alleen zichtbaar voor leden. Log in om ze te lezen."));
  CHECK(Contains(page->body, "href=\"/login?next=%2Fp%2Fcontract\""));
  CHECK_FALSE(ShowsSecret(page->body));

  for (const char* path :
       {"/p/contract/history", "/p/contract/diff?from=1&to=1", "/p/contract/rev/1"}) {
    CAPTURE(path);
    auto res = c.server.Anonymous()->Get(path);
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK_FALSE(ShowsSecret(res->body));
  }
  // Editing needs a login first.
  CHECK(c.server.Anonymous()->Get("/p/contract/edit")->status == 303);
  // The API and the files do not even say that they exist.
  for (const std::string& path :
       {std::string("/api/v1/pages/contract"), std::string("/api/v1/pages/contract/revisions"),
        "/f/" + c.file_id, c.file_url, "/api/v1/files/" + c.file_id}) {
    CAPTURE(path);
    auto res = c.server.Anonymous()->Get(path);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK_FALSE(ShowsSecret(res->body));
  }
  // Worded as for a page that does not exist.
  CHECK(json::parse(c.server.Anonymous()->Get("/api/v1/pages/contract")->body)["error"] ==
        "No page contract.");
  CHECK(json::parse(c.server.Anonymous()->Get("/api/v1/pages/bestaat-niet")->body)["error"] ==
        "No page bestaat-niet.");
}

TEST_CASE("the JSON API sets, keeps and checks a page's visibility") {
  Circle c;
  CHECK(GetJson(c.server, "/api/v1/pages/zaalverhuur")["visibility"] == "public");

  // A save without the field keeps the page's visibility.
  c.server.SavePage("contract", {{"title", "Kwartelkorting Recreatex"}, {"body", "Bijgewerkt."}});
  CHECK(c.Status("/p/contract") == 403);

  auto bad = c.server.PutPage("zaalverhuur", {{"title", "Zaalverhuur"}, {"visibility", "leden"}});
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(Contains(json::parse(bad->body)["error"], "visibility must be \"public\""));
  auto wrong_type = c.server.PutPage("zaalverhuur", {{"title", "Zaalverhuur"}, {"visibility", 1}});
  REQUIRE(wrong_type);
  CHECK(wrong_type->status == 400);
  CHECK(GetJson(c.server, "/api/v1/pages/zaalverhuur")["revision"] == 1);  // nothing saved

  // Made public: the page, its history, its file and its word are everyone's again.
  c.server.SavePage("contract", {{"title", "Kwartelkorting Recreatex"},
                                 {"body", "De kwartelkorting is nu openbaar."},
                                 {"visibility", "public"}});
  c.server.WaitForIndex();
  CHECK(c.Status("/p/contract") == 200);
  CHECK(c.Status("/p/contract/history") == 200);
  CHECK(c.Status(c.file_url) == 200);
  CHECK(GetJson(c.server, std::string("/api/v1/search?q=") + kSecret)["total"] == 2);
  CHECK(Contains(Body(c.server, "/sitemap.xml"), "/p/contract</loc>"));
  // Its earlier revisions were for members: they stay theirs.
  CHECK(c.Status("/p/contract/rev/1") == 403);
  CHECK(c.Status("/p/contract/diff?from=2&to=3") == 403);
  CHECK(c.Status("/p/contract/rev/3") == 200);
}

TEST_CASE("a member finds the members-only page wherever an anonymous reader does not") {
  Circle c;
  c.server.AddUser("lid", kring::Role::kMember);
  const kring::testing::Browser member = c.server.SignIn("lid");
  auto body = [&](const std::string& path) {
    auto res = member.Get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 200, path);
    return res->body;
  };
  CHECK(ShowsSecret(body("/p/contract")));
  CHECK(ShowsSecret(body("/p/contract/history")));
  const json found = json::parse(body(std::string("/api/v1/search?q=") + kSecret));
  CHECK(found["total"] == 2);  // the page and its file
  CHECK(ShowsSecret(found["hits"].dump()));
  CHECK(json::parse(body("/api/v1/search?topic=kwartelcontracten"))["total"] >= 1);
  CHECK(ShowsSecret(body("/api/v1/suggest?q=kwartel")));
  CHECK(ShowsSecret(body("/search?q=leverancier")));
  CHECK(ShowsSecret(body("/feed.atom")));
  CHECK(ShowsSecret(body("/recent")));
  CHECK(ShowsSecret(body("/meetings")));
  CHECK(ShowsSecret(body("/p/zaalverhuur")));  // the backlink
  CHECK(Contains(body(c.file_url), "drie jaar"));
  // The sitemap is for search engines: public pages only, whoever asks.
  CHECK_FALSE(ShowsSecret(body("/sitemap.xml")));
}

TEST_CASE("a renamed members-only page's old address does not tell anonymous readers its new one") {
  Circle c;
  auto renamed =
      c.server.PostForm("/p/contract/rename", {{"title", "Kwartelkorting Recreatex 2014"},
                                               {"slug", "contract-2014"},
                                               {"base_revision", "1"}});
  REQUIRE(renamed);
  REQUIRE_MESSAGE(renamed->status == 303, renamed->body);
  for (const std::string& path :
       {std::string("/p/contract"), std::string("/api/v1/pages/contract")}) {
    CAPTURE(path);
    auto anonymous = c.server.Anonymous()->Get(path);
    REQUIRE(anonymous);
    CHECK((anonymous->status == 403 || anonymous->status == 404));
    CHECK_FALSE(anonymous->has_header("Location"));
    CHECK_FALSE(Contains(anonymous->body, "contract-2014"));
    auto admin = c.server.Get(path);
    REQUIRE(admin);
    CHECK(admin->status == 301);
  }
}

TEST_CASE("the edit form offers the visibility and saves it") {
  TestServer server;
  const std::string form = Body(server, "/new");
  CHECK(Contains(form, "<label for=\"visibility\">Zichtbaar voor</label>"));
  CHECK(Contains(form, "<option value=\"public\" selected>iedereen</option>"));
  CHECK(Contains(form, "<option value=\"members\">alleen leden</option>"));
  CHECK(Contains(Body(server, "/new?lang=en"), "<option value=\"members\">members only</option>"));

  auto made = server.PostForm("/new", {{"title", "Incidentverslag"},
                                       {"body", "Wat er misliep."},
                                       {"kind", "page"},
                                       {"visibility", "members"}});
  REQUIRE(made);
  CHECK(made->status == 303);
  CHECK(server.Anonymous()->Get("/p/incidentverslag")->status == 403);

  auto refused = server.PostForm("/new", {{"title", "Ander verslag"}, {"visibility", "geheim"}});
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(server.Anonymous()->Get("/p/ander-verslag")->status == 404);
}

TEST_CASE("the demo's contract terms are for members only") {
  TestServer server(true);
  server.WaitForIndex();
  CHECK(server.Anonymous()->Get("/p/contractvoorwaarden-recreatex-vertrouwelijk")->status == 403);
  CHECK_FALSE(Contains(AnonymousBody(server, "/sitemap.xml"), "contractvoorwaarden"));
  CHECK(Contains(AnonymousBody(server, "/sitemap.xml"), "/p/zaalreservatie-met-recreatex</loc>"));
  CHECK(AnonymousJson(server, "/api/v1/search?q=opzeg")["total"] == 0);
}

}  // namespace
