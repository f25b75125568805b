#include "http/HistoryHandler.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Page.h"
#include "core/Text.h"
#include "http/AuthGate.h"
#include "http/MembersOnly.h"
#include "http/Url.h"
#include "render/WordDiff.h"

namespace kring::http {
namespace {

// "+120", "−35" (U+2212, read as "minus") or "0": the sign is text, so the change does not
// depend on its colour.
std::string SignedBytes(int64_t delta) {
  if (delta > 0) return "+" + std::to_string(delta);
  if (delta < 0) return "\u2212" + std::to_string(-delta);
  return "0";
}

std::string DeltaClass(int64_t delta) { return delta > 0 ? "grew" : delta < 0 ? "shrank" : "same"; }

std::string Topics(const Page& page) {
  std::string names;
  for (const Topic& topic : page.topics) names += (names.empty() ? "" : ", ") + topic.name;
  return names;
}

std::string Applications(const Page& page) {
  std::string names;
  for (const std::string& name : page.applications) names += (names.empty() ? "" : ", ") + name;
  return names;
}

}  // namespace

std::string DiffUrl(const std::string& slug, int64_t from, int64_t to) {
  return "/p/" + PercentEncode(slug) + "/diff?from=" + std::to_string(from) +
         "&to=" + std::to_string(to);
}

nlohmann::json DiffView(std::string_view before, std::string_view after) {
  nlohmann::json segments = nlohmann::json::array();
  int changes = 0;
  bool after_change = false;  // a removed text followed by its added text is one change
  for (const DiffSegment& segment : WordDiff(before, after)) {
    const char* op = "same";
    if (segment.op == DiffOp::kRemoved) {
      op = "removed";
      ++changes;
    } else if (segment.op == DiffOp::kAdded) {
      op = "added";
      changes += after_change ? 0 : 1;
    }
    after_change = segment.op == DiffOp::kRemoved;
    // Every flag set, so that a template never finds one of an enclosing context.
    nlohmann::json line = {
        {"text", segment.text}, {"same", false}, {"removed", false}, {"added", false}};
    line[op] = true;
    segments.push_back(std::move(line));
  }
  return {{"segments", segments}, {"changes", changes}, {"identical", changes == 0}};
}

Response HistoryHandler::History(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<Page> page = services_.store.Get(slug);
  if (!page.ok()) return views_.FromError(request, page.error());
  if (!MayRead(request, page->visibility)) return MembersOnlyPage(views_, request);
  const std::vector<RevisionInfo> history = services_.store.History(slug);
  nlohmann::json revisions = nlohmann::json::array();
  for (size_t i = 0; i < history.size(); ++i) {
    const RevisionInfo& rev = history[i];
    const bool has_previous = i + 1 < history.size();
    const int64_t delta = rev.size - (has_previous ? history[i + 1].size : 0);
    revisions.push_back(
        {{"number", rev.number},
         {"author", rev.author},
         {"comment", rev.comment},
         {"created_at", views_.ReadableTime(request, rev.created_at)},
         {"created_iso", rev.created_at},
         {"size", rev.size},
         {"delta", SignedBytes(delta)},
         {"delta_class", DeltaClass(delta)},
         {"current", rev.number == page->revision},
         {"has_previous", has_previous},
         {"previous_url", has_previous ? DiffUrl(slug, history[i + 1].number, rev.number) : ""},
         // The newest change is chosen for comparison to begin with.
         {"from_checked", i == 1},
         {"to_checked", i == 0}});
  }
  nlohmann::json view = {{"slug", slug},
                         {"title", page->title},
                         {"revisions", revisions},
                         {"can_compare", history.size() > 1}};
  return views_.Page(request, "history", std::move(view));
}

Response HistoryHandler::Diff(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<Page> current = services_.store.Get(slug);
  if (!current.ok()) return views_.FromError(request, current.error());
  auto number = [&](const char* name, int64_t fallback) -> std::optional<int64_t> {
    const std::string text = request.Query(name);
    return text.empty() ? std::optional<int64_t>(fallback) : ParseNumber(text);
  };
  const std::optional<int64_t> to = number("to", current->revision);
  const std::optional<int64_t> from = to ? number("from", *to - 1) : std::nullopt;
  if (!to || !from) {
    return views_.ErrorPage(request, 400, views_.Message(request, "diff_bad_revision"));
  }
  Result<Page> before = services_.store.GetRevision(slug, *from);
  if (!before.ok()) return views_.FromError(request, before.error());
  Result<Page> after = services_.store.GetRevision(slug, *to);
  if (!after.ok()) return views_.FromError(request, after.error());
  if (!MayRead(request, current->visibility) || !MayRead(request, before->visibility) ||
      !MayRead(request, after->visibility)) {
    return MembersOnlyPage(views_, request);
  }

  std::map<int64_t, std::string> comments;
  for (const RevisionInfo& rev : services_.store.History(slug)) comments[rev.number] = rev.comment;
  auto side = [&](const Page& revision) {
    return nlohmann::json{{"number", revision.revision},
                          {"author", revision.author},
                          {"comment", comments[revision.revision]},
                          {"created_at", views_.ReadableTime(request, revision.updated_at)},
                          {"created_iso", revision.updated_at},
                          {"current", revision.revision == current->revision}};
  };
  // What else a revision holds besides its text, when it changed.
  nlohmann::json fields = nlohmann::json::array();
  auto field = [&](const char* label, const std::string& old_value, const std::string& new_value) {
    if (old_value == new_value) return;
    fields.push_back(
        {{"label", views_.Message(request, label)}, {"before", old_value}, {"after", new_value}});
  };
  field("field_title", before->title, after->title);
  field("field_kind", views_.Message(request, "kind_" + std::string(KindName(before->kind))),
        views_.Message(request, "kind_" + std::string(KindName(after->kind))));
  field("field_date", before->date, after->date);
  field("field_organisation", before->organisation, after->organisation);
  field("field_place", before->place, after->place);
  field("field_topics", Topics(before.value()), Topics(after.value()));
  field("field_applications", Applications(before.value()), Applications(after.value()));
  field("field_visibility",
        views_.Message(request, "visibility_" + std::string(VisibilityName(before->visibility))),
        views_.Message(request, "visibility_" + std::string(VisibilityName(after->visibility))));

  nlohmann::json view = {{"slug", slug},
                         {"title", views_.Message(request, "diff_title") + ": " + current->title},
                         {"page_title", current->title},
                         {"from", side(before.value())},
                         {"to", side(after.value())},
                         {"diff", DiffView(before->body, after->body)},
                         {"fields", fields},
                         {"has_fields", !fields.empty()}};
  if (*from > 1) view["older_url"] = DiffUrl(slug, *from - 1, *from);
  if (*to < current->revision) view["newer_url"] = DiffUrl(slug, *to, *to + 1);
  return views_.Page(request, "diff", std::move(view));
}

Response HistoryHandler::Restore(const Request& request) {
  const std::string slug = request.Param("slug");
  const std::optional<int64_t> number = ParseNumber(request.Param("n"));
  if (!number) return views_.ErrorPage(request, 404, views_.Message(request, "error_404"));
  auto form = request.Form();
  if (!form) return views_.ErrorPage(request, 400, views_.Message(request, "bad_form"));
  RestoreInput input;
  input.slug = slug;
  input.revision = *number;
  input.author = AuthorName(request);
  input.comment = views_.Message(request, "restore_comment") + " " + std::to_string(*number);
  if (auto base = form->find("base_revision"); base != form->end()) {
    input.base_revision = ParseNumber(base->second);
    if (!input.base_revision) {
      return views_.ErrorPage(request, 400, views_.Message(request, "bad_form"));
    }
  }
  Result<SaveOutcome> saved = services_.pages.Restore(input);
  if (saved.ok()) {
    services_.accounts.Audit(request.viewer.name, "restore", saved->slug,
                             "revision " + std::to_string(*number), request.remote_address);
    return Response::Redirect("/p/" + PercentEncode(saved->slug));
  }
  if (saved.error().code == ErrorCode::kConflict) {
    nlohmann::json view = {{"status", 409},
                           {"heading", views_.Message(request, "error_409")},
                           {"title", views_.Message(request, "error_409")},
                           {"message", views_.Message(request, "restore_conflict")},
                           {"history_url", "/p/" + PercentEncode(slug) + "/history"}};
    return views_.Page(request, "error", std::move(view), 409);
  }
  return views_.FromError(request, saved.error());
}

}  // namespace kring::http
