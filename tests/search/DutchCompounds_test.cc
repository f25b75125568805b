// Dutch compounds, hyphen ellipses, synonyms and spelling suggestions (issue 4), through the
// splitter and through real indexes in temporary folders.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "SearchTestSupport.h"
#include "search/Compounds.h"
#include "search/DutchAnalysis.h"
#include "search/QueryRewrite.h"
#include "search/Synonyms.h"
#include "search/XapianSearchIndex.h"

using kring::SearchResults;
using kring::XapianSearchIndex;
using kring::search::CompoundSplitter;
using kring::search::CurrentSynonyms;
using kring::search::ReloadSynonyms;
using kring::search::SynonymTable;
using kring::testing::IndexAll;
using kring::testing::OpenWriter;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::Sorted;
using kring::testing::TempDir;

namespace {

using Words = std::vector<std::string>;

// A splitter that does not depend on /usr/share/dict/dutch being installed.
const CompoundSplitter& Small() {
  static const CompoundSplitter splitter(
      {"kennis", "beheer", "systeem", "beleid", "veilig", "veiligheid", "informatie", "datum"},
      {"data", "zaal", "reservatie", "reservaties", "plan", "prak", "tijk"}, {"praktijk"});
  return splitter;
}

struct Index {
  explicit Index(std::initializer_list<kring::testing::PageSpec> pages) : index(dir) {
    auto writer = OpenWriter(dir);
    IndexAll(*writer, pages);
  }
  SearchResults Search(const std::string& text) {
    auto results = index.Search(Query(text));
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  TempDir tmp;
  std::string dir = tmp.File("xapian");
  XapianSearchIndex index;
};

Index KennisPages() {
  return Index{
      {"exact", "Kennisbeheer", "Kennisbeheer in de gemeente: wie weet wat."},
      {"ellipsis", "Dienst ICT", "De dienst ICT doet het kennis- en databeheer."},
      {"apart", "Pensioen", "Het beheer van kennis bij een pensioen vraagt aandacht."},
      {"systeem", "Software", "Het nieuwe kennisbeheersysteem draait in de cloud."},
      {"zalen", "Zaalreservaties", "Zaalreservaties van verenigingen lopen via het e-loket."},
      {"veilig", "Informatiebeheer en -veiligheid", "Over informatiebeheer en -veiligheid."},
      {"crm", "Klantrelatiebeheer", "Elk contact met burgers staat in het pakket."},
  };
}

}  // namespace

TEST_CASE("compounds split into vocabulary words of 4+ letters, with linking s") {
  CHECK(Small().Split("kennisbeheersysteem") == Words{"kennis", "beheer", "systeem"});
  CHECK(Small().Split("beleidsplan") == Words{"beleid", "plan"});
  CHECK(Small().Split("zaalreservaties") == Words{"zaal", "reservaties"});
  CHECK(Small().Split("veiligheid").empty());    // "heid" is a suffix, never a part
  CHECK(Small().Split("kennis").empty());        // short
  CHECK(Small().Split("Kennisbeheer").empty());  // only lowercase words
  CHECK(Small().Split("kennisxbeheer").empty());
  CHECK(Small().IndexParts("kennisbeheersysteem") ==
        Words{"kennis", "beheer", "systeem", "kennisbeheer", "beheersysteem"});
}

TEST_CASE("compound terms are XC and the stem of each part, the same when remembered") {
  const Xapian::Stem stem = kring::search::MakeDutchStemmer();
  auto expected = [&](const std::string& word) {
    Words terms;
    for (const std::string& part : Small().IndexParts(word)) terms.push_back("XC" + stem(part));
    return terms;
  };
  // Room for one word only: the second word makes it start afresh.
  kring::search::CompoundTerms terms(stem, Small(), 1);
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    for (const std::string word : {"kennisbeheersysteem", "beleidsplan", "kennisbeheersysteem"}) {
      CAPTURE(word);
      CHECK(terms.Of(word) == expected(word));
    }
    CHECK(terms.Of("kennisbeheersysteem").size() == 5);
    CHECK(terms.Of("kennis").empty());      // short
    CHECK(terms.Of("veiligheid").empty());  // does not split
    CHECK(terms.Of("praktijk").empty());    // an exception
  }
}

TEST_CASE("the exceptions file and list are honoured") {
  CHECK(Small().Split("praktijk").empty());  // prak + tijk, listed as an exception
  const CompoundSplitter no_exceptions({}, {"prak", "tijk"}, {});
  CHECK(no_exceptions.Split("praktijk") == Words{"prak", "tijk"});
  // index/compound-exceptions.txt: a wrong split found in the corpus.
  CHECK(CompoundSplitter::Default().Split("adresseerbaar").empty());
  CHECK(CompoundSplitter::Default().Split("kennisbeheer") == Words{"kennis", "beheer"});
}

TEST_CASE("hyphen ellipses are written out where the full word splits") {
  CHECK(Small().ExpandEllipses("het kennis- en databeheer") == "het kennisbeheer en databeheer");
  CHECK(Small().ExpandEllipses("Informatiebeheer en -veiligheid.") ==
        "Informatiebeheer en informatieveiligheid.");
  CHECK(Small().ExpandEllipses("kennis-, data- en informatiebeheer") ==
        "kennisbeheer, databeheer en informatiebeheer");
  CHECK(Small().ExpandEllipses("(kennis- of databeheer)") == "(kennisbeheer of databeheer)");
  CHECK(Small().ExpandEllipses("beleidsplan en -datum") == "beleidsplan en beleidsdatum");
  // Unchanged: no ellipsis, or the full word does not split.
  CHECK(Small().ExpandEllipses("e-mail en -loket") == "e-mail en -loket");
  CHECK(Small().ExpandEllipses("pre- en post-") == "pre- en post-");
  CHECK(Small().ExpandEllipses("- en -") == "- en -");
  CHECK(Small().ExpandEllipses("") == "");
}

TEST_CASE("compounds match at index and query time, the exact word first") {
  Index pages = KennisPages();
  // Query time: the parts of kennisbeheer apart ("beheer van kennis") and inside a longer
  // compound; index time: the ellipsis written out. The exact word ranks first.
  const auto kennisbeheer = Slugs(pages.Search("kennisbeheer"));
  REQUIRE(kennisbeheer.size() == 4);
  CHECK(kennisbeheer[0] == "exact");
  CHECK(Sorted(kennisbeheer) == Sorted({"exact", "ellipsis", "apart", "systeem"}));
  // Index time: a part finds the compounds; the plain word, where it stands, first.
  const auto beheer = Slugs(pages.Search("beheer"));
  CHECK(Sorted(beheer) == Sorted({"exact", "ellipsis", "apart", "systeem", "veilig", "crm"}));
  CHECK(beheer[0] == "apart");
  CHECK(Slugs(pages.Search("reservatie")) == Words{"zalen"});
  CHECK(Slugs(pages.Search("databeheer")) == Words{"ellipsis"});
  CHECK(Slugs(pages.Search("informatieveiligheid")) == Words{"veilig"});
  // Phrases stay exact: no compound rewrite inside quotes.
  CHECK(Slugs(pages.Search("\"beheer van kennis\"")) == Words{"apart"});
  // The snippet shows the text as written, not the expanded ellipsis.
  CHECK(pages.Search("databeheer").hits[0].snippet_html.find("kennis- en") != std::string::npos);
}

TEST_CASE("synonyms and abbreviations apply at query time and can be reloaded") {
  Index pages = KennisPages();
  CHECK(Slugs(pages.Search("KM"))[0] == "exact");
  CHECK(Slugs(pages.Search("knowledge management"))[0] == "exact");
  CHECK(Slugs(pages.Search("CRM")) == Words{"crm"});
  CHECK(Slugs(pages.Search("zaalverhuur")) == Words{"zalen"});

  // A new table takes effect on the next query, without reindexing.
  ReloadSynonyms("kennisbeheer, wiki\n");
  CHECK(Slugs(pages.Search("CRM")).empty());
  CHECK(Slugs(pages.Search("wiki"))[0] == "exact");
  ReloadSynonyms();  // the embedded default again
  CHECK(Slugs(pages.Search("CRM")) == Words{"crm"});
  CHECK(Slugs(pages.Search("wiki")).empty());
}

TEST_CASE("synonym files: groups of comma-separated members, phrases stemmed per word") {
  const SynonymTable table = SynonymTable::Parse("# comment\nA, B c\n\nlonely\n d ,e,\n");
  CHECK(table.size() == 2);
  CHECK(table.max_words() == 2);
  CHECK(table.GroupsOf({"a"}).size() == 1);
  CHECK(table.GroupsOf({"lonely"}).empty());
  CHECK(CurrentSynonyms()->size() >= 30);  // index/synonyms.txt
}

TEST_CASE("a spelling suggestion comes only when few results, never for short words") {
  Index pages = KennisPages();
  SearchResults misspelt = pages.Search("kennisbeheersysteen");
  CHECK(misspelt.hits.empty());
  CHECK(misspelt.suggestion == "kennisbeheersysteem");
  CHECK(pages.Search("Zaalreservaties verenigngen").suggestion == "zaalreservaties verenigingen");
  CHECK(pages.Search("kenis").suggestion == "kennis");
  CHECK(pages.Search("kenns").suggestion == "kennis");
  CHECK(pages.Search("ict").suggestion.empty());
  CHECK(pages.Search("wiet").suggestion.empty());          // 4 letters: never corrected
  CHECK(pages.Search("kennisbeheer").suggestion.empty());  // enough results
  CHECK(pages.Search("qqqqqqqqqq").suggestion.empty());    // nothing close
}

TEST_CASE("long queries and control characters answer without throwing") {
  Index pages = KennisPages();
  std::string long_query;
  while (long_query.size() < 10'000) long_query += "kennisbeheer zaalverhuur -veiligheid ";
  long_query.resize(10'000);
  CHECK(pages.index.Search(Query(long_query)).ok());
  std::string odd = "kennis";
  odd += '\0';
  odd += "beheer\x01\x02\x7f\x1b[0m -\t-\n- en -";
  CHECK(pages.index.Search(Query(odd)).ok());
  CHECK(pages.index.Search(Query("- en -")).ok());
  CHECK(pages.index.Search(Query("kennis- en")).ok());
}

TEST_CASE("the corpus vocabulary splits the circle's jargon") {
  // "recreatex" (the room-booking product) is in index/compound-corpus.txt (scripts/corpus-
  // vocabulary), not in the system word list: without it the compound does not split.
  CHECK(CompoundSplitter::Default().Split("recreatexkoppeling") == Words{"recreatex", "koppeling"});

  Index index{{"koppeling", "Zaalbeheer", "De Recreatexkoppeling met het boekhoudpakket werkt."},
              {"ander", "Kassa", "Een kassa zonder koppeling."}};
  CHECK(Slugs(index.Search("recreatex")) == Words{"koppeling"});
}

TEST_CASE("a common word is not also searched as its parts apart") {
  // Split matches rank after every match of the word; past kSplitOnlyBelow of those the
  // positional check is left out (it cost tens of ms per query on 100,000 pages).
  kring::search::DutchAnalysis analysis(Small());
  Xapian::QueryParser parser;
  analysis.Configure(parser);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  parser.set_database(db);
  auto rewritten = [&] {
    return analysis.Rewrite(parser.parse_query("kennisbeheer"), parser, &db).get_description();
  };
  CHECK(rewritten().find("NEAR") != std::string::npos);  // rare: the parts apart count too
  for (Xapian::doccount i = 0; i < kring::search::kSplitOnlyBelow; ++i) {
    Xapian::Document doc;
    doc.add_term("Zkennisbeher");
    db.add_document(doc);
  }
  CHECK(rewritten().find("NEAR") == std::string::npos);
  CHECK(rewritten().find("Zkennisbeher") != std::string::npos);
}
