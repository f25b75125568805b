// ImportDirectory with a FileService: files the pages link to are attached to them, against the
// real SQLite store, cmark renderer, file service and analyzer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "AppTesting.h"
#include "app/Importer.h"

using kring::ImportReport;
using kring::Result;
using kring::StoredFile;
using kring::app_testing::Docs;
using kring::app_testing::FileWiki;

namespace {

// Enough of a PDF for the type check (extraction does not run in these tests).
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n";

ImportReport Import(FileWiki& wiki, const std::filesystem::path& dir,
                    const kring::ImportOptions& options = {}) {
  Result<ImportReport> report =
      kring::ImportDirectory(dir, wiki.pages(), wiki.store(), options, &wiki.files());
  REQUIRE_MESSAGE(report.ok(), kring::app_testing::ErrorOf(report));
  return std::move(report).value();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The warnings about `path`, one message a line.
std::string WarningsOf(const ImportReport& report, const std::string& path) {
  std::string out;
  for (const auto& issue : report.warnings) {
    if (issue.path == path) out += issue.message + "\n";
  }
  return out;
}

// The one file attached to a page, failing the test when there is not exactly one.
StoredFile OnlyFileOf(FileWiki& wiki, const std::string& slug) {
  const std::vector<StoredFile> files = wiki.store().FilesOfPage(slug);
  REQUIRE_MESSAGE(files.size() == 1, slug << " has " << files.size() << " files");
  return files[0];
}

// The file called `name` attached to a page, failing the test when there is none.
StoredFile FileNamed(FileWiki& wiki, const std::string& slug, const std::string& name) {
  for (StoredFile& file : wiki.store().FilesOfPage(slug)) {
    if (file.name == name) return file;
  }
  FAIL(slug << " has no file " << name);
  return {};
}

bool Links(FileWiki& wiki, int64_t file_id, const std::string& slug) {
  const std::vector<kring::PageSummary> pages =
      wiki.store().PagesLinkingFile(file_id, kring::Audience::kMembers);
  return std::any_of(pages.begin(), pages.end(),
                     [&](const kring::PageSummary& p) { return p.slug == slug; });
}

}  // namespace

TEST_CASE("importing the GEMMA Zaken docs attaches the decks that exist and reports the rest") {
  FileWiki wiki;
  const ImportReport first = Import(wiki, KRING_CORPUS_DIR "/docs");
  for (const auto& issue : first.skipped) MESSAGE(issue.path << ": " << issue.message);
  CHECK(first.skipped.empty());
  CHECK(first.pages_created == 222);
  // The meeting notes link decks of which the corpus kept one; the rest dangle, as do links to
  // images, specifications and models elsewhere in the docs.
  int missing = 0;
  for (const auto& issue : first.warnings) {
    CAPTURE(issue.path);
    CAPTURE(issue.message);
    CHECK(issue.message.starts_with("link to a missing file: "));
    missing += issue.path.starts_with("community/bijeenkomsten/") ? 1 : 0;
  }
  CHECK(missing == 12);
  CHECK(first.warnings.size() == 24);
  CHECK(Contains(WarningsOf(first, "community/bijeenkomsten/20190620-demo-sprint-13.md"),
                 "link to a missing file: ../bestanden/zgw2-demo-sprint-13.pdf"));
  CHECK(Contains(
      WarningsOf(first, "archief/processen/Dimpact-MOR.md"),
      "link to a missing file: ./bestanden/Dimpact/Meldingen_per_categorie_en_periode.pdf"));
  // Six documents, and four images linked (around their embedded copy) to show them large.
  CHECK(first.files_imported == 10);
  CHECK(first.file_links_rewritten == 14);

  // The deck that exists is attached to the meeting that links it, its link rewritten; the
  // missing deck beside it keeps its link.
  const std::string sprint5 = "community-bijeenkomsten-20181025-demo-sprint-5";
  const StoredFile rgbz = OnlyFileOf(wiki, sprint5);
  CHECK(rgbz.name == "opsplitsen-rgbz.pdf");
  CHECK(rgbz.media_type == "application/pdf");
  CHECK(rgbz.size == 1662212);
  CHECK(rgbz.author == "import");
  const kring::Page page = wiki.Get(sprint5);
  CHECK(Contains(page.body, "[Opsplitsen RGBZ](" + kring::FileUrl(rgbz) + ")"));
  CHECK(Contains(page.body, "(/community/bestanden/zds2-demo-sprint-5.pdf)"));
  CHECK(Contains(page.html, "href=\"" + kring::FileUrl(rgbz) + "\""));
  CHECK(Links(wiki, rgbz.id, sprint5));
  CHECK(wiki.store().History(sprint5).size() == 2);  // as written, then with the file linked

  // Meeting notes whose decks are all missing keep their links and get one revision.
  const std::string sprint13 = "community-bijeenkomsten-20190620-demo-sprint-13";
  CHECK(wiki.store().FilesOfPage(sprint13).empty());
  CHECK(Contains(wiki.Get(sprint13).body, "](../bestanden/zgw2-demo-sprint-13.pdf)"));
  CHECK(wiki.store().History(sprint13).size() == 1);

  // A PDF linked with %20 escapes, a deck, a spreadsheet.
  const StoredFile crash = OnlyFileOf(wiki, "ontwikkelaars");
  CHECK(crash.name == "20201208 - Crash course zaakgericht werken voor CG-ontwikkelteams_v1_0.pdf");
  CHECK(Contains(wiki.Get("ontwikkelaars").body,
                 "(/f/" + std::to_string(crash.id) + "/20201208%20-%20Crash%20course"));
  const StoredFile deck = OnlyFileOf(wiki, "ontwikkelaars-handleidingen-en-tutorials-archiveren");
  CHECK(deck.name == "archiveren.pptx");
  CHECK(deck.media_type ==
        "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  const StoredFile sheet = OnlyFileOf(wiki, "standaard-zaken-known-issues");
  CHECK(sheet.name == "expand.xlsx");
  CHECK(Contains(wiki.Get("standaard-zaken-known-issues").body,
                 "[expand.xlsx](" + kring::FileUrl(sheet) + ")"));

  // An image linked from five pages is attached to the first (in path order) and linked by all;
  // the embedded copy keeps its source.
  const StoredFile history =
      FileNamed(wiki, "standaard-catalogi-historie-model-historie-model", "catalogi_history.png");
  CHECK(history.name == "catalogi_history.png");
  CHECK(history.media_type == "image/png");
  CHECK(Contains(wiki.Get("standaard-catalogi").body,
                 "[![Historiemodel Catalogi API ImZTC 2.2](catalogi_history.png)](" +
                     kring::FileUrl(history) + " \"Historiemodel"));
  CHECK(wiki.store().PagesLinkingFile(history.id, kring::Audience::kMembers).size() == 5);

  // Importing again adds no revision and no file.
  const ImportReport second = Import(wiki, KRING_CORPUS_DIR "/docs");
  CHECK(second.pages_unchanged == 222);
  CHECK(second.pages_created + second.pages_updated == 0);
  CHECK(second.warnings.size() == 24);
  CHECK(wiki.store().History(sprint5).size() == 2);
  CHECK(OnlyFileOf(wiki, sprint5).id == rgbz.id);
  CHECK(OnlyFileOf(wiki, "ontwikkelaars").id == crash.id);
}

TEST_CASE("a file linked from two pages is stored once, with the first page linking it") {
  Docs docs;
  docs.Write("a.md",
             "# A\n\n[deck](files/deck.pdf), [page 3](files/deck.pdf#page=3), [again][ref].\n"
             "![photo](files/photo.png) `[not a link](files/deck.pdf)`\n\n"
             "[ref]: <files/deck.pdf>\n");
  docs.Write("z/b.md", "# B\n\n[the deck](/files/deck.pdf)\n");
  docs.Write("files/deck.pdf", kPdf);
  docs.Write("files/photo.png", "\x89PNG\r\n\x1a\n");
  FileWiki wiki;
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.warnings.empty());
  CHECK(report.pages_created == 2);
  CHECK(report.files_imported == 1);
  CHECK(report.file_links_rewritten == 4);

  const StoredFile deck = OnlyFileOf(wiki, "a");
  CHECK(deck.name == "deck.pdf");
  const std::string url = kring::FileUrl(deck);
  CHECK(wiki.Get("a").body == "[deck](" + url + "), [page 3](" + url +
                                  "#page=3), [again][ref].\n"
                                  "![photo](files/photo.png) `[not a link](files/deck.pdf)`\n\n"
                                  "[ref]: " +
                                  url + "\n");
  CHECK(wiki.store().FilesOfPage("z-b").empty());
  CHECK(wiki.Get("z-b").body == "[the deck](" + url + ")\n");
  CHECK(Links(wiki, deck.id, "a"));
  CHECK(Links(wiki, deck.id, "z-b"));

  const std::vector<kring::RevisionInfo> history = wiki.store().History("a");
  REQUIRE(history.size() == 2);
  CHECK(history[0].comment == "Linked the files of a.md");
  CHECK(history[1].comment == "Imported from a.md");

  const ImportReport again = Import(wiki, docs.path());
  CHECK(again.pages_unchanged == 2);
  CHECK(wiki.store().History("a").size() == 2);
  CHECK(wiki.store().History("z-b").size() == 1);
  CHECK(OnlyFileOf(wiki, "a").id == deck.id);
}

TEST_CASE("links to files that cannot be imported stay as written, with a warning") {
  Docs docs;
  const std::string body =
      "[gone](missing.pdf) [fake](fake.pdf) [empty](empty.pdf) [big](big.pdf) "
      "[escape](escape.pdf) [folder](archive.v1) [hidden](.secret.pdf)\n";
  docs.Write("a.md", "# A\n\n" + body);
  docs.Write("fake.pdf", "only text, no PDF");
  docs.Write("empty.pdf", "");
  docs.Write("big.pdf", kPdf + std::string(2000, ' '));
  docs.Write("archive.v1/x.txt", "a folder with a dot");
  docs.Write(".secret.pdf", kPdf);
  docs.Write("../outside.pdf", kPdf);  // beside the import folder, not in it
  std::filesystem::create_symlink(docs.path() / ".." / "outside.pdf", docs.path() / "escape.pdf");

  FileWiki wiki(kring::FileLimits{.max_file_bytes = 1024, .max_name_bytes = 200});
  const ImportReport report = Import(wiki, docs.path());
  CHECK(report.pages_created == 1);
  CHECK(report.files_imported == 0);
  CHECK(report.file_links_rewritten == 0);
  const std::string warnings = WarningsOf(report, "a.md");
  CAPTURE(warnings);
  CHECK(Contains(warnings, "link to a missing file: missing.pdf"));
  CHECK(Contains(warnings, "link to fake.pdf left as is: The file is called .pdf but holds"));
  CHECK(Contains(warnings, "link to empty.pdf left as is: "));
  CHECK(Contains(warnings, "the linked file big.pdf is 2"));
  CHECK(Contains(warnings, "link to a file outside the import folder: escape.pdf"));
  CHECK(report.warnings.size() == 5);  // nothing about the folder or the hidden file

  CHECK(wiki.Get("a").body == body);
  CHECK(wiki.store().History("a").size() == 1);  // nothing was relinked: no second save
  CHECK(wiki.store().FilesOfPage("a").empty());
}

TEST_CASE("a dry run counts the files it would attach and stores nothing") {
  Docs docs;
  docs.Write("a.md", "# A\n\n[deck](deck.pdf) [deck again](deck.pdf) [gone](gone.pdf)\n");
  docs.Write("deck.pdf", kPdf);
  FileWiki wiki;
  kring::ImportOptions dry;
  dry.dry_run = true;
  const ImportReport report = Import(wiki, docs.path(), dry);
  CHECK(report.pages_created == 1);
  CHECK(report.files_imported == 1);
  CHECK(report.file_links_rewritten == 2);
  CHECK(Contains(WarningsOf(report, "a.md"), "link to a missing file: gone.pdf"));
  CHECK(wiki.store().PageCount() == 0);
}

TEST_CASE("re-importing a changed file or a new file link saves one revision") {
  Docs docs;
  docs.Write("a.md", "# A\n\n[deck](deck.pdf)\n");
  docs.Write("b.md", "# B\n\nNo files yet.\n");
  docs.Write("deck.pdf", kPdf);
  FileWiki wiki;
  Import(wiki, docs.path());
  const StoredFile first = OnlyFileOf(wiki, "a");

  docs.Write("deck.pdf", kPdf + "% a second version\n");
  docs.Write("b.md", "# B\n\nNow with [the deck](deck.pdf).\n");
  const ImportReport again = Import(wiki, docs.path());
  CHECK(again.pages_updated == 2);
  CHECK(again.files_imported == 1);  // stored once, for a, and linked from b

  const std::vector<StoredFile> files = wiki.store().FilesOfPage("a");
  REQUIRE(files.size() == 2);  // the old version stays attached
  const StoredFile& second = files[1];
  CHECK(second.id != first.id);
  CHECK(wiki.Get("a").body == "[deck](" + kring::FileUrl(second) + ")\n");
  CHECK(wiki.store().History("a").size() == 3);
  CHECK(wiki.Get("b").body == "Now with [the deck](" + kring::FileUrl(second) + ").\n");
  CHECK(wiki.store().History("b").size() == 2);  // the page existed: files first, one save
  CHECK(wiki.store().FilesOfPage("b").empty());
}
