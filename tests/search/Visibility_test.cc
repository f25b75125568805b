// Members-only pages and their files in the search index, end to end: saved in the real SQLite
// store, indexed by the Indexer, searched through XapianSearchIndex (with its result cache). A
// public search never shows them in hits, totals, facets, title suggestions, related pages or
// spelling suggestions; a members search does; made public again, they are found by everyone.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "search/Indexer.h"
#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"
#include "storage/SqlitePageStore.h"

namespace kring {
namespace {

using testing::Query;
using testing::Slugs;
using testing::Sorted;
using testing::TempDir;
using StringList = std::vector<std::string>;

// The unique word of the members-only page and of its file.
constexpr const char* kSecret = "kwartelkorting";

NewRevision Revision(const std::string& slug, const std::string& title, const std::string& text,
                     std::vector<std::string> topics, Visibility visibility) {
  NewRevision revision;
  revision.input.slug = slug;
  revision.input.title = title;
  revision.input.body = text;
  revision.input.topics = std::move(topics);
  revision.input.visibility = visibility;
  revision.text = text;
  revision.html = "<p>" + text + "</p>";
  return revision;
}

bool HasValue(const std::vector<FacetCount>& facets, const std::string& value) {
  return std::any_of(facets.begin(), facets.end(),
                     [&](const FacetCount& facet) { return facet.value == value; });
}

StringList SuggestionSlugs(const std::vector<TitleSuggestion>& suggestions) {
  StringList slugs;
  for (const TitleSuggestion& suggestion : suggestions) slugs.push_back(suggestion.slug);
  return slugs;
}

// A public page on hall rental and a members-only note on the supplier's contract terms with a
// deck attached, both about the same supplier.
struct Circle {
  Circle() {
    auto opened = SqlitePageStore::Open(dir.File("kring.db"));
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    IndexerOptions options;
    options.xapian_dir = dir.File("xapian");
    auto started = Indexer::Open(*store, *store, *store, options);
    REQUIRE(started.ok());
    indexer = std::move(started).value();

    Save("zaalverhuur", "Zaalverhuur met Recreatex",
         "De leverancier Recreatex levert de software voor zaalverhuur en tarieven.", {"zalen"},
         Visibility::kPublic);
    SaveContract(Visibility::kMembers);
    const std::string content = "deck";
    auto deck = store->PutFile(
        NewFile{"contract", "voorwaarden.pptx", "application/vnd.ms-powerpoint", "Ann", content});
    REQUIRE(deck.ok());
    Extraction slides;
    slides.section_kind = "slide";
    slides.sections = {{1, std::string("De ") + kSecret + " op de licentie van de leverancier."}};
    REQUIRE(store->SaveExtraction(deck->id, slides).ok());
    Drain();
  }

  void Save(const std::string& slug, const std::string& title, const std::string& text,
            std::vector<std::string> topics, Visibility visibility) {
    REQUIRE(store->SaveRevision(Revision(slug, title, text, std::move(topics), visibility)).ok());
  }
  void SaveContract(Visibility visibility) {
    Save("contract", "Contractvoorwaarden Recreatex",
         std::string("De leverancier Recreatex geeft een ") + kSecret +
             " op zaalverhuur en tarieven.",
         {"contracten"}, visibility);
  }
  void Drain() { REQUIRE(indexer->DrainAll().ok()); }

  SearchResults Search(SearchQuery query, Audience audience) {
    query.audience = audience;
    auto results = index.Search(query);
    REQUIRE(results.ok());
    return std::move(results).value();
  }

  TempDir dir;
  std::unique_ptr<SqlitePageStore> store;
  std::unique_ptr<Indexer> indexer;
  XapianSearchIndex index{dir.File("xapian")};  // with its result cache
};

TEST_CASE("a members-only page and its file are found by members only") {
  Circle c;
  // Members first: the public search of the same query must not be served from the cache.
  const SearchResults members = c.Search(Query(kSecret), Audience::kMembers);
  CHECK(members.total == 2);
  CHECK(Slugs(members) == StringList{"contract", "contract"});
  const SearchResults anonymous = c.Search(Query(kSecret), Audience::kPublic);
  CHECK(anonymous.total == 0);
  CHECK(anonymous.hits.empty());

  // A word on both pages: the public sees one hit, and no facet of the hidden page or its deck.
  const SearchResults shared = c.Search(Query("leverancier"), Audience::kPublic);
  CHECK(shared.total == 1);
  CHECK(Slugs(shared) == StringList{"zaalverhuur"});
  CHECK_FALSE(HasValue(shared.topics, "contracten"));
  CHECK_FALSE(HasValue(shared.types, "pptx"));
  for (const SearchHit& hit : shared.hits)
    CHECK(hit.snippet_html.find(kSecret) == std::string::npos);
  const SearchResults all = c.Search(Query("leverancier"), Audience::kMembers);
  CHECK(all.total == 3);
  CHECK(HasValue(all.topics, "contracten"));
  CHECK(HasValue(all.types, "pptx"));

  // Filters alone list nothing hidden either.
  CHECK(c.Search(Query("", "contracten"), Audience::kPublic).total == 0);
  CHECK(c.Search(Query("", "contracten"), Audience::kMembers).total == 2);
  CHECK(c.Search(testing::TypeQuery("", "pptx"), Audience::kPublic).total == 0);
}

TEST_CASE("spelling suggestions, title suggestions and related pages keep members-only words") {
  Circle c;
  const std::string typo = "kwartelkortin";
  CHECK(c.Search(Query(typo), Audience::kMembers).suggestion == kSecret);
  CHECK(c.Search(Query(typo), Audience::kPublic).suggestion.empty());
  // The hidden word typed exactly is not "known" to the public either: no hint that it exists.
  CHECK(c.Search(Query(kSecret), Audience::kPublic).suggestion.find(kSecret) == std::string::npos);

  CHECK(SuggestionSlugs(c.index.Suggest("contractvoor", 5, Audience::kMembers)) ==
        StringList{"contract"});
  CHECK(c.index.Suggest("contractvoor", 5, Audience::kPublic).empty());

  CHECK(SuggestionSlugs(c.index.Related("zaalverhuur", 5, Audience::kMembers)) ==
        StringList{"contract"});
  CHECK(c.index.Related("zaalverhuur", 5, Audience::kPublic).empty());
}

TEST_CASE("a members-only page made public is found by everyone once indexed again") {
  Circle c;
  REQUIRE(c.Search(Query(kSecret), Audience::kPublic).total == 0);
  c.SaveContract(Visibility::kPublic);
  c.Drain();  // the page's row indexes its files again with it
  const SearchResults anonymous = c.Search(Query(kSecret), Audience::kPublic);
  CHECK(anonymous.total == 2);
  CHECK(Sorted(Slugs(anonymous)) == StringList{"contract", "contract"});
  CHECK(HasValue(c.Search(Query("leverancier"), Audience::kPublic).topics, "contracten"));

  // And back to members only: hidden again.
  c.SaveContract(Visibility::kMembers);
  c.Drain();
  CHECK(c.Search(Query(kSecret), Audience::kPublic).total == 0);
}

}  // namespace
}  // namespace kring
