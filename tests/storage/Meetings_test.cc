// Minutes as meetings (upcoming and past, with place, host and the number of pages linked),
// the place of a page per revision and in databases made before it existed (schema version 4),
// and the pages wanting each red link.
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
using storage_testing::Slugs;
using storage_testing::StoreFixture;
using storage_testing::Strings;
using storage_testing::WithLinks;
using StringList = std::vector<std::string>;

NewRevision Minutes(std::string slug, std::string title, std::string date, std::string place = "",
                    std::string organisation = "") {
  NewRevision revision = Edit(std::move(slug), std::move(title));
  revision.input.kind = PageKind::kMinutes;
  revision.input.date = std::move(date);
  revision.input.place = std::move(place);
  revision.input.organisation = std::move(organisation);
  return revision;
}

TEST_CASE("upcoming meetings are soonest first from today on, past ones newest first") {
  StoreFixture f;
  f.Save(Minutes("juni", "Juni", "2013-06-13", "OCMW Izegem", "OCMW Izegem"));
  f.Save(Minutes("maart", "Maart", "2013-03-13", "Stadhuis, zaal 2", "Stad Roeselare"));
  f.Save(Minutes("december", "December", "2012-12-12"));
  f.Save(Minutes("september", "September", "2013-09-19"));
  f.Save(Minutes("undated", "Zonder datum", ""));
  NewRevision deck = Edit("deck", "Deck");
  deck.input.kind = PageKind::kPresentation;
  deck.input.date = "2013-07-01";
  f.Save(deck);

  // "Today" is 2013-06-13: a meeting of today is still upcoming.
  const std::vector<Meeting> upcoming =
      f.store->UpcomingMeetings("2013-06-13", 10, kring::Audience::kMembers);
  CHECK(Strings(upcoming, &Meeting::slug) == StringList{"juni", "september"});
  const std::vector<Meeting> past =
      f.store->PastMeetings("2013-06-13", 10, kring::Audience::kMembers);
  CHECK(Strings(past, &Meeting::slug) == StringList{"maart", "december"});

  REQUIRE(!upcoming.empty());
  CHECK(upcoming[0].title == "Juni");
  CHECK(upcoming[0].date == "2013-06-13");
  CHECK(upcoming[0].place == "OCMW Izegem");
  CHECK(upcoming[0].organisation == "OCMW Izegem");
  CHECK(upcoming[0].page_id > 0);
  CHECK(upcoming[0].updated_at.size() == 20);
  CHECK(past[0].place == "Stadhuis, zaal 2");

  CHECK(Strings(f.store->UpcomingMeetings("2013-06-14", 10, kring::Audience::kMembers),
                &Meeting::slug) == StringList{"september"});
  CHECK(Strings(f.store->PastMeetings("2099-01-01", 10, kring::Audience::kMembers),
                &Meeting::slug) == StringList{"september", "juni", "maart", "december"});
  CHECK(f.store->UpcomingMeetings("2099-01-01", 10, kring::Audience::kMembers).empty());
  CHECK(f.store->PastMeetings("2000-01-01", 10, kring::Audience::kMembers).empty());
  CHECK(f.store->PastMeetings("2099-01-01", 1, kring::Audience::kMembers).size() == 1);
  CHECK(f.store->PastMeetings("2099-01-01", 0, kring::Audience::kMembers).empty());

  // A page that stops being minutes leaves the calendar; its id stays through edits.
  const int64_t id = upcoming[0].page_id;
  f.Save(Minutes("juni", "Juni (verplaatst)", "2013-06-20", "Elders"));
  const std::vector<Meeting> moved =
      f.store->UpcomingMeetings("2013-06-13", 10, kring::Audience::kMembers);
  REQUIRE(moved.size() == 2);
  CHECK(moved[0].slug == "juni");
  CHECK(moved[0].page_id == id);
  CHECK(moved[0].place == "Elders");
  CHECK(moved[0].organisation.empty());
  f.Save(Edit("september", "September"));
  CHECK(Strings(f.store->UpcomingMeetings("2013-06-13", 10, kring::Audience::kMembers),
                &Meeting::slug) == StringList{"juni"});
}

TEST_CASE("a meeting counts the existing pages its minutes link to") {
  StoreFixture f;
  f.Save(Edit("crm", "CRM"));
  f.Save(Edit("kennisbeheer", "Kennisbeheer"));
  f.Save(WithLinks(Minutes("maart", "Maart", "2013-03-13"), {"crm", "kennisbeheer", "nog-niet"}));
  std::vector<Meeting> past = f.store->PastMeetings("2099-01-01", 10, kring::Audience::kMembers);
  REQUIRE(past.size() == 1);
  CHECK(past[0].linked_pages == 2);  // the red link is no page (yet)

  f.Save(Edit("nog-niet", "Nog niet"));
  past = f.store->PastMeetings("2099-01-01", 10, kring::Audience::kMembers);
  REQUIRE(past.size() == 1);
  CHECK(past[0].linked_pages == 3);
}

TEST_CASE("the place is kept per revision") {
  StoreFixture f;
  f.Save(Minutes("maart", "Maart", "2013-03-13", "Stadhuis <b>Roeselare</b>, zaal 2"));
  CHECK(f.Get("maart").place == "Stadhuis <b>Roeselare</b>, zaal 2");
  f.Save(Minutes("maart", "Maart", "2013-03-13"));
  CHECK(f.Get("maart").place.empty());
  CHECK(f.store->GetRevision("maart", 1).value().place == "Stadhuis <b>Roeselare</b>, zaal 2");
  CHECK(f.store->GetRevision("maart", 2).value().place.empty());
}

TEST_CASE("a database of schema version 3 gains places on open, its minutes kept as meetings") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
    REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
    const std::vector<std::string_view> version3(sqlite::Migrations().begin(),
                                                 sqlite::Migrations().begin() + 3);
    REQUIRE(db.value()->Migrate(version3).ok());
    REQUIRE(db.value()
                ->Execute("INSERT INTO pages (slug, title, title_lower, kind, date, organisation, "
                          "organisation_slug, current_revision, created_at, updated_at) VALUES "
                          "('maart', 'Maart', 'maart', 'minutes', '2013-03-13', 'Stad Roeselare', "
                          "'stad-roeselare', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')")
                .ok());
    REQUIRE(db.value()
                ->Execute("INSERT INTO revisions (page_id, number, title, kind, date, "
                          "organisation, topics, body, html, text, author, comment, created_at, "
                          "size) VALUES (1, 1, 'Maart', 'minutes', '2013-03-13', 'Stad Roeselare', "
                          "'', 'Tekst.', '<p>Tekst.</p>', 'Tekst.', 'an', '', "
                          "'2024-01-01T00:00:00Z', 6)")
                .ok());
    CHECK(db.value()->SchemaVersion().value() == 3);
  }
  auto store = storage_testing::OpenStore(path);
  CHECK(store->SchemaVersion().value() >= 4);  // and any later migration
  CHECK(store->SchemaVersion().value() == static_cast<int64_t>(sqlite::Migrations().size()));

  Result<Page> old = store->Get("maart");
  REQUIRE_MESSAGE(old.ok(), ErrorOf(old));
  CHECK(old->place.empty());
  CHECK(old->organisation == "Stad Roeselare");
  const std::vector<Meeting> past =
      store->PastMeetings("2099-01-01", 10, kring::Audience::kMembers);
  REQUIRE(past.size() == 1);
  CHECK(past[0].slug == "maart");
  CHECK(past[0].organisation == "Stad Roeselare");
  CHECK(past[0].place.empty());
}

TEST_CASE("the meeting queries use the index of minutes by date") {
  StoreFixture f;
  Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(f.path);
  REQUIRE_MESSAGE(db.ok(), ErrorOf(db));
  Result<std::vector<std::string>> plan = db.value()->QueryAll(
      "EXPLAIN QUERY PLAN SELECT id FROM pages p WHERE p.kind = 'minutes' AND p.date <> '' "
      "AND p.date >= ? ORDER BY p.date LIMIT 5",
      [](const sqlite::Statement& row) { return row.Text(3); }, std::string_view("2013-01-01"));
  REQUIRE_MESSAGE(plan.ok(), ErrorOf(plan));
  REQUIRE(!plan.value().empty());
  CHECK(plan.value()[0].find("pages_minutes_by_date") != std::string::npos);
}

TEST_CASE("each wanted page names the pages that want it, ordered by title") {
  StoreFixture f;
  f.Save(WithLinks(Edit("a", "Zulu"), {"c", "d"}));
  f.Save(WithLinks(Edit("b", "Alfa"), {"c"}));
  const std::vector<WantedPage> wanted = f.store->WantedPages(10, kring::Audience::kMembers);
  REQUIRE(wanted.size() == 2);
  CHECK(wanted[0].slug == "c");
  CHECK(wanted[0].references == 2);
  CHECK(Slugs(wanted[0].wanted_by) == StringList{"b", "a"});
  CHECK(wanted[0].wanted_by[0].title == "Alfa");
  CHECK(wanted[1].slug == "d");
  CHECK(Slugs(wanted[1].wanted_by) == StringList{"a"});

  // The limit counts targets, not the rows of the pages wanting them.
  const std::vector<WantedPage> first = f.store->WantedPages(1, kring::Audience::kMembers);
  REQUIRE(first.size() == 1);
  CHECK(first[0].slug == "c");
  CHECK(first[0].wanted_by.size() == 2);
}

}  // namespace
}  // namespace kring
