// Hostile input comes back escaped: script in titles, Markdown, file names, topics,
// organisations and search queries never reaches a page as markup.
#include <doctest/doctest.h>

#include <string>

#include "TestServer.h"

using kring::testing::AnonymousBody;
using kring::testing::Contains;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImage = "<img src=x onerror=alert(1)>";

// No live markup of the payloads: no script or img element of theirs, no element with their
// event handler, no javascript: URL. (Their text may appear escaped.)
void CheckInert(const std::string& html) {
  CHECK_FALSE(Contains(html, "<script>alert"));
  CHECK_FALSE(Contains(html, "<img src=x"));
  CHECK_FALSE(Contains(html, "href=\"javascript:"));
  CHECK_FALSE(Contains(html, "<b onmouseover"));
}

}  // namespace

TEST_CASE("XSS payloads in titles, Markdown, topics and organisations come back escaped") {
  TestServer server;
  server.SavePage("aanval", {{"title", "Titel " + kScript},
                             {"body", "Tekst " + kScript + "\n\n" + kImage +
                                          "\n\n[klik](javascript:alert(1)) [[" + kScript + "]]"},
                             {"topics", {"<b onmouseover=alert(1)>thema</b>"}},
                             {"organisation", "Org " + kImage}});
  server.WaitForIndex();
  for (const char* path : {"/p/aanval", "/p/aanval/history", "/", "/recent", "/topics", "/wanted",
                           "/feed.atom", "/search?q=tekst", "/p/aanval/rev/1"}) {
    CAPTURE(path);
    const std::string html = AnonymousBody(server, path);
    CheckInert(html);
  }
  const std::string page = AnonymousBody(server, "/p/aanval");
  CHECK(Contains(page, "Titel &lt;script&gt;alert(1)&lt;/script&gt;"));
  // The editor shows the text as text, inside the textarea.
  auto edit = server.Get("/p/aanval/edit");
  REQUIRE(edit);
  CheckInert(edit->body);
  json api = json::parse(server.Get("/api/v1/search?q=tekst")->body);
  REQUIRE(api["hits"].size() == 1);
  CheckInert(api["hits"][0].value("snippet_html", ""));
}

TEST_CASE("XSS payloads in search queries and file names come back escaped") {
  TestServer server;
  for (const std::string q :
       {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"}) {
    CAPTURE(q);
    CheckInert(AnonymousBody(server, "/search?q=" + q));
    auto missing = server.Anonymous()->Get("/p/niet-bestaand?q=" + q);  // the 404 page
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CheckInert(missing->body);
  }
  server.SavePage("bestanden", {{"title", "Bestanden"}, {"body", "Zie bijlage."}});
  httplib::MultipartFormDataItems items = {
      {"file", "gewone tekst", "<img src=x onerror=alert(1)>.txt", "text/plain"}};
  auto uploaded = server.Client()->Post("/api/v1/pages/bestanden/files", items);
  REQUIRE(uploaded);
  REQUIRE_MESSAGE(uploaded->status / 100 == 2, uploaded->body);
  const json file = json::parse(uploaded->body);
  server.WaitForIndex();
  CheckInert(AnonymousBody(server, "/p/bestanden"));
  CheckInert(AnonymousBody(server, "/f/" + std::to_string(file["id"].get<int64_t>())));
  CheckInert(AnonymousBody(server, "/search?q=gewone"));
}

TEST_CASE("the editor's preview of hostile Markdown is as inert as the saved page") {
  TestServer server;
  auto res = server.Client()->Post(
      "/api/v1/render",
      json{{"body", kScript + "\n\n" + kImage + "\n\n[klik](javascript:alert(1)) [[" + kScript +
                        "]]\n\n<b onmouseover=alert(1)>vet</b>"}}
          .dump(),
      "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CheckInert(json::parse(res->body).at("html").get<std::string>());
}
