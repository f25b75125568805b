// ImportDirectory against the real SQLite store and cmark renderer.
#include "app/Importer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "AppTesting.h"
#include "storage/Database.h"

using kring::ImportReport;
using kring::PageKind;
using kring::Result;
using kring::app_testing::Docs;
using kring::app_testing::TestWiki;

namespace {

bool HasSlug(const std::vector<kring::PageSummary>& pages, const std::string& slug) {
  return std::any_of(pages.begin(), pages.end(),
                     [&](const kring::PageSummary& p) { return p.slug == slug; });
}

bool HasTopic(const kring::Page& page, const std::string& slug) {
  return std::any_of(page.topics.begin(), page.topics.end(),
                     [&](const kring::Topic& t) { return t.slug == slug; });
}

bool Mentions(const std::vector<kring::ImportIssue>& issues, const std::string& path) {
  return std::any_of(issues.begin(), issues.end(),
                     [&](const kring::ImportIssue& i) { return i.path == path; });
}

ImportReport Import(TestWiki& wiki, const std::filesystem::path& dir,
                    const kring::ImportOptions& options = {}) {
  Result<ImportReport> report = kring::ImportDirectory(dir, wiki.pages(), wiki.store(), options);
  REQUIRE_MESSAGE(report.ok(), kring::app_testing::ErrorOf(report));
  return std::move(report).value();
}

}  // namespace

TEST_CASE("importing the GEMMA Zaken docs creates every page, links them, and re-imports idly") {
  TestWiki wiki;
  const ImportReport first = Import(wiki, KRING_CORPUS_DIR "/docs");
  for (const auto& issue : first.skipped) MESSAGE(issue.path << ": " << issue.message);
  for (const auto& issue : first.warnings) MESSAGE(issue.path << ": " << issue.message);
  CHECK(
      first.warnings.empty());  // every front matter parses, every date reads, no .md link dangles
  CHECK(first.files_seen == 222);
  CHECK(first.pages_created == 222);
  CHECK(first.skipped.empty());
  CHECK(wiki.store().PageCount() == 222);
  CHECK(first.links_rewritten > 100);

  // Title, kind, date and topic from a file's front matter and path.
  const kring::Page sprint = wiki.Get("community-bijeenkomsten-20190620-demo-sprint-13");
  CHECK(sprint.title == "Demo Sprint 13");
  CHECK(sprint.kind == PageKind::kMinutes);
  CHECK(sprint.date == "2019-06-20");
  CHECK(HasTopic(sprint, "community"));
  CHECK(sprint.author == "import");
  CHECK(wiki.Get("home").title == "API's voor zaakgericht werken");
  CHECK(wiki.Get("community-bijeenkomsten").kind == PageKind::kPage);

  // `[release notes](./release_notes.md)` in standaard/zaken/index.md is a page link.
  const kring::Page zaken = wiki.Get("standaard-zaken");
  CHECK(zaken.body.find("](/p/standaard-zaken-release-notes)") != std::string::npos);
  CHECK(wiki.Get("standaard-zaken-release-notes").title == "Release Notes Zaken API");
  CHECK(HasSlug(wiki.store().Backlinks("standaard-zaken-release-notes", kring::Audience::kMembers),
                "standaard-zaken"));
  // A site-absolute link (`/themas/achtergronddocumentatie/verzoeken`) too.
  CHECK(HasSlug(
      wiki.store().Backlinks("themas-achtergronddocumentatie-verzoeken", kring::Audience::kMembers),
      "standaard-verzoeken"));
  // Links to images and other files stay as they were.
  CHECK(sprint.body.find("](../bestanden/zgw2-demo-sprint-13.pdf)") != std::string::npos);

  const ImportReport second = Import(wiki, KRING_CORPUS_DIR "/docs");
  CHECK(second.pages_created == 0);
  CHECK(second.pages_updated == 0);
  CHECK(second.pages_unchanged == 222);
  CHECK(wiki.store().History("standaard-zaken").size() == 1);
}

TEST_CASE("links resolve to files imported later, with anchors kept") {
  Docs docs;
  docs.Write("a.md",
             "# Alpha\n\nSee [b](z/b.md#part), [c](z/c) and [gone](missing.md).\n"
             "```\n[not a link](z/b.md)\n```\n");
  docs.Write("z/b.md", "---\ntitle: Bravo\n---\nBack to [a](../a.md).\n");
  docs.Write("z/c.md", "# Charlie\n");
  TestWiki wiki;
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.pages_created == 3);
  const kring::Page a = wiki.Get("a");
  CHECK(a.title == "Alpha");
  // The first heading repeats the title, which the page view shows anyway: it is dropped.
  CHECK(a.body ==
        "See [b](/p/z-b#part), [c](/p/z-c) and [gone](missing.md).\n"
        "```\n[not a link](z/b.md)\n```\n");
  CHECK(HasSlug(wiki.store().Backlinks("z-b", kring::Audience::kMembers), "a"));
  CHECK(HasSlug(wiki.store().Backlinks("a", kring::Audience::kMembers), "z-b"));
  CHECK(Mentions(report.warnings, "a.md"));  // the link to missing.md
  CHECK(wiki.Get("z-b").title == "Bravo");
  CHECK(wiki.Get("z-c").topics.size() == 1);  // the folder "z"
}

TEST_CASE("bad files are skipped or imported with a warning, never fatal") {
  Docs docs;
  docs.Write("latin1.md", "# Caf\xe9\n");
  docs.Write("broken-yaml.md", "---\ntitle: [unclosed\n---\n# From the heading\n");
  docs.Write("odd-date.md", "---\ntitle: Odd\ndate: morgen\nkind: poster\n---\ntext\n");
  docs.Write("---.md", "no slug in this name\n");
  docs.Write(".git/HEAD.md", "hidden\n");
  docs.Write("notes.txt", "not markdown\n");
  TestWiki wiki;
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.files_seen == 4);
  CHECK(report.pages_created == 2);
  CHECK(Mentions(report.skipped, "latin1.md"));
  CHECK(Mentions(report.skipped, "---.md"));
  CHECK(Mentions(report.warnings, "broken-yaml.md"));
  CHECK(Mentions(report.warnings, "odd-date.md"));
  CHECK(wiki.Get("broken-yaml").title == "From the heading");
  const kring::Page odd = wiki.Get("odd-date");
  CHECK(odd.date.empty());
  CHECK(odd.kind == PageKind::kPage);
}

TEST_CASE("re-importing saves a revision only for files that changed") {
  Docs docs;
  docs.Write("one.md", "# One\n");
  docs.Write("two.md", "# Two\n");
  TestWiki wiki;
  Import(wiki, docs.path());
  docs.Write("two.md", "# Two\n\nMore text.\n");
  const ImportReport again = Import(wiki, docs.path());
  CHECK(again.pages_unchanged == 1);
  CHECK(again.pages_updated == 1);
  CHECK(wiki.store().History("one").size() == 1);
  const std::vector<kring::RevisionInfo> history = wiki.store().History("two");
  REQUIRE(history.size() == 2);
  CHECK(history[0].comment == "Imported from two.md");
}

TEST_CASE("two files with the same slug both import, the later one renamed") {
  Docs docs;
  docs.Write("a-b.md", "# First\n");
  docs.Write("a/b.md", "# Second\n");
  TestWiki wiki;
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.pages_created == 2);
  CHECK(wiki.Get("a-b").title == "First");
  CHECK(wiki.Get("a-b-2").title == "Second");
  CHECK(Mentions(report.warnings, "a/b.md"));
}

TEST_CASE("pages are saved in groups; a failure loses the group in hand, and a re-import ends it") {
  Docs docs;
  for (const char* name : {"a", "b", "c", "d", "e"}) {
    docs.Write(std::string(name) + ".md",
               std::string("# ") + name + "\n\nSee [[E]] and [e](e.md).\n");
  }
  TestWiki wiki;
  kring::ImportOptions options;
  options.pages_per_batch = 2;  // a b | c d | e
  // A store failure (not a refusal) when d is saved: the import stops.
  auto db = kring::sqlite::Database::Open(wiki.db_path());
  REQUIRE(db.ok());
  REQUIRE(db.value()
              ->Execute("CREATE TRIGGER no_d BEFORE INSERT ON pages WHEN NEW.slug = 'd' "
                        "BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END")
              .ok());
  Result<ImportReport> failed =
      kring::ImportDirectory(docs.path(), wiki.pages(), wiki.store(), options);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message.find("the disk is on fire") != std::string::npos);
  CHECK(wiki.store().PageCount() == 2);  // a and b; c went with d
  CHECK(wiki.store().Get("c").error().code == kring::ErrorCode::kNotFound);
  CHECK(wiki.store().Lag() == 2);

  REQUIRE(db.value()->Execute("DROP TRIGGER no_d").ok());
  const ImportReport again = Import(wiki, docs.path(), options);
  CHECK(again.pages_unchanged == 2);
  CHECK(again.pages_created == 3);
  CHECK(wiki.store().Lag() == 5);
  // The red links to E saved in earlier groups turned blue when e was created.
  CHECK(wiki.Get("a").html.find("wikilink new") == std::string::npos);
  CHECK(wiki.Get("a").html.find("href=\"/p/e\"") != std::string::npos);
}

TEST_CASE("a dry run reports without saving; a missing folder is an error") {
  Docs docs;
  docs.Write("one.md", "# One\n");
  TestWiki wiki;
  kring::ImportOptions dry;
  dry.dry_run = true;
  CHECK(Import(wiki, docs.path(), dry).pages_created == 1);
  CHECK(wiki.store().PageCount() == 0);

  Result<ImportReport> missing =
      kring::ImportDirectory(docs.path() / "nope", wiki.pages(), wiki.store());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == kring::ErrorCode::kNotFound);
}

TEST_CASE("the organisation comes from organisation:, organisatie: or org: in the front matter") {
  Docs docs;
  docs.Write("a.md", "---\ntitle: A\norganisation: Stad Roeselare\n---\ntext\n");
  docs.Write("b.md", "---\ntitle: B\norganisatie: '  OCMW Izegem '\n---\ntext\n");
  docs.Write("c.md", "---\ntitle: C\norg: Gemeente <script>Wielsbeke</script>\n---\ntext\n");
  docs.Write("d.md", "---\ntitle: D\norg: '---'\n---\ntext\n");
  docs.Write("e.md", "# E\n");
  TestWiki wiki;
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.pages_created == 5);
  CHECK(wiki.Get("a").organisation == "Stad Roeselare");
  CHECK(wiki.Get("b").organisation == "OCMW Izegem");
  CHECK(wiki.Get("c").organisation == "Gemeente <script>Wielsbeke</script>");
  CHECK(wiki.Get("d").organisation.empty());  // no letter or digit: dropped, with a warning
  CHECK(Mentions(report.warnings, "d.md"));
  CHECK(wiki.Get("e").organisation.empty());

  // A change of the organisation alone is a change worth a revision.
  docs.Write("a.md", "---\ntitle: A\norganisation: Gemeente Ingelmunster\n---\ntext\n");
  const ImportReport again = Import(wiki, docs.path());
  CHECK(again.pages_updated == 1);
  CHECK(again.pages_unchanged == 4);
  CHECK(wiki.Get("a").organisation == "Gemeente Ingelmunster");
}
