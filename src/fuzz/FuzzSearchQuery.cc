// The search target: the input is a search as the HTTP layer hands it on, fields separated by
// tabs: the query text, then optional filters topic, kind, type, year, organisation and
// application, then flags ('s' sort by date, 'm' a member searches, digits the page). Each
// field is valid UTF-8 of at most kMaxSearchQueryBytes (the URL decoder and SearchHandler
// refuse the rest). It runs through XapianSearchIndex::Search and Suggest on a real index of
// the pages in tests/fuzz/search_pages/ (written once per process, in a temporary folder).
// Contract: Search never fails on a query; at most page_size hits; the public never sees a
// members-only page; hits, snippets and suggestions are UTF-8; snippets are escaped text with
// <mark> as their only markup; the notice is empty or kNoticeQuerySimplified.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/Page.h"
#include "core/Text.h"
#include "fuzz/FuzzCheck.h"
#include "fuzz/FuzzTargets.h"
#include "search/XapianIndexWriter.h"
#include "search/XapianSearchIndex.h"

namespace kring::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFieldBytes = 1000;  // SearchHandler's kMaxSearchQueryBytes
constexpr int kMaxPage = 1000;           // SearchQueryFrom clamps the page to this
constexpr int kSuggestLimit = 8;

// The index the target searches: every page of tests/fuzz/search_pages/ (the title is the
// first line without its '#'), with kinds, topics, organisations, applications, dates and
// visibility spread over them, and one deck of three slides.
class SearchFixture {
 public:
  SearchFixture() {
    std::string pattern = (fs::temp_directory_path() / "kring-fuzz-search-XXXXXX").string();
    Require(mkdtemp(pattern.data()) != nullptr, "a temporary folder for the index");
    dir_ = pattern;
    auto writer = XapianIndexWriter::Open(dir_ + "/xapian");
    Require(writer.ok(), "the fixture index opens");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(KRING_FUZZ_DATA_DIR "/search_pages")) {
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    const std::vector<std::string> topics = {"zaakgericht werken", "api", "architectuur"};
    const std::vector<std::string> organisations = {"Gemeente Delft", "Stad Roeselare", ""};
    for (size_t i = 0; i < files.size(); ++i) {
      Page page = PageFrom(files[i]);
      page.kind = AllKinds()[i % AllKinds().size()];
      page.topics.push_back({Slugify(topics[i % topics.size()]), topics[i % topics.size()]});
      page.organisation = organisations[i % organisations.size()];
      if (i % 2 == 0) page.applications = {"Open Zaak"};
      page.date = "20" + std::to_string(10 + i % 10) + "-0" + std::to_string(1 + i % 9) + "-15";
      page.visibility = i % 4 == 3 ? Visibility::kMembers : Visibility::kPublic;
      if (page.visibility == Visibility::kMembers) members_only_.insert(page.slug);
      Require(writer.value()->Index(page).ok(), "a fixture page is indexed");
      if (i == 0) Require(writer.value()->IndexFile(Deck(page), &page).ok(), "the deck");
    }
    Require(writer.value()->Commit().ok(), "the fixture index commits");
    index_ = std::make_unique<XapianSearchIndex>(dir_ + "/xapian", 0);
  }
  ~SearchFixture() {
    index_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  XapianSearchIndex& index() { return *index_; }
  bool MembersOnly(const std::string& slug) const { return members_only_.contains(slug); }

 private:
  static Page PageFrom(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Page page;
    page.body = text.str();
    page.text = page.body;
    page.title = Trim(page.body.substr(0, page.body.find('\n')));
    page.title.erase(0, page.title.find_first_not_of("# "));
    page.slug = Slugify(file.stem().string());
    page.revision = 1;
    page.created_at = page.updated_at = "2024-01-01T00:00:00Z";
    return page;
  }

  static StoredFile Deck(const Page& page) {
    StoredFile file;
    file.id = 1;
    file.page_slug = page.slug;
    file.name = "presentatie.pptx";
    file.media_type = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    file.created_at = page.created_at;
    file.extraction = ExtractionState::kDone;
    file.section_kind = "slide";
    const std::string& text = page.text;
    for (int n = 1; n <= 3; ++n) {
      const size_t from = text.size() * static_cast<size_t>(n - 1) / 3;
      std::string slide = text.substr(from, text.size() / 3);
      while (!slide.empty() && !IsValidUtf8(slide)) slide.pop_back();
      file.sections.push_back({n, slide});
    }
    return file;
  }

  std::string dir_;
  std::unique_ptr<XapianSearchIndex> index_;
  std::set<std::string> members_only_;
};

std::vector<std::string_view> Fields(std::string_view input) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    const size_t tab = input.find('\t', start);
    fields.push_back(input.substr(start, tab == input.npos ? input.npos : tab - start));
    if (tab == input.npos) return fields;
    start = tab + 1;
  }
}

SearchQuery QueryOf(const std::vector<std::string_view>& fields) {
  SearchQuery query;
  std::string* targets[] = {&query.text, &query.topic,        &query.kind,       &query.type,
                            &query.year, &query.organisation, &query.application};
  for (size_t i = 0; i < std::size(targets) && i < fields.size(); ++i) {
    *targets[i] = std::string(fields[i]);
  }
  if (fields.size() > std::size(targets)) {
    int page = 0;
    for (char flag : fields[std::size(targets)]) {
      if (flag == 's') query.sort_by_date = true;
      if (flag == 'm') query.audience = Audience::kMembers;
      if (flag >= '0' && flag <= '9') page = std::min(page * 10 + (flag - '0'), kMaxPage);
    }
    query.page = std::max(page, 1);
  }
  return query;
}

// Escaped text with <mark> and </mark> as the only tags.
bool EscapedWithMarks(std::string_view snippet) {
  for (size_t i = snippet.find('<'); i != snippet.npos; i = snippet.find('<', i + 1)) {
    const std::string_view rest = snippet.substr(i);
    if (!rest.starts_with("<mark>") && !rest.starts_with("</mark>")) return false;
  }
  return true;
}

void CheckHit(const SearchHit& hit, const SearchQuery& query, const SearchFixture& fixture) {
  Require(!hit.slug.empty() && IsValidUtf8(hit.title) && IsValidUtf8(hit.file_name),
          "a hit names its page in UTF-8");
  Require(hit.url.starts_with("/p/") || hit.url.starts_with("/f/"), "a hit opens a page or file");
  Require(IsValidUtf8(hit.snippet_html) && EscapedWithMarks(hit.snippet_html),
          "a snippet is escaped UTF-8 with <mark> only");
  Require(query.audience == Audience::kMembers || !fixture.MembersOnly(hit.slug),
          "the public never finds a members-only page");
}

}  // namespace

int FuzzSearchQuery(const uint8_t* data, size_t size) {
  static SearchFixture fixture;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!IsValidUtf8(input) || input.find('\0') != input.npos) return 0;
  const std::vector<std::string_view> fields = Fields(input);
  for (std::string_view field : fields) {
    if (field.size() > kMaxFieldBytes) return 0;
  }
  const SearchQuery query = QueryOf(fields);

  Result<SearchResults> results = fixture.index().Search(query);
  Require(results.ok(), "a search never fails on its query");
  Require(results->hits.size() <= static_cast<size_t>(query.page_size), "at most page_size hits");
  Require(results->total >= 0, "a total is never negative");
  for (const SearchHit& hit : results->hits) CheckHit(hit, query, fixture);
  Require(IsValidUtf8(results->suggestion), "a suggestion is UTF-8");
  Require(results->notice.empty() || results->notice == kNoticeQuerySimplified,
          "the notice is known");

  const std::vector<TitleSuggestion> titles =
      fixture.index().Suggest(query.text, kSuggestLimit, query.audience);
  Require(titles.size() <= static_cast<size_t>(kSuggestLimit), "at most limit suggestions");
  for (const TitleSuggestion& title : titles) {
    Require(IsValidUtf8(title.title), "a suggested title is UTF-8");
    Require(query.audience == Audience::kMembers || !fixture.MembersOnly(title.slug),
            "the public is never suggested a members-only page");
  }
  return 0;
}

}  // namespace kring::fuzz
