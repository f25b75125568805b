// Who may read an imported page: visibility: or zichtbaarheid: in its front matter.
#include <doctest/doctest.h>

#include "AppTesting.h"
#include "app/Importer.h"

using kring::ImportReport;
using kring::Result;
using kring::Visibility;
using kring::app_testing::Docs;
using kring::app_testing::ErrorOf;
using kring::app_testing::TestWiki;

TEST_CASE("import reads the visibility in English or Dutch, and members-only when unclear") {
  Docs docs;
  docs.Write("a.md", "---\ntitle: A\nvisibility: members\n---\nx\n");
  docs.Write("b.md", "---\ntitle: B\nzichtbaarheid: Leden\n---\nx\n");
  docs.Write("c.md", "---\ntitle: C\nzichtbaarheid: iedereen\n---\nx\n");
  docs.Write("d.md", "---\ntitle: D\nvisibility: geheim\n---\nx\n");
  docs.Write("e.md", "# E\n");
  TestWiki wiki;
  Result<ImportReport> report = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
  REQUIRE_MESSAGE(report.ok(), ErrorOf(report));
  CHECK(wiki.Get("a").visibility == Visibility::kMembers);
  CHECK(wiki.Get("b").visibility == Visibility::kMembers);
  CHECK(wiki.Get("c").visibility == Visibility::kPublic);
  CHECK(wiki.Get("d").visibility == Visibility::kMembers);
  CHECK(wiki.Get("e").visibility == Visibility::kPublic);
  REQUIRE(report->warnings.size() == 1);
  CHECK(report->warnings[0].message.find("geheim") != std::string::npos);

  // A changed visibility alone is a new revision.
  docs.Write("c.md", "---\ntitle: C\nzichtbaarheid: alleen leden\n---\nx\n");
  Result<ImportReport> again = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
  REQUIRE_MESSAGE(again.ok(), ErrorOf(again));
  CHECK(again->pages_updated == 1);
  CHECK(wiki.Get("c").visibility == Visibility::kMembers);
}
