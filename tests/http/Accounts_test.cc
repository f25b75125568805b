// Accounts through HTTP: registration and approval, login and logout, roles, CSRF tokens on
// every state-changing route, throttling, API tokens and the audit log.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "TestServer.h"
#include "http/Site.h"

using kring::Role;
using kring::testing::Browser;
using kring::testing::Contains;
using kring::testing::FormEncode;
using kring::testing::SetCookieValue;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

// Fills a route pattern's placeholders with values that name something plausible.
std::string Concrete(std::string pattern) {
  for (const auto& [placeholder, value] :
       std::vector<std::pair<std::string, std::string>>{{"{slug}", "kennisbeheer"},
                                                        {"{id}", "1"},
                                                        {"{n}", "1"},
                                                        {"{name}", "x.pdf"},
                                                        {"{topic}", "crm"}}) {
    for (size_t at; (at = pattern.find(placeholder)) != std::string::npos;) {
      pattern.replace(at, placeholder.size(), value);
    }
  }
  return pattern;
}

httplib::Result Send(httplib::Client& client, const std::string& method, const std::string& path,
                     const std::string& body) {
  const char* type = "application/x-www-form-urlencoded";
  if (method == "POST") return client.Post(path, body, type);
  if (method == "PUT") return client.Put(path, body, type);
  if (method == "DELETE") return client.Delete(path, body, type);
  throw std::runtime_error("unexpected method " + method);
}

int64_t RegisterVia(const TestServer& server, const std::string& name) {
  auto form = server.Anonymous()->Get("/register");
  REQUIRE(form);
  const std::string pre = SetCookieValue(form, "kring_csrf");
  REQUIRE_FALSE(pre.empty());
  auto client = server.Anonymous();
  client->set_default_headers({{"Cookie", "kring_csrf=" + pre}});
  auto res = client->Post("/register",
                          FormEncode({{"name", name},
                                      {"display_name", "Nieuw Lid"},
                                      {"email", name + "@izegem.be"},
                                      {"organisation", "Stad Izegem"},
                                      {"password", kring::testing::kTestPassword},
                                      {"password2", kring::testing::kTestPassword},
                                      {"csrf", pre}}),
                          "application/x-www-form-urlencoded");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  CHECK(Contains(res->body, "Een beheerder keurt"));
  auto user = const_cast<TestServer&>(server).app().accounts().UserByName(name);
  REQUIRE(user.ok());
  CHECK(user->status == kring::AccountStatus::kPending);
  return user->id;
}

}  // namespace

TEST_CASE("a registration waits for approval: it cannot log in until an admin approves it") {
  TestServer server;
  const int64_t id = RegisterVia(server, "nieuwlid");
  CHECK_THROWS(server.SignIn("nieuwlid"));

  server.AddUser("beheerder", Role::kAdmin);
  Browser admin = server.SignIn("beheerder");
  auto list = admin.Get("/admin/users");
  REQUIRE(list);
  CHECK(list->status == 200);
  CHECK(Contains(list->body, "nieuwlid"));
  CHECK(Contains(list->body, "/admin/users/" + std::to_string(id) + "/approve"));
  auto approved = admin.PostForm("/admin/users/" + std::to_string(id) + "/approve", {});
  REQUIRE(approved);
  CHECK(approved->status == 303);

  Browser member = server.SignIn("nieuwlid");
  auto home = member.Get("/");
  REQUIRE(home);
  CHECK(Contains(home->body, "Nieuw Lid"));  // the header names who is logged in
  CHECK(Contains(home->body, "action=\"/logout\""));
  // An approved registration is an editor: it may create pages.
  auto created = member.PostForm("/new", {{"title", "Mijn eerste pagina"}, {"body", "Hallo."}});
  REQUIRE(created);
  CHECK(created->status == 303);
  CHECK(server.Anonymous()->Get("/p/mijn-eerste-pagina")->status == 200);

  // The audit log shows the registration, the approval and the logins.
  auto audit = admin.Get("/admin/audit");
  REQUIRE(audit);
  for (const char* action : {"audit-register", "audit-approve", "audit-login"}) {
    CHECK_MESSAGE(Contains(audit->body, action), action);
  }
}

TEST_CASE("every state-changing route refuses anonymous users and missing or wrong CSRF tokens") {
  TestServer server(true);
  server.AddUser("redacteur", Role::kEditor);
  const Browser editor = server.SignIn("redacteur");
  int checked = 0;
  for (const auto& route : server.app().site()->router().Routes()) {
    if (route.method == "GET") continue;
    const std::string path = Concrete(route.pattern);
    CAPTURE(route.method);
    CAPTURE(path);
    // Anonymous: 401 for a route that needs a role; 403 for login and registration, whose
    // forms carry no pre-session token here.
    auto anonymous = Send(*server.Anonymous(), route.method, path, "title=x&body=y");
    REQUIRE(anonymous);
    CHECK((anonymous->status == 401 || anonymous->status == 403));
    // A signed-in editor without the token, and with a wrong one.
    for (const std::string& body : {std::string("title=x&body=y"),
                                    std::string("title=x&body=y&csrf=") + std::string(43, 'A')}) {
      auto refused = Send(*editor.Client(), route.method, path, body);
      REQUIRE(refused);
      CHECK((refused->status == 401 || refused->status == 403));
    }
    ++checked;
  }
  CHECK(checked >= 25);
  // Nothing changed: the demo page is still there, unchanged, and no page "x" was made.
  CHECK(server.Anonymous()->Get("/p/kennisbeheer")->status == 200);
  CHECK(server.Anonymous()->Get("/p/x")->status == 404);
  // With the token the same editor may edit; the CSRF token also works as a header.
  auto edited = editor.PostForm("/new", {{"title", "Met token"}, {"body", "Geldig."}});
  REQUIRE(edited);
  CHECK(edited->status == 303);
  auto client = editor.Client();
  client->set_default_headers({{"Cookie", editor.cookie()}, {"X-CSRF-Token", editor.csrf()}});
  auto put = client->Put("/api/v1/pages/via-header", json{{"title", "Via header"}}.dump(),
                         "application/json");
  REQUIRE(put);
  CHECK(put->status == 201);
}

TEST_CASE("pages that need a role send anonymous readers to the login and back") {
  TestServer server;
  auto res = server.Anonymous()->Get("/new?kind=minutes");
  REQUIRE(res);
  CHECK(res->status == 303);
  // The server sends "/login?next=%2Fnew%3Fkind%3Dminutes"; cpp-httplib decodes Location.
  CHECK(res->get_header_value("Location") == "/login?next=/new?kind=minutes");
  CHECK(server.Anonymous()->Get("/admin/users")->status == 303);
  CHECK(server.Anonymous()->Get("/api/v1/admin/trash")->status == 401);

  // After login, "next" leads back, but never to another site.
  auto form = server.Anonymous()->Get("/login?next=%2Fnew");
  const std::string pre = SetCookieValue(form, "kring_csrf");
  CHECK(Contains(form->body, "name=\"next\" value=\"/new\""));
  for (const auto& [next, expected] :
       std::vector<std::pair<std::string, std::string>>{{"/new?kind=minutes", "/new?kind=minutes"},
                                                        {"//evil.example/x", "/"},
                                                        {"https://evil.example", "/"}}) {
    auto client = server.Anonymous();
    client->set_default_headers({{"Cookie", "kring_csrf=" + pre}});
    auto login = client->Post("/login",
                              FormEncode({{"name", "tester"},
                                          {"password", kring::testing::kTestPassword},
                                          {"csrf", pre},
                                          {"next", next}}),
                              "application/x-www-form-urlencoded");
    REQUIRE(login);
    CHECK(login->status == 303);
    CHECK(login->get_header_value("Location") == expected);
    const std::string cookie = login->get_header_value("Set-Cookie");
    CHECK(Contains(cookie, "HttpOnly"));
    CHECK(Contains(cookie, "SameSite=Lax"));
  }
}

TEST_CASE("roles: a member reads, an editor edits, only an admin manages users and the trash") {
  TestServer server;
  server.AddUser("lid", Role::kMember);
  server.AddUser("redacteur", Role::kEditor);
  const Browser member = server.SignIn("lid");
  const Browser editor = server.SignIn("redacteur");
  auto refused = member.PostForm("/new", {{"title", "Mag niet"}, {"body", "x"}});
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(member.Get("/new")->status == 403);
  CHECK(server.Anonymous()->Get("/p/mag-niet")->status == 404);
  CHECK(editor.PostForm("/new", {{"title", "Mag wel"}, {"body", "x"}})->status == 303);
  CHECK(editor.Get("/admin/trash")->status == 403);
  CHECK(editor.Get("/admin/users")->status == 403);
  // The page shows the edit button to editors only.
  CHECK(Contains(editor.Get("/p/mag-wel")->body, "href=\"/p/mag-wel/edit\""));
  CHECK_FALSE(Contains(member.Get("/p/mag-wel")->body, "href=\"/p/mag-wel/edit\""));
  CHECK_FALSE(Contains(server.Anonymous()->Get("/p/mag-wel")->body, "href=\"/p/mag-wel/edit\""));
  // Changes are recorded under the account's name, whatever the form says.
  CHECK(Contains(editor.Get("/p/mag-wel/history")->body, "redacteur"));
}

TEST_CASE("logins are throttled per account after repeated failures") {
  TestServer server;
  server.AddUser("doelwit", Role::kEditor);
  int throttled_at = 0;
  for (int attempt = 1; attempt <= 8 && throttled_at == 0; ++attempt) {
    try {
      server.SignIn("doelwit", "fout wachtwoord " + std::to_string(attempt));
    } catch (const std::exception& e) {
      if (Contains(e.what(), "429")) throttled_at = attempt;
    }
  }
  CHECK(throttled_at == 6);  // five failures are allowed within the window
  // Now even the right password is refused until the window has passed.
  CHECK_THROWS_WITH(server.SignIn("doelwit"), doctest::Contains("429"));
  // Another account from the same address may still log in.
  server.AddUser("ander", Role::kEditor);
  CHECK_NOTHROW(server.SignIn("ander"));
}

TEST_CASE("logout ends the session; logout everywhere and a password change end the others") {
  TestServer server;
  server.AddUser("lid", Role::kEditor);
  const Browser first = server.SignIn("lid");
  const Browser second = server.SignIn("lid");
  CHECK(first.Get("/account")->status == 200);
  CHECK(first.PostForm("/logout", {})->status == 303);
  CHECK(first.Get("/account")->status == 303);   // to the login
  CHECK(second.Get("/account")->status == 200);  // other sessions live on

  auto changed = second.PostForm("/account/password", {{"current", kring::testing::kTestPassword},
                                                       {"password", "een nieuw wachtwoord"},
                                                       {"password2", "een nieuw wachtwoord"}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK_THROWS(server.SignIn("lid"));
  const Browser third = server.SignIn("lid", "een nieuw wachtwoord");
  CHECK(third.PostForm("/account/logout-everywhere", {})->status == 303);
  CHECK(third.Get("/account")->status == 303);
}

TEST_CASE("API tokens work for the API, need no CSRF token, and can be revoked") {
  TestServer server;
  server.AddUser("script", Role::kEditor);
  const Browser owner = server.SignIn("script");
  auto created = owner.PostForm("/account/tokens", {{"label", "importscript"}});
  REQUIRE(created);
  REQUIRE(created->status == 200);
  const std::string marker = "<code class=\"token\">";
  const size_t at = created->body.find(marker);
  REQUIRE(at != std::string::npos);
  const std::string token = created->body.substr(
      at + marker.size(), created->body.find('<', at + marker.size()) - at - marker.size());
  CHECK(token.size() >= 40);

  auto client = server.Anonymous();
  client->set_default_headers({{"Authorization", "Bearer " + token}});
  json me = json::parse(client->Get("/api/v1/me")->body);
  CHECK(me["name"] == "script");
  CHECK(me["role"] == "editor");
  auto put = client->Put("/api/v1/pages/via-script", json{{"title", "Via script"}}.dump(),
                         "application/json");
  REQUIRE(put);
  CHECK(put->status == 201);

  // The account page lists the token; revoking it makes the API refuse it.
  auto account = owner.Get("/account");
  CHECK(Contains(account->body, "importscript"));
  const std::string form = "/account/tokens/";
  const size_t revoke_at = account->body.find("action=\"" + form);
  REQUIRE(revoke_at != std::string::npos);
  const size_t start = revoke_at + 8;
  const std::string action = account->body.substr(start, account->body.find('"', start) - start);
  CHECK(owner.PostForm(action, {})->status == 200);
  auto refused =
      client->Put("/api/v1/pages/via-script", json{{"title", "Weer"}}.dump(), "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 401);
  CHECK(Contains(refused->get_header_value("WWW-Authenticate"), "invalid_token"));
}

TEST_CASE("a disabled account's sessions and tokens stop working") {
  TestServer server;
  const int64_t id = server.AddUser("vertrokken", Role::kEditor);
  const std::string token = server.TokenFor(id);
  const Browser session = server.SignIn("vertrokken");
  server.AddUser("beheerder", Role::kAdmin);
  const Browser admin = server.SignIn("beheerder");
  CHECK(admin.PostForm("/admin/users/" + std::to_string(id) + "/disable", {})->status == 303);
  CHECK(session.Get("/account")->status == 303);
  auto client = server.Anonymous();
  client->set_default_headers({{"Authorization", "Bearer " + token}});
  CHECK(client->Get("/api/v1/me")->status == 401);
  CHECK_THROWS(server.SignIn("vertrokken"));
}

TEST_CASE("deletes and restores are in the audit log, visible to admins only") {
  TestServer server;
  server.SavePage("weg", {{"title", "Weg ermee"}, {"body", "Tijdelijk."}});
  auto deleted = server.Client()->Delete("/api/v1/pages/weg");
  REQUIRE(deleted);
  CHECK(deleted->status == 200);
  CHECK(server.Client()->Post("/api/v1/admin/trash/weg/restore", "", "application/json")->status ==
        200);
  json audit = json::parse(server.Client()->Get("/api/v1/admin/audit")->body);
  std::set<std::string> actions;
  for (const json& entry : audit) {
    if (entry["target"] == "weg") actions.insert(entry["action"].get<std::string>());
  }
  CHECK(actions == std::set<std::string>{"delete", "trash_restore"});
  server.AddUser("redacteur", Role::kEditor);
  CHECK(server.SignIn("redacteur").Get("/admin/audit")->status == 403);
}
