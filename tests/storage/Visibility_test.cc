// Members-only pages in the store: visibility saved per revision, and every list for the public
// audience leaving out the pages (and their files) that only members may read, counts and limits
// included, while the members audience sees them.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::Slugs;
using storage_testing::StoreFixture;
using storage_testing::Strings;
using storage_testing::WithFileLinks;
using storage_testing::WithLinks;
using storage_testing::WithTopics;
using StringList = std::vector<std::string>;

constexpr Audience kPublic = Audience::kPublic;
constexpr Audience kMembers = Audience::kMembers;

NewRevision MembersOnly(NewRevision revision) {
  revision.input.visibility = Visibility::kMembers;
  return revision;
}

NewRevision Minutes(NewRevision revision, std::string date) {
  revision.input.kind = PageKind::kMinutes;
  revision.input.date = std::move(date);
  return revision;
}

StringList TopicSlugs(const std::vector<std::pair<Topic, int64_t>>& topics) {
  StringList slugs;
  for (const auto& [topic, count] : topics)
    slugs.push_back(topic.slug + "=" + std::to_string(count));
  return slugs;
}

// A public overview, a members-only contract note linking to it (and to a red link), and
// members-only minutes: in topics shared with the overview and of their own.
struct Circle : StoreFixture {
  Circle() {
    Save(WithTopics(Edit("overzicht", "Overzicht", "Alles over zalen."), {"Zalen"}));
    Save(MembersOnly(WithLinks(
        WithTopics(Edit("contract", "Contract", "De kwartelkorting."), {"Zalen", "Contracten"}),
        {"overzicht", "onderhandeling"})));
    Save(MembersOnly(Minutes(Edit("geheim-overleg", "Geheim overleg"), "2013-05-02")));
  }
};

TEST_CASE("a page's visibility is saved per revision and read back with it") {
  StoreFixture f;
  f.Save(MembersOnly(Edit("nota", "Nota", "Eerst voor leden.")));
  CHECK(f.Get("nota").visibility == Visibility::kMembers);
  f.Save(Edit("nota", "Nota", "Nu voor iedereen."));
  CHECK(f.Get("nota").visibility == Visibility::kPublic);
  Result<Page> first = f.store->GetRevision("nota", 1);
  REQUIRE(first.ok());
  CHECK(first->visibility == Visibility::kMembers);
  CHECK(f.store->GetRevision("nota", 2)->visibility == Visibility::kPublic);
}

TEST_CASE("page lists for the public leave out members-only pages; members see every page") {
  Circle f;
  CHECK(Slugs(f.store->AllPages(kPublic)) == StringList{"overzicht"});
  CHECK(Slugs(f.store->AllPages(kMembers)) ==
        StringList{"contract", "geheim-overleg", "overzicht"});
  CHECK(Slugs(f.store->RecentChanges(10, kPublic)) == StringList{"overzicht"});
  CHECK(Slugs(f.store->RecentChanges(10, kMembers)).size() == 3);
  // The limit counts what the audience sees: the newest public page despite newer hidden ones.
  CHECK(Slugs(f.store->RecentChanges(1, kPublic)) == StringList{"overzicht"});

  CHECK(f.store->Backlinks("overzicht", kPublic).empty());
  CHECK(Slugs(f.store->Backlinks("overzicht", kMembers)) == StringList{"contract"});

  CHECK(Slugs(f.store->PagesInTopic("zalen", kPublic)) == StringList{"overzicht"});
  CHECK(Slugs(f.store->PagesInTopic("zalen", kMembers)) == StringList{"contract", "overzicht"});
  CHECK(TopicSlugs(f.store->Topics(kPublic)) == StringList{"zalen=1"});
  CHECK(TopicSlugs(f.store->Topics(kMembers)) == StringList{"contracten=1", "zalen=2"});

  // A red link written only on a members-only page is nobody's wish, as far as the public knows.
  CHECK(f.store->WantedPages(10, kPublic).empty());
  REQUIRE(f.store->WantedPages(10, kMembers).size() == 1);
  CHECK(Slugs(f.store->WantedPages(10, kMembers)[0].wanted_by) == StringList{"contract"});
}

TEST_CASE("members-only minutes are no meeting for the public") {
  Circle f;
  f.Save(Minutes(Edit("open-overleg", "Open overleg"), "2013-03-13"));
  CHECK(Strings(f.store->PastMeetings("2099-01-01", 10, kPublic), &Meeting::slug) ==
        StringList{"open-overleg"});
  CHECK(Strings(f.store->PastMeetings("2099-01-01", 10, kMembers), &Meeting::slug) ==
        StringList{"geheim-overleg", "open-overleg"});
  CHECK(f.store->UpcomingMeetings("2000-01-01", 1, kPublic)[0].slug == "open-overleg");
  CHECK(f.store->UpcomingMeetings("2000-01-01", 1, kMembers)[0].slug == "open-overleg");
  CHECK(Strings(f.store->UpcomingMeetings("2013-04-01", 10, kMembers), &Meeting::slug) ==
        StringList{"geheim-overleg"});
  CHECK(f.store->UpcomingMeetings("2013-04-01", 10, kPublic).empty());
}

TEST_CASE("recent revisions for the public leave out members-only pages and revisions") {
  Circle f;
  // Public now, but its first revision was for members only: that text stays theirs.
  f.Save(MembersOnly(Edit("incident", "Incident", "Het wachtwoord was kwartel123.")));
  f.Save(Edit("incident", "Incident", "Een incident werd opgelost."));

  RecentQuery query;
  query.limit = 50;
  Result<std::vector<RecentChange>> seen = f.store->RecentRevisions(query);  // public by default
  REQUIRE(seen.ok());
  StringList changes;
  for (const RecentChange& change : seen.value()) {
    changes.push_back(change.slug + "@" + std::to_string(change.revision));
    CHECK(change.excerpt.find("kwartel") == std::string::npos);
  }
  CHECK(changes == StringList{"incident@2", "overzicht@1"});

  query.audience = kMembers;
  CHECK(f.store->RecentRevisions(query)->size() == 5);
}

TEST_CASE("a file has its page's visibility, and pages linking it are listed per audience") {
  Circle f;
  const std::string content = "%PDF-1.4 voorwaarden";
  const StoredFile terms = f.Put(Attachment("contract", "voorwaarden.pdf", content));
  CHECK(terms.visibility == Visibility::kMembers);
  CHECK(f.GetFile(terms.id).visibility == Visibility::kMembers);
  CHECK(f.store->FilesOfPage("contract").at(0).visibility == Visibility::kMembers);
  const StoredFile plan = f.Put(Attachment("overzicht", "plan.pdf", content));
  CHECK(f.GetFile(plan.id).visibility == Visibility::kPublic);

  f.Save(WithFileLinks(Edit("overzicht", "Overzicht", "Zie het plan."), {plan.id}));
  f.Save(MembersOnly(WithFileLinks(Edit("contract", "Contract", "Zie het plan."), {plan.id})));
  CHECK(Slugs(f.store->PagesLinkingFile(plan.id, kPublic)) == StringList{"overzicht"});
  CHECK(Slugs(f.store->PagesLinkingFile(plan.id, kMembers)) == StringList{"contract", "overzicht"});

  // The page made public: its file follows at once.
  f.Save(Edit("contract", "Contract", "Voor iedereen."));
  CHECK(f.GetFile(terms.id).visibility == Visibility::kPublic);
}

TEST_CASE("pages of a database made before visibility existed are public after the migration") {
  storage_testing::TempDir dir;
  const std::string path = dir.File("kring.db");
  {
    // Schema version 5 (trash and redirects): the one before kPageVisibility.
    Result<std::unique_ptr<sqlite::Database>> db = sqlite::Database::Open(path);
    REQUIRE(db.ok());
    REQUIRE(
        db.value()->Migrate({sqlite::Migrations().begin(), sqlite::Migrations().begin() + 5}).ok());
    for (const char* sql :
         {"INSERT INTO pages (slug, title, title_lower, current_revision, created_at) "
          "VALUES ('oud', 'Oud', 'oud', 1, '2024-01-01T00:00:00Z')",
          "INSERT INTO revisions (page_id, number, title, kind, date, topics, body, html, text, "
          "author, comment, created_at, size) VALUES (1, 1, 'Oud', 'page', '', '', 'Oud.', "
          "'<p>Oud.</p>', 'Oud.', 'an', '', '2024-01-01T00:00:00Z', 4)"}) {
      CAPTURE(sql);
      REQUIRE(db.value()->Execute(sql).ok());
    }
  }
  auto store = storage_testing::OpenStore(path);
  CHECK(store->SchemaVersion().value() == static_cast<int64_t>(sqlite::Migrations().size()));
  Result<Page> old = store->Get("oud");
  REQUIRE(old.ok());
  CHECK(old->visibility == Visibility::kPublic);
  CHECK(Slugs(store->AllPages(kPublic)) == StringList{"oud"});
}

}  // namespace
}  // namespace kring
