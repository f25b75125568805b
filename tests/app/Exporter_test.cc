// The pure steps of an export: front matter the importer reads back, and links made relative.
#include "app/Exporter.h"

#include <doctest/doctest.h>

#include "app/MarkdownFile.h"

using kring::ExportBody;
using kring::ExportFrontMatter;
using kring::ExportTargets;
using kring::Page;

TEST_CASE("the front matter reads back as the same fields") {
  Page page;
  page.slug = "verslag";
  page.title = "Verslag: \"kring\" #3 - yes";  // YAML's special characters and words
  page.kind = kring::PageKind::kMinutes;
  page.date = "2019-06-20";
  page.topics = {{"crm", "CRM"}, {"zaakgericht-werken", "Zaakgericht werken, deel 2"}};
  page.organisation = "Stad Roeselare";
  page.place = "Stadhuis, zaal 2";
  page.applications = {"Recreatex", "true"};
  page.visibility = kring::Visibility::kMembers;
  page.created_at = "2020-01-01T10:00:00Z";
  page.updated_at = "2021-02-03T04:05:06Z";

  const std::string front = ExportFrontMatter(page);
  const kring::MarkdownFile file = kring::ParseMarkdownFile(front + "Body\n");
  REQUIRE(file.front.present);
  CHECK(file.front.error.empty());
  CHECK(file.front.title == page.title);
  CHECK(file.front.kind == "minutes");
  CHECK(file.front.date == "2019-06-20");
  CHECK(file.front.topics == std::vector<std::string>{"CRM", "Zaakgericht werken, deel 2"});
  CHECK(file.front.organisation == "Stad Roeselare");
  CHECK(file.front.place == "Stadhuis, zaal 2");
  CHECK(file.front.applications == std::vector<std::string>{"Recreatex", "true"});
  CHECK(file.front.visibility == "members");
  CHECK(file.body == "Body\n");
  CHECK(front.find("created: 2020-01-01T10:00:00Z") != std::string::npos);
}

TEST_CASE("links to exported pages and files become relative; others stay as written") {
  ExportTargets targets;
  targets.slugs = {"crm", "mid-office"};
  targets.files = {{7, "crm/Deck (v2).pdf"}};
  const std::string body =
      "See [CRM](/p/crm), [part](/p/mid-office#aanpak), [red](/p/nog-niet), [[Mid-office]],\n"
      "[deck](/f/7/Deck%20%28v2%29.pdf#page=2), [gone](/f/8/x.pdf), ![img](/f/7/x.png) and\n"
      "`[code](/p/crm)`.\n";
  CHECK(ExportBody(body, targets) ==
        "See [CRM](crm.md), [part](mid-office.md#aanpak), [red](/p/nog-niet), [[Mid-office]],\n"
        "[deck](crm/Deck%20%28v2%29.pdf#page=2), [gone](/f/8/x.pdf), ![img](/f/7/x.png) and\n"
        "`[code](/p/crm)`.\n");
}
