// The theme switch (?theme=, the "theme" cookie, <html data-theme>), /opensearch.xml with the
// OpenSearch suggestions, and dates and numbers as each language writes them.
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include "TestServer.h"
#include "core/Text.h"

using kring::testing::Contains;
using kring::testing::ReadCorpus;
using kring::testing::SetCookieValue;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

std::string SetCookieHeader(const httplib::Result& res, const std::string& name) {
  for (const auto& [key, value] : res->headers) {
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value;
  }
  return "";
}

}  // namespace

TEST_CASE("the theme is chosen with ?theme=, remembered in a cookie and rendered server-side") {
  TestServer server;
  auto client = server.Anonymous();

  auto plain = client->Get("/");
  REQUIRE(plain);
  CHECK(Contains(plain->body, "<html lang=\"nl\" data-theme=\"auto\">"));
  CHECK(SetCookieHeader(plain, "theme").empty());
  // The switch works without JavaScript: three links, the current one announced.
  CHECK(Contains(plain->body, "href=\"?theme=dark\""));
  CHECK(Contains(plain->body, "href=\"?theme=light\""));
  CHECK(Contains(plain->body, "<a href=\"?theme=auto\" aria-current=\"true\">"));

  auto dark = client->Get("/?theme=dark");
  REQUIRE(dark);
  CHECK(Contains(dark->body, "data-theme=\"dark\""));
  CHECK(Contains(dark->body, "<a href=\"?theme=dark\" aria-current=\"true\">"));
  CHECK_FALSE(Contains(dark->body, "<a href=\"?theme=auto\" aria-current"));
  const std::string cookie = SetCookieHeader(dark, "theme");
  CHECK(cookie.rfind("theme=dark;", 0) == 0);
  CHECK(Contains(cookie, "Max-Age=31536000"));
  CHECK(Contains(cookie, "Path=/"));

  // The cookie carries the choice to every later page, in any language.
  auto later =
      client->Get("/topics?lang=en", {{"Cookie", "theme=" + SetCookieValue(dark, "theme")}});
  REQUIRE(later);
  CHECK(Contains(later->body, "<html lang=\"en\" data-theme=\"dark\">"));
  CHECK(SetCookieHeader(later, "theme").empty());
  CHECK(Contains(later->body, ">Dark</a>"));

  // A theme the server does not know is ignored, never echoed into the page.
  auto odd = client->Get("/?theme=%22%3E%3Cscript%3E", {{"Cookie", "theme=light"}});
  REQUIRE(odd);
  CHECK(odd->status == 200);
  CHECK(Contains(odd->body, "data-theme=\"light\""));
  CHECK_FALSE(Contains(odd->body, "<script>"));
  CHECK(SetCookieHeader(odd, "theme").empty());
  auto bad_cookie = client->Get("/", {{"Cookie", "theme=purple"}});
  CHECK(Contains(bad_cookie->body, "data-theme=\"auto\""));

  // Error pages wear the theme too.
  auto missing = client->Get("/p/bestaat-niet?theme=dark");
  CHECK(missing->status == 404);
  CHECK(Contains(missing->body, "data-theme=\"dark\""));
}

TEST_CASE("/opensearch.xml describes the search with absolute URLs, and suggestions answer it") {
  TestServer server;
  server.SavePage("zaakgericht", {{"title", "Zaakgericht werken"}, {"body", "Over zaken."}});
  server.SavePage("zaaktypen", {{"title", "Zaaktypencatalogus"}, {"body", "Catalogus."}});
  server.WaitForIndex();

  auto home = server.Anonymous()->Get("/");
  CHECK(Contains(home->body,
                 "<link rel=\"search\" type=\"application/opensearchdescription+xml\" "
                 "title=\"Kring\" href=\"/opensearch.xml\">"));

  auto res = server.Anonymous()->Get("/opensearch.xml");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").rfind("application/opensearchdescription+xml", 0) ==
        0);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(res->body.c_str()));
  pugi::xml_node root = doc.child("OpenSearchDescription");
  REQUIRE(root);
  CHECK(std::string(root.attribute("xmlns").value()) == "http://a9.com/-/spec/opensearch/1.1/");
  CHECK(std::string(root.child_value("ShortName")) == "Kring");
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::map<std::string, std::string> templates;
  for (pugi::xml_node url : root.children("Url")) {
    templates[url.attribute("type").value()] = url.attribute("template").value();
  }
  CHECK(templates["text/html"] == base + "/search?q={searchTerms}");
  const std::string suggest = templates["application/x-suggestions+json"];
  CHECK(suggest == base + "/api/v1/suggest?format=opensearch&q={searchTerms}");

  // The suggestions URL, as a browser fills it in: ["query", ["title", ...]].
  auto answer = server.Anonymous()->Get("/api/v1/suggest?format=opensearch&q=zaak");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->get_header_value("Content-Type").rfind("application/x-suggestions+json", 0) == 0);
  json list = json::parse(answer->body);
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 2);
  CHECK(list[0] == "zaak");
  std::vector<std::string> titles = list[1].get<std::vector<std::string>>();
  std::sort(titles.begin(), titles.end());
  CHECK(titles == std::vector<std::string>{"Zaakgericht werken", "Zaaktypencatalogus"});
  // The page's own format is unchanged.
  json plain = json::parse(server.Anonymous()->Get("/api/v1/suggest?q=zaak")->body);
  REQUIRE(plain.size() == 2);
  CHECK(plain[0].contains("slug"));
}

TEST_CASE("dates and numbers are written as each language writes them") {
  TestServer server;
  server.SavePage("verslag", {{"title", "Verslag juni"},
                              {"body", "Notulen."},
                              {"kind", "minutes"},
                              {"date", "2013-06-13"},
                              {"topics", {"Vergaderingen"}}});
  const std::string pdf = ReadCorpus("community/bestanden/opsplitsen-rgbz.pdf");
  REQUIRE(pdf.size() == 1662212);  // 1.59 MiB
  httplib::MultipartFormDataItems items = {{"file", pdf, "rgbz.pdf", "application/pdf"}};
  REQUIRE(server.Client()->Post("/api/v1/pages/verslag/files", items)->status == 201);

  auto page_nl = server.Anonymous()->Get("/p/verslag?lang=nl");
  auto page_en = server.Anonymous()->Get("/p/verslag?lang=en");
  REQUIRE(page_nl);
  REQUIRE(page_en);
  // File sizes: a decimal comma in Dutch.
  CHECK(Contains(page_nl->body, "1,6 MB"));
  CHECK_FALSE(Contains(page_nl->body, "1.6 MB"));
  CHECK(Contains(page_en->body, "1.6 MB"));
  CHECK_FALSE(Contains(page_en->body, "1,6 MB"));

  // The meeting date, long, with the language's weekday and month names.
  CHECK(Contains(page_nl->body, "<time datetime=\"2013-06-13\">donderdag 13 juni 2013</time>"));
  CHECK(Contains(page_en->body, "<time datetime=\"2013-06-13\">Thursday 13 June 2013</time>"));
  // ... also where pages are listed under a topic (it showed the ISO date before).
  auto topic_nl = server.Anonymous()->Get("/t/vergaderingen?lang=nl");
  auto topic_en = server.Anonymous()->Get("/t/vergaderingen?lang=en");
  CHECK(Contains(topic_nl->body, ">donderdag 13 juni 2013</time>"));
  CHECK(Contains(topic_en->body, ">Thursday 13 June 2013</time>"));

  // "Last changed": the day and the short month name of the language, not an ISO date.
  const std::string now = kring::NowUtc();
  const int month = std::stoi(now.substr(5, 2));
  const char* nl_months[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                             "jul", "aug", "sep", "okt", "nov", "dec"};
  const char* en_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string day = std::to_string(std::stoi(now.substr(8, 2)));
  const std::string year = now.substr(0, 4);
  CHECK(Contains(page_nl->body, day + " " + nl_months[month - 1] + " " + year + " "));
  CHECK(Contains(page_en->body, day + " " + en_months[month - 1] + " " + year + " "));
  CHECK_FALSE(Contains(page_nl->body, now.substr(0, 10) + " "));
}
