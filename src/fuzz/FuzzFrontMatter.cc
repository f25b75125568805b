// The front matter target: the input is a Markdown file as `kring import` reads it (valid UTF-8,
// the importer skips anything else). Contract: ParseMarkdownFile never throws; a block that is
// not a YAML mapping leaves every field empty; fields are trimmed UTF-8; the front matter the
// exporter writes for those fields reads back as the same fields and body (export, then import,
// keeps a page); and rewriting no link keeps the body byte for byte.
#include <optional>
#include <string>
#include <string_view>

#include "app/Exporter.h"
#include "app/MarkdownFile.h"
#include "core/Page.h"
#include "core/Text.h"
#include "fuzz/FuzzCheck.h"
#include "fuzz/FuzzTargets.h"

namespace kring::fuzz {
namespace {

// The importer's cap (Importer.cc kMaxFileBytes) is larger; past this size a run says nothing
// new and only slows the fuzzer.
constexpr size_t kMaxInputBytes = 256 * 1024;

bool Clean(std::string_view field) { return IsValidUtf8(field) && Trim(field) == field; }

bool Clean(const std::vector<std::string>& list) {
  for (const std::string& item : list) {
    if (item.empty() || !Clean(item)) return false;
  }
  return true;
}

bool Empty(const FrontMatter& f) {
  return f.title.empty() && f.date.empty() && f.kind.empty() && f.author.empty() &&
         f.organisation.empty() && f.place.empty() && f.visibility.empty() && f.topics.empty() &&
         f.applications.empty();
}

// The page an import of `front` makes, as far as the exported front matter goes.
Page PageOf(const FrontMatter& front) {
  Page page;
  page.title = front.title;
  page.kind = ParseKind(front.kind).value_or(PageKind::kPage);
  page.date = front.date;
  for (const std::string& topic : front.topics) page.topics.push_back({Slugify(topic), topic});
  page.organisation = front.organisation;
  page.place = front.place;
  page.applications = front.applications;
  page.visibility = ParseVisibility(front.visibility).value_or(Visibility::kPublic);
  return page;
}

void CheckExportReadsBack(const MarkdownFile& file) {
  const Page page = PageOf(file.front);
  const MarkdownFile again = ParseMarkdownFile(ExportFrontMatter(page) + file.body);
  const FrontMatter& a = file.front;
  const FrontMatter& b = again.front;
  Require(b.present && b.error.empty(), "exported front matter is a YAML mapping");
  Require(b.title == a.title, "export keeps the title");
  Require(b.date == a.date, "export keeps the date");
  Require(b.organisation == a.organisation, "export keeps the organisation");
  Require(b.place == a.place, "export keeps the place");
  Require(b.topics == a.topics, "export keeps the topics");
  Require(b.applications == a.applications, "export keeps the applications");
  Require(ParseKind(b.kind) == page.kind, "export keeps the kind");
  Require(ParseVisibility(b.visibility) == page.visibility, "export keeps the visibility");
  Require(again.body == file.body, "export keeps the body");
}

}  // namespace

int FuzzFrontMatter(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > kMaxInputBytes || !IsValidUtf8(text)) return 0;
  const MarkdownFile file = ParseMarkdownFile(text);
  const FrontMatter& front = file.front;
  Require(IsValidUtf8(front.error), "the error is UTF-8");
  if (!front.error.empty()) {
    Require(front.present && Empty(front), "a block that is not a mapping sets no field");
  }
  Require(Clean(front.title) && Clean(front.date) && Clean(front.kind) && Clean(front.author) &&
              Clean(front.organisation) && Clean(front.place) && Clean(front.visibility) &&
              Clean(front.topics) && Clean(front.applications),
          "fields are trimmed UTF-8, list items not empty");
  Require(IsValidUtf8(file.body) && file.body.find('\r') == std::string::npos,
          "the body is UTF-8 with \\n line ends");
  Require(IsValidUtf8(FirstHeading(file.body)), "the first heading is UTF-8");
  const std::string kept =
      RewriteLinks(file.body, [](std::string_view) { return std::optional<std::string>(); });
  Require(kept == file.body, "rewriting no link keeps the body");
  const std::string renamed = RewriteLinks(
      file.body, [](std::string_view dest) { return "nieuw/" + std::string(dest) + " (1).md"; });
  Require(IsValidUtf8(renamed), "rewritten links keep the body UTF-8");
  CheckExportReadsBack(file);
  return 0;
}

}  // namespace kring::fuzz
