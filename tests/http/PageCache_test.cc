// The public page cache (http/PublicPageCache.h) against the real server: a page that readers
// who are not signed in were served from the cache shows every kind of change on the next
// view; members, languages and themes each get their own page; members-only pages, cache size
// 0 and the memory bound behave; ETags answer 304. Hits and misses are read from /metrics.
#include <doctest/doctest.h>

#include <string>

#include "PrometheusText.h"
#include "TestServer.h"
#include "storage/SqlitePageStore.h"

using kring::testing::AnonymousBody;
using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::ParsePrometheusText;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

struct CacheCounts {
  double hits = 0;
  double misses = 0;
  double entries = 0;
  double bytes = 0;
};

CacheCounts Counts(const TestServer& server) {
  const auto metrics = ParsePrometheusText(Body(server, "/metrics"));
  return CacheCounts{
      metrics.Value("kring_page_cache_hits_total"), metrics.Value("kring_page_cache_misses_total"),
      metrics.Value("kring_page_cache_entries"), metrics.Value("kring_page_cache_bytes")};
}

// Views `path` anonymously twice and checks that the second view came from the cache.
std::string ViewTwice(const TestServer& server, const std::string& path) {
  const std::string first = AnonymousBody(server, path);
  const double hits = Counts(server).hits;
  const std::string second = AnonymousBody(server, path);
  CHECK(Counts(server).hits == hits + 1);
  CHECK(second == first);
  return second;
}

// A page of about `bytes` bytes of text.
std::string LongBody(size_t bytes) {
  std::string body;
  while (body.size() < bytes) body += "Kennisbeheer in een kleine gemeente vraagt afspraken. ";
  return body;
}

}  // namespace

TEST_CASE("a cached page view shows an edit through the API and through the form at once") {
  TestServer server;
  server.AddUser("redacteur", kring::Role::kEditor, "Rita Redacteur");
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Eerste versie."}});
  CHECK(Contains(ViewTwice(server, "/p/intranet"), "Eerste versie."));

  server.SavePage("intranet",
                  {{"title", "Intranet"}, {"body", "Tweede versie."}, {"base_revision", 1}});
  std::string page = ViewTwice(server, "/p/intranet");
  CHECK(Contains(page, "Tweede versie."));
  CHECK_FALSE(Contains(page, "Eerste versie."));

  // The editor's form, in a browser session with its CSRF token.
  kring::testing::Browser editor = server.SignIn("redacteur");
  auto saved =
      editor.PostForm("/p/intranet/edit",
                      {{"title", "Intranet"}, {"body", "Derde versie."}, {"base_revision", "2"}});
  REQUIRE(saved);
  REQUIRE(saved->status == 303);
  page = AnonymousBody(server, "/p/intranet");
  CHECK(Contains(page, "Derde versie."));
  CHECK_FALSE(Contains(page, "Tweede versie."));

  // The home page and the topics follow too.
  CHECK(Contains(ViewTwice(server, "/"), "Intranet"));
  server.SavePage("portaal", {{"title", "Portaal"}, {"body", "x"}, {"topics", {"Webbeheer"}}});
  CHECK(Contains(AnonymousBody(server, "/"), "Portaal"));
  CHECK(Contains(AnonymousBody(server, "/topics"), "Webbeheer"));
}

TEST_CASE("a cached page view shows an upload, a register change and a rename at once") {
  TestServer server;
  server.SavePage("zalen", {{"title", "Zalen verhuren"},
                            {"body", "Zie ook [[Oude naam]]."},
                            {"applications", {"Recreatex"}}});
  server.SavePage("oude-naam", {{"title", "Oude naam"}, {"body", "Over zaalbeheer."}});

  SUBCASE("an upload attached to the page") {
    CHECK_FALSE(Contains(ViewTwice(server, "/p/zalen"), "tarieven.txt"));
    httplib::MultipartFormDataItems items = {
        {"file", "Tarieven van de zalen.", "tarieven.txt", "text/plain"}};
    auto uploaded = server.Client()->Post("/api/v1/pages/zalen/files", items);
    REQUIRE(uploaded);
    REQUIRE(uploaded->status / 100 == 2);
    CHECK(Contains(AnonymousBody(server, "/p/zalen"), "tarieven.txt"));
  }

  SUBCASE("a register change that changes where the page's application links") {
    const std::string before = ViewTwice(server, "/p/zalen");
    CHECK(Contains(before, "/search?app=recreatex"));
    CHECK_FALSE(Contains(before, "href=\"/a/recreatex\""));
    auto registered = server.Client()->Put("/api/v1/apps/recreatex",
                                           json{{"name", "Recreatex"}, {"supplier", "Syx"}}.dump(),
                                           "application/json");
    REQUIRE(registered);
    REQUIRE(registered->status == 200);
    CHECK(Contains(AnonymousBody(server, "/p/zalen"), "href=\"/a/recreatex\""));
  }

  SUBCASE("a rename") {
    CHECK(Contains(ViewTwice(server, "/p/oude-naam"), "Over zaalbeheer."));
    auto renamed = server.Client()->Post(
        "/p/oude-naam/rename",
        httplib::Params{{"title", "Nieuwe naam"}, {"slug", "nieuwe-naam"}, {"base_revision", ""}});
    REQUIRE(renamed);
    REQUIRE(renamed->status == 303);
    auto old = server.Anonymous()->Get("/p/oude-naam");
    REQUIRE(old);
    CHECK(old->status == 301);
    CHECK(old->get_header_value("Location") == "/p/nieuwe-naam");
    CHECK(Contains(AnonymousBody(server, "/p/nieuwe-naam"), "Nieuwe naam"));
  }

  SUBCASE("a page moved to the trash") {
    ViewTwice(server, "/p/oude-naam");
    auto deleted = server.Client()->Delete("/api/v1/pages/oude-naam");
    REQUIRE(deleted);
    REQUIRE(deleted->status / 100 == 2);
    auto gone = server.Anonymous()->Get("/p/oude-naam");
    REQUIRE(gone);
    CHECK(gone->status == 404);
  }
}

TEST_CASE(
    "a write through another connection to the database, as another process makes, shows at once") {
  kring::testing::TempDir dir;
  TestServer server(false, dir.path() / "data");
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Eerste versie."}});
  CHECK(Contains(ViewTwice(server, "/p/intranet"), "Eerste versie."));

  auto other = kring::SqlitePageStore::Open((dir.path() / "data" / "kring.db").string());
  REQUIRE(other.ok());
  kring::NewRevision revision;
  revision.input.slug = "intranet";
  revision.input.title = "Intranet";
  revision.input.body = "Van elders.";
  revision.input.author = "import";
  revision.html = "<p>Van elders.</p>\n";
  revision.text = "Van elders.";
  REQUIRE(other.value()->SaveRevision(revision).ok());
  CHECK(Contains(AnonymousBody(server, "/p/intranet"), "Van elders."));
}

TEST_CASE("signed-in members never share the anonymous page, nor it theirs") {
  TestServer server;
  server.AddUser("lid", kring::Role::kMember, "Lieve Lid");
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Over het intranet."}});
  const std::string anonymous = ViewTwice(server, "/p/intranet");
  CHECK(Contains(anonymous, "/login?next="));

  kring::testing::Browser member = server.SignIn("lid");
  const CacheCounts before = Counts(server);
  for (int i = 0; i < 2; ++i) {
    auto page = member.Get("/p/intranet");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(Contains(page->body, "Lieve Lid"));
    CHECK_FALSE(Contains(page->body, "/login?next="));
    CHECK(page->get_header_value("Cache-Control") == "private, no-cache");
  }
  // An API token, and a session cookie that is not (or no longer) valid, pass the cache by.
  CHECK(Body(server, "/p/intranet") != anonymous);
  auto stale = server.Anonymous()->Get("/p/intranet", {{"Cookie", "kring_session=verlopen"}});
  REQUIRE(stale);
  CHECK(stale->status == 200);
  const CacheCounts after = Counts(server);
  CHECK(after.hits == before.hits);
  CHECK(after.misses == before.misses);

  const std::string again = AnonymousBody(server, "/p/intranet");
  CHECK_FALSE(Contains(again, "Lieve Lid"));
  CHECK_FALSE(Contains(again, member.csrf()));
}

TEST_CASE("each language and theme has its own cached page") {
  TestServer server;
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Over het intranet."}});
  struct Variant {
    httplib::Headers headers;
    const char* html;
  };
  const Variant variants[] = {
      {{}, "<html lang=\"nl\" data-theme=\"auto\">"},
      {{{"Accept-Language", "en-GB,en;q=0.8"}}, "<html lang=\"en\" data-theme=\"auto\">"},
      {{{"Cookie", "lang=en; theme=dark"}}, "<html lang=\"en\" data-theme=\"dark\">"},
      {{{"Cookie", "theme=light"}}, "<html lang=\"nl\" data-theme=\"light\">"},
  };
  for (int round = 0; round < 2; ++round) {
    for (const Variant& variant : variants) {
      CAPTURE(variant.html);
      auto page = server.Anonymous()->Get("/p/intranet", variant.headers);
      REQUIRE(page);
      CHECK(page->status == 200);
      CHECK(Contains(page->body, variant.html));
    }
  }
  const CacheCounts counts = Counts(server);
  CHECK(counts.entries == 4);
  CHECK(counts.hits == 4);
  // A language chosen with ?lang= sets a cookie: that answer is made afresh each time.
  for (int i = 0; i < 2; ++i) {
    auto chosen = server.Anonymous()->Get("/p/intranet?lang=en");
    REQUIRE(chosen);
    CHECK(Contains(chosen->get_header_value("Set-Cookie"), "lang=en"));
  }
  CHECK(Counts(server).hits == 4);
}

TEST_CASE("members-only pages are never kept in the page cache") {
  TestServer server;
  server.AddUser("lid", kring::Role::kMember);
  server.SavePage(
      "contract",
      {{"title", "Contract"}, {"body", "Geheime voorwaarden."}, {"visibility", "members"}});
  kring::testing::Browser member = server.SignIn("lid");
  for (int i = 0; i < 2; ++i) {
    auto page = member.Get("/p/contract");
    REQUIRE(page);
    CHECK(Contains(page->body, "Geheime voorwaarden."));
    auto refused = server.Anonymous()->Get("/p/contract");
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK_FALSE(Contains(refused->body, "Geheime voorwaarden."));
  }
  CHECK(Counts(server).entries == 0);
  CHECK(Counts(server).hits == 0);
}

TEST_CASE("with response_cache_mb 0 nothing is cached and every view is fresh") {
  TestServer server(false, {},
                    [](kring::AppOptions& options) { options.response_cache_bytes = 0; });
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Eerste versie."}});
  CHECK(Contains(AnonymousBody(server, "/p/intranet"), "Eerste versie."));
  CHECK(Contains(AnonymousBody(server, "/p/intranet"), "Eerste versie."));
  server.SavePage("intranet",
                  {{"title", "Intranet"}, {"body", "Tweede versie."}, {"base_revision", 1}});
  CHECK(Contains(AnonymousBody(server, "/p/intranet"), "Tweede versie."));
  const CacheCounts counts = Counts(server);
  CHECK(counts.hits == 0);
  CHECK(counts.entries == 0);
  // The page still has its validator.
  auto page = server.Anonymous()->Get("/p/intranet");
  REQUIRE(page);
  CHECK_FALSE(page->get_header_value("ETag").empty());
}

TEST_CASE("the page cache keeps within its memory bound, dropping the least recently used") {
  constexpr size_t kBound = 256 * 1024;
  TestServer server(false, {},
                    [](kring::AppOptions& options) { options.response_cache_bytes = kBound; });
  const std::string text = LongBody(9000);
  constexpr int kPages = 40;  // about 12 KB of HTML each: twice what fits
  for (int i = 0; i < kPages; ++i) {
    const std::string slug = "pagina-" + std::to_string(i);
    server.SavePage(slug, {{"title", "Pagina " + std::to_string(i)}, {"body", text}});
  }
  for (int i = 0; i < kPages; ++i) {
    const std::string page = AnonymousBody(server, "/p/pagina-" + std::to_string(i));
    CHECK(Contains(page, "Pagina " + std::to_string(i)));
  }
  CacheCounts counts = Counts(server);
  CHECK(counts.bytes <= kBound);
  CHECK(counts.entries > 1);
  CHECK(counts.entries < kPages);
  // The most recent page is still there; the first was dropped for the others.
  AnonymousBody(server, "/p/pagina-" + std::to_string(kPages - 1));
  CHECK(Counts(server).hits == counts.hits + 1);
  counts = Counts(server);
  AnonymousBody(server, "/p/pagina-0");
  CHECK(Counts(server).hits == counts.hits);
  CHECK(Counts(server).bytes <= kBound);
}

TEST_CASE("page views carry an ETag; If-None-Match answers 304 until the page changes") {
  TestServer server;
  server.SavePage("intranet", {{"title", "Intranet"}, {"body", "Eerste versie."}});
  auto client = server.Anonymous();
  auto first = client->Get("/p/intranet");
  REQUIRE(first);
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(first->get_header_value("Cache-Control") == "no-cache");
  CHECK(Contains(first->get_header_value("Vary"), "Cookie"));

  auto unchanged = client->Get("/p/intranet", {{"If-None-Match", etag}});
  REQUIRE(unchanged);
  CHECK(unchanged->status == 304);
  CHECK(unchanged->body.empty());
  CHECK(unchanged->get_header_value("ETag") == etag);
  // Each answer names its own request, also from the cache.
  CHECK(unchanged->get_header_value("X-Request-Id") != first->get_header_value("X-Request-Id"));
  auto listed = client->Get("/p/intranet", {{"If-None-Match", "\"ander\", W/" + etag}});
  REQUIRE(listed);
  CHECK(listed->status == 304);

  auto head = client->Head("/p/intranet");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("ETag") == etag);

  server.SavePage("intranet",
                  {{"title", "Intranet"}, {"body", "Tweede versie."}, {"base_revision", 1}});
  auto changed = client->Get("/p/intranet", {{"If-None-Match", etag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(Contains(changed->body, "Tweede versie."));
  CHECK(changed->get_header_value("ETag") != etag);
}
