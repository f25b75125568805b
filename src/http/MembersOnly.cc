#include "http/MembersOnly.h"

#include "core/Text.h"

namespace kring::http {

Audience AudienceOf(const Request& request) { return kring::AudienceOf(request.viewer); }

bool MayRead(const Request& request, Visibility visibility) {
  return VisibleTo(visibility, AudienceOf(request));
}

Response MembersOnlyPage(const Views& views, const Request& request) {
  if (request.path.rfind("/api/", 0) == 0) {
    return views.FromError(request, HiddenError("page " + request.Param("slug")));
  }
  const std::string heading = views.Message(request, "members_only_heading");
  nlohmann::json view = {{"title", heading},
                         {"status", 403},
                         {"heading", heading},
                         {"message", views.Message(request, "members_only_message")},
                         {"login_url", "/login?next=" + PercentEncode(request.path)}};
  return views.Page(request, "error", std::move(view), 403);
}

Error HiddenError(const std::string& what) {
  return Error{ErrorCode::kNotFound, "No " + what + "."};
}

std::optional<Response> RenamedPageAnswer(Services& services, const Views& views,
                                          const Request& request, const std::string& slug,
                                          const std::string& prefix) {
  const std::optional<std::string> target = services.lifecycle.RedirectTarget(slug);
  if (!target) return std::nullopt;
  Result<Page> moved = services.store.Get(*target);
  if (moved.ok() && !MayRead(request, moved->visibility)) return MembersOnlyPage(views, request);
  return Response::Redirect(prefix + *target, 301);
}

}  // namespace kring::http
