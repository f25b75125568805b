// The pure steps of an import: dates, slugs, titles, kinds and link resolution.
#include <doctest/doctest.h>

#include "app/ImportDates.h"
#include "app/Importer.h"

using kring::PageKind;

TEST_CASE("NormalizeDate reads the date forms of the corpus, day first") {
  struct Case {
    std::string raw;
    std::string iso;
  };
  const Case cases[] = {
      {"20-6-2018", "2018-06-20"},
      {"01-05-2019", "2019-05-01"},
      {"2019-06-20", "2019-06-20"},
      {"2018-06-20 10:00", "2018-06-20"},
      {"2018-06-20T10:00:00Z", "2018-06-20"},
      {"20/06/2018", "2018-06-20"},
      {"20.6.2018", "2018-06-20"},
      {"2018/6/20", "2018-06-20"},
      {" 1-1-1970 ", "1970-01-01"},
      {"13 juni 2013", "2013-06-13"},
      {"12 December 2012", "2012-12-12"},
      {"29-2-2020", "2020-02-29"},
      {"29-2-2019", ""},
      {"31-04-2019", ""},
      {"2019-13-01", ""},
      {"20-6-18", ""},
      {"20-6/2018", ""},
      {"6/20/2018", ""},  // American order is not a Flemish date
      {"2018-06-20 and more", ""},
      {"morgen", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.raw);
    CHECK(kring::NormalizeDate(c.raw) == c.iso);
  }
}

TEST_CASE("SlugForPath and TitleFromPath follow the folder structure") {
  struct Case {
    std::string path;
    std::string slug;
    std::string title;
  };
  const Case cases[] = {
      {"community/bijeenkomsten/2019-06-20.md", "community-bijeenkomsten-2019-06-20", "2019-06-20"},
      {"community/index.md", "community", "community"},
      {"index.md", "home", "Home"},
      {"README.md", "readme", "README"},
      {"archief/processen/Delft AVG.md", "archief-processen-delft-avg", "Delft AVG"},
      {"standaard/catalogi/swagger-ui.1.2.0.md", "standaard-catalogi-swagger-ui-1-2-0",
       "swagger-ui.1.2.0"},
      {"Zaalreservatie/Index.MD", "zaalreservatie", "Zaalreservatie"},
      {"Café.md", "cafe", "Café"},
      {"---.md", "", "---"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CHECK(kring::SlugForPath(c.path) == c.slug);
    CHECK(kring::TitleFromPath(c.path) == c.title);
  }
}

TEST_CASE("GuessKind recognises minutes by folder and by title") {
  struct Case {
    std::string path;
    std::string title;
    PageKind kind;
  };
  const Case cases[] = {
      {"community/bijeenkomsten/20190620-demo-sprint-13.md", "Demo Sprint 13", PageKind::kMinutes},
      {"community/bijeenkomsten/index.md", "Bijeenkomsten", PageKind::kPage},
      {"bijeenkomsten/index.md", "Bijeenkomsten", PageKind::kPage},
      {"verslagen/2013/maart.md", "Maart", PageKind::kMinutes},
      {"notes.md", "Verslag van de kring", PageKind::kMinutes},
      {"notes.md", "Kringbijeenkomst Roeselare", PageKind::kMinutes},
      {"notes.md", "Vergaderverslag: 12/12", PageKind::kMinutes},
      {"notes.md", "Alle verslagen", PageKind::kPage},
      {"standaard/index.md", "API's voor zaakgericht werken", PageKind::kPage},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.title);
    CHECK(kring::GuessKind(c.path, c.title) == c.kind);
  }
}

TEST_CASE("ResolveImportLink maps links between imported files to /p/{slug}") {
  const kring::PathSlugs slugs = {
      {"index.md", "home"},
      {"community/index.md", "community"},
      {"community/bijdragen.md", "community-bijdragen"},
      {"standaard/zaken/index.md", "standaard-zaken"},
      {"standaard/zaken/release_notes.md", "standaard-zaken-release-notes"},
      {"archief/processen/Delft AVG.md", "archief-processen-delft-avg"},
  };
  struct Case {
    std::string from;
    std::string dest;
    const char* to;  // nullptr: left as it is
  };
  const Case cases[] = {
      {"community/index.md", "bijdragen.md", "/p/community-bijdragen"},
      {"community/index.md", "./bijdragen.md#hoe", "/p/community-bijdragen#hoe"},
      {"community/index.md", "bijdragen", "/p/community-bijdragen"},
      {"community/index.md", "../standaard/zaken/release_notes.md",
       "/p/standaard-zaken-release-notes"},
      {"community/index.md", "../standaard/zaken/", "/p/standaard-zaken"},
      {"community/index.md", "../standaard/zaken/index", "/p/standaard-zaken"},
      {"community/index.md", "../standaard/zaken/index.md/#archiveren",
       "/p/standaard-zaken#archiveren"},
      {"community/index.md", "../", "/p/home"},
      {"community/bijdragen.md", "/standaard/zaken", "/p/standaard-zaken"},
      {"index.md", "archief/processen/Delft%20AVG.md", "/p/archief-processen-delft-avg"},
      {"community/index.md", "bijdragen.md#", "/p/community-bijdragen"},
      {"community/index.md", "missing.md", nullptr},
      {"community/index.md", "../../outside.md", nullptr},
      {"community/index.md", "bijdragen.md?x=1", nullptr},
      {"community/index.md", "#local-anchor", nullptr},
      {"community/index.md", "https://example.org/bijdragen.md", nullptr},
      {"community/index.md", "mailto:kring@example.org", nullptr},
      {"community/index.md", "//example.org/bijdragen", nullptr},
      {"community/index.md", "schema.png", nullptr},
      {"community/index.md", "", nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.dest);
    const std::optional<std::string> to = kring::ResolveImportLink(c.dest, c.from, slugs);
    if (c.to == nullptr) {
      CHECK_FALSE(to.has_value());
    } else {
      CHECK(to.value_or("(none)") == std::string(c.to));
    }
  }
}

TEST_CASE("ResolveImportFileLink finds links to files of the folder that are not Markdown") {
  struct Case {
    std::string from;
    std::string dest;
    const char* path;  // nullptr: not a link to a file of the folder
    const char* fragment = "";
  };
  const Case cases[] = {
      // The forms of the GEMMA Zaken corpus.
      {"community/bijeenkomsten/20190620-demo-sprint-13.md", "../bestanden/zgw2-demo-sprint-13.pdf",
       "community/bestanden/zgw2-demo-sprint-13.pdf"},
      {"community/bijeenkomsten/20181025-demo-sprint-5.md",
       "/community/bestanden/opsplitsen-rgbz.pdf", "community/bestanden/opsplitsen-rgbz.pdf"},
      {"community/bijeenkomsten/20190425-demo-sprint-11.md",
       "../bestanden/zgw2-demo-sprint-%2011-utrecht.pdf",
       "community/bestanden/zgw2-demo-sprint- 11-utrecht.pdf"},
      {"ontwikkelaars/index.md",
       "./handleidingen-en-tutorials/"
       "20201208%20-%20Crash%20course%20zaakgericht%20werken%20voor%20CG-ontwikkelteams_v1_0.pdf",
       "ontwikkelaars/handleidingen-en-tutorials/20201208 - Crash course zaakgericht werken voor "
       "CG-ontwikkelteams_v1_0.pdf"},
      {"standaard/zaken/known_issues.md", "expand.xlsx", "standaard/zaken/expand.xlsx"},
      {"ontwikkelaars/handleidingen-en-tutorials/archiveren.md", "./_assets/archiveren.pptx",
       "ontwikkelaars/handleidingen-en-tutorials/_assets/archiveren.pptx"},
      // Other forms.
      {"a/b.md", "bestanden/demo.pdf#page=3", "a/bestanden/demo.pdf", "#page=3"},
      {"a/b.md", "Slides.PPTX", "a/Slides.PPTX"},
      {"index.md", "deck.odp", "deck.odp"},
      {"a/b.md", "../c/./d/../notes.txt", "c/notes.txt"},
      // Not file links.
      {"a/b.md", "other.md", nullptr},
      {"a/b.md", "other.MD#x", nullptr},
      {"a/b.md", "./tutorials/setup", nullptr},  // a page link without extension
      {"a/b.md", "bestanden/", nullptr},
      {"a/b.md", "archive.v1/", nullptr},
      {"a/b.md", "../../outside.pdf", nullptr},
      {"a/b.md", "/../outside.pdf", nullptr},
      {"a/b.md", "demo.pdf?raw=true", nullptr},
      {"a/b.md", "#demo.pdf", nullptr},
      {"a/b.md", "https://example.org/demo.pdf", nullptr},
      {"a/b.md", "//example.org/demo.pdf", nullptr},
      {"a/b.md", "mailto:x@example.org", nullptr},
      {"a/b.md", ".hidden.pdf", nullptr},
      {"a/b.md", ".git/objects/x.pdf", nullptr},
      {"a/b.md", "evil%00.pdf", nullptr},
      {"a/b.md", "a%0Ab.pdf", nullptr},
      {"a/b.md", "name.", nullptr},
      {"a/b.md", "./swagger-ui-1.2.0", nullptr},
      {"a/b.md", "documenten-1.1.0-YAML", nullptr},
      {"a/b.md", "(https://webhook.site)", nullptr},
      {"a/b.md", "report.2019", nullptr},
      {"a/b.md", "model.mp4", "a/model.mp4"},
      {"a/b.md", "UML_EA.DTD", "a/UML_EA.DTD"},
      {"a/b.md", "", nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.from);
    CAPTURE(c.dest);
    const std::optional<kring::ImportFileLink> link = kring::ResolveImportFileLink(c.dest, c.from);
    if (c.path == nullptr) {
      CHECK_FALSE(link.has_value());
    } else {
      REQUIRE(link.has_value());
      CHECK(link->path == c.path);
      CHECK(link->fragment == c.fragment);
    }
  }
}

TEST_CASE("LinksToMarkdownFile tells page links from the rest") {
  CHECK(kring::LinksToMarkdownFile("x.md"));
  CHECK(kring::LinksToMarkdownFile("../a/X.MD#kop"));
  CHECK(kring::LinksToMarkdownFile("x.md/"));
  CHECK_FALSE(kring::LinksToMarkdownFile("x.pdf"));
  CHECK_FALSE(kring::LinksToMarkdownFile("https://example.org/x.md"));
}
