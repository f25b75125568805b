// The applications an imported page is about: applications:, toepassingen: or apps: in its
// front matter, a list or a comma string.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "AppTesting.h"
#include "app/Importer.h"
#include "app/MarkdownFile.h"

using kring::ImportReport;
using kring::Result;
using kring::app_testing::Docs;
using kring::app_testing::ErrorOf;
using kring::app_testing::TestWiki;
using Names = std::vector<std::string>;

TEST_CASE("the front matter names applications as a list or a comma string, under three keys") {
  auto applications = [](const std::string& yaml) {
    return kring::ParseMarkdownFile("---\n" + yaml + "---\nbody\n").front.applications;
  };
  CHECK(applications("applications: [Recreatex, Agility]\n") == Names{"Recreatex", "Agility"});
  CHECK(applications("toepassingen: 'Recreatex,  Agility '\n") == Names{"Recreatex", "Agility"});
  CHECK(applications("apps:\n  - Recreatex\n") == Names{"Recreatex"});
  CHECK(applications("title: T\n").empty());
}

TEST_CASE("import tags pages with their applications; a change of them alone is a revision") {
  Docs docs;
  docs.Write("a.md", "---\ntitle: A\napplications: [Recreatex, Agility]\n---\nx\n");
  docs.Write("b.md", "---\ntitle: B\ntoepassingen: Recreatex, recreatex\n---\nx\n");
  docs.Write("c.md", "# C\n");
  TestWiki wiki;
  auto import = [&] {
    Result<ImportReport> report = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
    REQUIRE_MESSAGE(report.ok(), ErrorOf(report));
    return report.value();
  };
  CHECK(import().pages_created == 3);
  CHECK(wiki.Get("a").applications == Names{"Recreatex", "Agility"});
  CHECK(wiki.Get("b").applications == Names{"Recreatex"});  // one key, once
  CHECK(wiki.Get("c").applications.empty());

  CHECK(import().pages_unchanged == 3);
  docs.Write("a.md", "---\ntitle: A\napps: Agility\n---\nx\n");
  const ImportReport again = import();
  CHECK(again.pages_updated == 1);
  CHECK(again.pages_unchanged == 2);
  CHECK(wiki.Get("a").applications == Names{"Agility"});
}
