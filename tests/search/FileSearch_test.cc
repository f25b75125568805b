// Files in the search index: XapianIndexWriter::IndexFile / RemoveFile and what
// XapianSearchIndex answers for them (sections, urls, filters, facets, snippets).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/SearchTestSupport.h"
#include "search/XapianSearchIndex.h"

using kring::Page;
using kring::PageKind;
using kring::SearchHit;
using kring::SearchQuery;
using kring::SearchResults;
using kring::XapianIndexWriter;
using kring::XapianSearchIndex;
using kring::testing::FileSpec;
using kring::testing::MakeFile;
using kring::testing::MakePage;
using kring::testing::OpenWriter;
using kring::testing::Query;
using kring::testing::Slugs;
using kring::testing::Sorted;
using kring::testing::TempDir;
using kring::testing::TypeQuery;

namespace {

const Page kMinutes = MakePage({"vergadering-2019",
                                "Vergadering november 2019",
                                "Het jaarverslag werd goedgekeurd.",
                                PageKind::kMinutes,
                                {"financien"},
                                "2019-11-05"});
const Page kDemo = MakePage({"crm-demo",
                             "Demo CRM",
                             "De presentatie van de leverancier.",
                             PageKind::kPresentation,
                             {"crm", "dienstverlening"},
                             "2020-02-10"});

const FileSpec kReport{
    7,
    "vergadering-2019",
    "Jaarverslag 2019.pdf",
    "page",
    {"Inleiding over de organisatie.", "De begroting voor zonnepanelen.", "Bijlagen en tabellen."},
    "",
    "application/pdf"};
const FileSpec kDeck{8,
                     "crm-demo",
                     "crm-demo.pptx",
                     "slide",
                     {"Welkom", "Het klantcontactcentrum en de wachtrijen", "Vragen?"},
                     "Demo van het nieuwe klantsysteem"};
const FileSpec kWorkbook{9,
                         "vergadering-2019",
                         "cijfers.xlsx",
                         "sheet",
                         {"Uitgaven per afdeling", "Inkomsten uit subsidies"}};
// Not "wachtrijbeheer": a compound of wachtrij, which the tests below search for on one slide.
const FileSpec kPending{10, "crm-demo", "handleiding_callcenter.docx"};

// Two pages with four files: a PDF, a deck, a workbook and a document not extracted yet.
struct FileIndex {
  FileIndex() {
    REQUIRE(writer->Index(kMinutes).ok());
    REQUIRE(writer->Index(kDemo).ok());
    REQUIRE(writer->IndexFile(MakeFile(kReport), &kMinutes).ok());
    REQUIRE(writer->IndexFile(MakeFile(kDeck), &kDemo).ok());
    REQUIRE(writer->IndexFile(MakeFile(kWorkbook), &kMinutes).ok());
    REQUIRE(writer->IndexFile(MakeFile(kPending), &kDemo).ok());
    REQUIRE(writer->Commit().ok());
  }

  SearchResults Search(const SearchQuery& query) {
    auto results = index.Search(query);
    REQUIRE_MESSAGE(results.ok(), (results.ok() ? "" : results.error().message));
    return std::move(results).value();
  }
  SearchResults Search(const std::string& text) { return Search(Query(text)); }
  // The one hit a query must give.
  SearchHit Only(const std::string& text) {
    SearchResults results = Search(text);
    REQUIRE(results.hits.size() == 1);
    return results.hits[0];
  }

  TempDir tmp;
  std::string dir = tmp.File("xapian");
  std::unique_ptr<XapianIndexWriter> writer = OpenWriter(dir);
  XapianSearchIndex index{dir};
};

// "page slug/file id/section" per hit, in rank order.
std::vector<std::string> Where(const SearchResults& results) {
  std::vector<std::string> where;
  for (const SearchHit& hit : results.hits) {
    where.push_back(hit.file_id == 0 ? hit.slug
                                     : hit.slug + "/" + std::to_string(hit.file_id) + "/" +
                                           std::to_string(hit.section));
  }
  return where;
}

}  // namespace

TEST_CASE("each section of a file is its own document") {
  FileIndex files;
  // Pages 3 + slides 3 + sheets 2 + one document for the file without text, and two pages.
  CHECK(files.writer->DocumentCount() == 11);
}

TEST_CASE("a word in one slide finds that slide, with where to open it") {
  FileIndex files;
  SearchHit hit = files.Only("wachtrijen");
  CHECK(hit.slug == "crm-demo");
  CHECK(hit.title == "Demo van het nieuwe klantsysteem");  // the deck's metadata title
  CHECK(hit.kind == "presentation");                       // of its page
  CHECK(hit.date == "2020-02-10");
  CHECK(hit.file_id == 8);
  CHECK(hit.file_name == "crm-demo.pptx");
  CHECK(hit.file_type == "pptx");
  CHECK(hit.section == 2);
  CHECK(hit.section_kind == "slide");
  CHECK(hit.url == "/f/8#slide-2");
  CHECK(hit.snippet_html == "Het klantcontactcentrum en de <mark>wachtrijen</mark>");
}

TEST_CASE("a PDF page opens the PDF at that page; a sheet opens the file's page at it") {
  FileIndex files;
  SearchHit page = files.Only("zonnepanelen");
  CHECK(page.section == 2);
  CHECK(page.section_kind == "page");
  CHECK(page.file_type == "pdf");
  CHECK(page.title == "Jaarverslag 2019.pdf");  // no metadata title: the name
  CHECK(page.url == "/f/7/Jaarverslag%202019.pdf#page=2");
  CHECK(page.snippet_html.find("<mark>zonnepanelen</mark>") != std::string::npos);

  SearchHit sheet = files.Only("subsidies");
  CHECK(sheet.url == "/f/9#sheet-2");
  CHECK(sheet.section_kind == "sheet");

  SearchHit pending = files.Only("handleiding");  // by its name alone
  CHECK(pending.section == 0);
  CHECK(pending.section_kind.empty());
  CHECK(pending.url == "/f/10");
  CHECK(pending.file_type == "docx");

  SearchHit minutes = files.Only("goedgekeurd");
  CHECK(minutes.file_id == 0);
  CHECK(minutes.url == "/p/vergadering-2019");
}

TEST_CASE("a file is found by the words of its name and title, once") {
  FileIndex files;
  // "jaarverslag" is also in the minutes' text; the PDF is found by its name, once, not at
  // each of its 3 pages (which page is shown does not matter: they all match equally).
  SearchResults report = files.Search("jaarverslag");
  CHECK(report.total == 2);
  REQUIRE(report.hits.size() == 2);
  CHECK(report.hits[0].file_id + report.hits[1].file_id == 7);
  SearchResults deck = files.Search("klantsysteem");
  CHECK(deck.total == 1);
  REQUIRE(deck.hits.size() == 1);
  CHECK(deck.hits[0].file_id == 8);
  CHECK(Where(files.Search("callcenter")) == std::vector<std::string>{"crm-demo/10/0"});
  CHECK(Where(files.Search("titel:klantsysteem")).size() == 1);
  // Title and section words together: the section that has the rest.
  CHECK(Where(files.Search("jaarverslag begroting")) ==
        std::vector<std::string>{"vergadering-2019/7/2"});
}

TEST_CASE("a file inherits its page's topics, kind and year") {
  FileIndex files;
  CHECK(Sorted(Where(files.Search(Query("wachtrijen", "dienstverlening")))) ==
        std::vector<std::string>{"crm-demo/8/2"});
  CHECK(Where(files.Search(Query("wachtrijen", "financien"))).empty());
  CHECK(Where(files.Search("topic:financien zonnepanelen")) ==
        std::vector<std::string>{"vergadering-2019/7/2"});
  CHECK(Where(files.Search("kind:minutes subsidies")) ==
        std::vector<std::string>{"vergadering-2019/9/2"});
  CHECK(Where(files.Search("jaar:2020 wachtrijen")) == std::vector<std::string>{"crm-demo/8/2"});
  // Browsing a topic lists the page and each of its files once.
  CHECK(Sorted(Where(files.Search(Query("", "crm")))) ==
        Sorted({"crm-demo", "crm-demo/8/1", "crm-demo/10/0"}));
}

TEST_CASE("the type filter keeps files of that type; the type facet counts files only") {
  FileIndex files;
  SearchResults pdfs = files.Search(TypeQuery("", "pdf"));
  CHECK(Where(pdfs) == std::vector<std::string>{"vergadering-2019/7/1"});
  CHECK(pdfs.total == 1);
  CHECK(Where(files.Search(TypeQuery("zonnepanelen", "PDF"))).size() == 1);
  CHECK(Where(files.Search(TypeQuery("zonnepanelen", "pptx"))).empty());
  CHECK(Where(files.Search(TypeQuery("goedgekeurd", "pdf"))).empty());  // pages have no type
  CHECK(Where(files.Search("type:xlsx")) == std::vector<std::string>{"vergadering-2019/9/1"});
  CHECK(Sorted(Slugs(files.Search("type:pptx OR type:docx"))) == Sorted({"crm-demo", "crm-demo"}));

  // Everything on the minutes page: the page, the PDF (3 pages) and the workbook (2 sheets).
  SearchResults all = files.Search(Query("", "financien"));
  CHECK(all.total == 3);
  REQUIRE(all.types.size() == 2);
  CHECK(all.types[0].value == "pdf");  // equal counts: by name
  CHECK(all.types[0].count == 1);
  CHECK(all.types[1].value == "xlsx");
  CHECK(all.types[1].count == 1);
  REQUIRE(all.kinds.size() == 1);
  CHECK(all.kinds[0].value == "minutes");
  CHECK(all.kinds[0].count == 3);  // the page and two files, each file once
  REQUIRE(all.topics.size() == 1);
  CHECK(all.topics[0].count == 3);

  CHECK(files.Search("goedgekeurd").types.empty());
}

TEST_CASE("indexing a file again replaces all its documents") {
  FileIndex files;
  FileSpec shorter = kDeck;
  shorter.sections = {"Welkom bij de nieuwe versie"};
  REQUIRE(files.writer->IndexFile(MakeFile(shorter), &kDemo).ok());
  REQUIRE(files.writer->Commit().ok());
  CHECK(files.writer->DocumentCount() == 9);  // 11 with three slides, now one
  CHECK(files.Search("wachtrijen").hits.empty());
  CHECK(Where(files.Search("versie")) == std::vector<std::string>{"crm-demo/8/1"});

  // The page changed its topics: indexing the file again with it moves the file too.
  Page moved = kDemo;
  moved.topics = {kring::Topic{"archief", "Archief"}};
  REQUIRE(files.writer->IndexFile(MakeFile(shorter), &moved).ok());
  REQUIRE(files.writer->Commit().ok());
  CHECK(Where(files.Search(Query("versie", "archief"))) ==
        std::vector<std::string>{"crm-demo/8/1"});
  CHECK(Where(files.Search(Query("versie", "crm"))).empty());
}

TEST_CASE("a removed file is no longer found; its page is") {
  FileIndex files;
  REQUIRE(files.writer->RemoveFile(7).ok());
  REQUIRE(files.writer->RemoveFile(12345).ok());  // never indexed: not an error
  REQUIRE(files.writer->Commit().ok());
  CHECK(files.writer->DocumentCount() == 8);
  CHECK(files.Search("zonnepanelen").hits.empty());
  CHECK(Where(files.Search("jaarverslag")) == std::vector<std::string>{"vergadering-2019"});
}

TEST_CASE("a file whose page is gone is still found by its words, without the page's fields") {
  FileIndex files;
  REQUIRE(files.writer
              ->IndexFile(MakeFile({11, "weg", "notitie.txt", "", {"Over windmolens."}}), nullptr)
              .ok());
  REQUIRE(files.writer->Commit().ok());
  SearchHit hit = files.Only("windmolens");
  CHECK(hit.slug == "weg");
  CHECK(hit.kind.empty());
  CHECK(hit.date.empty());
  CHECK(hit.url == "/f/11");
  CHECK(Where(files.Search("jaar:2021 windmolens")).size() == 1);  // the upload's year
}
