#include "http/RecentSelection.h"

#include <algorithm>

#include "core/Text.h"
#include "http/MembersOnly.h"

namespace kring::http {

std::string RecentSelection::Filters() const {
  std::string filters;
  if (!kind.empty()) filters += "kind=" + PercentEncode(kind);
  if (!topic_slug.empty())
    filters += std::string(filters.empty() ? "" : "&") + "topic=" + topic_slug;
  return filters;
}

std::string RecentSelection::Url(const std::string& path, const std::string& extra) const {
  std::string query = Filters();
  if (!extra.empty()) query += std::string(query.empty() ? "" : "&") + extra;
  return query.empty() ? path : path + "?" + query;
}

Result<RecentSelection> ReadRecentSelection(const Request& request, Services& services,
                                            const Views& views, int limit,
                                            const std::string& topic_slug) {
  RecentSelection selection;
  selection.query.limit = limit;
  selection.query.audience = AudienceOf(request);
  selection.kind = request.Query("kind");
  if (!selection.kind.empty()) {
    selection.query.kind = ParseKind(selection.kind);
    if (!selection.query.kind) {
      return Error{ErrorCode::kInvalidInput, views.Message(request, "recent_bad_kind")};
    }
  }
  const std::string topic = topic_slug.empty() ? request.Query("topic") : topic_slug;
  if (!topic.empty()) {
    Result<Topic> found = services.store.GetTopic(topic);
    if (!found.ok()) return found.error();
    selection.topic_slug = found->slug;
    selection.topic_name = found->name;
    selection.query.topic_slug = found->slug;
  }
  if (const std::string before = request.Query("before"); !before.empty()) {
    const bool digits =
        before.size() <= 18 &&
        std::all_of(before.begin(), before.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoll(before) == 0) {
      return Error{ErrorCode::kInvalidInput, views.Message(request, "recent_bad_before")};
    }
    selection.query.before = std::stoll(before);
  }
  return selection;
}

std::string ChangeUrl(const RecentChange& change) {
  const std::string page = "/p/" + change.slug;
  if (change.revision <= 1) return page + "/rev/1";
  return page + "/diff?from=" + std::to_string(change.revision - 1) +
         "&to=" + std::to_string(change.revision);
}

}  // namespace kring::http
