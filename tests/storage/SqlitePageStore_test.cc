// SqlitePageStore as a PageStore: saving, revisions, conflicts, topics, links, lookups.
#include "storage/SqlitePageStore.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/Text.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Edit;
using storage_testing::Slugs;
using storage_testing::StoreFixture;
using storage_testing::WithBase;
using storage_testing::WithLinks;
using storage_testing::WithTopics;

using StringList = std::vector<std::string>;

TEST_CASE("the first save creates revision 1 and the page") {
  StoreFixture f;
  NewRevision revision = Edit("kennisbeheer", "Kennisbeheer", "Over **kennis**.");
  revision.input.kind = PageKind::kMinutes;
  revision.input.date = "2013-06-13";

  SaveOutcome saved = f.Save(revision);
  CHECK(saved.slug == "kennisbeheer");
  CHECK(saved.revision == 1);
  CHECK(saved.created);

  Page page = f.Get("kennisbeheer");
  CHECK(page.slug == "kennisbeheer");
  CHECK(page.title == "Kennisbeheer");
  CHECK(page.kind == PageKind::kMinutes);
  CHECK(page.date == "2013-06-13");
  CHECK(page.revision == 1);
  CHECK(page.body == "Over **kennis**.");
  CHECK(page.html == "<p>Over **kennis**.</p>\n");
  CHECK(page.text == "Over **kennis**.");
  CHECK(page.author == "anonymous");  // nobody named
  CHECK(page.created_at.size() == 20);
  CHECK(page.created_at.back() == 'Z');
  CHECK(page.updated_at == page.created_at);
  CHECK(f.store->PageCount() == 1);
}

TEST_CASE("a second save makes revision 2, and history lists revisions newest first") {
  StoreFixture f;
  NewRevision first = Edit("gis", "GIS", "Eerste.");
  first.input.author = "an";
  first.input.comment = "begin";
  f.Save(first);
  NewRevision second = Edit("gis", "GIS", "Tweede versie.");
  second.input.author = "bert";
  second.input.comment = "uitgebreid";

  SaveOutcome saved = f.Save(second);
  CHECK(saved.revision == 2);
  CHECK_FALSE(saved.created);
  CHECK(f.Get("gis").body == "Tweede versie.");
  CHECK(f.Get("gis").author == "bert");

  std::vector<RevisionInfo> history = f.store->History("gis");
  REQUIRE(history.size() == 2);
  CHECK(history[0].number == 2);
  CHECK(history[0].author == "bert");
  CHECK(history[0].comment == "uitgebreid");
  CHECK(history[0].size == 14);
  CHECK(history[1].number == 1);
  CHECK(history[1].author == "an");
  CHECK(history[1].comment == "begin");
  CHECK(history[1].size == 7);
  CHECK_FALSE(history[1].created_at.empty());
  CHECK(f.store->History("no-such-page").empty());
}

TEST_CASE("a base revision other than the current one answers kConflict and changes nothing") {
  struct Case {
    const char* name;
    bool page_exists;  // at revision 2 when it does
    int64_t base_revision;
    bool conflict;
  };
  const Case cases[] = {
      {"stale", true, 1, true},
      {"from the future", true, 3, true},
      {"new-page base on an existing page", true, 0, true},
      {"current", true, 2, false},
      {"base 0 on a new page", false, 0, false},
      {"base 1 on a new page", false, 1, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    StoreFixture f;
    if (c.page_exists) {
      f.Save(Edit("crm", "CRM", "Eerste."));
      f.Save(Edit("crm", "CRM", "Tweede."));
    }
    Result<SaveOutcome> saved =
        f.store->SaveRevision(WithBase(Edit("crm", "CRM", "Botsing."), c.base_revision));
    if (!c.conflict) {
      CHECK(saved.ok());
      continue;
    }
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error().code == ErrorCode::kConflict);
    CHECK(f.store->Lag() == (c.page_exists ? 2 : 0));  // nothing queued either
    if (c.page_exists) {
      CHECK(f.Get("crm").revision == 2);
      CHECK(f.Get("crm").body == "Tweede.");
      CHECK(f.store->History("crm").size() == 2);
    } else {
      CHECK(f.store->Get("crm").error().code == ErrorCode::kNotFound);
    }
  }
}

TEST_CASE("an old revision keeps its own title, body, topics and time") {
  StoreFixture f;
  f.Save(WithTopics(Edit("mid-office", "Mid office", "Oud."), {"Dienstverlening"}));
  NewRevision renamed = WithTopics(Edit("mid-office", "Mid-office", "Nieuw."), {"E-government"});
  renamed.input.author = "carla";
  f.Save(renamed);

  Result<Page> old = f.store->GetRevision("mid-office", 1);
  REQUIRE(old.ok());
  CHECK(old->revision == 1);
  CHECK(old->title == "Mid office");
  CHECK(old->body == "Oud.");
  CHECK(old->html == "<p>Oud.</p>\n");
  CHECK(old->author == "anonymous");
  REQUIRE(old->topics.size() == 1);
  CHECK(old->topics[0].slug == "dienstverlening");
  CHECK(old->created_at == f.Get("mid-office").created_at);

  Result<Page> current = f.store->GetRevision("mid-office", 2);
  REQUIRE(current.ok());
  CHECK(current->title == "Mid-office");
  CHECK(current->author == "carla");

  CHECK(f.store->GetRevision("mid-office", 3).error().code == ErrorCode::kNotFound);
  CHECK(f.store->GetRevision("mid-office", 0).error().code == ErrorCode::kNotFound);
  CHECK(f.store->GetRevision("elders", 1).error().code == ErrorCode::kNotFound);
  CHECK(f.store->Get("elders").error().code == ErrorCode::kNotFound);
}

TEST_CASE("every kind is stored and read back") {
  StoreFixture f;
  for (PageKind kind : AllKinds()) {
    CAPTURE(KindName(kind));
    NewRevision revision = Edit(Slugify(KindName(kind)), std::string(KindName(kind)));
    revision.input.kind = kind;
    f.Save(revision);
    CHECK(f.Get(Slugify(KindName(kind))).kind == kind);
  }
  for (const PageSummary& summary : f.store->AllPages(kring::Audience::kMembers)) {
    CHECK(KindName(summary.kind) == summary.title);
  }
}

TEST_CASE("topics follow each page's current revision and keep their first name") {
  StoreFixture f;
  f.Save(WithTopics(Edit("a", "Alfa"), {"GIS", "Kennisbeheer"}));
  f.Save(WithTopics(Edit("b", "Beta"), {"gis", "  ", "!!!"}));  // no letter: no topic

  auto topics = f.store->Topics(kring::Audience::kMembers);
  REQUIRE(topics.size() == 2);
  CHECK(topics[0].first.slug == "gis");
  CHECK(topics[0].first.name == "GIS");  // "gis" came later
  CHECK(topics[0].second == 2);
  CHECK(topics[1].first.slug == "kennisbeheer");
  CHECK(topics[1].second == 1);
  CHECK(Slugs(f.store->PagesInTopic("gis", kring::Audience::kMembers)) == StringList{"a", "b"});

  f.Save(WithTopics(Edit("a", "Alfa"), {"Kennisbeheer", "Archief"}));
  CHECK(Slugs(f.store->PagesInTopic("gis", kring::Audience::kMembers)) == StringList{"b"});
  CHECK(Slugs(f.store->PagesInTopic("archief", kring::Audience::kMembers)) == StringList{"a"});
  CHECK(f.store->PagesInTopic("nergens", kring::Audience::kMembers).empty());

  Page a = f.Get("a");
  REQUIRE(a.topics.size() == 2);  // in the writer's order
  CHECK(a.topics[0].name == "Kennisbeheer");
  CHECK(a.topics[1].name == "Archief");
  Page b = f.Get("b");
  REQUIRE(b.topics.size() == 1);
  CHECK(b.topics[0].name == "GIS");

  Result<Topic> gis = f.store->GetTopic("gis");
  REQUIRE(gis.ok());
  CHECK(gis->name == "GIS");
  CHECK(f.store->GetTopic("nergens").error().code == ErrorCode::kNotFound);
}

TEST_CASE("repeated topics count once and a line break cannot split a topic") {
  StoreFixture f;
  f.Save(WithTopics(Edit("a", "Alfa"), {"ICT", "ict", "Open\ndata"}));
  Page a = f.Get("a");
  REQUIRE(a.topics.size() == 2);
  CHECK(a.topics[0].slug == "ict");
  CHECK(a.topics[1].slug == "open-data");
  CHECK(a.topics[1].name == "Open data");
}

TEST_CASE("links are rebuilt on each save and give backlinks and wanted pages") {
  StoreFixture f;
  f.Save(WithLinks(Edit("a", "Alfa"), {"c", "d"}));
  f.Save(WithLinks(Edit("b", "beta"), {"c", "a"}));

  CHECK(f.store->LinkingSlugs("c") == StringList{"a", "b"});
  CHECK(Slugs(f.store->Backlinks("a", kring::Audience::kMembers)) == StringList{"b"});
  std::vector<WantedPage> wanted = f.store->WantedPages(10, kring::Audience::kMembers);
  REQUIRE(wanted.size() == 2);
  CHECK(wanted[0].slug == "c");
  CHECK(wanted[0].references == 2);
  CHECK(wanted[1].slug == "d");
  CHECK(wanted[1].references == 1);
  CHECK(f.store->WantedPages(1, kring::Audience::kMembers).size() == 1);
  CHECK(f.store->WantedPages(0, kring::Audience::kMembers).empty());

  f.Save(Edit("c", "Gamma"));  // a red link turns blue
  REQUIRE(f.store->WantedPages(10, kring::Audience::kMembers).size() == 1);
  CHECK(f.store->WantedPages(10, kring::Audience::kMembers)[0].slug == "d");

  f.Save(WithLinks(Edit("a", "Alfa"), {"d"}));  // a no longer links to c
  CHECK(f.store->LinkingSlugs("c") == StringList{"b"});
  CHECK(f.store->LinkingSlugs("d") == StringList{"a"});
  CHECK(f.store->LinkingSlugs("nergens").empty());

  f.Save(WithLinks(Edit("z", "Aardvark"), {"d"}));
  // Backlinks are ordered by title, not slug.
  CHECK(Slugs(f.store->Backlinks("d", kring::Audience::kMembers)) == StringList{"z", "a"});
}

TEST_CASE("ResolveTarget finds a page by slug, then by title in any case") {
  StoreFixture f;
  f.Save(Edit("zaalreservatie-recreatex", "Zaalreservatie — Recreatex"));
  f.Save(Edit("cafe", "Café Één"));

  struct Case {
    const char* target;
    std::optional<std::string> slug;
  };
  const Case cases[] = {
      {"Zaalreservatie — Recreatex", "zaalreservatie-recreatex"},
      {"zaalreservatie-recreatex", "zaalreservatie-recreatex"},
      {"Café", "cafe"},            // Slugify("Café") is an existing slug
      {"café één", "cafe"},        // by title
      {"CAFÉ ÉÉN", "cafe"},        // by title, accented capitals folded
      {" Café Één ", "cafe"},      // surrounding blanks do not matter
      {"Cafe Een", std::nullopt},  // neither the slug cafe-een nor this title exists
      {"Nergens", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    CHECK(f.store->ResolveTarget(c.target) == c.slug);
  }
}

TEST_CASE("UpdateRenderedHtml replaces the HTML of one revision") {
  StoreFixture f;
  f.Save(Edit("a", "Alfa", "[[Beta]]"));
  f.Save(Edit("a", "Alfa", "[[Beta]]!"));

  CHECK(f.store->UpdateRenderedHtml("a", 2, "<p><a href=\"/p/beta\">Beta</a>!</p>").ok());
  CHECK(f.Get("a").html == "<p><a href=\"/p/beta\">Beta</a>!</p>");
  CHECK(f.store->GetRevision("a", 1)->html == "<p>[[Beta]]</p>\n");

  CHECK(f.store->UpdateRenderedHtml("a", 3, "x").error().code == ErrorCode::kNotFound);
  CHECK(f.store->UpdateRenderedHtml("nergens", 1, "x").error().code == ErrorCode::kNotFound);
}

TEST_CASE("recent changes put the latest change first; all pages are ordered by title") {
  StoreFixture f;
  f.Save(Edit("gamma", "gamma"));
  f.Save(Edit("alpha", "Alpha"));
  NewRevision again = Edit("gamma", "gamma", "Weer.");
  again.input.author = "dirk";
  f.Save(again);  // within the same second: the order of saving decides
  f.Save(Edit("beta", "Beta"));

  std::vector<PageSummary> recent = f.store->RecentChanges(10, kring::Audience::kMembers);
  CHECK(Slugs(recent) == StringList{"beta", "gamma", "alpha"});
  CHECK(recent[1].author == "dirk");
  CHECK(Slugs(f.store->RecentChanges(2, kring::Audience::kMembers)) == StringList{"beta", "gamma"});
  CHECK(f.store->RecentChanges(0, kring::Audience::kMembers).empty());

  CHECK(Slugs(f.store->AllPages(kring::Audience::kMembers)) ==
        StringList{"alpha", "beta", "gamma"});
  CHECK(f.store->PageCount() == 3);
}

TEST_CASE("data survives closing and reopening the store") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    auto store = storage_testing::OpenStore(path);
    CHECK(store->SaveRevision(WithTopics(Edit("a", "Alfa", "Blijft."), {"GIS"})).ok());
    CHECK(store->SaveRevision(Edit("a", "Alfa", "Blijft echt.")).ok());
  }
  auto reopened = storage_testing::OpenStore(path);
  Result<Page> page = reopened->Get("a");
  REQUIRE(page.ok());
  CHECK(page->body == "Blijft echt.");
  CHECK(reopened->History("a").size() == 2);
  CHECK(reopened->GetRevision("a", 1)->topics.size() == 1);
  CHECK(reopened->Lag() == 2);
}

TEST_CASE("the schema version is recorded and reopening does not migrate again") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  const auto latest = static_cast<int64_t>(sqlite::Migrations().size());
  {
    auto store = storage_testing::OpenStore(path);
    CHECK(store->SchemaVersion().value() == latest);
    CHECK(store->SaveRevision(Edit("a", "Alfa")).ok());
  }
  // Migration 1 creates tables without IF NOT EXISTS: running it again would fail the open.
  auto reopened = storage_testing::OpenStore(path);
  CHECK(reopened->SchemaVersion().value() == latest);
  CHECK(reopened->PageCount() == 1);
}

TEST_CASE("opening a file that is not a database fails naming the file") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    std::ofstream out(path);
    for (int i = 0; i < 100; ++i) out << "Dit is geen SQLite-bestand.\n";
  }
  Result<std::unique_ptr<SqlitePageStore>> store = SqlitePageStore::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().code == ErrorCode::kUnavailable);
  CHECK(store.error().message.find(path) != std::string::npos);
  CHECK(store.error().message.find("not a database") != std::string::npos);
}

TEST_CASE("opening in a folder that does not exist fails naming the file") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("ontbreekt/kring.db");
  Result<std::unique_ptr<SqlitePageStore>> store = SqlitePageStore::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().code == ErrorCode::kUnavailable);
  CHECK(store.error().message.find(path) != std::string::npos);
}

TEST_CASE("a failure without an error channel reaches the error sink") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  std::vector<Error> reported;
  Result<std::unique_ptr<SqlitePageStore>> store =
      SqlitePageStore::Open(path, [&](const Error& error) { reported.push_back(error); });
  REQUIRE(store.ok());
  CHECK(store.value()->Ping().ok());
  {
    auto vandal = sqlite::Database::Open(path);
    REQUIRE(vandal.ok());
    CHECK(vandal.value()->Execute("DROP TABLE links").ok());
  }
  CHECK(store.value()->LinkingSlugs("a").empty());
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].message.find("no such table: links") != std::string::npos);
}

TEST_CASE("two stores on one file see each other's saves") {
  storage_testing::TempDir dir;
  auto writer = storage_testing::OpenStore(dir.File("kring.db"));
  auto reader = storage_testing::OpenStore(dir.File("kring.db"));
  CHECK(reader->PageCount() == 0);
  REQUIRE(writer->SaveRevision(Edit("a", "Alfa")).ok());
  CHECK(reader->PageCount() == 1);
  CHECK(reader->ResolveTarget("alfa") == "a");
}

}  // namespace
}  // namespace kring
