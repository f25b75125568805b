// Organisations in the search index: the XO filter term (org:, organisatie:, SearchQuery::
// organisation), the organisation facet with its names, and the organisation of each hit.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"

using kring::FacetCount;
using kring::PageKind;
using kring::SearchQuery;
using kring::SearchResults;
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

PageSpec Spec(std::string slug, std::string title, std::string organisation,
              PageKind kind = PageKind::kMinutes) {
  PageSpec spec{std::move(slug), std::move(title), "Verslag van de kringbijeenkomst.", kind};
  spec.organisation = std::move(organisation);
  return spec;
}

// Five pages of three organisations (one spelt two ways, one page without), and a deck on a
// Roeselare page.
struct Corpus {
  Corpus() : dir(tmp.File("xapian")), index(dir) {
    auto writer = OpenWriter(dir);
    for (const PageSpec& spec : {
             Spec("oostrozebeke-2012", "Bijeenkomst Oostrozebeke", "Gemeente Oostrozebeke"),
             Spec("roeselare-2013", "Bijeenkomst Roeselare", "Stad Roeselare"),
             Spec("crm-roeselare", "CRM in Roeselare", "stad Roeselare", PageKind::kPresentation),
             Spec("intranet-izegem", "Intranet", "OCMW Izegem", PageKind::kBestPractice),
             Spec("welkom", "Welkom", ""),
         }) {
      REQUIRE(writer->Index(MakePage(spec)).ok());
    }
    const kring::Page deck_page = MakePage(
        Spec("crm-roeselare", "CRM in Roeselare", "stad Roeselare", PageKind::kPresentation));
    REQUIRE(writer
                ->IndexFile(MakeFile(FileSpec{5,
                                              "crm-roeselare",
                                              "crm.pdf",
                                              "page",
                                              {"De kringbijeenkomst over CRM.", "Vragen"}}),
                            &deck_page)
                .ok());
    REQUIRE(writer->Commit().ok());
  }

  SearchResults Search(const SearchQuery& query) {
    auto results = index.Search(query);
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  SearchResults Search(const std::string& text) { return Search(Query(text)); }
  SearchResults ByOrganisation(std::string text, std::string organisation) {
    SearchQuery query = Query(std::move(text));
    query.organisation = std::move(organisation);
    return Search(query);
  }

  TempDir tmp;
  std::string dir;
  XapianSearchIndex index;
};

}  // namespace

TEST_CASE("org: and organisatie: filter on an organisation, by key or by name") {
  Corpus corpus;
  const Words roeselare = {"crm-roeselare", "crm-roeselare", "roeselare-2013"};  // page and deck
  struct Case {
    const char* query;
    Words slugs;
  };
  for (const Case& c : {
           Case{"kringbijeenkomst org:stad-roeselare", roeselare},
           Case{"kringbijeenkomst organisatie:stad-roeselare", roeselare},
           Case{"kringbijeenkomst organisatie:\"Stad Roeselare\"", roeselare},
           Case{"kringbijeenkomst org:Stad-Roeselare", roeselare},
           Case{"org:gemeente-oostrozebeke", {"oostrozebeke-2012"}},
           Case{"org:ocmw-izegem kringbijeenkomst", {"intranet-izegem"}},
           // Two organisations OR, like two topics; with kind: they AND.
           Case{"org:ocmw-izegem org:gemeente-oostrozebeke",
                {"intranet-izegem", "oostrozebeke-2012"}},
           Case{"org:stad-roeselare kind:presentation", {"crm-roeselare", "crm-roeselare"}},
           Case{"org:roeselare", {}},
           Case{"kringbijeenkomst -org:stad-roeselare",
                {"intranet-izegem", "oostrozebeke-2012", "welkom"}},
       }) {
    CAPTURE(c.query);
    CHECK(Sorted(Slugs(corpus.Search(c.query))) == Sorted(c.slugs));
  }
}

TEST_CASE("SearchQuery::organisation keeps exactly that organisation's pages and files") {
  Corpus corpus;
  CHECK(Sorted(Slugs(corpus.ByOrganisation("", "stad-roeselare"))) ==
        Words{"crm-roeselare", "crm-roeselare", "roeselare-2013"});
  CHECK(Sorted(Slugs(corpus.ByOrganisation("", "Stad Roeselare"))) ==
        Words{"crm-roeselare", "crm-roeselare", "roeselare-2013"});
  CHECK(Slugs(corpus.ByOrganisation("intranet", "ocmw-izegem")) == Words{"intranet-izegem"});
  CHECK(Slugs(corpus.ByOrganisation("intranet", "stad-roeselare")).empty());
  CHECK(corpus.ByOrganisation("", "nergens").total == 0);
}

TEST_CASE("the organisation facet counts by key, names each, and equals the filtered totals") {
  Corpus corpus;
  const SearchResults all = corpus.Search("kringbijeenkomst");
  CHECK(all.total == 6);  // five pages and the deck, once
  REQUIRE(all.organisations.size() == 3);
  // Roeselare: its two pages and the deck, under one key whatever the spelling.
  CHECK(all.organisations[0].value == "stad-roeselare");
  CHECK(all.organisations[0].count == 3);
  // "stad Roeselare" is on the page and the deck: the more common spelling is shown.
  CHECK(all.organisations[0].label == "stad Roeselare");
  const FacetCount* izegem = FindFacet(all.organisations, "ocmw-izegem");
  REQUIRE(izegem != nullptr);
  CHECK(izegem->count == 1);
  CHECK(izegem->label == "OCMW Izegem");
  CHECK(FindFacet(all.organisations, "gemeente-oostrozebeke")->label == "Gemeente Oostrozebeke");

  for (const FacetCount& facet : all.organisations) {
    CAPTURE(facet.value);
    const SearchResults filtered = corpus.ByOrganisation("kringbijeenkomst", facet.value);
    CHECK(filtered.total == facet.count);
    REQUIRE(filtered.organisations.size() == 1);
    CHECK(filtered.organisations[0].count == facet.count);
  }
}

TEST_CASE("a hit names its organisation as written; a file its page's") {
  Corpus corpus;
  for (const kring::SearchHit& hit : corpus.Search("kringbijeenkomst").hits) {
    CAPTURE(hit.slug);
    if (hit.slug == "crm-roeselare") {
      CHECK(hit.organisation == "stad Roeselare");
    } else if (hit.slug == "roeselare-2013") {
      CHECK(hit.organisation == "Stad Roeselare");
    } else if (hit.slug == "welkom") {
      CHECK(hit.organisation.empty());
    } else {
      CHECK_FALSE(hit.organisation.empty());
    }
  }
}
