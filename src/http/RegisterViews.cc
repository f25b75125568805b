#include "http/RegisterViews.h"

#include <string_view>
#include <utility>

#include "http/AuthGate.h"

namespace kring::http {

nlohmann::json OrganisationJson(const Organisation& o) {
  return {{"slug", o.slug},
          {"name", o.name},
          {"type", o.type},
          {"region", o.region},
          {"website", o.website},
          {"url", "/o/" + o.slug},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

nlohmann::json ApplicationJson(const RegisteredApplication& a) {
  std::string topics;
  for (const std::string& topic : a.topics) topics += (topics.empty() ? "" : ", ") + topic;
  return {{"slug", a.slug},
          {"name", a.name},
          {"supplier", a.supplier},
          {"domain", a.domain},
          {"website", a.website},
          {"topics", a.topics},
          {"topics_text", topics},
          {"description", a.description},
          {"url", "/a/" + a.slug},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

nlohmann::json UsageJson(const Usage& u) {
  nlohmann::json out = {{"organisation", u.organisation_slug},
                        {"organisation_name", u.organisation_name},
                        {"organisation_type", u.organisation_type},
                        {"region", u.organisation_region},
                        {"application", u.application_slug},
                        {"application_name", u.application_name},
                        {"supplier", u.supplier},
                        {"domain", u.domain},
                        {"since", u.since},
                        {"module", u.module},
                        {"satisfaction", nullptr},
                        {"note", u.note},
                        {"contact", u.contact},
                        {"updated_at", u.updated_at}};
  if (u.satisfaction) out["satisfaction"] = *u.satisfaction;
  return out;
}

namespace {

// The field names RegisterService writes into a change's summary, and their labels.
constexpr std::pair<std::string_view, std::string_view> kFieldLabels[] = {
    {"name", "register_name"},
    {"type", "register_type"},
    {"region", "register_region"},
    {"website", "register_website"},
    {"supplier", "register_supplier"},
    {"domain", "register_domain"},
    {"topics", "topics"},
    {"application", "register_application"},
    {"since", "register_since"},
    {"module", "register_module"},
    {"satisfaction", "register_satisfaction"},
    {"note", "register_note"},
    {"contact", "register_contact"},
};

// A stored summary ("since: 2011; note: a; b") with its field names in the reader's language.
// Values may hold "; " themselves: only a known name followed by ": " at the start or after
// "; " is a field name.
std::string ShownSummary(const Views& views, const Request& request, const std::string& summary) {
  std::string out;
  size_t at = 0;
  while (at < summary.size()) {
    const bool field_start = at == 0 || (at >= 2 && summary.compare(at - 2, 2, "; ") == 0);
    bool labelled = false;
    for (const auto& [field, key] : kFieldLabels) {
      if (!field_start || summary.compare(at, field.size(), field) != 0 ||
          summary.compare(at + field.size(), 2, ": ") != 0) {
        continue;
      }
      out += views.Message(request, std::string(key));
      at += field.size();
      labelled = true;
      break;
    }
    if (!labelled) out += summary[at++];
  }
  return out;
}

}  // namespace

nlohmann::json ChangesJson(const Views& views, const Request& request,
                           const std::vector<RegisterChange>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const RegisterChange& change : changes) {
    out.push_back(
        {{"kind", change.kind},
         {"kind_shown", views.Message(request, "register_kind_" + change.kind)},
         {"organisation", change.organisation},
         {"application", change.application},
         {"author", change.author},
         {"at", change.at},
         {"at_shown", views.ReadableTime(request, change.at)},
         // A deletion in the reader's language; other summaries list the values.
         {"summary", change.summary == kDeletedSummary ? views.Message(request, "register_deleted")
                                                       : change.summary},
         {"summary_shown", change.summary == kDeletedSummary
                               ? views.Message(request, "register_deleted")
                               : ShownSummary(views, request, change.summary)}});
  }
  return out;
}

nlohmann::json AverageJson(const Views& views, const Request& request,
                           const std::vector<Usage>& usages) {
  std::optional<double> average = RegisterService::AverageSatisfaction(usages);
  if (!average) return nullptr;
  int count = 0;
  for (const Usage& usage : usages) count += usage.satisfaction ? 1 : 0;
  return {{"value", RegisterService::FormatScore(*average, views.Language(request))},
          {"number", *average},
          {"count", count}};
}

namespace {

void AppendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string RegisterCsv(const std::vector<Usage>& usages) {
  std::string out =
      "organisation,type,region,application,supplier,domain,since,module,satisfaction,contact,"
      "note\r\n";
  for (const Usage& u : usages) {
    const std::vector<std::string> fields = {u.organisation_name,
                                             u.organisation_type,
                                             u.organisation_region,
                                             u.application_name,
                                             u.supplier,
                                             u.domain,
                                             u.since,
                                             u.module,
                                             u.satisfaction ? std::to_string(*u.satisfaction) : "",
                                             u.contact,
                                             u.note};
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      AppendCsvField(out, fields[i]);
    }
    out += "\r\n";
  }
  return out;
}

RegisterActor ActorOf(const Request& request, accounts::AccountService& accounts) {
  RegisterActor actor{AuthorName(request), request.viewer.role, ""};
  if (request.viewer.signed_in()) {
    Result<User> user = accounts.UserByName(request.viewer.name);
    if (user.ok()) actor.organisation = user->organisation;
  }
  return actor;
}

std::vector<std::string> SplitTopics(const std::string& text) {
  std::vector<std::string> topics;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    topics.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return topics;
}

}  // namespace kring::http
