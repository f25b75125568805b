// Applications in the search index: the XA filter term (app:, toepassing:, SearchQuery::
// application) on a page and its files, and the applications facet with its names.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"

using kring::Audience;
using kring::FacetCount;
using kring::SearchQuery;
using kring::SearchResults;
using kring::Visibility;
using kring::XapianSearchIndex;
using kring::testing::FileSpec;
using kring::testing::FindFacet;
using kring::testing::MakeFile;
using kring::testing::MakePage;
using kring::testing::OpenWriter;
using kring::testing::PageSpec;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::Sorted;
using kring::testing::TempDir;

namespace {

using Words = std::vector<std::string>;

kring::Page Tagged(std::string slug, std::string title, std::vector<std::string> applications,
                   Visibility visibility = Visibility::kPublic) {
  kring::Page page = MakePage(PageSpec{std::move(slug), std::move(title),
                                       "Ervaringen met zaalverhuur en kassa in de gemeente."});
  page.applications = std::move(applications);
  page.visibility = visibility;
  return page;
}

// Pages tagged with Recreatex (spelt two ways), Agility or both, one members-only; a page that
// only mentions Recreatex in its text; and a deck on a Recreatex page.
struct Corpus {
  Corpus() : dir(tmp.File("xapian")), index(dir) {
    auto writer = OpenWriter(dir);
    const kring::Page recreatex = Tagged("recreatex-izegem", "Zaalverhuur Izegem", {"Recreatex"});
    for (const kring::Page& page : {
             recreatex,
             Tagged("kassa-roeselare", "Kassa Roeselare", {"RecreaTex"}),
             Tagged("meldpunt", "Meldpunt", {"Agility"}),
             Tagged("beide", "Beide", {"Recreatex", "Agility"}),
             Tagged("intern", "Intern", {"Recreatex"}, Visibility::kMembers),
             Tagged("vermelding", "Vermelding", {}),
         }) {
      REQUIRE(writer->Index(page).ok());
    }
    kring::Page mention = Tagged("alleen-tekst", "Alleen tekst", {});
    mention.text = "Wij gebruiken geen Recreatex voor zaalverhuur.";
    REQUIRE(writer->Index(mention).ok());
    REQUIRE(writer
                ->IndexFile(MakeFile(FileSpec{7,
                                              "recreatex-izegem",
                                              "zalen.pdf",
                                              "page",
                                              {"Zaalverhuur met kassa in de gemeente."}}),
                            &recreatex)
                .ok());
    REQUIRE(writer->Commit().ok());
  }

  SearchResults Search(SearchQuery query, Audience audience = Audience::kMembers) {
    query.audience = audience;
    auto results = index.Search(query);
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  SearchResults ByApplication(std::string text, std::string application,
                              Audience audience = Audience::kMembers) {
    SearchQuery query = Query(std::move(text));
    query.application = std::move(application);
    return Search(query, audience);
  }

  TempDir tmp;
  std::string dir;
  XapianSearchIndex index;
};

}  // namespace

TEST_CASE("app: and toepassing: find the pages tagged with an application and their files") {
  Corpus corpus;
  // The tagged pages and the deck on one of them; not the page that only mentions Recreatex.
  const Words recreatex = {"beide", "intern", "kassa-roeselare", "recreatex-izegem",
                           "recreatex-izegem"};
  struct Case {
    const char* query;
    Words slugs;
  };
  for (const Case& c : {
           Case{"app:recreatex", recreatex},
           Case{"toepassing:recreatex", recreatex},
           Case{"app:\"Recreatex\"", recreatex},
           Case{"app:RecreaTex", recreatex},
           Case{"zaalverhuur app:recreatex", recreatex},
           Case{"app:agility", {"beide", "meldpunt"}},
           // Two applications OR, like two topics.
           Case{"app:agility toepassing:recreatex",
                {"beide", "intern", "kassa-roeselare", "meldpunt", "recreatex-izegem",
                 "recreatex-izegem"}},
           Case{"app:recreatex -app:agility",
                {"intern", "kassa-roeselare", "recreatex-izegem", "recreatex-izegem"}},
           Case{"app:syx", {}},
       }) {
    CAPTURE(c.query);
    CHECK(Sorted(Slugs(corpus.Search(Query(c.query)))) == Sorted(c.slugs));
  }
  // The plain word still finds the page that only mentions it.
  const Words mentions = Slugs(corpus.Search(Query("recreatex")));
  CHECK(std::find(mentions.begin(), mentions.end(), "alleen-tekst") != mentions.end());
}

TEST_CASE("SearchQuery::application filters by key or name; readers never see members-only") {
  Corpus corpus;
  CHECK(Sorted(Slugs(corpus.ByApplication("", "recreatex"))) ==
        Words{"beide", "intern", "kassa-roeselare", "recreatex-izegem", "recreatex-izegem"});
  CHECK(Sorted(Slugs(corpus.ByApplication("", "Recreatex"))) ==
        Words{"beide", "intern", "kassa-roeselare", "recreatex-izegem", "recreatex-izegem"});
  CHECK(Sorted(Slugs(corpus.ByApplication("", "recreatex", Audience::kPublic))) ==
        Words{"beide", "kassa-roeselare", "recreatex-izegem", "recreatex-izegem"});
  CHECK(Sorted(Slugs(corpus.Search(Query("app:recreatex"), Audience::kPublic))) ==
        Words{"beide", "kassa-roeselare", "recreatex-izegem", "recreatex-izegem"});
  CHECK(Slugs(corpus.ByApplication("meldpunt", "agility")) == Words{"meldpunt"});
  CHECK(corpus.ByApplication("", "nergens").total == 0);
}

TEST_CASE("the applications facet counts each tag by key, names it, and equals filtered totals") {
  Corpus corpus;
  const SearchResults all = corpus.Search(Query("gemeente"));
  // Pages: four tagged ones, the members-only one and the untagged one; the deck once.
  CHECK(all.total == 7);
  REQUIRE(all.applications.size() == 2);
  CHECK(all.applications[0].value == "recreatex");
  CHECK(all.applications[0].count == 5);            // four pages and the deck
  CHECK(all.applications[0].label == "Recreatex");  // the more common spelling
  const FacetCount* agility = FindFacet(all.applications, "agility");
  REQUIRE(agility != nullptr);
  CHECK(agility->count == 2);
  CHECK(agility->label == "Agility");
  for (const FacetCount& facet : all.applications) {
    CAPTURE(facet.value);
    CHECK(corpus.ByApplication("gemeente", facet.value).total == facet.count);
  }
  // The public count leaves out the members-only page.
  const SearchResults readers = corpus.Search(Query("gemeente"), Audience::kPublic);
  CHECK(FindFacet(readers.applications, "recreatex")->count == 4);
}
