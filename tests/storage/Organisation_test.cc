// The organisation of a page: stored per revision, on the page row with its key, and added to
// databases made before it existed (schema version 3).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::StoreFixture;

NewRevision WithOrganisation(NewRevision revision, std::string organisation) {
  revision.input.organisation = std::move(organisation);
  return revision;
}

// The organisation name and key on the page row, read with SQL: no PageStore method reads them
// yet (the register of organisations will).
std::vector<std::string> PageRowOrganisation(const std::string& path, const std::string& slug) {
  Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
  REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
  Result<std::optional<std::vector<std::string>>> row = db.value()->QueryOne(
      "SELECT organisation, organisation_slug FROM pages WHERE slug = ?",
      [](const sqlite::Statement& r) {
        return std::vector<std::string>{r.Text(0), r.Text(1)};
      },
      slug);
  REQUIRE_MESSAGE(row.ok(), ErrorOf(row));
  REQUIRE(row.value().has_value());
  return *row.value();
}

TEST_CASE("the organisation is kept per revision and on the page with its key") {
  StoreFixture f;
  f.Save(WithOrganisation(Edit("overleg", "Overleg"), "Gemeente Oostrozebeke"));
  CHECK(f.Get("overleg").organisation == "Gemeente Oostrozebeke");
  CHECK(PageRowOrganisation(f.path, "overleg") ==
        std::vector<std::string>{"Gemeente Oostrozebeke", "gemeente-oostrozebeke"});

  f.Save(WithOrganisation(Edit("overleg", "Overleg"), "Stad Roeselare"));
  CHECK(f.Get("overleg").organisation == "Stad Roeselare");
  CHECK(f.store->GetRevision("overleg", 1).value().organisation == "Gemeente Oostrozebeke");
  CHECK(PageRowOrganisation(f.path, "overleg") ==
        std::vector<std::string>{"Stad Roeselare", "stad-roeselare"});

  // A revision without one clears it; the old revisions keep theirs.
  f.Save(Edit("overleg", "Overleg"));
  CHECK(f.Get("overleg").organisation.empty());
  CHECK(PageRowOrganisation(f.path, "overleg") == std::vector<std::string>{"", ""});
  CHECK(f.store->GetRevision("overleg", 2).value().organisation == "Stad Roeselare");

  // Names with accents and markup are kept as written; the key is the slug.
  f.Save(WithOrganisation(Edit("evil", "Evil"), "OCMW <script>Izegem</script> & Café"));
  CHECK(f.Get("evil").organisation == "OCMW <script>Izegem</script> & Café");
  CHECK(PageRowOrganisation(f.path, "evil")[1] == "ocmw-script-izegem-script-cafe");
}

TEST_CASE("a database of schema version 2 gains organisations on open, its pages kept") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    // Version 2 as shipped: migrations 1 and 2, with a page and its revision written by them.
    Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
    REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
    const std::vector<std::string_view> version2(sqlite::Migrations().begin(),
                                                 sqlite::Migrations().begin() + 2);
    REQUIRE(db.value()->Migrate(version2).ok());
    REQUIRE(db.value()
                ->Execute("INSERT INTO pages (slug, title, title_lower, kind, date, "
                          "current_revision, created_at, updated_at) VALUES ('crm', 'CRM', 'crm', "
                          "'minutes', '2013-03-13', 1, '2024-01-01T00:00:00Z', "
                          "'2024-01-01T00:00:00Z')")
                .ok());
    REQUIRE(
        db.value()
            ->Execute("INSERT INTO revisions (page_id, number, title, kind, date, topics, body, "
                      "html, text, author, comment, created_at, size) VALUES (1, 1, 'CRM', "
                      "'minutes', '2013-03-13', 'CRM', 'Tekst.', '<p>Tekst.</p>', 'Tekst.', "
                      "'an', '', '2024-01-01T00:00:00Z', 6)")
            .ok());
    CHECK(db.value()->SchemaVersion().value() == 2);
  }
  auto store = storage_testing::OpenStore(path);
  CHECK(store->SchemaVersion().value() >= 3);  // and later migrations ran too
  CHECK(store->SchemaVersion().value() == static_cast<int64_t>(sqlite::Migrations().size()));

  Result<Page> old = store->Get("crm");
  REQUIRE_MESSAGE(old.ok(), ErrorOf(old));
  CHECK(old->title == "CRM");
  CHECK(old->kind == PageKind::kMinutes);
  CHECK(old->date == "2013-03-13");
  CHECK(old->body == "Tekst.");
  CHECK(old->organisation.empty());
  CHECK(PageRowOrganisation(path, "crm") == std::vector<std::string>{"", ""});

  NewRevision next = WithOrganisation(Edit("crm", "CRM"), "Stad Roeselare");
  next.input.base_revision = 1;
  Result<SaveOutcome> saved = store->SaveRevision(next);
  REQUIRE_MESSAGE(saved.ok(), ErrorOf(saved));
  CHECK(saved->revision == 2);
  CHECK(store->Get("crm").value().organisation == "Stad Roeselare");
  CHECK(store->GetRevision("crm", 1).value().organisation.empty());
}

}  // namespace
}  // namespace kring
