// Search through HTTP: the outbox and the indexer thread feed Xapian; the API and the search
// page answer from it.
#include <doctest/doctest.h>

#include "TestServer.h"
#include "app/Importer.h"
#include "storage/SqlitePageStore.h"

using kring::testing::Contains;
using kring::testing::TestServer;
using nlohmann::json;

namespace {
json Search(const TestServer& server, const std::string& query) {
  auto res = server.Get("/api/v1/search?" + query);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body);
}
std::vector<std::string> Slugs(const json& results) {
  std::vector<std::string> slugs;
  for (const auto& hit : results["hits"]) slugs.push_back(hit["slug"]);
  return slugs;
}
bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}
}  // namespace

TEST_CASE("a saved page becomes searchable, with the title above the body") {
  TestServer server;
  REQUIRE(server
              .PutPage("kennisbeheer", {{"title", "Kennisbeheer"},
                                        {"body", "Over het kennis- en databeheer."},
                                        {"topics", {"Kennisbeheer"}}})
              ->status == 201);
  REQUIRE(server
              .PutPage("wiki", {{"title", "Wiki's in gemeenten"},
                                {"body", "Een wiki helpt bij kennisbeheer."},
                                {"kind", "best-practice"}})
              ->status == 201);
  server.WaitForIndex();

  auto results = Search(server, "q=kennisbeheer");
  CHECK(results["total"] == 2);
  REQUIRE(results["hits"].size() == 2);
  CHECK(results["hits"][0]["slug"] == "kennisbeheer");
  CHECK(Contains(results["hits"][1]["snippet"], "<mark>kennisbeheer</mark>"));
  CHECK(results["facets"]["kind"]["best-practice"] == 1);

  SUBCASE("filters by kind and topic") {
    CHECK(Slugs(Search(server, "q=kennisbeheer&kind=best-practice")) ==
          std::vector<std::string>{"wiki"});
    CHECK(Slugs(Search(server, "q=kennisbeheer&topic=kennisbeheer")) ==
          std::vector<std::string>{"kennisbeheer"});
    CHECK(Slugs(Search(server, "kind=best-practice")) == std::vector<std::string>{"wiki"});
  }
  SUBCASE("an edit replaces the indexed text") {
    REQUIRE(server
                .PutPage("wiki", {{"title", "Wiki's in gemeenten"},
                                  {"body", "Nu over intranet."},
                                  {"base_revision", 1}})
                ->status == 200);
    server.WaitForIndex();
    CHECK(Slugs(Search(server, "q=kennisbeheer")) == std::vector<std::string>{"kennisbeheer"});
    CHECK(Slugs(Search(server, "q=intranet")) == std::vector<std::string>{"wiki"});
  }
  SUBCASE("the search page shows hits with highlighted snippets and facets") {
    auto page = server.Get("/search?q=kennisbeheer");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(Contains(page->body, "href=\"/p/kennisbeheer\""));
    CHECK(Contains(page->body, "<mark>"));
    CHECK(Contains(page->body, "kind=best-practice"));
  }
  SUBCASE("a query that cannot be parsed still answers") {
    for (const std::string q : {"%22kennis", "AND+AND", "(", "kennis+NEAR", "titel%3A"}) {
      CAPTURE(q);
      auto res = server.Get("/api/v1/search?q=" + q);
      REQUIRE(res);
      CHECK(res->status == 200);
      CHECK(server.Get("/search?q=" + q)->status == 200);
    }
  }
}

TEST_CASE("pagination walks through every hit once") {
  TestServer server;
  for (int i = 0; i < 23; ++i) {
    REQUIRE(server
                .PutPage("verslag-" + std::to_string(i),
                         {{"title", "Verslag " + std::to_string(i)},
                          {"body", "De vergadering van de kenniskring."}})
                ->status == 201);
  }
  server.WaitForIndex();
  std::set<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    auto results = Search(server, "q=vergadering&page=" + std::to_string(page));
    CHECK(results["total"] == 23);
    for (const auto& slug : Slugs(results)) seen.insert(slug);
  }
  CHECK(seen.size() == 23);
  auto html = server.Get("/search?q=vergadering&page=2");
  CHECK(Contains(html->body, "page=3"));
  CHECK(Contains(html->body, "page=1"));
}

TEST_CASE("after importing the gemma-zaken corpus, Dutch searches find the expected pages") {
  TestServer server;
  auto report =
      kring::ImportDirectory(KRING_CORPUS_DIR "/docs", server.app().pages(), server.app().store());
  REQUIRE(report.ok());
  CHECK(report->pages_created == 222);
  CHECK(report->skipped.empty());
  REQUIRE(server
              .PutPage("verslag-roeselare", {{"title", "Verslag Roeselare"},
                                             {"body", "De vergadering begon om 14 uur."},
                                             {"kind", "minutes"}})
              ->status == 201);
  server.WaitForIndex();

  auto zaaktype = Search(server, "q=zaaktype");
  CHECK(zaaktype["total"].get<int>() >= 10);
  CHECK(Has(Slugs(zaaktype), "overige-functioneel-zaaktypen-api"));
  for (const auto& hit : zaaktype["hits"]) {
    CAPTURE(hit["slug"]);
    CHECK(Contains(hit["snippet"], "<mark>"));
  }

  auto vergaderingen = Search(server, "q=vergaderingen");
  CHECK(Has(Slugs(vergaderingen), "verslag-roeselare"));
  CHECK(Contains(vergaderingen["hits"][0]["snippet"], "<mark>vergadering</mark>"));

  auto bijeenkomst = Search(server, "q=bijeenkomst");
  CHECK(bijeenkomst["total"].get<int>() >= 2);
}
