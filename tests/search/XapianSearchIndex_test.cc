#include "search/XapianSearchIndex.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "search/SearchTestSupport.h"

using kring::PageKind;
using kring::SearchQuery;
using kring::SearchResults;
using kring::XapianSearchIndex;
using kring::testing::IndexAll;
using kring::testing::OpenWriter;
using kring::testing::PageSpec;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::Sorted;
using kring::testing::TempDir;

namespace {

// Four small Dutch pages, written once per test case into a fresh index.
struct Corpus {
  Corpus() : dir(tmp.File("xapian")), index(dir) {
    auto writer = OpenWriter(dir);
    IndexAll(*writer,
             {
                 {"vergadering-2013",
                  "Vergadering 13 juni 2013",
                  "Op de vergadering werd het nieuwe CRM besproken. De GIS-werkgroep brengt "
                  "verslag uit over de zaalreservatie.",
                  PageKind::kMinutes,
                  {"crm"},
                  "2013-06-13"},
                 {"presentatie-gis",
                  "Presentatie GIS-platform",
                  "Deze presentatie toont het GIS-platform van de stad en de koppeling met het "
                  "CRM.",
                  PageKind::kPresentation,
                  {"gis", "crm"},
                  "2014-03-01"},
                 {"zaalreservatie",
                  "Zaalreservatie",
                  "Hoe reserveer je een zaal? Via Recreatex. <script>alert(1)</script> blijft "
                  "gewoon tekst.",
                  PageKind::kBestPractice,
                  {"reservaties"},
                  ""},
                 {"kennisbeheer",
                  "Kennisbeheer",
                  "Kennisbeheer gaat over het delen van kennis tussen gemeenten.",
                  PageKind::kPage,
                  {},
                  "",
                  "2015-01-02T10:00:00Z"},
             });
  }

  SearchResults Search(SearchQuery query) {
    auto results = index.Search(query);
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  SearchResults Search(const std::string& text) { return Search(Query(text)); }

  TempDir tmp;
  std::string dir;
  XapianSearchIndex index;
};

}  // namespace

TEST_CASE("queries over Dutch pages find what a member means") {
  struct Case {
    const char* query;
    std::vector<std::string> slugs;  // every hit, any order
  };
  const Case cases[] = {
      // Stemming: plural finds singular, -ies folds onto -ie, capitals do not stop stemming.
      {"vergaderingen", {"vergadering-2013"}},
      {"Vergaderingen", {"vergadering-2013"}},
      {"presentaties", {"presentatie-gis"}},
      // Default AND.
      {"crm gis", {"presentatie-gis", "vergadering-2013"}},
      {"crm recreatex", {}},
      // Capitalised operators work, lowercase "or" is a word.
      {"vergadering OR presentatie", {"presentatie-gis", "vergadering-2013"}},
      {"vergadering or presentatie", {}},
      {"crm NOT presentatie", {"vergadering-2013"}},
      {"crm -presentatie", {"vergadering-2013"}},
      // Phrases keep word order.
      {"\"nieuwe crm\"", {"vergadering-2013"}},
      {"\"crm nieuwe\"", {}},
      // Field prefixes.
      {"titel:zaalreservatie", {"zaalreservatie"}},
      {"title:Zaalreservatie", {"zaalreservatie"}},
      {"topic:crm", {"presentatie-gis", "vergadering-2013"}},
      {"topic:CRM stad", {"presentatie-gis"}},
      {"onderwerp:gis", {"presentatie-gis"}},
      {"topic:gis onderwerp:reservaties", {"presentatie-gis", "zaalreservatie"}},  // one field: OR
      {"topic:crm kind:presentation", {"presentatie-gis"}},  // two fields: AND
      {"kind:minutes", {"vergadering-2013"}},
      {"soort:best-practice", {"zaalreservatie"}},
      {"jaar:2013", {"vergadering-2013"}},
      {"year:2015", {"kennisbeheer"}},  // no page date: the year of the last change
      // Wildcards.
      {"kennis*", {"kennisbeheer"}},
      // Stopwords are dropped from a query with other words.
      {"de kennis", {"kennisbeheer"}},
  };
  Corpus corpus;
  for (const Case& c : cases) {
    CAPTURE(c.query);
    SearchResults results = corpus.Search(c.query);
    CHECK(Sorted(Slugs(results)) == Sorted(c.slugs));
    CHECK(results.total == static_cast<int64_t>(c.slugs.size()));
    CHECK(results.notice.empty());
  }
}

TEST_CASE("a title match ranks above a body-only match") {
  Corpus corpus;
  SearchResults results = corpus.Search("zaalreservatie");
  CHECK(Slugs(results) == std::vector<std::string>{"zaalreservatie", "vergadering-2013"});
}

TEST_CASE("the topic and kind filters of a SearchQuery restrict the matches") {
  struct Case {
    SearchQuery query;
    std::vector<std::string> slugs;
  };
  const Case cases[] = {
      {Query("", "crm"), {"presentatie-gis", "vergadering-2013"}},
      {Query("", "", "minutes"), {"vergadering-2013"}},
      {Query("platform", "crm"), {"presentatie-gis"}},
      {Query("vergadering", "gis"), {}},
      {Query("crm", "crm", "presentation"), {"presentatie-gis"}},
      {Query("", "bestaat-niet"), {}},
      {Query("   "), {}},  // nothing asked: nothing answered
  };
  Corpus corpus;
  for (const Case& c : cases) {
    CAPTURE(c.query.text);
    CAPTURE(c.query.topic);
    CAPTURE(c.query.kind);
    CHECK(Sorted(Slugs(corpus.Search(c.query))) == Sorted(c.slugs));
  }
}

TEST_CASE("a filter without words lists the newest pages first") {
  Corpus corpus;
  CHECK(Slugs(corpus.Search(Query("", "crm"))) ==
        std::vector<std::string>{"presentatie-gis", "vergadering-2013"});
}

TEST_CASE("hits carry what a result line needs") {
  Corpus corpus;
  SearchResults results = corpus.Search("vergaderingen");
  REQUIRE(results.hits.size() == 1);
  const kring::SearchHit& hit = results.hits[0];
  CHECK(hit.slug == "vergadering-2013");
  CHECK(hit.title == "Vergadering 13 juni 2013");
  CHECK(hit.kind == "minutes");
  CHECK(hit.date == "2013-06-13");
  // The stemmed query word is marked where it occurs in its unstemmed form.
  CHECK(hit.snippet_html.find("<mark>vergadering</mark>") != std::string::npos);
}

TEST_CASE("snippets escape the page text") {
  Corpus corpus;
  SearchResults results = corpus.Search("recreatex");
  REQUIRE(results.hits.size() == 1);
  const std::string& snippet = results.hits[0].snippet_html;
  CAPTURE(snippet);
  CHECK(snippet.find("<mark>Recreatex</mark>") != std::string::npos);
  CHECK(snippet.find("<script>") == std::string::npos);
  CHECK(snippet.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("a match deep in a long text is shown in the snippet") {
  TempDir tmp;
  const std::string dir = tmp.File("xapian");
  std::string text;
  while (text.size() < 6000) text += "Een lange inleiding over allerlei zaken. ";
  text += "Pas hier staat het woord zonnepanelen.";
  IndexAll(*OpenWriter(dir), {{"lang", "Lang verhaal", text}});
  XapianSearchIndex index(dir);
  auto results = index.Search(Query("zonnepanelen"));
  REQUIRE(results.ok());
  REQUIRE(results->hits.size() == 1);
  CHECK(results->hits[0].snippet_html.find("<mark>zonnepanelen</mark>") != std::string::npos);
  CHECK(results->hits[0].snippet_html.size() < 400);
}

TEST_CASE("malformed queries never fail") {
  Corpus corpus;
  const char* queries[] = {
      "\"unbalanced", "AND AND", "(",      ")",      "((crm", "crm)", "NOT", "OR crm", "crm AND",
      "a NEAR",       "NEAR/x",  "titel:", "topic:", "*",     "\"",   "+",   "-",      "crm NEAR/3",
      "kennis**",     "::::",    "\xc3",  // invalid UTF-8 byte
  };
  for (const char* query : queries) {
    CAPTURE(query);
    auto results = corpus.index.Search(Query(query));
    REQUIRE(results.ok());
    CHECK((results->notice.empty() || results->notice == kring::kNoticeQuerySimplified));
  }
}

TEST_CASE("a query that does not parse is searched as its words, with a notice") {
  Corpus corpus;
  SearchResults results = corpus.Search("crm AND AND stad");
  CHECK(results.notice == kring::kNoticeQuerySimplified);
  CHECK(Slugs(results) == std::vector<std::string>{"presentatie-gis"});
}

TEST_CASE("facet counts cover every match and count each topic of a page") {
  Corpus corpus;
  SearchResults results = corpus.Search("crm");
  CHECK(Sorted(Slugs(results)) == Sorted({"presentatie-gis", "vergadering-2013"}));
  REQUIRE(results.topics.size() == 2);
  CHECK(results.topics[0].value == "crm");
  CHECK(results.topics[0].count == 2);
  CHECK(results.topics[1].value == "gis");
  CHECK(results.topics[1].count == 1);
  REQUIRE(results.kinds.size() == 2);
  CHECK(results.kinds[0].value == "minutes");
  CHECK(results.kinds[0].count == 1);
  CHECK(results.kinds[1].value == "presentation");
  CHECK(results.kinds[1].count == 1);

  // Facets count all matches, not just the page of hits shown.
  SearchResults first = corpus.Search(Query("crm", "", "", 1, 1));
  CHECK(first.hits.size() == 1);
  CHECK(first.total == 2);
  REQUIRE(first.topics.size() == 2);
  CHECK(first.topics[0].count == 2);
}

TEST_CASE("results come in pages") {
  TempDir tmp;
  const std::string dir = tmp.File("xapian");
  {
    auto writer = OpenWriter(dir);
    for (int i = 0; i < 25; ++i) {
      REQUIRE(writer
                  ->Index(kring::testing::MakePage(
                      {"pagina-" + std::to_string(i), "Pagina " + std::to_string(i),
                       "Over subsidies voor gemeenten, deel " + std::to_string(i)}))
                  .ok());
    }
    REQUIRE(writer->Commit().ok());
  }
  XapianSearchIndex index(dir);
  auto search = [&](int page, int page_size) {
    auto results = index.Search(Query("subsidie", "", "", page, page_size));
    REQUIRE(results.ok());
    CHECK(results->total == 25);
    return std::move(results).value();
  };
  std::vector<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    SearchResults results = search(page, 10);
    CHECK(results.hits.size() == (page < 3 ? 10u : 5u));
    for (const std::string& slug : Slugs(results)) seen.push_back(slug);
  }
  std::vector<std::string> unique = Sorted(seen);
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  CHECK(unique.size() == 25);

  CHECK(search(4, 10).hits.empty());
  CHECK(search(1'000'000'000, 100).hits.empty());
  CHECK(search(0, 10).hits.size() == 10);  // page below 1 is page 1
  CHECK(search(-5, 10).hits.size() == 10);
  CHECK(search(1, 0).hits.size() == 1);      // page_size at least 1
  CHECK(search(1, 1000).hits.size() == 25);  // capped at 100, here all 25
}

TEST_CASE("an index that does not exist yet answers no hits") {
  TempDir tmp;
  XapianSearchIndex missing(tmp.File("nothing-here"));
  auto results = missing.Search(Query("crm"));
  REQUIRE(results.ok());
  CHECK(results->hits.empty());
  CHECK(results->total == 0);

  XapianSearchIndex empty_folder(tmp.File(""));  // exists, but holds no database
  auto from_empty = empty_folder.Search(Query("crm", "crm"));
  REQUIRE(from_empty.ok());
  CHECK(from_empty->hits.empty());
}

TEST_CASE("an index folder that is not a Xapian database is unavailable") {
  TempDir tmp;
  const std::string dir = tmp.File("broken");
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/iamchert") << "not a database"; }
  XapianSearchIndex index(dir);
  auto results = index.Search(Query("crm"));
  REQUIRE_FALSE(results.ok());
  CHECK(results.error().code == kring::ErrorCode::kUnavailable);
}

TEST_CASE("a broad query on a large index estimates its total and scales its facets") {
  // More matches than a search looks at (kCheckAtLeast, 2,000): the total becomes an estimate,
  // the facets are scaled from the documents looked at, and a narrow query stays exact.
  TempDir tmp;
  const std::string dir = tmp.File("xapian");
  {
    auto writer = OpenWriter(dir);
    for (int i = 0; i < 6000; ++i) {
      const bool minutes = i % 2 == 0;
      PageSpec spec{
          "pagina-" + std::to_string(i),
          "Pagina " + std::to_string(i),
          std::string("De gemeente bespreekt ") + (i % 600 == 0 ? "zeldzaam " : "") + "het CRM.",
          minutes ? PageKind::kMinutes : PageKind::kPage,
          {minutes ? "crm" : "intranet"}};
      REQUIRE(writer->Index(kring::testing::MakePage(spec)).ok());
    }
    REQUIRE(writer->Commit().ok());
  }
  XapianSearchIndex index(dir);

  auto broad = index.Search(Query("gemeente"));
  REQUIRE(broad.ok());
  CHECK_FALSE(broad->exact);
  CHECK(broad->total >= 4500);
  CHECK(broad->total <= 7500);
  REQUIRE(broad->kinds.size() == 2);
  for (const auto& kind : broad->kinds) {
    CHECK(kind.count >= 2000);
    CHECK(kind.count <= 4000);
  }

  auto narrow = index.Search(Query("zeldzaam"));
  REQUIRE(narrow.ok());
  CHECK(narrow->exact);
  CHECK(narrow->total == 10);
  REQUIRE(narrow->kinds.size() == 1);
  CHECK(narrow->kinds[0].value == "minutes");
  CHECK(narrow->kinds[0].count == 10);
}
