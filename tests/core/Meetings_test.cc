// GroupBacklinks: the pages linking to a page, grouped by kind, meetings newest first.
#include "core/Meetings.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kring::BacklinkGroup;
using kring::GroupBacklinks;
using kring::PageKind;
using kring::PageSummary;

namespace {

PageSummary Summary(std::string slug, PageKind kind, std::string date = "") {
  PageSummary page;
  page.slug = std::move(slug);
  page.title = page.slug;
  page.kind = kind;
  page.date = std::move(date);
  return page;
}

std::vector<std::string> Slugs(const BacklinkGroup& group) {
  std::vector<std::string> slugs;
  for (const PageSummary& page : group.pages) slugs.push_back(page.slug);
  return slugs;
}

}  // namespace

TEST_CASE("backlinks are grouped minutes first, newest meeting first, other kinds as given") {
  // As the store answers them: ordered by title.
  const std::vector<PageSummary> backlinks = {
      Summary("a-page", PageKind::kPage),
      Summary("agenda-juni", PageKind::kMinutes, "2013-06-13"),
      Summary("b-practice", PageKind::kBestPractice),
      Summary("c-page", PageKind::kPage),
      Summary("kring-maart", PageKind::kMinutes, "2013-03-13"),
      Summary("undated-minutes", PageKind::kMinutes),
      Summary("z-minutes", PageKind::kMinutes, "2014-01-20"),
  };
  const std::vector<BacklinkGroup> groups = GroupBacklinks(backlinks);
  REQUIRE(groups.size() == 3);  // no presentation links here: no empty group
  CHECK(groups[0].kind == PageKind::kMinutes);
  CHECK(Slugs(groups[0]) ==
        std::vector<std::string>{"z-minutes", "agenda-juni", "kring-maart", "undated-minutes"});
  CHECK(groups[1].kind == PageKind::kBestPractice);
  CHECK(Slugs(groups[1]) == std::vector<std::string>{"b-practice"});
  CHECK(groups[2].kind == PageKind::kPage);
  CHECK(Slugs(groups[2]) == std::vector<std::string>{"a-page", "c-page"});
}

TEST_CASE("presentations come after minutes and before best practices; no backlinks, no groups") {
  const std::vector<BacklinkGroup> groups =
      GroupBacklinks({Summary("practice", PageKind::kBestPractice),
                      Summary("deck", PageKind::kPresentation, "2013-03-13"),
                      Summary("minutes", PageKind::kMinutes, "2013-03-13")});
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].kind == PageKind::kMinutes);
  CHECK(groups[1].kind == PageKind::kPresentation);
  CHECK(groups[2].kind == PageKind::kBestPractice);
  CHECK(GroupBacklinks({}).empty());
}
