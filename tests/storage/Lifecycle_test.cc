// SqlitePageStore as a PageLifecycleStore and RecentChangesStore: the trash, renames with their
// redirects, and the list of recent revisions, against a real SQLite file.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "storage/StorageTesting.h"

namespace kring {
namespace {

using storage_testing::Attachment;
using storage_testing::Edit;
using storage_testing::ErrorOf;
using storage_testing::Slugs;
using storage_testing::StoreFixture;
using storage_testing::Strings;
using storage_testing::WithBase;
using storage_testing::WithLinks;
using storage_testing::WithTopics;

using StringList = std::vector<std::string>;

// A rename as PageLifecycle hands it over: the page's next revision under its new name.
NewRevision Renamed(std::string new_slug, std::string new_title, int64_t base) {
  return WithBase(Edit(std::move(new_slug), std::move(new_title), "Tekst."), base);
}

std::vector<int64_t> QueuedFiles(SqlitePageStore& store) {
  std::vector<int64_t> files;
  for (const IndexWork& work : store.Pending(100)) {
    if (work.file_id != 0) files.push_back(work.file_id);
  }
  return files;
}

StringList QueuedPages(SqlitePageStore& store) {
  StringList pages;
  for (const IndexWork& work : store.Pending(100)) {
    if (work.file_id == 0) pages.push_back(work.slug);
  }
  return pages;
}

void DrainQueue(SqlitePageStore& store) {
  std::vector<int64_t> ids;
  for (const IndexWork& work : store.Pending(1000)) ids.push_back(work.id);
  REQUIRE(store.MarkIndexed(ids).ok());
}

TEST_CASE("a page in the trash is gone from every lookup and list, and comes back whole") {
  StoreFixture f;
  f.Save(WithTopics(Edit("crm", "CRM", "Klantcontact."), {"Klantcontact"}));
  f.Save(WithTopics(Edit("crm", "CRM", "Klantcontact, versie 2."), {"Klantcontact"}));
  f.Save(WithLinks(Edit("overzicht", "Overzicht", "Zie [[CRM]]."), {"crm"}));
  f.Save(WithLinks(WithTopics(Edit("oud", "Oud", "Zie [[Overzicht]]."), {"Klantcontact"}),
                   {"overzicht"}));
  const StoredFile file = f.Put(Attachment("crm", "crm.pdf", "%PDF-1.4 crm"));
  DrainQueue(*f.store);

  Result<TrashedPage> trashed = f.store->TrashPage("crm", "Ann");
  REQUIRE_MESSAGE(trashed.ok(), ErrorOf(trashed));
  CHECK(trashed->slug == "crm");
  CHECK(trashed->title == "CRM");
  CHECK(trashed->revision == 2);
  CHECK(trashed->deleted_by == "Ann");
  CHECK(trashed->deleted_at.size() == 20);
  REQUIRE(f.store->TrashPage("oud", "Bob").ok());

  CHECK(f.store->Get("crm").error().code == ErrorCode::kNotFound);
  CHECK(f.store->GetRevision("crm", 1).error().code == ErrorCode::kNotFound);
  CHECK(f.store->History("crm").empty());
  CHECK_FALSE(f.store->ResolveTarget("CRM"));
  CHECK_FALSE(f.store->ResolveTarget("crm"));
  CHECK(Slugs(f.store->AllPages(kring::Audience::kMembers)) == StringList{"overzicht"});
  CHECK(Slugs(f.store->RecentChanges(10, kring::Audience::kMembers)) == StringList{"overzicht"});
  CHECK(f.store->PagesInTopic("klantcontact", kring::Audience::kMembers).empty());
  CHECK(f.store->Topics(kring::Audience::kMembers).empty());
  CHECK(f.store->PageCount() == 1);
  // The linking page in the trash no longer links; its target is wanted again.
  CHECK(f.store->Backlinks("overzicht", kring::Audience::kMembers).empty());
  CHECK(f.store->LinkingSlugs("overzicht").empty());
  CHECK(f.store->LinkingSlugs("crm") == StringList{"overzicht"});
  const std::vector<WantedPage> wanted = f.store->WantedPages(10, kring::Audience::kMembers);
  REQUIRE(wanted.size() == 1);
  CHECK(wanted[0].slug == "crm");
  // Its files are in the trash with it, and the indexer is told about page and files.
  CHECK(f.store->GetFile(file.id).error().code == ErrorCode::kNotFound);
  CHECK(f.store->FilesOfPage("crm").empty());
  CHECK_FALSE(f.store->FindFileByName("crm.pdf"));
  CHECK(QueuedPages(*f.store) == StringList{"crm", "oud"});
  CHECK(QueuedFiles(*f.store) == std::vector<int64_t>{file.id});
  // Nothing can be written to it meanwhile.
  Result<SaveOutcome> save = f.store->SaveRevision(WithBase(Edit("crm", "CRM"), 0));
  CHECK(save.error().code == ErrorCode::kConflict);
  CHECK(save.error().message.find("trash") != std::string::npos);
  CHECK(f.store->PutFile(Attachment("crm", "x.pdf", "%PDF")).error().code == ErrorCode::kNotFound);

  CHECK(Strings(f.store->TrashedPages(), &TrashedPage::slug) == StringList{"oud", "crm"});
  REQUIRE(f.store->FindTrashed("crm"));
  CHECK(f.store->FindTrashed("crm")->deleted_by == "Ann");
  CHECK_FALSE(f.store->FindTrashed("overzicht"));
  CHECK(f.store->TrashPage("crm", "Ann").error().code == ErrorCode::kNotFound);

  DrainQueue(*f.store);
  REQUIRE(f.store->RestorePage("crm").ok());
  CHECK(QueuedPages(*f.store) == StringList{"crm"});
  const Page back = f.Get("crm");
  CHECK(back.revision == 2);
  CHECK(back.body == "Klantcontact, versie 2.");
  CHECK(f.store->History("crm").size() == 2);
  CHECK(f.store->ResolveTarget("CRM") == "crm");
  CHECK(Slugs(f.store->PagesInTopic("klantcontact", kring::Audience::kMembers)) ==
        StringList{"crm"});
  CHECK(f.store->WantedPages(10, kring::Audience::kMembers).empty());
  CHECK(f.GetFile(file.id).name == "crm.pdf");
  CHECK(Strings(f.store->TrashedPages(), &TrashedPage::slug) == StringList{"oud"});
  CHECK_FALSE(f.store->FindTrashed("crm"));
  CHECK(f.store->RestorePage("crm").error().code == ErrorCode::kNotFound);
  CHECK(f.store->RestorePage("nergens").error().code == ErrorCode::kNotFound);
  CHECK(f.store->TrashPage("nergens", "Ann").error().code == ErrorCode::kNotFound);
}

TEST_CASE("a rename keeps the page's id, history and files, and leaves a redirect") {
  StoreFixture f;
  f.Save(Edit("kennisbeheer", "Kennisbeheer", "Eerste."));
  f.Save(WithBase(Edit("kennisbeheer", "Kennisbeheer", "Tweede."), 1));
  f.Save(WithLinks(Edit("overzicht", "Overzicht", "Zie [[Kennisbeheer]]."), {"kennisbeheer"}));
  const StoredFile file = f.Put(Attachment("kennisbeheer", "km.pdf", "%PDF-1.4 km"));
  DrainQueue(*f.store);

  Result<SaveOutcome> renamed =
      f.store->RenamePage("kennisbeheer", Renamed("kennismanagement", "Kennismanagement", 2));
  REQUIRE_MESSAGE(renamed.ok(), ErrorOf(renamed));
  CHECK(renamed->slug == "kennismanagement");
  CHECK(renamed->revision == 3);
  CHECK_FALSE(renamed->created);

  CHECK(f.store->Get("kennisbeheer").error().code == ErrorCode::kNotFound);
  const Page page = f.Get("kennismanagement");
  CHECK(page.title == "Kennismanagement");
  CHECK(f.store->History("kennismanagement").size() == 3);
  CHECK(f.store->GetRevision("kennismanagement", 1).value().body == "Eerste.");
  CHECK(f.GetFile(file.id).page_slug == "kennismanagement");
  // Old URLs and old links reach it; the links rows follow it.
  CHECK(f.store->RedirectTarget("kennisbeheer") == "kennismanagement");
  CHECK(f.store->ResolveTarget("Kennisbeheer") == "kennismanagement");
  CHECK(f.store->ResolveTarget("kennisbeheer") == "kennismanagement");
  CHECK(f.store->LinkingSlugs("kennismanagement") == StringList{"overzicht"});
  CHECK(f.store->LinkingSlugs("kennisbeheer").empty());
  CHECK(f.store->WantedPages(10, kring::Audience::kMembers).empty());
  // The index drops the old slug and takes the new one.
  CHECK(QueuedPages(*f.store) == StringList{"kennisbeheer", "kennismanagement"});
  const std::vector<PageAlias> aliases = f.store->Aliases("kennismanagement");
  REQUIRE(aliases.size() == 1);
  CHECK(aliases[0].slug == "kennisbeheer");
  CHECK(aliases[0].title == "Kennisbeheer");

  SUBCASE("a second rename: both earlier slugs lead to the newest") {
    REQUIRE(
        f.store->RenamePage("kennismanagement", Renamed("kennisdeling", "Kennisdeling", 3)).ok());
    CHECK(f.store->RedirectTarget("kennisbeheer") == "kennisdeling");
    CHECK(f.store->RedirectTarget("kennismanagement") == "kennisdeling");
    CHECK(f.store->ResolveTarget("Kennisbeheer") == "kennisdeling");
    CHECK(f.store->ResolveTarget("Kennismanagement") == "kennisdeling");
    CHECK(f.store->Aliases("kennisdeling").size() == 2);
    CHECK(f.store->History("kennisdeling").size() == 4);

    // Taking back the first name: that redirect goes, the others lead to it.
    REQUIRE(f.store->RenamePage("kennisdeling", Renamed("kennisbeheer", "Kennisbeheer", 4)).ok());
    CHECK(f.Get("kennisbeheer").revision == 5);
    CHECK_FALSE(f.store->RedirectTarget("kennisbeheer"));
    CHECK(f.store->RedirectTarget("kennisdeling") == "kennisbeheer");
    CHECK(f.store->RedirectTarget("kennismanagement") == "kennisbeheer");
  }
  SUBCASE("a redirect to a page in the trash leads nowhere until it is restored") {
    REQUIRE(f.store->TrashPage("kennismanagement", "Ann").ok());
    CHECK_FALSE(f.store->RedirectTarget("kennisbeheer"));
    CHECK_FALSE(f.store->ResolveTarget("Kennisbeheer"));
    REQUIRE(f.store->RestorePage("kennismanagement").ok());
    CHECK(f.store->RedirectTarget("kennisbeheer") == "kennismanagement");
  }
  SUBCASE("a new page at an old slug takes it over") {
    f.Save(WithBase(Edit("kennisbeheer", "Kennisbeheer", "Een nieuwe pagina."), 0));
    CHECK_FALSE(f.store->RedirectTarget("kennisbeheer"));
    CHECK(f.store->ResolveTarget("Kennisbeheer") == "kennisbeheer");
    CHECK(f.store->Aliases("kennismanagement").empty());
  }
}

TEST_CASE("a page that links to itself by its old name links to its new one after a rename") {
  StoreFixture f;
  f.Save(WithLinks(Edit("oud", "Oud", "Zie [[Oud]]."), {"oud"}));
  // Rendered before the rename, the new revision still names the old slug.
  REQUIRE(f.store->RenamePage("oud", WithLinks(Renamed("nieuw", "Nieuw", 1), {"oud"})).ok());
  CHECK(f.store->LinkingSlugs("nieuw") == StringList{"nieuw"});
  CHECK(f.store->LinkingSlugs("oud").empty());
  CHECK(f.store->WantedPages(10, kring::Audience::kMembers).empty());
}

TEST_CASE("a rename is refused when the new slug is not free or the page changed") {
  StoreFixture f;
  f.Save(Edit("a", "A"));
  f.Save(Edit("b", "B"));
  f.Save(Edit("weg", "Weg"));
  REQUIRE(f.store->TrashPage("weg", "Ann").ok());
  f.Save(Edit("c", "C"));
  REQUIRE(f.store->RenamePage("c", Renamed("d", "D", 1)).ok());  // "c" is D's earlier name

  struct Case {
    const char* name;
    std::string slug;
    NewRevision revision;
    ErrorCode code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"taken by a page", "a", Renamed("b", "B2", 1), ErrorCode::kConflict, "taken by the page"},
      {"taken by a page in the trash", "a", Renamed("weg", "Weg", 1), ErrorCode::kConflict,
       "in the trash"},
      {"an earlier name of another page", "a", Renamed("c", "C", 1), ErrorCode::kConflict,
       "earlier name of the page \"D\""},
      {"a stale revision", "a", Renamed("a2", "A2", 0), ErrorCode::kConflict, "was changed"},
      {"no such page", "nergens", Renamed("x", "X", 1), ErrorCode::kNotFound, "No page"},
      {"a page in the trash", "weg", Renamed("weg2", "Weg", 1), ErrorCode::kNotFound, "No page"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Result<SaveOutcome> renamed = f.store->RenamePage(c.slug, c.revision);
    REQUIRE_FALSE(renamed.ok());
    CHECK(renamed.error().code == c.code);
    CHECK(renamed.error().message.find(c.says) != std::string::npos);
  }
  // Nothing moved.
  CHECK(f.Get("a").title == "A");
  CHECK(f.Get("a").revision == 1);
  CHECK(f.Get("b").title == "B");
  CHECK(f.store->Aliases("a").empty());
}

TEST_CASE("recent revisions: newest first, filtered by kind and topic, paged by a cursor") {
  StoreFixture f;
  NewRevision minutes = WithTopics(Edit("verslag", "Verslag maart", "Aanwezig: Ann."), {"Kring"});
  minutes.input.kind = PageKind::kMinutes;
  minutes.input.comment = "eerste versie";
  minutes.input.author = "Ann";
  f.Save(minutes);
  f.Save(WithTopics(Edit("crm", "CRM", "Klantcontact."), {"CRM"}));
  NewRevision longer = WithBase(minutes, 1);
  longer.input.body = "Aanwezig: Ann en Bob.";
  longer.text = longer.input.body;
  longer.input.comment = "Bob toegevoegd";
  f.Save(longer);
  f.Save(Edit("weg", "Weg"));
  REQUIRE(f.store->TrashPage("weg", "Ann").ok());

  Result<std::vector<RecentChange>> all = f.store->RecentRevisions(RecentQuery{});
  REQUIRE_MESSAGE(all.ok(), ErrorOf(all));
  REQUIRE(all->size() == 3);  // the page in the trash is left out
  const RecentChange& newest = all->at(0);
  CHECK(newest.slug == "verslag");
  CHECK(newest.title == "Verslag maart");
  CHECK(newest.kind == PageKind::kMinutes);
  CHECK(newest.revision == 2);
  CHECK(newest.comment == "Bob toegevoegd");
  CHECK(newest.author == "Ann");
  CHECK(newest.size == 21);
  CHECK(newest.size_change == 7);
  CHECK(newest.excerpt == "Aanwezig: Ann en Bob.");
  CHECK(all->at(1).slug == "crm");
  CHECK(all->at(2).revision == 1);
  CHECK(all->at(2).size_change == all->at(2).size);  // a first revision adds all it holds
  CHECK(all->at(0).id > all->at(1).id);

  RecentQuery only_minutes;
  only_minutes.kind = PageKind::kMinutes;
  Result<std::vector<RecentChange>> kind = f.store->RecentRevisions(only_minutes);
  REQUIRE(kind.ok());
  CHECK(Strings(kind.value(), &RecentChange::slug) == StringList{"verslag", "verslag"});

  RecentQuery in_topic;
  in_topic.topic_slug = "crm";
  CHECK(Strings(f.store->RecentRevisions(in_topic).value(), &RecentChange::slug) ==
        StringList{"crm"});

  RecentQuery page_one;
  page_one.limit = 2;
  Result<std::vector<RecentChange>> first = f.store->RecentRevisions(page_one);
  REQUIRE(first->size() == 2);
  RecentQuery page_two = page_one;
  page_two.before = first->back().id;
  Result<std::vector<RecentChange>> second = f.store->RecentRevisions(page_two);
  REQUIRE(second->size() == 1);
  CHECK(second->at(0).id == all->at(2).id);

  SUBCASE("a long text's excerpt is cut short, and says so") {
    f.Save(Edit("lang", "Lang", std::string(400, 'a')));
    Result<std::vector<RecentChange>> after = f.store->RecentRevisions(RecentQuery{});
    CHECK(after->at(0).excerpt == std::string(RecentChange::kExcerptChars, 'a') + "\u2026");
  }
  SUBCASE("a renamed page's revisions carry its current name") {
    REQUIRE(f.store->RenamePage("crm", Renamed("klantbeheer", "Klantbeheer", 1)).ok());
    Result<std::vector<RecentChange>> after = f.store->RecentRevisions(RecentQuery{});
    CHECK(Strings(after.value(), &RecentChange::slug) ==
          StringList{"klantbeheer", "verslag", "klantbeheer", "verslag"});
    CHECK(after->at(2).title == "Klantbeheer");
  }
}

TEST_CASE("minutes in the trash leave the meetings, and the pages they link count no more") {
  StoreFixture f;
  NewRevision minutes = WithLinks(Edit("verslag", "Verslag", "Zie [[Deck]]."), {"deck"});
  minutes.input.kind = PageKind::kMinutes;
  minutes.input.date = "2013-03-13";
  f.Save(minutes);
  NewRevision other = Edit("verslag-2", "Verslag 2", "Zie [[Deck]].");
  other.input.kind = PageKind::kMinutes;
  other.input.date = "2013-06-13";
  other.link_slugs = {"deck"};
  f.Save(other);
  f.Save(Edit("deck", "Deck"));
  REQUIRE(f.store->PastMeetings("2026-01-01", 10, kring::Audience::kMembers).size() == 2);
  CHECK(f.store->PastMeetings("2026-01-01", 10, kring::Audience::kMembers)[1].linked_pages == 1);

  REQUIRE(f.store->TrashPage("verslag-2", "Ann").ok());
  REQUIRE(f.store->TrashPage("deck", "Ann").ok());
  const std::vector<Meeting> left =
      f.store->PastMeetings("2026-01-01", 10, kring::Audience::kMembers);
  REQUIRE(left.size() == 1);
  CHECK(left[0].slug == "verslag");
  CHECK(left[0].linked_pages == 0);
}

}  // namespace
}  // namespace kring
