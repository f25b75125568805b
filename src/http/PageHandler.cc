#include "http/PageHandler.h"

#include "core/Resources.h"
#include "core/Text.h"
#include "http/AuthGate.h"
#include "http/FileHandler.h"
#include "http/HistoryHandler.h"
#include "http/MeetingViews.h"
#include "http/MembersOnly.h"
#include "http/Url.h"

namespace kring::http {
namespace {

std::vector<std::string> SplitTopics(const std::string& text) {
  std::vector<std::string> topics;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string topic = Trim(text.substr(start, comma - start));
    if (!topic.empty()) topics.push_back(std::move(topic));
    start = comma + 1;
  }
  return topics;
}

std::string JoinTopics(const std::vector<std::string>& topics) {
  std::string out;
  for (const auto& topic : topics) out += (out.empty() ? "" : ", ") + topic;
  return out;
}

}  // namespace

std::string KindLabel(const Views& views, const Request& request, PageKind kind) {
  return views.Message(request, "kind_" + std::string(KindName(kind)));
}

nlohmann::json SummaryView(const Views& views, const Request& request, const PageSummary& page) {
  return {{"slug", page.slug},
          {"title", page.title},
          {"kind", std::string(KindName(page.kind))},
          {"kind_label", KindLabel(views, request, page.kind)},
          {"date", page.date},
          {"date_label", LongDate(views, request, page.date)},
          {"updated_at", views.DateTime(request, page.updated_at)},
          {"author", page.author}};
}

std::vector<TitleSuggestion> PageHandler::RelatedPages(const Page& page, Audience audience) const {
  constexpr auto kLifetime = std::chrono::minutes(5);
  constexpr size_t kMaxEntries = 10000;
  const auto now = std::chrono::steady_clock::now();
  const std::string key = (audience == Audience::kMembers ? "m:" : "p:") + page.slug;
  {
    std::lock_guard<std::mutex> lock(related_mutex_);
    auto it = related_.find(key);
    if (it != related_.end() && it->second.revision == page.revision &&
        now - it->second.computed < kLifetime) {
      return it->second.pages;
    }
  }
  std::vector<TitleSuggestion> pages = services_.search.Related(page.slug, kRelatedPages, audience);
  std::lock_guard<std::mutex> lock(related_mutex_);
  if (related_.size() >= kMaxEntries) related_.clear();  // crude, but bounded and rare
  related_[key] = RelatedEntry{page.revision, now, pages};
  return pages;
}

nlohmann::json PageHandler::PageView(const Request& request, const Page& page) const {
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& topic : page.topics)
    topics.push_back({{"slug", topic.slug}, {"name", topic.name}});
  // An application or organisation in the register links to its register page, else to a
  // search for the pages tagged with it.
  nlohmann::json applications = nlohmann::json::array();
  for (const std::string& name : page.applications) {
    const std::string key = Slugify(name);
    applications.push_back({{"name", name},
                            {"url", services_.registry.ApplicationBySlug(key).ok()
                                        ? "/a/" + key
                                        : "/search?app=" + PercentEncode(key)}});
  }
  const std::string organisation_key = Slugify(page.organisation);
  const bool registered_organisation =
      !organisation_key.empty() && services_.registry.OrganisationBySlug(organisation_key).ok();
  nlohmann::json backlinks = BacklinkGroupsView(
      views_, request, page.kind, services_.store.Backlinks(page.slug, AudienceOf(request)));
  // "See also": pages like this one, from the search index (empty until it is indexed).
  nlohmann::json related = nlohmann::json::array();
  for (const TitleSuggestion& like : RelatedPages(page, AudienceOf(request))) {
    const PageKind kind = ParseKind(like.kind).value_or(PageKind::kPage);
    related.push_back({{"slug", like.slug},
                       {"title", like.title},
                       {"kind", std::string(KindName(kind))},
                       {"kind_label", KindLabel(views_, request, kind)}});
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : services_.file_store.FilesOfPage(page.slug)) {
    files.push_back(FileView(views_, request, file));
  }
  return {{"slug", page.slug},
          {"title", page.title},
          {"kind", std::string(KindName(page.kind))},
          {"kind_label", KindLabel(views_, request, page.kind)},
          {"date", page.date},
          {"date_label", LongDate(views_, request, page.date)},
          {"place", page.place},
          {"organisation", page.organisation},
          {"organisation_url", registered_organisation
                                   ? "/o/" + organisation_key
                                   : "/search?org=" + PercentEncode(organisation_key)},
          {"files", files},
          {"has_files", !files.empty()},
          {"revision", page.revision},
          {"author", page.author},
          {"updated_at", views_.DateTime(request, page.updated_at)},
          {"topics", topics},
          {"has_topics", !topics.empty()},
          {"applications", applications},
          {"has_applications", !applications.empty()},
          {"html", page.html},
          {"members_only", page.visibility == Visibility::kMembers},
          {"backlink_groups", backlinks},
          {"related", related},
          {"has_related", !related.empty()}};
}

Response PageHandler::Show(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<Page> page = services_.store.Get(slug);
  if (!page.ok()) {
    if (page.error().code != ErrorCode::kNotFound) return views_.FromError(request, page.error());
    // A slug a rename left behind leads to the page's current one, permanently.
    if (auto renamed = RenamedPageAnswer(services_, views_, request, slug, "/p/")) {
      return std::move(*renamed);
    }
    if (auto trashed = services_.lifecycle.FindTrashed(slug)) {
      nlohmann::json view = {{"title", trashed->title},
                             {"status", 404},
                             {"heading", trashed->title},
                             {"message", views_.Message(request, "page_in_trash")},
                             {"trash_url", "/admin/trash"}};
      return views_.Page(request, "error", std::move(view), 404);
    }
    nlohmann::json view = {{"title", slug},
                           {"missing_slug", slug},
                           {"status", 404},
                           {"heading", views_.Message(request, "error_404")},
                           {"create_url", "/new?title=" + PercentEncode(slug)}};
    return views_.Page(request, "error", std::move(view), 404);
  }
  if (!MayRead(request, page->visibility)) return MembersOnlyPage(views_, request);
  return views_.Page(request, "page", PageView(request, page.value()));
}

nlohmann::json PageHandler::FormView(const Request& request, const PageInput& input, bool is_new,
                                     const std::string& error) const {
  nlohmann::json kinds = nlohmann::json::array();
  for (PageKind kind : AllKinds()) {
    kinds.push_back({{"value", std::string(KindName(kind))},
                     {"label", KindLabel(views_, request, kind)},
                     {"selected", kind == input.kind}});
  }
  nlohmann::json visibilities = nlohmann::json::array();
  for (Visibility visibility : {Visibility::kPublic, Visibility::kMembers}) {
    const std::string name(VisibilityName(visibility));
    visibilities.push_back({{"value", name},
                            {"label", views_.Message(request, "visibility_" + name)},
                            {"selected", visibility == input.visibility}});
  }
  nlohmann::json view = {
      {"is_new", is_new},
      {"action", is_new ? std::string("/new") : "/p/" + input.slug + "/edit"},
      {"slug", input.slug},
      {"page_title", input.title},
      {"title", is_new ? views_.Message(request, "new_page") : input.title},
      {"body", input.body},
      {"kinds", kinds},
      {"visibilities", visibilities},
      {"topics", JoinTopics(input.topics)},
      {"applications", JoinTopics(input.applications)},
      {"date", input.date},
      {"organisation", input.organisation},
      {"place", input.place},
      {"comment", input.comment},
      {"base_revision", input.base_revision ? std::to_string(*input.base_revision) : ""},
      {"error", error},
      {"has_error", !error.empty()},
      // The rename form below the editor (rename-form.mustache).
      {"new_title", input.title},
      {"new_slug", input.slug}};
  return view;
}

Response PageHandler::EditForm(const Request& request) {
  Result<Page> page = services_.store.Get(request.Param("slug"));
  if (!page.ok()) return views_.FromError(request, page.error());
  if (!MayRead(request, page->visibility)) return MembersOnlyPage(views_, request);
  return views_.Page(request, "edit", FormView(request, InputOf(page.value()), false, ""));
}

Response PageHandler::NewForm(const Request& request) {
  PageInput input;
  input.title = request.Query("title");
  input.kind = ParseKind(request.Query("kind")).value_or(PageKind::kPage);
  input.topics = SplitTopics(request.Query("topic"));
  if (input.kind == PageKind::kMinutes) {
    // "New minutes" starts from the outline of a meeting, in the member's language.
    input.body =
        LoadResource("templates/minutes-template." + views_.Language(request) + ".md").value_or("");
  }
  nlohmann::json view = FormView(request, input, true, "");
  if (input.kind == PageKind::kMinutes) {
    view["new_minutes"] = true;
    view["title"] = views_.Message(request, "new_minutes");
  }
  return views_.Page(request, "edit", std::move(view));
}

std::optional<PageInput> PageHandler::ReadForm(const Request& request) const {
  auto form = request.Form();
  if (!form) return std::nullopt;
  auto field = [&](const char* name) {
    auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
  };
  PageInput input;
  input.title = field("title");
  input.body = field("body");
  input.kind = ParseKind(field("kind")).value_or(PageKind::kPage);
  input.topics = SplitTopics(field("topics"));
  input.applications = SplitTopics(field("applications"));
  input.date = field("date");
  input.organisation = field("organisation");
  input.place = field("place");
  // Absent (an older form): public, the default; anything else but the two names is refused.
  const std::string visibility = field("visibility");
  if (!visibility.empty()) {
    std::optional<Visibility> parsed = ParseVisibility(visibility);
    if (!parsed) return std::nullopt;
    input.visibility = *parsed;
  }
  input.comment = field("comment");
  input.base_revision = ParseNumber(field("base_revision"));
  input.author = AuthorName(request);
  return input;
}

Response PageHandler::SaveFromForm(const Request& request, PageInput input, bool is_new) {
  Result<SaveOutcome> saved = services_.pages.Save(input);
  if (saved.ok()) return Response::Redirect("/p/" + saved->slug);
  const Error& error = saved.error();
  const int status = StatusFor(error.code);
  if (status == 500) return views_.FromError(request, error);
  if (is_new && input.slug.empty()) input.slug = Slugify(input.title);
  if (error.code != ErrorCode::kConflict) {
    return views_.Page(request, "edit", FormView(request, input, is_new, error.message), status);
  }
  // Someone saved first. Keep the member's text in the form, show the newer text beside it,
  // and base the form on the newer revision so a deliberate second save goes through.
  Result<Page> current = services_.store.Get(input.slug);
  // No current page to show: the slug belongs to a page in the trash, which the store's
  // message says.
  std::string message = !current.ok() ? error.message
                        : is_new      ? views_.Message(request, "conflict_exists")
                                      : views_.Message(request, "conflict_edit");
  nlohmann::json view = FormView(request, input, is_new, message);
  if (current.ok()) {
    view["is_new"] = false;
    view["action"] = "/p/" + current->slug + "/edit";
    view["base_revision"] = std::to_string(current->revision);
    view["conflict"] = {{"revision", current->revision},
                        {"author", current->author},
                        {"updated_at", views_.ReadableTime(request, current->updated_at)},
                        {"body", current->body},
                        {"slug", current->slug},
                        {"diff", DiffView(current->body, input.body)}};
  }
  return views_.Page(request, "edit", std::move(view), 409);
}

Response PageHandler::Update(const Request& request) {
  auto input = ReadForm(request);
  if (!input) return views_.ErrorPage(request, 400, views_.Message(request, "bad_form"));
  input->slug = request.Param("slug");
  if (!input->base_revision) input->base_revision = 0;  // an edit always names its base
  return SaveFromForm(request, std::move(*input), false);
}

Response PageHandler::Create(const Request& request) {
  auto input = ReadForm(request);
  if (!input) return views_.ErrorPage(request, 400, views_.Message(request, "bad_form"));
  input->slug.clear();
  input->base_revision = 0;  // must not exist yet
  return SaveFromForm(request, std::move(*input), true);
}

Response PageHandler::Revision(const Request& request) {
  const std::string slug = request.Param("slug");
  auto number = ParseNumber(request.Param("n"));
  if (!number) return views_.ErrorPage(request, 404, views_.Message(request, "error_404"));
  Result<Page> page = services_.store.GetRevision(slug, *number);
  if (!page.ok()) return views_.FromError(request, page.error());
  Result<Page> current = services_.store.Get(slug);
  if (!current.ok()) return views_.FromError(request, current.error());
  // A revision saved for members stays theirs after the page became public.
  if (!MayRead(request, current->visibility) || !MayRead(request, page->visibility)) {
    return MembersOnlyPage(views_, request);
  }
  nlohmann::json view = PageView(request, page.value());
  if (*number != current->revision) {
    view["old_revision"] = true;
    view["current_revision"] = current->revision;
    view["compare_current_url"] = DiffUrl(slug, *number, current->revision);
    if (*number > 1)
      view["older_revision_url"] = "/p/" + slug + "/rev/" + std::to_string(*number - 1);
    view["newer_revision_url"] = "/p/" + slug + "/rev/" + std::to_string(*number + 1);
  }
  return views_.Page(request, "page", std::move(view));
}

}  // namespace kring::http
