#include "core/Page.h"

namespace kring {

std::string_view KindName(PageKind kind) {
  switch (kind) {
    case PageKind::kPage:
      return "page";
    case PageKind::kPresentation:
      return "presentation";
    case PageKind::kBestPractice:
      return "best-practice";
    case PageKind::kMinutes:
      return "minutes";
  }
  return "page";
}

std::optional<PageKind> ParseKind(std::string_view name) {
  for (PageKind kind : AllKinds()) {
    if (KindName(kind) == name) return kind;
  }
  return std::nullopt;
}

const std::vector<PageKind>& AllKinds() {
  static const std::vector<PageKind> kinds = {PageKind::kPage, PageKind::kPresentation,
                                              PageKind::kBestPractice, PageKind::kMinutes};
  return kinds;
}

PageInput InputOf(const Page& page) {
  PageInput input;
  input.slug = page.slug;
  input.title = page.title;
  input.body = page.body;
  input.kind = page.kind;
  for (const Topic& topic : page.topics) input.topics.push_back(topic.name);
  input.date = page.date;
  input.organisation = page.organisation;
  input.applications = page.applications;
  input.place = page.place;
  input.visibility = page.visibility;
  input.base_revision = page.revision;
  return input;
}

}  // namespace kring
