// The register over HTTP: organisations, applications and usage records through the JSON API
// and the forms, the application page, the comparison, the rules, the CSV and the history.
#include <doctest/doctest.h>

#include "TestServer.h"

namespace kring {
namespace {

using testing::Browser;
using testing::TestServer;

// An active account of `organisation`, signed in.
Browser MemberOf(TestServer& server, const std::string& name, Role role,
                 const std::string& organisation) {
  accounts::Registration registration{name, "", name + "@example.be", organisation,
                                      testing::kTestPassword};
  auto user = server.app().accounts().AddUser(registration, role, "test");
  REQUIRE_MESSAGE(user.ok(), (user.ok() ? "" : user.error().message));
  return server.SignIn(name);
}

httplib::Result Put(const TestServer& server, const std::string& path, const nlohmann::json& body) {
  return server.Client()->Put(path, body.dump(), "application/json");
}

void Seed(TestServer& server) {
  for (auto [slug, name] :
       {std::pair{"stad-izegem", "Stad Izegem"}, std::pair{"stad-roeselare", "Stad Roeselare"}}) {
    auto res = Put(server, std::string("/api/v1/orgs/") + slug,
                   {{"name", name}, {"type", "gemeente"}, {"region", "Midwest"}});
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
  }
  for (auto [slug, name, supplier] : {std::tuple{"recreatex", "Recreatex", "Syx"},
                                      std::tuple{"ticketgang", "TicketGang", "Zaalsoft"},
                                      std::tuple{"agility", "Agility", "Falck"}}) {
    const std::string domain = std::string(slug) == "agility" ? "meldingen" : "zaalreservatie";
    auto res = Put(server, std::string("/api/v1/apps/") + slug,
                   {{"name", name}, {"supplier", supplier}, {"domain", domain}});
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
  }
  auto a = Put(server, "/api/v1/apps/recreatex/usages/stad-izegem",
               {{"satisfaction", 4}, {"since", "2011"}, {"module", "kassa"}, {"note", "Goed"}});
  REQUIRE(a);
  REQUIRE_MESSAGE(a->status == 200, a->body);
  auto b =
      Put(server, "/api/v1/apps/recreatex/usages/stad-roeselare",
          {{"satisfaction", 2}, {"since", "2009-01-01"}, {"note", "Duur, \"maatwerk\", traag"}});
  REQUIRE(b);
  REQUIRE_MESSAGE(b->status == 200, b->body);
}

TEST_CASE("the application page lists its users and their average satisfaction") {
  TestServer server;
  Seed(server);
  const std::string page = testing::Body(server, "/a/recreatex?lang=nl");
  CHECK(testing::Contains(page, "Stad Izegem"));
  CHECK(testing::Contains(page, "Stad Roeselare"));
  CHECK(testing::Contains(page, "<strong>3,0</strong>"));
  CHECK(testing::Contains(testing::Body(server, "/a/recreatex?lang=en"), "<strong>3.0</strong>"));
  const nlohmann::json api = testing::GetJson(server, "/api/v1/apps/recreatex");
  CHECK(api["usages"].size() == 2);
  CHECK(api["average_satisfaction"].get<double>() == doctest::Approx(3.0));
  // The organisation page shows its landscape.
  CHECK(testing::Contains(testing::Body(server, "/o/stad-izegem"), "Recreatex"));
}

TEST_CASE("the comparison view lists the applications of one domain") {
  TestServer server;
  Seed(server);
  const std::string page = testing::Body(server, "/apps?domain=zaalreservatie");
  CHECK(testing::Contains(page, "Recreatex"));
  CHECK(testing::Contains(page, "TicketGang"));
  CHECK(testing::Contains(page, "Zaalsoft"));
  CHECK_FALSE(testing::Contains(page, "Falck"));
}

TEST_CASE("validation errors name the problem") {
  TestServer server;
  Seed(server);
  auto score = Put(server, "/api/v1/apps/recreatex/usages/stad-izegem", {{"satisfaction", 6}});
  REQUIRE(score);
  CHECK(score->status == 400);
  CHECK(testing::Contains(score->body, "1 to 5"));
  auto unknown =
      Put(server, "/api/v1/apps/recreatex/usages/gemeente-nergens", {{"satisfaction", 3}});
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(testing::Contains(unknown->body, "gemeente-nergens"));
  auto type = Put(server, "/api/v1/orgs/x", {{"name", "X"}, {"type", "bank"}});
  REQUIRE(type);
  CHECK(type->status == 400);
  CHECK(testing::Contains(type->body, "hulpverleningszone"));
  // A form shows itself again with the message and what was typed.
  const Browser admin = server.SignIn("tester");
  auto form = admin.PostForm(
      "/o/stad-izegem/usage",
      {{"application", "Recreatex"}, {"satisfaction", "6"}, {"note", "Mijn notitie"}});
  REQUIRE(form);
  CHECK(form->status == 400);
  CHECK(testing::Contains(form->body, "1 to 5"));
  CHECK(testing::Contains(form->body, "Mijn notitie"));
  auto app = admin.PostForm("/o/stad-izegem/usage", {{"application", "Onbekend Pakket"}});
  REQUIRE(app);
  CHECK(app->status == 400);
  CHECK(testing::Contains(app->body, "onbekend-pakket"));
}

TEST_CASE("editors change their own organisation only; admins all; anonymous nothing") {
  TestServer server;
  Seed(server);
  const Browser izegem = MemberOf(server, "els", Role::kEditor, "Stad Izegem");
  auto own =
      izegem.PostForm("/o/stad-izegem/edit",
                      {{"name", "Stad Izegem"}, {"type", "gemeente"}, {"region", "Midwest"}});
  REQUIRE(own);
  CHECK(own->status == 303);
  auto other =
      izegem.PostForm("/o/stad-roeselare/edit", {{"name", "Stad Roeselare"}, {"type", "OCMW"}});
  REQUIRE(other);
  CHECK(other->status == 403);
  auto usage =
      izegem.PostForm("/o/stad-izegem/usage",
                      {{"application", "agility"}, {"satisfaction", "5"}, {"since", "2014"}});
  REQUIRE(usage);
  CHECK(usage->status == 303);
  // Any editor may add an application through the form.
  auto created = izegem.PostForm("/apps/new", {{"name", "Intranet Plus"},
                                               {"supplier", "Acme"},
                                               {"domain", "intranet"},
                                               {"topics", "Intranet, HR"}});
  REQUIRE(created);
  CHECK(created->status == 303);
  CHECK(testing::Contains(testing::Body(server, "/a/intranet-plus"), "Acme"));
  // An organisation through the form, by its own editor.
  const Browser newcomer = MemberOf(server, "wim", Role::kEditor, "Gemeente Wielsbeke");
  auto org = newcomer.PostForm("/orgs/new", {{"name", "Gemeente Wielsbeke"}, {"type", "gemeente"}});
  REQUIRE(org);
  CHECK(org->status == 303);
  CHECK(testing::Contains(testing::Body(server, "/orgs"), "Gemeente Wielsbeke"));
  CHECK(testing::Contains(testing::Body(server, "/o/gemeente-wielsbeke"), "wim"));
  // The admin (API token) may change any organisation.
  auto admin = Put(server, "/api/v1/orgs/stad-roeselare",
                   {{"name", "Stad Roeselare"}, {"type", "gemeente"}, {"region", "Midwest"}});
  REQUIRE(admin);
  CHECK(admin->status == 200);
  auto anonymous = server.Anonymous()->Put("/api/v1/orgs/stad-izegem",
                                           R"({"name":"X","type":"gemeente"})", "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status / 100 == 4);
  CHECK(testing::GetJson(server, "/api/v1/orgs/stad-izegem")["name"] == "Stad Izegem");
}

TEST_CASE("the register exports as CSV that parses") {
  TestServer server;
  Seed(server);
  auto res = server.Anonymous()->Get("/apps.csv");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(testing::Contains(res->body, "organisation,type,region,application,supplier"));
  // RFC 4180: the note with commas and quotes is one quoted field.
  CHECK(testing::Contains(res->body, R"("Duur, ""maatwerk"", traag")"));
  CHECK(testing::Contains(
      res->body,
      "Stad Izegem,gemeente,Midwest,Recreatex,Syx,zaalreservatie,2011,kassa,4,,Goed\r\n"));
}

TEST_CASE("every change is kept with author and time") {
  TestServer server;
  Seed(server);
  const nlohmann::json org = testing::GetJson(server, "/api/v1/orgs/stad-izegem");
  REQUIRE(org["changes"].size() == 2);  // the organisation, then its usage
  CHECK(org["changes"][0]["kind"] == "usage");
  CHECK(org["changes"][0]["author"] == "Tess Tester");
  CHECK_FALSE(org["changes"][0]["at"].get<std::string>().empty());
  CHECK(testing::Contains(testing::Body(server, "/a/recreatex"), "Tess Tester"));
}

TEST_CASE("the history names the changed fields in the reader's language") {
  TestServer server;
  Seed(server);
  auto note = Put(server, "/api/v1/apps/recreatex/usages/stad-izegem",
                  {{"since", "2011"}, {"note", "Goed; snel"}});
  REQUIRE(note);
  REQUIRE_MESSAGE(note->status == 200, note->body);
  const std::string nl = testing::Body(server, "/a/recreatex?lang=nl");
  // A value may hold "; " itself.
  CHECK(testing::Contains(nl, "gebruik: Toepassing: Recreatex; Sinds: 2011; Ervaring: Goed; snel"));
  CHECK(testing::Contains(nl, "toepassing: Naam: Recreatex; Leverancier: Syx; Domein: "));
  CHECK_FALSE(testing::Contains(nl, "supplier: Syx"));
  const std::string en = testing::Body(server, "/a/recreatex?lang=en");
  CHECK(testing::Contains(en, "application: Name: Recreatex; Supplier: Syx; Domain: "));
  // The API keeps the stored summary, field names and all.
  const nlohmann::json api = testing::GetJson(server, "/api/v1/apps/recreatex");
  CHECK(api["changes"][0]["summary"] == "application: Recreatex; since: 2011; note: Goed; snel");
}

TEST_CASE("names with markup come back escaped") {
  TestServer server;
  auto res = Put(server, "/api/v1/apps/xss",
                 {{"name", "<script>alert(1)</script>"}, {"supplier", "<b>x</b>"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  for (const std::string path : {"/a/xss", "/apps"}) {
    const std::string page = testing::Body(server, path);
    CHECK_FALSE(testing::Contains(page, "<script>alert(1)"));
    CHECK(testing::Contains(page, "&lt;script&gt;"));
  }
}

TEST_CASE("a search names the organisations and applications it matches above the pages") {
  TestServer server;
  Seed(server);
  // The supplier finds its application, the region its organisations; each links its page.
  const std::string page = testing::Body(server, "/search?q=Syx&lang=nl");
  CHECK(testing::Contains(page, "In het register"));
  CHECK(testing::Contains(page, "<a href=\"/a/recreatex\">Recreatex</a>"));
  CHECK_FALSE(testing::Contains(page, "/a/agility"));
  CHECK(testing::Contains(testing::Body(server, "/search?q=Syx&lang=en"), "In the register"));
  const nlohmann::json api = testing::GetJson(server, "/api/v1/search?q=falck");
  REQUIRE(api["register"]["applications"].size() == 1);
  CHECK(api["register"]["applications"][0]["slug"] == "agility");
  CHECK(api["register"]["applications"][0]["url"] == "/a/agility");
  const nlohmann::json region = testing::GetJson(server, "/api/v1/search?q=Midwest");
  CHECK(region["register"]["organisations"].size() == 2);
  // Not on a filtered search or a later page, nor for words that name nothing.
  CHECK_FALSE(
      testing::Contains(testing::Body(server, "/search?q=Syx&kind=minutes"), "In het register"));
  CHECK(
      testing::GetJson(server, "/api/v1/search?q=Syx&page=2")["register"]["applications"].empty());
  CHECK_FALSE(
      testing::Contains(testing::Body(server, "/search?q=kennisbeheer"), "In het register"));
}

TEST_CASE("register entries are deleted after confirmation, by those allowed to") {
  TestServer server;
  Seed(server);
  // The edit forms offer deletion to admins; an editor sees it for their usage records only.
  CHECK(testing::Contains(testing::Body(server, "/o/stad-izegem/edit"), "/o/stad-izegem/delete"));
  CHECK(testing::Contains(testing::Body(server, "/a/agility/edit"), "/a/agility/delete"));
  const Browser izegem = MemberOf(server, "els", Role::kEditor, "Stad Izegem");
  auto form = izegem.Get("/o/stad-izegem/edit");
  REQUIRE(form);
  CHECK_FALSE(testing::Contains(form->body, "/o/stad-izegem/delete"));
  auto usage_form = izegem.Get("/o/stad-izegem/usage?app=recreatex");
  REQUIRE(usage_form);
  CHECK(testing::Contains(usage_form->body, "/o/stad-izegem/usage/delete"));

  // Without the confirmation box nothing is deleted.
  auto unconfirmed = izegem.PostForm("/o/stad-izegem/usage/delete", {{"application", "recreatex"}});
  REQUIRE(unconfirmed);
  CHECK(unconfirmed->status == 400);
  CHECK(testing::GetJson(server, "/api/v1/apps/recreatex")["usages"].size() == 2);
  // An editor may not delete their organisation, nor another's usage.
  auto org = izegem.PostForm("/o/stad-izegem/delete", {{"confirm", "yes"}});
  REQUIRE(org);
  CHECK(org->status == 403);
  auto other = izegem.PostForm("/o/stad-roeselare/usage/delete",
                               {{"application", "recreatex"}, {"confirm", "yes"}});
  REQUIRE(other);
  CHECK(other->status == 403);
  auto own = izegem.PostForm("/o/stad-izegem/usage/delete",
                             {{"application", "recreatex"}, {"confirm", "yes"}});
  REQUIRE(own);
  CHECK(own->status == 303);
  CHECK(own->get_header_value("Location") == "/o/stad-izegem");
  CHECK(testing::GetJson(server, "/api/v1/apps/recreatex")["usages"].size() == 1);
  // The history says who deleted it, in the reader's language.
  CHECK(testing::Contains(testing::Body(server, "/o/stad-izegem?lang=nl"), "verwijderd"));

  // The API: admins delete applications (with their usage) and organisations.
  auto app = server.Client()->Delete("/api/v1/apps/recreatex");
  REQUIRE(app);
  CHECK(app->status == 200);
  CHECK(server.Anonymous()->Get("/a/recreatex")->status == 404);
  CHECK(testing::GetJson(server, "/api/v1/orgs/stad-roeselare")["usages"].empty());
  auto gone = server.Client()->Delete("/api/v1/apps/recreatex");
  REQUIRE(gone);
  CHECK(gone->status == 404);
  auto by_form = server.PostForm("/o/stad-roeselare/delete", {{"confirm", "yes"}});
  REQUIRE(by_form);
  CHECK(by_form->status == 303);
  CHECK(server.Anonymous()->Get("/o/stad-roeselare")->status == 404);
  CHECK_FALSE(testing::Contains(testing::Body(server, "/orgs"), "Stad Roeselare"));
}

}  // namespace
}  // namespace kring
