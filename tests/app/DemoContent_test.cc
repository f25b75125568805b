// SeedDemoContent against the real SQLite store and cmark renderer, with the embedded demo/.
#include "app/DemoContent.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "AppTesting.h"

using kring::PageKind;
using kring::app_testing::TestWiki;

namespace {

bool HasSlug(const std::vector<kring::PageSummary>& pages, const std::string& slug) {
  return std::any_of(pages.begin(), pages.end(),
                     [&](const kring::PageSummary& p) { return p.slug == slug; });
}

}  // namespace

TEST_CASE("seeding the demo content creates linked pages of every kind") {
  TestWiki wiki;
  kring::Result<int> seeded = kring::SeedDemoContent(wiki.pages());
  REQUIRE_MESSAGE(seeded.ok(), kring::app_testing::ErrorOf(seeded));
  CHECK(seeded.value() == 21);
  CHECK(wiki.store().PageCount() == 21);

  std::map<PageKind, int> kinds;
  for (const kring::PageSummary& page : wiki.store().AllPages(kring::Audience::kMembers))
    ++kinds[page.kind];
  CHECK(kinds[PageKind::kMinutes] == 3);
  CHECK(kinds[PageKind::kPresentation] == 6);
  CHECK(kinds[PageKind::kBestPractice] == 3);
  CHECK(kinds[PageKind::kPage] == 9);

  const kring::Page roeselare = wiki.Get("kringbijeenkomst-roeselare-13-maart-2013");
  CHECK(roeselare.kind == PageKind::kMinutes);
  CHECK(roeselare.date == "2013-03-13");
  CHECK(roeselare.author == "Pieter-Jan Vandewalle");
  CHECK(wiki.Get("agenda-kringbijeenkomst-13-juni-2013").date == "2013-06-13");
  // The host of a meeting, the presenter's or author's administration elsewhere.
  CHECK(roeselare.organisation == "Stad Roeselare");
  CHECK(wiki.Get("kringbijeenkomst-oostrozebeke-12-december-2012").organisation ==
        "Gemeente Oostrozebeke");
  CHECK(wiki.Get("agenda-kringbijeenkomst-13-juni-2013").organisation == "OCMW Izegem");
  CHECK(wiki.Get("kennisbeheer-in-een-kleine-gemeente-ervaringen-uit-wielsbeke").organisation ==
        "Gemeente Wielsbeke");
  CHECK(wiki.Get("kennisbeheer").organisation.empty());
  // Pages about an application are tagged with it; topic pages about other things are not.
  CHECK(wiki.Get("zaalreservatie-met-recreatex").applications ==
        std::vector<std::string>{"Recreatex"});
  CHECK(wiki.Get("meldingen-met-agility").applications == std::vector<std::string>{"Agility"});
  CHECK(wiki.Get("toepassingen-in-de-regio").applications ==
        std::vector<std::string>{"Recreatex", "Agility"});
  CHECK(wiki.Get("kennisbeheer").applications.empty());

  // Minutes link to the presentations given, topic pages to the best practices.
  CHECK(HasSlug(
      wiki.store().Backlinks("klantgericht-werken-met-crm-in-roeselare", kring::Audience::kMembers),
      "kringbijeenkomst-roeselare-13-maart-2013"));
  CHECK(HasSlug(wiki.store().Backlinks("best-practice-zaalreservaties-online-met-recreatex",
                                       kring::Audience::kMembers),
                "zaalreservatie-met-recreatex"));

  CHECK(wiki.Get("kennisbeheer").body.find("het kennis- en databeheer") != std::string::npos);
  CHECK(wiki.Get("toepassingen-in-de-regio").html.find("<table>") != std::string::npos);
}

TEST_CASE(
    "every demo meeting has a place and a host, and every presentation was discussed at one") {
  TestWiki wiki;
  REQUIRE(kring::SeedDemoContent(wiki.pages()).ok());
  CHECK(wiki.Get("kringbijeenkomst-roeselare-13-maart-2013").place ==
        "Stadhuis Roeselare, vergaderzaal 2");
  const std::vector<kring::Meeting> meetings =
      wiki.store().PastMeetings("2099-01-01", 10, kring::Audience::kMembers);
  REQUIRE(meetings.size() == 3);
  for (const kring::Meeting& meeting : meetings) {
    CAPTURE(meeting.slug);
    CHECK_FALSE(meeting.place.empty());
    CHECK_FALSE(meeting.organisation.empty());
    CHECK(meeting.linked_pages >= 5);
  }
  // "Besproken op" on every presentation: minutes of a meeting on its date link it.
  int presentations = 0;
  for (const kring::PageSummary& page : wiki.store().AllPages(kring::Audience::kMembers)) {
    if (page.kind != PageKind::kPresentation) continue;
    ++presentations;
    CAPTURE(page.slug);
    bool discussed_that_day = false;
    for (const kring::PageSummary& link :
         wiki.store().Backlinks(page.slug, kring::Audience::kMembers)) {
      discussed_that_day =
          discussed_that_day || (link.kind == PageKind::kMinutes && link.date == page.date);
    }
    CHECK(discussed_that_day);
  }
  CHECK(presentations == 6);
}

TEST_CASE("the demo content has exactly one red link, and every other link is blue") {
  TestWiki wiki;
  REQUIRE(kring::SeedDemoContent(wiki.pages()).ok());
  const std::vector<kring::WantedPage> wanted =
      wiki.store().WantedPages(10, kring::Audience::kMembers);
  REQUIRE(wanted.size() == 1);
  CHECK(wanted[0].slug == "informatieveiligheid");
  CHECK(wanted[0].references == 2);

  // The home page was saved first, before the pages it links to: their creation re-rendered it.
  const kring::Page home = wiki.Get("welkom-bij-de-kenniskring");
  CHECK(home.html.find("/p/crm") != std::string::npos);
  for (const kring::PageSummary& summary : wiki.store().AllPages(kring::Audience::kMembers)) {
    const kring::Page page = wiki.Get(summary.slug);
    size_t red = 0;
    for (size_t at = page.html.find("wikilink new"); at != std::string::npos;
         at = page.html.find("wikilink new", at + 1)) {
      ++red;
    }
    CAPTURE(summary.slug);
    CHECK(red == (page.html.find("Informatieveiligheid") != std::string::npos ? 1 : 0));
  }
}
