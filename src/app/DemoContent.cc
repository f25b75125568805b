#include "app/DemoContent.h"

#include <optional>
#include <string>
#include <utility>

#include "app/ImportDates.h"
#include "app/Importer.h"
#include "core/Resources.h"
#include "core/Text.h"

namespace kring {
namespace {

Error Broken(const std::string& path, const std::string& why) {
  return Error{ErrorCode::kInternal, "Demo content " + path + ": " + why};
}

// The page a demo file describes; the demo files are ours, so anything off is an error rather
// than a guess (unlike imports of other people's files).
Result<PageInput> DemoPage(const std::string& path, std::string_view text) {
  const MarkdownFile file = ParseMarkdownFile(text);
  const FrontMatter& front = file.front;
  if (!front.error.empty()) return Broken(path, front.error);
  if (front.title.empty()) return Broken(path, "no title in the front matter");
  PageInput input;
  input.title = front.title;
  if (!front.kind.empty()) {
    std::optional<PageKind> kind = ParseKind(front.kind);
    if (!kind) return Broken(path, "unknown kind '" + front.kind + "'");
    input.kind = *kind;
  }
  if (!front.date.empty()) {
    input.date = NormalizeDate(front.date);
    if (input.date.empty()) return Broken(path, "the date '" + front.date + "' is not a date");
  }
  input.topics = front.topics;
  input.organisation = front.organisation;
  input.applications = front.applications;
  input.place = front.place;
  if (!front.visibility.empty()) {
    std::optional<Visibility> visibility = ImportedVisibility(front.visibility);
    if (!visibility) return Broken(path, "unknown visibility '" + front.visibility + "'");
    input.visibility = *visibility;
  }
  input.body = file.body;
  input.author = front.author.empty() ? "kring" : front.author;
  input.comment = "Demo content";
  return input;
}

}  // namespace

Result<int> SeedDemoContent(PageService& pages) {
  int created = 0;
  for (const std::string& path : ListResources("demo/")) {
    if (!path.ends_with(".md")) continue;
    std::optional<std::string> text = LoadResource(path);
    if (!text) return Broken(path, "cannot be read");
    Result<PageInput> input = DemoPage(path, *text);
    if (!input.ok()) return input.error();
    Result<SaveOutcome> saved = pages.Save(std::move(input.value()));
    if (!saved.ok()) {
      return Error{saved.error().code, "Demo content " + path + ": " + saved.error().message};
    }
    if (saved->created) ++created;
  }
  return created;
}

}  // namespace kring
