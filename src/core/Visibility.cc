#include "core/Visibility.h"

namespace kring {

std::string_view VisibilityName(Visibility visibility) {
  return visibility == Visibility::kMembers ? "members" : "public";
}

std::optional<Visibility> ParseVisibility(std::string_view name) {
  if (name == "public") return Visibility::kPublic;
  if (name == "members") return Visibility::kMembers;
  return std::nullopt;
}

Audience AudienceOf(const Viewer& viewer) {
  return viewer.reads_members_pages() ? Audience::kMembers : Audience::kPublic;
}

bool VisibleTo(Visibility visibility, Audience audience) {
  return visibility == Visibility::kPublic || audience == Audience::kMembers;
}

}  // namespace kring
