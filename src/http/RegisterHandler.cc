#include "http/RegisterHandler.h"

#include <map>
#include <set>

#include "core/Text.h"
#include "http/MembersOnly.h"
#include "http/PageHandler.h"
#include "http/RegisterViews.h"

namespace kring::http {
namespace {

using Fields = std::map<std::string, std::string>;

std::string Get(const Fields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

nlohmann::json TypeOptions(const std::string& selected) {
  nlohmann::json options = nlohmann::json::array();
  for (const std::string& type : OrganisationTypes()) {
    options.push_back({{"value", type}, {"selected", type == selected}});
  }
  return options;
}

// A page found by a search as {slug, title, kind} with its kind in the reader's language.
nlohmann::json PageHitJson(const Views& views, const Request& request, const SearchHit& hit) {
  const std::optional<PageKind> kind = ParseKind(hit.kind);
  return {{"slug", hit.slug},
          {"title", hit.title},
          {"kind", kind ? KindLabel(views, request, *kind) : hit.kind}};
}

// The pages among `hits` (each once): the minutes only, or all but the minutes.
nlohmann::json HitsJson(const Views& views, const Request& request,
                        const std::vector<SearchHit>& hits, bool minutes_only) {
  nlohmann::json out = nlohmann::json::array();
  std::set<std::string> seen;
  for (const SearchHit& hit : hits) {
    if (minutes_only != (hit.kind == "minutes") || !seen.insert(hit.slug).second) continue;
    out.push_back(PageHitJson(views, request, hit));
  }
  return out;
}

}  // namespace

Response RegisterHandler::Organisations(const Request& request) {
  Result<std::vector<kring::Organisation>> all = services_.registry.Organisations();
  if (!all.ok()) return views_.FromError(request, all.error());
  // Grouped by type in the fixed order, each sorted by region then name.
  nlohmann::json groups = nlohmann::json::array();
  for (const std::string& type : OrganisationTypes()) {
    std::vector<kring::Organisation> members;
    for (const kring::Organisation& o : all.value()) {
      if (o.type == type) members.push_back(o);
    }
    if (members.empty()) continue;
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.region < b.region; });
    nlohmann::json list = nlohmann::json::array();
    for (const kring::Organisation& o : members) list.push_back(OrganisationJson(o));
    groups.push_back({{"type", type}, {"organisations", list}});
  }
  return views_.Page(request, "orgs",
                     {{"title", views_.Message(request, "register_orgs")},
                      {"groups", groups},
                      {"empty", all->empty()}});
}

Response RegisterHandler::Organisation(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<kring::Organisation> org = services_.registry.OrganisationBySlug(slug);
  if (!org.ok()) return views_.FromError(request, org.error());
  Result<std::vector<Usage>> usages = services_.registry.Usages(slug, "");
  if (!usages.ok()) return views_.FromError(request, usages.error());
  nlohmann::json landscape = nlohmann::json::array();
  for (const Usage& usage : usages.value()) landscape.push_back(UsageJson(usage));
  nlohmann::json contacts = nlohmann::json::array();
  for (const User& user : services_.accounts.Users()) {
    if (user.status == AccountStatus::kActive && Slugify(user.organisation) == slug) {
      contacts.push_back({{"name", user.display_name.empty() ? user.name : user.display_name}});
    }
  }
  SearchQuery query{.organisation = slug, .page_size = 50, .audience = AudienceOf(request)};
  Result<SearchResults> pages = services_.search.Search(query);
  std::vector<SearchHit> hits = pages.ok() ? pages->hits : std::vector<SearchHit>();
  Result<std::vector<RegisterChange>> changes = services_.registry.Changes(slug, "");
  if (!changes.ok()) return views_.FromError(request, changes.error());
  const RegisterActor actor = ActorOf(request, services_.accounts);
  return views_.Page(request, "org",
                     {{"title", org->name},
                      {"org", OrganisationJson(org.value())},
                      {"usages", landscape},
                      {"contacts", contacts},
                      {"pages", HitsJson(views_, request, hits, false)},
                      {"meetings", HitsJson(views_, request, hits, true)},
                      {"changes", ChangesJson(views_, request, changes.value())},
                      {"may_edit", RegisterService::MayEditOrganisation(actor, slug)}});
}

Response RegisterHandler::Applications(const Request& request) {
  Result<std::vector<kring::RegisteredApplication>> all = services_.registry.Applications();
  if (!all.ok()) return views_.FromError(request, all.error());
  Result<std::vector<Usage>> usages = services_.registry.Usages("", "");
  if (!usages.ok()) return views_.FromError(request, usages.error());
  const std::string domain = request.Query("domain");
  nlohmann::json apps = nlohmann::json::array();
  std::set<std::string> domains;
  for (const kring::RegisteredApplication& app : all.value()) {
    if (!app.domain.empty()) domains.insert(app.domain);
    if (!domain.empty() && app.domain != domain) continue;
    std::vector<Usage> users;
    std::set<std::string> modules;
    for (const Usage& usage : usages.value()) {
      if (usage.application_slug != app.slug) continue;
      users.push_back(usage);
      if (!usage.module.empty()) modules.insert(usage.module);
    }
    nlohmann::json item = ApplicationJson(app);
    item["users"] = users.size();
    item["average"] = AverageJson(views_, request, users);
    std::string module_list;
    for (const std::string& m : modules) module_list += (module_list.empty() ? "" : ", ") + m;
    item["modules"] = module_list;
    apps.push_back(std::move(item));
  }
  nlohmann::json domain_links = nlohmann::json::array();
  for (const std::string& d : domains) {
    domain_links.push_back(
        {{"name", d}, {"url", "/apps?domain=" + PercentEncode(d)}, {"current", d == domain}});
  }
  nlohmann::json view = {{"title", views_.Message(request, "register_apps")},
                         {"apps", apps},
                         {"domains", domain_links},
                         {"empty", apps.empty()}};
  if (!domain.empty()) view["domain"] = domain;
  return views_.Page(request, "apps", std::move(view));
}

Response RegisterHandler::Application(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<kring::RegisteredApplication> app = services_.registry.ApplicationBySlug(slug);
  if (!app.ok()) return views_.FromError(request, app.error());
  Result<std::vector<Usage>> usages = services_.registry.Usages("", slug);
  if (!usages.ok()) return views_.FromError(request, usages.error());
  nlohmann::json users = nlohmann::json::array();
  for (const Usage& usage : usages.value()) users.push_back(UsageJson(usage));
  // The pages tagged with the application first, then the others that name it.
  nlohmann::json pages = nlohmann::json::array();
  std::set<std::string> listed;
  for (const SearchQuery& query :
       {SearchQuery{.application = slug, .page_size = 20, .audience = AudienceOf(request)},
        SearchQuery{.text = app->name, .page_size = 20, .audience = AudienceOf(request)}}) {
    Result<SearchResults> found = services_.search.Search(query);
    if (!found.ok()) continue;
    for (const SearchHit& hit : found->hits) {
      if (listed.insert(hit.slug).second) pages.push_back(PageHitJson(views_, request, hit));
    }
  }
  Result<std::vector<RegisterChange>> changes = services_.registry.Changes("", slug);
  if (!changes.ok()) return views_.FromError(request, changes.error());
  return views_.Page(request, "app",
                     {{"title", app->name},
                      {"app", ApplicationJson(app.value())},
                      {"users", users},
                      {"average", AverageJson(views_, request, usages.value())},
                      {"pages", pages},
                      {"changes", ChangesJson(views_, request, changes.value())}});
}

Response RegisterHandler::Form(const Request& request, std::string_view name, nlohmann::json values,
                               const std::string& error, int status) {
  nlohmann::json view = {{"title", views_.Message(request, "register_form_" + std::string(name))},
                         {"values", std::move(values)}};
  if (!error.empty()) view["error"] = error;
  return views_.Page(request, "register-" + std::string(name), std::move(view), status);
}

Response RegisterHandler::OrganisationForm(const Request& request) {
  const std::string slug = request.Param("slug");
  nlohmann::json values = {{"action", "/orgs/new"}, {"types", TypeOptions("gemeente")}};
  if (!slug.empty()) {
    Result<kring::Organisation> org = services_.registry.OrganisationBySlug(slug);
    if (!org.ok()) return views_.FromError(request, org.error());
    values = OrganisationJson(org.value());
    values["action"] = "/o/" + slug + "/edit";
    values["types"] = TypeOptions(org->type);
    if (request.viewer.role >= Role::kAdmin) values["delete_action"] = "/o/" + slug + "/delete";
  }
  return Form(request, "org", std::move(values), "", 200);
}

Response RegisterHandler::SaveOrganisation(const Request& request) {
  const std::string slug = request.Param("slug");
  const Fields fields = request.Form().value_or(Fields());
  kring::Organisation org{.name = Get(fields, "name"),
                          .type = Get(fields, "type"),
                          .region = Get(fields, "region"),
                          .website = Get(fields, "website")};
  Result<kring::Organisation> saved =
      services_.registry.SaveOrganisation(ActorOf(request, services_.accounts), slug, org);
  if (saved.ok()) return Response::Redirect("/o/" + saved->slug);
  org.slug = slug;
  nlohmann::json values = OrganisationJson(org);
  values["action"] = slug.empty() ? "/orgs/new" : "/o/" + slug + "/edit";
  values["types"] = TypeOptions(org.type);
  return Form(request, "org", std::move(values), saved.error().message,
              StatusFor(saved.error().code));
}

Response RegisterHandler::ApplicationForm(const Request& request) {
  const std::string slug = request.Param("slug");
  nlohmann::json values = {{"action", "/apps/new"}};
  if (!slug.empty()) {
    Result<kring::RegisteredApplication> app = services_.registry.ApplicationBySlug(slug);
    if (!app.ok()) return views_.FromError(request, app.error());
    values = ApplicationJson(app.value());
    values["action"] = "/a/" + slug + "/edit";
    if (request.viewer.role >= Role::kAdmin) values["delete_action"] = "/a/" + slug + "/delete";
  }
  return Form(request, "app", std::move(values), "", 200);
}

Response RegisterHandler::SaveApplication(const Request& request) {
  const std::string slug = request.Param("slug");
  const Fields fields = request.Form().value_or(Fields());
  kring::RegisteredApplication app{.name = Get(fields, "name"),
                                   .supplier = Get(fields, "supplier"),
                                   .domain = Get(fields, "domain"),
                                   .website = Get(fields, "website"),
                                   .topics = SplitTopics(Get(fields, "topics")),
                                   .description = Get(fields, "description")};
  Result<kring::RegisteredApplication> saved =
      services_.registry.SaveApplication(ActorOf(request, services_.accounts), slug, app);
  if (saved.ok()) return Response::Redirect("/a/" + saved->slug);
  app.slug = slug;
  nlohmann::json values = ApplicationJson(app);
  values["topics_text"] = Get(fields, "topics");
  values["action"] = slug.empty() ? "/apps/new" : "/a/" + slug + "/edit";
  return Form(request, "app", std::move(values), saved.error().message,
              StatusFor(saved.error().code));
}

Response RegisterHandler::UsageForm(const Request& request) {
  const std::string slug = request.Param("slug");
  Result<kring::Organisation> org = services_.registry.OrganisationBySlug(slug);
  if (!org.ok()) return views_.FromError(request, org.error());
  nlohmann::json values = {{"organisation", slug},
                           {"organisation_name", org->name},
                           {"application", request.Query("app")}};
  Result<std::vector<Usage>> existing = services_.registry.Usages(slug, request.Query("app"));
  if (!request.Query("app").empty() && existing.ok() && !existing->empty()) {
    values = UsageJson(existing->front());
    values["delete_action"] = "/o/" + slug + "/usage/delete";
  }
  values["action"] = "/o/" + slug + "/usage";
  return Form(request, "usage", std::move(values), "", 200);
}

Response RegisterHandler::SaveUsage(const Request& request) {
  const std::string slug = request.Param("slug");
  const Fields fields = request.Form().value_or(Fields());
  const UsageInput input{Get(fields, "since"), Get(fields, "module"), Get(fields, "satisfaction"),
                         Get(fields, "note"), Get(fields, "contact")};
  const std::string app = Slugify(Get(fields, "application"));
  Result<Usage> saved =
      services_.registry.SaveUsage(ActorOf(request, services_.accounts), slug, app, input);
  if (saved.ok()) return Response::Redirect("/o/" + slug);
  nlohmann::json values = {{"organisation", slug},
                           {"application", Get(fields, "application")},
                           {"since", input.since},
                           {"module", input.module},
                           {"note", input.note},
                           {"contact", input.contact},
                           {"satisfaction", input.satisfaction},
                           {"action", "/o/" + slug + "/usage"}};
  // An unknown application is the member's typing mistake: the form again, 400.
  const int status =
      saved.error().code == ErrorCode::kNotFound ? 400 : StatusFor(saved.error().code);
  return Form(request, "usage", std::move(values), saved.error().message, status);
}

}  // namespace kring::http

namespace kring::http {

Response RegisterHandler::Delete(const Request& request, const std::function<Status()>& remove,
                                 const std::string& done) {
  const Fields fields = request.Form().value_or(Fields());
  if (Get(fields, "confirm") != "yes") {
    return views_.ErrorPage(request, 400, views_.Message(request, "register_confirm_missing"));
  }
  if (Status removed = remove(); !removed.ok()) return views_.FromError(request, removed.error());
  return Response::Redirect(done);
}

Response RegisterHandler::DeleteOrganisation(const Request& request) {
  const std::string slug = request.Param("slug");
  return Delete(
      request,
      [&] {
        return services_.registry.DeleteOrganisation(ActorOf(request, services_.accounts), slug);
      },
      "/orgs");
}

Response RegisterHandler::DeleteApplication(const Request& request) {
  const std::string slug = request.Param("slug");
  return Delete(
      request,
      [&] {
        return services_.registry.DeleteApplication(ActorOf(request, services_.accounts), slug);
      },
      "/apps");
}

Response RegisterHandler::DeleteUsage(const Request& request) {
  const std::string slug = request.Param("slug");
  const std::string app = Slugify(Get(request.Form().value_or(Fields()), "application"));
  return Delete(
      request,
      [&] {
        return services_.registry.DeleteUsage(ActorOf(request, services_.accounts), slug, app);
      },
      "/o/" + slug);
}

}  // namespace kring::http
