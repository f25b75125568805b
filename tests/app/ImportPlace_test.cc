// The place of a meeting in imported front matter (place:, plaats:, locatie:).
#include <doctest/doctest.h>

#include "AppTesting.h"
#include "app/Importer.h"

using kring::ImportReport;
using kring::Result;
using kring::app_testing::Docs;
using kring::app_testing::ErrorOf;
using kring::app_testing::TestWiki;

TEST_CASE("import reads the place from place:, plaats: or locatie:, and a change of it alone") {
  Docs docs;
  docs.Write("a.md", "---\ntitle: A\nkind: minutes\ndate: 2013-03-13\nplace: Stadhuis\n---\nx\n");
  docs.Write("b.md", "---\ntitle: B\nplaats: '  OCMW Izegem, zaal 2 '\n---\ntext\n");
  docs.Write("c.md", "---\ntitle: C\nlocatie: Raadzaal <b>Wielsbeke</b>\n---\ntext\n");
  docs.Write("d.md", "---\ntitle: D\nplaats: '" + std::string(300, 'p') + "'\n---\ntext\n");
  docs.Write("e.md", "# E\n");
  TestWiki wiki;
  Result<ImportReport> report = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
  REQUIRE_MESSAGE(report.ok(), ErrorOf(report));
  CHECK(report->pages_created == 5);
  CHECK(wiki.Get("a").place == "Stadhuis");
  CHECK(wiki.Get("b").place == "OCMW Izegem, zaal 2");
  CHECK(wiki.Get("c").place == "Raadzaal <b>Wielsbeke</b>");
  CHECK(wiki.Get("d").place == std::string(wiki.pages().limits().max_place_bytes, 'p'));
  CHECK(wiki.Get("e").place.empty());
  const std::vector<kring::Meeting> meetings =
      wiki.store().PastMeetings("2099-01-01", 10, kring::Audience::kMembers);
  REQUIRE(meetings.size() == 1);
  CHECK(meetings[0].place == "Stadhuis");

  // Importing again changes nothing; a changed place alone is a new revision.
  Result<ImportReport> same = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
  REQUIRE_MESSAGE(same.ok(), ErrorOf(same));
  CHECK(same->pages_unchanged == 5);
  docs.Write("a.md", "---\ntitle: A\nkind: minutes\ndate: 2013-03-13\nplace: Elders\n---\nx\n");
  Result<ImportReport> again = kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store());
  REQUIRE_MESSAGE(again.ok(), ErrorOf(again));
  CHECK(again->pages_updated == 1);
  CHECK(again->pages_unchanged == 4);
  CHECK(wiki.Get("a").place == "Elders");
  CHECK(wiki.Get("a").revision == 2);
}
