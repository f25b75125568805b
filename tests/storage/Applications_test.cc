// The applications a page is about: stored per revision as written, and for the current revision
// in page_applications with their key (for the register's /a/{slug}).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::StoreFixture;

NewRevision WithApplications(NewRevision revision, std::vector<std::string> applications) {
  revision.input.applications = std::move(applications);
  return revision;
}

// "slug name" for each row of page_applications of a page, in the writer's order: no PageStore
// method reads them yet (the register of applications will).
std::vector<std::string> PageApplicationRows(const std::string& path, const std::string& slug) {
  Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
  REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
  Result<std::vector<std::string>> rows = db.value()->QueryAll(
      "SELECT a.application_slug || ' ' || a.name FROM page_applications a "
      "JOIN pages p ON p.id = a.page_id WHERE p.slug = ? ORDER BY a.position",
      [](const sqlite::Statement& r) { return r.Text(0); }, slug);
  REQUIRE_MESSAGE(rows.ok(), ErrorOf(rows));
  return rows.value();
}

TEST_CASE("the applications are kept per revision, as written, and listed with their key") {
  StoreFixture f;
  f.Save(WithApplications(Edit("zaalverhuur", "Zaalverhuur"), {"Recreatex", "Agility"}));
  CHECK(f.Get("zaalverhuur").applications == std::vector<std::string>{"Recreatex", "Agility"});
  CHECK(PageApplicationRows(f.path, "zaalverhuur") ==
        std::vector<std::string>{"recreatex Recreatex", "agility Agility"});

  // A repeated key is dropped (the first spelling stays); names keep accents and markup.
  f.Save(WithApplications(Edit("zaalverhuur", "Zaalverhuur"),
                          {"RecreaTex", "recreatex", "Café <b>Kassa</b>"}));
  CHECK(f.Get("zaalverhuur").applications ==
        std::vector<std::string>{"RecreaTex", "Café <b>Kassa</b>"});
  CHECK(PageApplicationRows(f.path, "zaalverhuur") ==
        std::vector<std::string>{"recreatex RecreaTex", "cafe-b-kassa-b Café <b>Kassa</b>"});
  CHECK(f.store->GetRevision("zaalverhuur", 1).value().applications ==
        std::vector<std::string>{"Recreatex", "Agility"});

  // A revision without any clears them; the old revisions keep theirs.
  f.Save(Edit("zaalverhuur", "Zaalverhuur"));
  CHECK(f.Get("zaalverhuur").applications.empty());
  CHECK(PageApplicationRows(f.path, "zaalverhuur").empty());
  CHECK(f.store->GetRevision("zaalverhuur", 2).value().applications.size() == 2);

  // Another page's applications are its own.
  f.Save(WithApplications(Edit("meldpunt", "Meldpunt"), {"Agility"}));
  CHECK(PageApplicationRows(f.path, "meldpunt") == std::vector<std::string>{"agility Agility"});
  CHECK(PageApplicationRows(f.path, "zaalverhuur").empty());
}

}  // namespace
}  // namespace kring
