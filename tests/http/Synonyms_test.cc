// Admins edit the synonym table: /admin/synonyms and /api/v1/admin/synonyms, the table in use
// right after a save and after a restart, bad lines refused with their number; and the
// zero-result log across a restart.
#include "search/Synonyms.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "TestServer.h"

namespace kring::testing {
namespace {

using nlohmann::json;

bool Finds(const TestServer& server, const std::string& q, const std::string& slug) {
  const std::vector<std::string> slugs = SearchSlugs(server, q);
  return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
}

// Saves a page that says "vergaderzaal" and never "raadzaal".
void SaveMeetingRoomPage(const TestServer& server) {
  server.SavePage("zalen", {{"title", "Zalen"},
                            {"body", "De vergaderzaal op de eerste verdieping heeft een beamer."}});
}

// POSTs the synonym form and answers the saved version's id from the redirect.
std::string SaveTable(const TestServer& server, const std::string& text) {
  auto res = server.PostForm("/admin/synonyms", {{"synonyms", text}});
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 303, res->body);
  const std::string location = res->get_header_value("Location");
  REQUIRE(location.starts_with("/admin/synonyms?saved="));
  return location.substr(location.find('=') + 1);
}

TEST_CASE("a synonym group an admin saves is used by the very next search") {
  TestServer server;
  SaveMeetingRoomPage(server);
  CHECK_FALSE(Finds(server, "raadzaal", "zalen"));  // and this result is cached now

  const json before = GetJson(server, "/api/v1/admin/synonyms");
  CHECK(before["edited"] == false);
  CHECK(before["version"].is_null());
  const std::string builtin = before["text"];
  CHECK(Contains(builtin, "kennisbeheer, knowledge management"));

  const std::string id = SaveTable(server, builtin + "raadzaal, vergaderzaal\r\n");
  CHECK(Finds(server, "raadzaal", "zalen"));

  const std::string page = Body(server, "/admin/synonyms?saved=" + id);
  CHECK(Contains(page, "Opgeslagen."));
  CHECK(Contains(page, "raadzaal, vergaderzaal\n</textarea>"));  // line ends stored as \n
  CHECK(Contains(page, "Laatste wijzigingen"));
  CHECK(Contains(page, "Tess Tester"));  // the administrator who saved it

  const json after = GetJson(server, "/api/v1/admin/synonyms");
  CHECK(after["edited"] == true);
  CHECK(after["version"]["author"] == "Tess Tester");
  CHECK(std::to_string(after["version"]["id"].get<int64_t>()) == id);
  REQUIRE(after["history"].size() == 1);
}

TEST_CASE("a bad line answers 400 with its number, keeps the text and changes nothing") {
  TestServer server;
  const std::string typed = "kennisbeheer, km\n<script>alert(1)</script>\npc, computer\n";
  auto res = server.PostForm("/admin/synonyms", {{"synonyms", typed}});
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(Contains(res->body, "Regel 2:"));
  CHECK(Contains(res->body, "minstens twee leden"));
  CHECK(Contains(res->body, "<textarea"));
  CHECK(
      Contains(res->body, "kennisbeheer, km\n&lt;script&gt;alert(1)&lt;/script&gt;\npc, computer"));
  CHECK_FALSE(Contains(res->body, "<script>alert"));

  res = server.PostForm("/admin/synonyms?lang=en", {{"synonyms", "a, b\n\n# note\nc,, d\n"}});
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(Contains(res->body, "Line 4:"));

  // The JSON API names the problem and the line.
  auto put = server.Client()->Put("/api/v1/admin/synonyms", json{{"text", "a, b\nalleen\n"}}.dump(),
                                  "application/json");
  REQUIRE(put);
  CHECK(put->status == 400);
  const json error = json::parse(put->body);
  CHECK(error["line"] == 2);
  CHECK(error["problem"] == "one_member");
  put = server.Client()->Put("/api/v1/admin/synonyms", "{\"text\": 3}", "application/json");
  REQUIRE(put);
  CHECK(put->status == 400);
  // Past the size cap: 413.
  put = server.Client()->Put("/api/v1/admin/synonyms",
                             json{{"text", std::string(300 * 1024, 'a') + ", b\n"}}.dump(),
                             "application/json");
  REQUIRE(put);
  CHECK(put->status == 413);

  CHECK(GetJson(server, "/api/v1/admin/synonyms")["edited"] == false);
  res = server.PostForm("/admin/synonyms", {});
  REQUIRE(res);
  CHECK(res->status == 400);
}

TEST_CASE("an older version loads into the form and saving it again undoes a change") {
  TestServer server;
  SaveMeetingRoomPage(server);
  const std::string first = SaveTable(server, "raadzaal, vergaderzaal\n");
  SaveTable(server, "pc, computer\n");
  CHECK_FALSE(Finds(server, "raadzaal", "zalen"));

  const std::string page = Body(server, "/admin/synonyms?version=" + first);
  CHECK(Contains(page, ">raadzaal, vergaderzaal\n</textarea>"));
  CHECK(Contains(page, "In het formulier staat de versie van"));
  const json old = GetJson(server, "/api/v1/admin/synonyms?version=" + first);
  CHECK(old["text"] == "raadzaal, vergaderzaal\n");
  CHECK(old["history"].size() == 2);

  auto put = server.Client()->Put("/api/v1/admin/synonyms", json{{"text", old["text"]}}.dump(),
                                  "application/json");
  REQUIRE(put);
  REQUIRE(put->status == 200);
  CHECK(json::parse(put->body)["history"].size() == 3);
  CHECK(Finds(server, "raadzaal", "zalen"));

  CHECK(server.Get("/admin/synonyms?version=999")->status == 404);
  CHECK(server.Get("/admin/synonyms?version=abc")->status == 400);
  CHECK(Contains(Body(server, "/admin/synonyms?version=builtin"), "kennisbeheer, knowledge"));
}

TEST_CASE("the edited table is still in use after a restart on the same data folder") {
  TempDir dir;
  const auto data = dir.path() / "data";
  {
    TestServer server(false, data);
    SaveMeetingRoomPage(server);
    SaveTable(server, "raadzaal, vergaderzaal\n");
    CHECK(Finds(server, "raadzaal", "zalen"));
  }
  search::ReloadSynonyms();  // the process still holds the edited table: forget it
  TestServer restarted(false, data);
  CHECK(Finds(restarted, "raadzaal", "zalen"));
  CHECK(GetJson(restarted, "/api/v1/admin/synonyms")["text"] == "raadzaal, vergaderzaal\n");

  // A server on another data folder uses the embedded table again.
  TestServer other;
  SaveMeetingRoomPage(other);
  CHECK_FALSE(Finds(other, "raadzaal", "zalen"));
}

TEST_CASE("a search that found nothing is still on /admin/zero-results after a restart") {
  TempDir dir;
  const auto data = dir.path() / "data";
  {
    TestServer server(false, data);
    SaveMeetingRoomPage(server);
    server.WaitForIndex();
    REQUIRE(server.Get("/search?q=xyzzy%20kassa")->status == 200);
    REQUIRE(server.Get("/api/v1/search?q=Xyzzy%20Kassa")->status == 200);
  }
  TestServer restarted(false, data);
  const std::string page = Body(restarted, "/admin/zero-results");
  CHECK(Contains(page, ">xyzzy kassa</a></td><td class=\"count\">2"));
  REQUIRE(restarted.Get("/api/v1/search?q=xyzzy%20kassa")->status == 200);
  const json log = GetJson(restarted, "/api/v1/admin/zero-results");
  REQUIRE(log.size() == 1);
  CHECK(log[0]["count"] == 3);
}

}  // namespace
}  // namespace kring::testing
