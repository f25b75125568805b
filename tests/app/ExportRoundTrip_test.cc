// Export, then import the export: the GEMMA Zaken docs imported into wiki A (plus pages with
// every field an export must carry), exported, and the export imported into a fresh wiki B give
// the same pages, files and links, compared field by field; exporting B gives the same folder.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "AppTesting.h"
#include "app/Exporter.h"
#include "app/Importer.h"

namespace fs = std::filesystem;
using kring::Audience;
using kring::PageInput;
using kring::app_testing::ErrorOf;
using kring::app_testing::FileWiki;
using kring::testing::TempDir;

namespace {

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `body` with every stored file's URL `/f/{id}/` written `/f/{sha256}/`: ids differ between
// wikis, contents do not.
std::string ByContent(const std::string& body, FileWiki& wiki) {
  static const std::regex kFileUrl("/f/([0-9]+)/");
  std::string out;
  auto last = body.cbegin();
  for (std::sregex_iterator it(body.begin(), body.end(), kFileUrl), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    auto file = wiki.store().GetFile(std::stoll((*it)[1].str()));
    out += "/f/" + (file.ok() ? file->sha256 : "missing-" + (*it)[1].str()) + "/";
    last = (*it)[0].second;
  }
  out.append(last, body.cend());
  return out;
}

using FileFacts = std::tuple<std::string, std::string, int64_t, std::string,
                             std::vector<std::string>>;  // name, sha256, size, type, linked by

std::vector<FileFacts> FilesOf(FileWiki& wiki, const std::string& slug) {
  std::vector<FileFacts> facts;
  for (const kring::StoredFile& file : wiki.store().FilesOfPage(slug)) {
    std::vector<std::string> linking;
    for (const auto& page : wiki.store().PagesLinkingFile(file.id, Audience::kMembers)) {
      linking.push_back(page.slug);
    }
    facts.emplace_back(file.name, file.sha256, file.size, file.media_type, linking);
  }
  std::sort(facts.begin(), facts.end());
  return facts;
}

// The `field` of each item, sorted.
template <typename Item>
std::vector<std::string> Sorted(const std::vector<Item>& items, std::string Item::*field) {
  std::vector<std::string> values;
  for (const Item& item : items) values.push_back(item.*field);
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<std::string> Slugs(const std::vector<kring::PageSummary>& pages) {
  return Sorted(pages, &kring::PageSummary::slug);
}

std::vector<std::pair<std::string, std::string>> TopicsOf(const kring::Page& page) {
  std::vector<std::pair<std::string, std::string>> topics;
  for (const kring::Topic& topic : page.topics) topics.emplace_back(topic.slug, topic.name);
  return topics;
}

// Every file of an export (relative path → content), without what differs between two exports
// of the same pages: the manifest's time and the pages' created and updated lines.
std::map<std::string, std::string> Tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().lexically_relative(dir).generic_string();
    if (path == kring::kExportManifest) continue;
    std::string content = ReadAll(entry.path());
    if (path.ends_with(".md")) {
      static const std::regex kDates("\n(created|updated): [^\n]*");
      content = std::regex_replace(content, kDates, "");
    }
    files.emplace(path, std::move(content));
  }
  return files;
}

void Save(FileWiki& wiki, PageInput input) {
  input.author = "tester";
  auto saved = wiki.pages().Save(std::move(input));
  REQUIRE_MESSAGE(saved.ok(), ErrorOf(saved));
}

// Pages with what the corpus lacks: members-only minutes with a place, an organisation and
// applications, linking a deck (with spaces and parentheses in its name) of a page that sorts
// after it, a file that no page links, and pages an ordinary import would read otherwise.
void AddPagesWithEveryField(FileWiki& wiki) {
  const std::string pdf = ReadAll(KRING_CORPUS_DIR "/docs/community/bestanden/opsplitsen-rgbz.pdf");
  PageInput deck_page;
  deck_page.slug = "zzz-presentatie";
  deck_page.title = "Presentatie: opsplitsen";
  deck_page.kind = kring::PageKind::kPresentation;
  deck_page.date = "2019-03-01";
  deck_page.body = "Het deck.\n";
  Save(wiki, deck_page);
  auto deck = wiki.files().Upload("zzz-presentatie", "Deck met spaties (v2).pdf", pdf, "tester");
  REQUIRE_MESSAGE(deck.ok(), ErrorOf(deck));
  auto loose = wiki.files().Upload("home", "los bijlage.pdf", pdf + "\n", "tester");
  REQUIRE_MESSAGE(loose.ok(), ErrorOf(loose));

  PageInput minutes;
  minutes.slug = "aaa-verslag";
  minutes.title = "Verslag: \"kring\" #3";
  minutes.kind = kring::PageKind::kMinutes;
  minutes.date = "2019-06-20";
  minutes.place = "Stadhuis Roeselare, zaal 2";
  minutes.organisation = "Stad Roeselare";
  minutes.applications = {"Recreatex", "Agility"};
  minutes.visibility = kring::Visibility::kMembers;
  minutes.topics = {"Verslag", "Zaakgericht werken"};
  minutes.body = "Zie [het deck](" + kring::FileUrl(deck.value()) +
                 "#page=2), [[Demo Sprint 13]], [[Nog te schrijven]] en [home](/p/home#intro).\n";
  Save(wiki, minutes);

  // What an import of other folders guesses or drops: `index.md` read as "home", a heading
  // repeating the title, a date at the start of a minutes file's name.
  PageInput index;
  index.slug = "index";
  index.title = "Index";
  index.body = "# Index\n\nDe inhoud.\n";
  Save(wiki, index);
  PageInput undated;
  undated.slug = "20190101-overleg";
  undated.title = "Overleg";
  undated.kind = kring::PageKind::kMinutes;
  undated.body = "Nog te dateren.\n";
  Save(wiki, undated);
}

}  // namespace

TEST_CASE("exporting and importing the export keeps every page, file and link") {
  FileWiki a;
  auto imported =
      kring::ImportDirectory(KRING_CORPUS_DIR "/docs", a.pages(), a.store(), {}, &a.files());
  REQUIRE_MESSAGE(imported.ok(), ErrorOf(imported));
  REQUIRE(imported->files_imported == 10);  // the decks the corpus links
  AddPagesWithEveryField(a);

  TempDir out;
  auto exported = kring::ExportDirectory(out.path() / "a", a.store(), a.store());
  REQUIRE_MESSAGE(exported.ok(), ErrorOf(exported));
  for (const std::string& warning : exported->warnings) MESSAGE(warning);
  const std::vector<std::string> slugs = Slugs(a.store().AllPages(Audience::kMembers));
  CHECK(exported->pages == static_cast<int>(slugs.size()));
  CHECK(exported->pages == 226);
  int files_in_a = 0;
  for (const std::string& slug : slugs) files_in_a += a.store().FilesOfPage(slug).size();
  CHECK(exported->files == files_in_a);
  CHECK(fs::is_regular_file(out.path() / "a" / "aaa-verslag.md"));
  CHECK(fs::is_regular_file(out.path() / "a" / "zzz-presentatie" / "Deck met spaties (v2).pdf"));
  CHECK(ReadAll(out.path() / "a" / "aaa-verslag.md")
            .find("[het deck](zzz-presentatie/Deck%20met%20spaties%20%28v2%29.pdf#page=2)") !=
        std::string::npos);

  FileWiki b;
  auto reimported = kring::ImportDirectory(out.path() / "a", b.pages(), b.store(), {}, &b.files());
  REQUIRE_MESSAGE(reimported.ok(), ErrorOf(reimported));
  for (const auto& issue : reimported->skipped) MESSAGE(issue.path << ": " << issue.message);
  CHECK(reimported->skipped.empty());
  // Links to files missing from the corpus stay as written (the bodies compare equal below);
  // those that still read as files of the folder are warned about again, nothing else is.
  const std::vector<std::string> warned_a =
      Sorted(imported->warnings, &kring::ImportIssue::message);
  const std::vector<std::string> warned_b =
      Sorted(reimported->warnings, &kring::ImportIssue::message);
  CHECK(std::includes(warned_a.begin(), warned_a.end(), warned_b.begin(), warned_b.end()));

  REQUIRE(Slugs(b.store().AllPages(Audience::kMembers)) == slugs);
  for (const std::string& slug : slugs) {
    CAPTURE(slug);
    const kring::Page pa = a.Get(slug);
    const kring::Page pb = b.Get(slug);
    CHECK(pb.title == pa.title);
    CHECK(pb.kind == pa.kind);
    CHECK(TopicsOf(pb) == TopicsOf(pa));
    CHECK(pb.date == pa.date);
    CHECK(pb.organisation == pa.organisation);
    CHECK(pb.place == pa.place);
    CHECK(pb.applications == pa.applications);
    CHECK(pb.visibility == pa.visibility);
    CHECK(ByContent(pb.body, b) == ByContent(pa.body, a));
    CHECK(FilesOf(b, slug) == FilesOf(a, slug));
    CHECK(Slugs(b.store().Backlinks(slug, Audience::kMembers)) ==
          Slugs(a.store().Backlinks(slug, Audience::kMembers)));
  }
  auto wanted = [](FileWiki& wiki) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& page : wiki.store().WantedPages(10000, Audience::kMembers)) {
      out.emplace_back(page.slug, page.references);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(wanted(b) == wanted(a));
  CHECK_FALSE(wanted(a).empty());

  // Exporting B writes the same folder as exporting A did.
  auto again = kring::ExportDirectory(out.path() / "b", b.store(), b.store());
  REQUIRE_MESSAGE(again.ok(), ErrorOf(again));
  const auto tree_a = Tree(out.path() / "a");
  const auto tree_b = Tree(out.path() / "b");
  CHECK(tree_a.size() == tree_b.size());
  for (const auto& [path, content] : tree_a) {
    CAPTURE(path);
    auto other = tree_b.find(path);
    REQUIRE(other != tree_b.end());
    CHECK(other->second == content);
  }
}

TEST_CASE("an export refuses a folder that is not empty") {
  FileWiki wiki;
  TempDir out;
  std::ofstream(out.path() / "something.txt") << "x";
  auto exported = kring::ExportDirectory(out.path(), wiki.store(), wiki.store());
  REQUIRE_FALSE(exported.ok());
  CHECK(exported.error().code == kring::ErrorCode::kInvalidInput);
  CHECK(fs::exists(out.path() / "something.txt"));
}
