// Search features through HTTP: title suggestions, related pages, the year facet and filter,
// sorting by date, the zero-result log, odd queries, and "did you mean".
#include <doctest/doctest.h>

#include "TestServer.h"
#include "core/SearchIndex.h"
#include "http/SearchHandler.h"
#include "http/Views.h"
#include "render/TemplateEngine.h"

using kring::testing::Body;
using kring::testing::Contains;
using kring::testing::GetJson;
using kring::testing::ReadCorpus;
using kring::testing::TestServer;
using nlohmann::json;

namespace {

std::vector<std::string> Slugs(const json& list) {
  std::vector<std::string> slugs;
  for (const auto& item : list) slugs.push_back(item["slug"]);
  return slugs;
}

void Put(const TestServer& server, const std::string& slug, json page) {
  auto res = server.PutPage(slug, page);
  REQUIRE(res);
  REQUIRE(res->status == 201);
}

// The part of `html` from `start` to the next `end` (empty when `start` is missing).
std::string Section(const std::string& html, const std::string& start, const std::string& end) {
  const size_t from = html.find(start);
  if (from == std::string::npos) return {};
  const size_t to = html.find(end, from);
  return html.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

}  // namespace

TEST_CASE("suggest answers page titles for a prefix, titles starting with it first") {
  TestServer server;
  Put(server, "toelichting", {{"title", "Toelichting bij de begroting"}, {"body", "Cijfers."}});
  Put(server, "begroting-2024", {{"title", "Begroting 2024"}, {"body", "De begroting."}});
  Put(server, "kennisbeheer", {{"title", "Kennisbeheer"}, {"body", "Over kennis."}});
  server.WaitForIndex();

  auto res = server.Get("/api/v1/suggest?q=Begr");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(Contains(res->get_header_value("Cache-Control"), "max-age"));
  json pages = json::parse(res->body);
  CHECK(Slugs(pages) == std::vector<std::string>{"begroting-2024", "toelichting"});
  CHECK(pages[0]["title"] == "Begroting 2024");
  CHECK(pages[0]["kind"] == "page");
  CHECK(pages[0]["url"] == "/p/begroting-2024");

  // Per keystroke: every prefix of a word answers, the whole word too.
  for (const std::string prefix : {"k", "ke", "ken", "kennisb", "kennisbeheer"}) {
    CAPTURE(prefix);
    CHECK(Slugs(GetJson(server, "/api/v1/suggest?q=" + prefix)) ==
          std::vector<std::string>{"kennisbeheer"});
  }
  CHECK(Slugs(GetJson(server, "/api/v1/suggest?q=toelichting%20beg")) ==
        std::vector<std::string>{"toelichting"});
  CHECK(GetJson(server, "/api/v1/suggest?q=").empty());
  CHECK(GetJson(server, "/api/v1/suggest?q=%20%20").empty());
  CHECK(GetJson(server, "/api/v1/suggest?q=zzzz").empty());
}

TEST_CASE("a page view lists related pages under See also, never the page itself") {
  TestServer server;
  Put(server, "zwembad-kassa",
      {{"title", "Kassasysteem zwembad"},
       {"body", "Recreatex beheert de kassa, de tickets en de abonnementen van het zwembad."}});
  Put(server, "sporthal-tickets",
      {{"title", "Tickets voor de sporthal"},
       {"body", "Ook de sporthal verkoopt tickets en abonnementen met Recreatex aan de kassa."}});
  Put(server, "gis", {{"title", "GIS-viewer"}, {"body", "Kaarten van percelen en rioleringen."}});
  server.WaitForIndex();

  const std::string res = Body(server, "/p/zwembad-kassa");
  const std::string related = Section(res, "related-h", "</ul>");
  CHECK(Contains(related, "Zie ook"));
  CHECK(Contains(related, "href=\"/p/sporthal-tickets\""));
  CHECK_FALSE(Contains(related, "href=\"/p/zwembad-kassa\""));
  CHECK_FALSE(Contains(related, "href=\"/p/gis\""));

  const std::string english = Body(server, "/p/zwembad-kassa?lang=en");
  CHECK(Contains(english, "See also"));
  // A page without anything like it shows no empty list.
  const std::string alone = Body(server, "/p/gis");
  CHECK_FALSE(Contains(alone, "related-h"));
}

TEST_CASE("every facet count equals the total of its filter, years included; sort by date") {
  TestServer server;
  Put(server, "overleg-2013",
      {{"title", "Overleg informatieveiligheid"},
       {"body", "Informatieveiligheid en back-ups."},
       {"kind", "minutes"},
       {"date", "2013-05-02"},
       {"topics", {"Veiligheid"}}});
  Put(server, "overleg-2019",
      {{"title", "Overleg over informatieveiligheid en GDPR"},
       {"body", "Informatieveiligheid, GDPR en autorisatie."},
       {"kind", "minutes"},
       {"date", "2019-11-20"},
       {"topics", {"Veiligheid", "GDPR"}}});
  Put(server, "praktijk",
      {{"title", "Goede praktijk informatieveiligheid"},
       {"body", "Informatieveiligheid in kleine gemeenten."},
       {"kind", "best-practice"},
       {"date", "2016-03-01"}});
  Put(server, "deck",
      {{"title", "Presentatie autorisatie"},
       {"body", "Informatieveiligheid: de slides."},
       {"kind", "presentation"},
       {"date", "2019-02-14"},
       {"topics", {"GDPR"}}});
  const std::string pptx =
      ReadCorpus("ontwikkelaars/handleidingen-en-tutorials/_assets/autorisatie.pptx");
  httplib::MultipartFormDataItems items = {
      {"file", pptx, "autorisatie.pptx", "application/octet-stream"}};
  REQUIRE(server.Client()->Post("/api/v1/pages/deck/files", items)->status == 201);
  server.WaitForIndex();

  for (const std::string q : {"informatieveiligheid", "autorisatie"}) {
    CAPTURE(q);
    const json all = GetJson(server, "/api/v1/search?q=" + q);
    REQUIRE(all["total"].get<int>() > 0);
    CHECK_FALSE(all["facets"]["year"].empty());
    for (const std::string facet : {"kind", "topic", "year", "type"}) {
      for (const auto& [value, count] : all["facets"][facet].items()) {
        CAPTURE(facet);
        CAPTURE(value);
        const json filtered = GetJson(server, "/api/v1/search?q=" + q + "&" + facet + "=" + value);
        CHECK(filtered["total"] == count);
      }
    }
  }
  const json y2019 = GetJson(server, "/api/v1/search?q=informatieveiligheid&year=2019");
  CHECK(y2019["total"].get<int>() >= 2);
  CHECK(y2019["facets"]["year"] == json{{"2019", y2019["total"]}});
  CHECK(GetJson(server, "/api/v1/search?q=jaar:2013%20informatieveiligheid")["total"] == 1);

  // Newest first with sort=date; the page offers both orders and the year facet.
  const json by_date = GetJson(server, "/api/v1/search?q=informatieveiligheid&sort=date");
  std::vector<std::string> dates;
  for (const auto& hit : by_date["hits"]) dates.push_back(hit["date"]);
  REQUIRE(dates.size() >= 3);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  CHECK(dates.front() == "2019-11-20");

  const std::string page = Body(server, "/search?q=informatieveiligheid&year=2019");
  CHECK(Contains(page, "Nieuwste eerst"));
  CHECK(Contains(page, "Relevantie"));
  CHECK(Contains(page, "&amp;sort=date"));
  // The active year links back to the query without it.
  CHECK(Contains(page, "<a href=\"/search?q=informatieveiligheid\" aria-current=\"true\""));
  const std::string unfiltered = Body(server, "/search?q=informatieveiligheid");
  CHECK(Contains(unfiltered, "year=2013"));
}

TEST_CASE("searches with words that find nothing are counted on the admin page") {
  TestServer server;
  Put(server, "wiki", {{"title", "Wiki"}, {"body", "Een wiki."}});
  server.WaitForIndex();
  for (const std::string q : {"xyzzy", "Xyzzy", "plugh%20kassa", "wiki"}) {
    REQUIRE(server.Get("/api/v1/search?q=" + q)->status == 200);
  }
  REQUIRE(server.Get("/search?q=xyzzy")->status == 200);
  REQUIRE(server.Get("/search?kind=minutes")->status == 200);  // no words: not counted

  const json log = GetJson(server, "/api/v1/admin/zero-results");
  REQUIRE(log.size() == 2);
  CHECK(log[0]["query"] == "xyzzy");
  CHECK(log[0]["count"] == 3);
  CHECK(log[1]["query"] == "plugh kassa");
  CHECK(log[1]["count"] == 1);
  CHECK(log[0]["last"].get<std::string>().size() == 20);

  const std::string page = Body(server, "/admin/zero-results");
  CHECK(Contains(page, "Zoekvragen zonder resultaat"));
  CHECK(Contains(page, "<a href=\"/search?q=xyzzy\">xyzzy</a></td><td class=\"count\">3"));
}

TEST_CASE("long and odd queries answer 200 or a clear 400, never 500") {
  TestServer server;
  Put(server, "wiki", {{"title", "Wiki"}, {"body", "Een wiki over kennis."}});
  server.WaitForIndex();
  const std::string words = [] {
    std::string s;
    while (s.size() < 10'000) s += "kennis%20";
    return s.substr(0, 10'000);
  }();
  const std::string odd[] = {std::string(10'000, 'a'),
                             words,
                             "%00",
                             "wiki%00",
                             "%01%02%1F%7F",
                             "%22",
                             "wiki%22",
                             "%C3%28",
                             "%FF",
                             "%22%22%22",
                             "jaar:",
                             "*",
                             "a*b*c"};
  for (const std::string path : {"/search", "/api/v1/search", "/api/v1/suggest"}) {
    for (const std::string& q : odd) {
      CAPTURE(path);
      CAPTURE(q.substr(0, 40));
      auto res = server.Get(path + "?q=" + q);
      REQUIRE(res);
      CHECK((res->status == 200 || res->status == 400));
      if (res->status == 400 && path != "/search") CHECK(json::parse(res->body).contains("error"));
    }
  }
  CHECK(server.Get("/api/v1/search?q=wiki&year=twenty")->status == 400);
  CHECK(server.Get("/api/v1/search?q=wiki&sort=random")->status == 400);
  auto long_page = server.Get("/search?q=" + std::string(10'000, 'a'));
  REQUIRE(long_page);
  CHECK(long_page->status == 400);
  CHECK(Contains(long_page->body, "te lang"));
}

TEST_CASE("the search page offers the search layer's suggestion, escaped") {
  kring::TemplateEngine engine;
  kring::http::Views views(engine);
  kring::http::Request request;
  request.method = "GET";
  request.path = "/search";
  request.query = {{"q", "begroting"}, {"year", "2013"}};
  const kring::SearchQuery query = kring::http::SearchQueryFrom(request);
  kring::SearchResults results;
  results.suggestion = "<script>alert(1)</script> & \"co\"";
  const json view = kring::http::SearchPageView(views, request, query, results,
                                                [](const std::string& slug) { return slug; });
  const std::string html = views.Page(request, "search", view).body;
  CHECK(Contains(html, "Bedoelde u:"));
  CHECK(Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</a>?"));
  CHECK_FALSE(Contains(html, "<script>alert"));
  CHECK(Contains(html, "href=\"/search?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"));

  results.suggestion.clear();
  const json plain = kring::http::SearchPageView(views, request, query, results,
                                                 [](const std::string& slug) { return slug; });
  CHECK_FALSE(Contains(views.Page(request, "search", plain).body, "Bedoelde u"));
}

TEST_CASE("a misspelt query shows the search layer's suggestion when it makes one") {
  TestServer server;
  Put(server, "begroting", {{"title", "Begroting"}, {"body", "De begroting van de gemeente."}});
  server.WaitForIndex();
  const json results = GetJson(server, "/api/v1/search?q=begrotnig");
  // Spelling suggestions come from the search layer; the page must show one when it is made.
  if (results.contains("suggestion")) {
    const std::string page = Body(server, "/search?q=begrotnig");
    CHECK(Contains(page, "Bedoelde u:"));
    CHECK(Contains(page, ">" + results["suggestion"].get<std::string>() + "</a>?"));
  }
}

TEST_CASE("date ranges filter on the page date, day first as written in Flanders") {
  TestServer server;
  for (const auto& [slug, date] : std::vector<std::pair<std::string, std::string>>{
           {"vroeg", "2012-12-12"}, {"midden", "2013-03-13"}, {"laat", "2013-06-13"}}) {
    REQUIRE(server
                .PutPage(slug, {{"title", "Bijeenkomst " + slug},
                                {"body", "Verslag van de kring."},
                                {"kind", "minutes"},
                                {"date", date}})
                ->status == 201);
  }
  server.WaitForIndex();
  // (%20, not '+': the test client escapes a '+' in the path.)
  auto slugs = [&](const std::string& q) {
    std::set<std::string> out;
    auto res = nlohmann::json::parse(server.Get("/api/v1/search?q=" + q)->body);
    for (const auto& hit : res["hits"]) out.insert(hit["slug"]);
    return out;
  };
  CHECK(slugs("kring%20datum%3A1-1-2013..31-12-2013") == std::set<std::string>{"midden", "laat"});
  CHECK(slugs("kring%20date%3A2013-01-01..2013-04-01") == std::set<std::string>{"midden"});
}
