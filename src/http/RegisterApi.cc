#include "http/RegisterApi.h"

#include <nlohmann/json.hpp>

#include "http/RegisterViews.h"

namespace kring::http {
namespace {

// The string member `name` of `body` ("" when absent); nullopt when it is not a string.
std::optional<std::string> StringField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string()) return std::nullopt;
  return body[name].get<std::string>();
}

Response BadField(const Views& views, const Request& request, const char* name) {
  return views.ErrorPage(request, 400, std::string("\"") + name + "\" must be a string.");
}

Response JsonOk(const nlohmann::json& body) { return Response::Json(200, body.dump()); }

}  // namespace

Response RegisterApi::ListOrganisations(const Request& request) {
  auto all = services_.registry.Organisations();
  if (!all.ok()) return views_.FromError(request, all.error());
  nlohmann::json out = nlohmann::json::array();
  for (const Organisation& o : all.value()) out.push_back(OrganisationJson(o));
  return JsonOk({{"organisations", out}});
}

Response RegisterApi::GetOrganisation(const Request& request) {
  const std::string slug = request.Param("slug");
  auto org = services_.registry.OrganisationBySlug(slug);
  if (!org.ok()) return views_.FromError(request, org.error());
  auto usages = services_.registry.Usages(slug, "");
  if (!usages.ok()) return views_.FromError(request, usages.error());
  auto changes = services_.registry.Changes(slug, "");
  if (!changes.ok()) return views_.FromError(request, changes.error());
  nlohmann::json out = OrganisationJson(org.value());
  out["usages"] = nlohmann::json::array();
  for (const Usage& u : usages.value()) out["usages"].push_back(UsageJson(u));
  out["changes"] = ChangesJson(views_, request, changes.value());
  return JsonOk(out);
}

Response RegisterApi::PutOrganisation(const Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return views_.ErrorPage(request, 400, "The body must be a JSON object.");
  }
  Organisation org;
  for (auto [name, field] :
       {std::pair{"name", &org.name}, std::pair{"type", &org.type},
        std::pair{"region", &org.region}, std::pair{"website", &org.website}}) {
    std::optional<std::string> value = StringField(body, name);
    if (!value) return BadField(views_, request, name);
    *field = *value;
  }
  auto saved = services_.registry.SaveOrganisation(ActorOf(request, services_.accounts),
                                                   request.Param("slug"), org);
  if (!saved.ok()) return views_.FromError(request, saved.error());
  return JsonOk(OrganisationJson(saved.value()));
}

Response RegisterApi::ListApplications(const Request& request) {
  auto all = services_.registry.Applications();
  if (!all.ok()) return views_.FromError(request, all.error());
  const std::string domain = request.Query("domain");
  nlohmann::json out = nlohmann::json::array();
  for (const RegisteredApplication& a : all.value()) {
    if (domain.empty() || a.domain == domain) out.push_back(ApplicationJson(a));
  }
  return JsonOk({{"applications", out}});
}

Response RegisterApi::GetApplication(const Request& request) {
  const std::string slug = request.Param("slug");
  auto app = services_.registry.ApplicationBySlug(slug);
  if (!app.ok()) return views_.FromError(request, app.error());
  auto usages = services_.registry.Usages("", slug);
  if (!usages.ok()) return views_.FromError(request, usages.error());
  auto changes = services_.registry.Changes("", slug);
  if (!changes.ok()) return views_.FromError(request, changes.error());
  nlohmann::json out = ApplicationJson(app.value());
  out["usages"] = nlohmann::json::array();
  for (const Usage& u : usages.value()) out["usages"].push_back(UsageJson(u));
  std::optional<double> average = RegisterService::AverageSatisfaction(usages.value());
  out["average_satisfaction"] = average ? nlohmann::json(*average) : nlohmann::json(nullptr);
  out["changes"] = ChangesJson(views_, request, changes.value());
  return JsonOk(out);
}

Response RegisterApi::PutApplication(const Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return views_.ErrorPage(request, 400, "The body must be a JSON object.");
  }
  RegisteredApplication app;
  for (auto [name, field] : {std::pair{"name", &app.name}, std::pair{"supplier", &app.supplier},
                             std::pair{"domain", &app.domain}, std::pair{"website", &app.website},
                             std::pair{"description", &app.description}}) {
    std::optional<std::string> value = StringField(body, name);
    if (!value) return BadField(views_, request, name);
    *field = *value;
  }
  if (body.contains("topics")) {
    if (!body["topics"].is_array()) return BadField(views_, request, "topics");
    for (const nlohmann::json& topic : body["topics"]) {
      if (!topic.is_string()) return BadField(views_, request, "topics");
      app.topics.push_back(topic.get<std::string>());
    }
  }
  auto saved = services_.registry.SaveApplication(ActorOf(request, services_.accounts),
                                                  request.Param("slug"), app);
  if (!saved.ok()) return views_.FromError(request, saved.error());
  return JsonOk(ApplicationJson(saved.value()));
}

Response RegisterApi::PutUsage(const Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return views_.ErrorPage(request, 400, "The body must be a JSON object.");
  }
  UsageInput input;
  for (auto [name, field] :
       {std::pair{"since", &input.since}, std::pair{"module", &input.module},
        std::pair{"note", &input.note}, std::pair{"contact", &input.contact}}) {
    std::optional<std::string> value = StringField(body, name);
    if (!value) return BadField(views_, request, name);
    *field = *value;
  }
  if (body.contains("satisfaction") && !body["satisfaction"].is_null()) {
    const nlohmann::json& score = body["satisfaction"];
    input.satisfaction = score.is_string() ? score.get<std::string>() : score.dump();
  }
  auto saved = services_.registry.SaveUsage(ActorOf(request, services_.accounts),
                                            request.Param("org"), request.Param("slug"), input);
  if (!saved.ok()) return views_.FromError(request, saved.error());
  return JsonOk(UsageJson(saved.value()));
}

namespace {

Response Deleted(const Views& views, const Request& request, const Status& removed) {
  if (!removed.ok()) return views.FromError(request, removed.error());
  return Response::Json(200, R"({"deleted":true})");
}

}  // namespace

Response RegisterApi::DeleteOrganisation(const Request& request) {
  return Deleted(views_, request,
                 services_.registry.DeleteOrganisation(ActorOf(request, services_.accounts),
                                                       request.Param("slug")));
}

Response RegisterApi::DeleteApplication(const Request& request) {
  return Deleted(views_, request,
                 services_.registry.DeleteApplication(ActorOf(request, services_.accounts),
                                                      request.Param("slug")));
}

Response RegisterApi::DeleteUsage(const Request& request) {
  return Deleted(views_, request,
                 services_.registry.DeleteUsage(ActorOf(request, services_.accounts),
                                                request.Param("org"), request.Param("slug")));
}

Response RegisterApi::Csv(const Request& request) {
  auto usages = services_.registry.Usages("", "");
  if (!usages.ok()) return views_.FromError(request, usages.error());
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = RegisterCsv(usages.value());
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"register.csv\"");
  return response;
}

}  // namespace kring::http
