// RegisterService: validation, permissions and the change log of the register.
#include "core/RegisterService.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/Text.h"

namespace kring {
namespace {

constexpr size_t kMaxShort = 200;  // names, types, regions, suppliers, modules, contacts
constexpr size_t kMaxLong = 4000;  // descriptions and experience notes

Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

// Checks one text field: valid UTF-8, at most `max` bytes. Trims it in place.
std::optional<Error> CheckField(std::string& value, std::string_view field, size_t max) {
  if (!IsValidUtf8(value)) return Invalid("The " + std::string(field) + " is not valid UTF-8.");
  value = Trim(value);
  if (value.size() > max) {
    return Invalid("The " + std::string(field) + " is longer than " + std::to_string(max) +
                   " bytes.");
  }
  return std::nullopt;
}

std::optional<Error> CheckWebsite(std::string& website) {
  if (auto error = CheckField(website, "website", kMaxShort)) return error;
  if (!website.empty() && !website.starts_with("https://") && !website.starts_with("http://")) {
    return Invalid("The website must start with http:// or https://.");
  }
  return std::nullopt;
}

bool IsYear(std::string_view s) {
  if (s.size() != 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return s >= "1950" && s <= "2100";
}

std::string Field(std::string_view name, std::string_view value) {
  return value.empty() ? std::string() : std::string(name) + ": " + std::string(value) + "; ";
}

// "name: X; type: Y" without the trailing separator.
std::string Summary(std::string text) {
  if (text.size() >= 2) text.resize(text.size() - 2);
  return text;
}

Error Forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message)}; }

// The slug a new or changed entry is stored under. `wanted` empty: Slugify(name).
Result<std::string> SlugFor(std::string_view wanted, std::string_view name) {
  std::string slug = wanted.empty() ? Slugify(name) : std::string(wanted);
  if (!IsValidSlug(slug)) return Invalid("The name needs at least one letter or digit.");
  return slug;
}

// The words of a search box's text as Slugify writes them, without filters ("app:x"),
// excluded words ("-x") and operators (capitalised OR, AND, NOT, NEAR).
std::vector<std::string> FindWords(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \t\n\r", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty() || word.front() == '-' || word.find(':') != std::string_view::npos ||
        word == "OR" || word == "AND" || word == "NOT" || word == "NEAR") {
      continue;
    }
    std::string slug = Slugify(word);
    if (slug.size() >= 3) words.push_back(std::move(slug));  // "de", "en" would match anything
  }
  return words;
}

// Whether a word of `text` (as Slugify writes it: words joined by '-') starts with `word`.
bool HasWordStarting(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    if (at == 0 || text[at - 1] == '-' || text[at - 1] == ' ') return true;
  }
  return false;
}

// 0: some word starts no word of `haystack`; 2: every word does and one starts a word of
// `name`; 1: every word does, none in the name. All as Slugify writes them.
int MatchScore(const std::vector<std::string>& words, const std::string& name,
               const std::string& haystack) {
  bool in_name = false;
  for (const std::string& word : words) {
    if (!HasWordStarting(haystack, word)) return 0;
    in_name |= HasWordStarting(name, word);
  }
  return in_name ? 2 : 1;
}

// The entries of `all` that match, names first, at most `limit`; `fields` gives an entry's
// name and the rest of its searchable text.
template <typename T, typename Fields>
std::vector<T> Matching(const std::vector<T>& all, const std::vector<std::string>& words,
                        size_t limit, Fields fields) {
  std::vector<std::pair<int, const T*>> scored;
  for (const T& entry : all) {
    const auto [name, rest] = fields(entry);
    const std::string slug_name = Slugify(name);
    if (int score = MatchScore(words, slug_name, slug_name + " " + Slugify(rest)); score > 0) {
      scored.emplace_back(score, &entry);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<T> out;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(*scored[i].second);
  return out;
}

}  // namespace

const std::vector<std::string>& OrganisationTypes() {
  static const std::vector<std::string> types = {
      "gemeente", "OCMW", "politiezone", "hulpverleningszone", "intercommunale", "andere"};
  return types;
}

bool RegisterService::MayEditOrganisation(const RegisterActor& actor, std::string_view slug) {
  if (actor.role >= Role::kAdmin) return true;
  return actor.role >= Role::kEditor && !slug.empty() && Slugify(actor.organisation) == slug;
}

bool RegisterService::MayEditApplications(const RegisterActor& actor) {
  return actor.role >= Role::kEditor;
}

Result<Organisation> RegisterService::SaveOrganisation(const RegisterActor& actor,
                                                       std::string_view slug,
                                                       Organisation organisation) {
  if (auto error = CheckField(organisation.name, "name", kMaxShort)) return *error;
  if (organisation.name.empty()) return Invalid("The name is required.");
  if (auto error = CheckField(organisation.type, "type", kMaxShort)) return *error;
  bool known_type = false;
  for (const std::string& type : OrganisationTypes()) known_type |= type == organisation.type;
  if (!known_type) {
    std::string list;
    for (const std::string& type : OrganisationTypes()) list += (list.empty() ? "" : ", ") + type;
    return Invalid("The type must be one of: " + list + ".");
  }
  if (auto error = CheckField(organisation.region, "region", kMaxShort)) return *error;
  if (auto error = CheckWebsite(organisation.website)) return *error;
  Result<std::string> key = SlugFor(slug, organisation.name);
  if (!key.ok()) return key.error();
  if (!MayEditOrganisation(actor, key.value())) {
    return Forbidden("Only an administrator or an editor of " + organisation.name +
                     " may change this organisation.");
  }
  if (slug.empty()) {
    Result<Organisation> existing = store_.OrganisationBySlug(key.value());
    if (existing.ok()) {
      return Error{ErrorCode::kConflict, "An organisation " + existing->name + " exists already."};
    }
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  }
  organisation.slug = key.value();
  RegisterChange change{
      .kind = "organisation",
      .organisation = organisation.slug,
      .author = actor.name,
      .at = NowUtc(),
      .summary =
          Summary(Field("name", organisation.name) + Field("type", organisation.type) +
                  Field("region", organisation.region) + Field("website", organisation.website))};
  organisation.updated_at = change.at;
  return store_.PutOrganisation(organisation, change);
}

Result<RegisteredApplication> RegisterService::SaveApplication(const RegisterActor& actor,
                                                               std::string_view slug,
                                                               RegisteredApplication application) {
  if (!MayEditApplications(actor)) return Forbidden("Only editors may change applications.");
  if (auto error = CheckField(application.name, "name", kMaxShort)) return *error;
  if (application.name.empty()) return Invalid("The name is required.");
  if (auto error = CheckField(application.supplier, "supplier", kMaxShort)) return *error;
  if (auto error = CheckField(application.domain, "domain", kMaxShort)) return *error;
  if (auto error = CheckWebsite(application.website)) return *error;
  if (auto error = CheckField(application.description, "description", kMaxLong)) return *error;
  std::vector<std::string> topics;
  for (std::string& topic : application.topics) {
    if (auto error = CheckField(topic, "topic", kMaxShort)) return *error;
    if (!topic.empty()) topics.push_back(topic);
  }
  application.topics = std::move(topics);
  Result<std::string> key = SlugFor(slug, application.name);
  if (!key.ok()) return key.error();
  if (slug.empty()) {
    Result<RegisteredApplication> existing = store_.ApplicationBySlug(key.value());
    if (existing.ok()) {
      return Error{ErrorCode::kConflict, "An application " + existing->name + " exists already."};
    }
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  }
  application.slug = key.value();
  std::string topic_list;
  for (const std::string& topic : application.topics) {
    topic_list += (topic_list.empty() ? "" : ", ") + topic;
  }
  RegisterChange change{
      .kind = "application",
      .application = application.slug,
      .author = actor.name,
      .at = NowUtc(),
      .summary = Summary(Field("name", application.name) + Field("supplier", application.supplier) +
                         Field("domain", application.domain) +
                         Field("website", application.website) + Field("topics", topic_list))};
  application.updated_at = change.at;
  return store_.PutApplication(application, change);
}

Result<Usage> RegisterService::SaveUsage(const RegisterActor& actor,
                                         std::string_view organisation_slug,
                                         std::string_view application_slug,
                                         const UsageInput& input) {
  Usage usage{.organisation_slug = std::string(organisation_slug),
              .application_slug = std::string(application_slug),
              .since = input.since,
              .module = input.module,
              .note = input.note,
              .contact = input.contact};
  if (auto error = CheckField(usage.since, "since", kMaxShort)) return *error;
  if (!usage.since.empty() && !IsYear(usage.since) && !IsIsoDate(usage.since)) {
    return Invalid("Since must be a year (2019) or a date (2019-09-01), not \"" + usage.since +
                   "\".");
  }
  std::string satisfaction = Trim(input.satisfaction);
  if (!satisfaction.empty()) {
    if (satisfaction.size() != 1 || satisfaction[0] < '1' || satisfaction[0] > '5') {
      return Invalid("The satisfaction must be a whole number from 1 to 5 (or empty).");
    }
    usage.satisfaction = satisfaction[0] - '0';
  }
  if (auto error = CheckField(usage.module, "module", kMaxShort)) return *error;
  if (auto error = CheckField(usage.note, "note", kMaxLong)) return *error;
  if (auto error = CheckField(usage.contact, "contact", kMaxShort)) return *error;
  Result<Organisation> organisation = store_.OrganisationBySlug(organisation_slug);
  if (!organisation.ok()) return organisation.error();
  Result<RegisteredApplication> application = store_.ApplicationBySlug(application_slug);
  if (!application.ok()) return application.error();
  if (!MayEditOrganisation(actor, organisation->slug)) {
    return Forbidden("Only an administrator or an editor of " + organisation->name +
                     " may change its usage records.");
  }
  RegisterChange change{
      .kind = "usage",
      .organisation = organisation->slug,
      .application = application->slug,
      .author = actor.name,
      .at = NowUtc(),
      .summary = Summary(
          Field("application", application->name) + Field("since", usage.since) +
          Field("module", usage.module) +
          Field("satisfaction", usage.satisfaction ? std::to_string(*usage.satisfaction) : "") +
          Field("note", usage.note) + Field("contact", usage.contact))};
  usage.updated_at = change.at;
  return store_.PutUsage(usage, change);
}

Status RegisterService::DeleteOrganisation(const RegisterActor& actor, std::string_view slug) {
  if (actor.role < Role::kAdmin)
    return Forbidden("Only an administrator may delete organisations.");
  return store_.DeleteOrganisation(slug, RegisterChange{.kind = "organisation",
                                                        .organisation = std::string(slug),
                                                        .author = actor.name,
                                                        .at = NowUtc(),
                                                        .summary = std::string(kDeletedSummary)});
}

Status RegisterService::DeleteApplication(const RegisterActor& actor, std::string_view slug) {
  if (actor.role < Role::kAdmin) return Forbidden("Only an administrator may delete applications.");
  return store_.DeleteApplication(slug, RegisterChange{.kind = "application",
                                                       .application = std::string(slug),
                                                       .author = actor.name,
                                                       .at = NowUtc(),
                                                       .summary = std::string(kDeletedSummary)});
}

Status RegisterService::DeleteUsage(const RegisterActor& actor, std::string_view organisation_slug,
                                    std::string_view application_slug) {
  if (!MayEditOrganisation(actor, organisation_slug)) {
    return Forbidden(
        "Only an administrator or an editor of the organisation may delete its "
        "usage records.");
  }
  return store_.DeleteUsage(organisation_slug, application_slug,
                            RegisterChange{.kind = "usage",
                                           .organisation = std::string(organisation_slug),
                                           .application = std::string(application_slug),
                                           .author = actor.name,
                                           .at = NowUtc(),
                                           .summary = std::string(kDeletedSummary)});
}

Result<RegisterService::Matches> RegisterService::Find(std::string_view text, size_t limit) {
  const std::vector<std::string> words = FindWords(text);
  if (words.empty() || limit == 0) return Matches{};
  Result<std::vector<Organisation>> organisations = store_.Organisations();
  if (!organisations.ok()) return organisations.error();
  Result<std::vector<RegisteredApplication>> applications = store_.Applications();
  if (!applications.ok()) return applications.error();
  Matches matches;
  matches.organisations = Matching(organisations.value(), words, limit, [](const Organisation& o) {
    return std::pair<std::string, std::string>(o.name, o.type + " " + o.region);
  });
  matches.applications =
      Matching(applications.value(), words, limit, [](const RegisteredApplication& a) {
        std::string rest = a.supplier + " " + a.domain + " " + a.description;
        for (const std::string& topic : a.topics) rest += " " + topic;
        return std::pair<std::string, std::string>(a.name, rest);
      });
  return matches;
}

std::optional<double> RegisterService::AverageSatisfaction(const std::vector<Usage>& usages) {
  int count = 0;
  int sum = 0;
  for (const Usage& usage : usages) {
    if (!usage.satisfaction) continue;
    ++count;
    sum += *usage.satisfaction;
  }
  if (count == 0) return std::nullopt;
  return static_cast<double>(sum) / count;
}

std::string RegisterService::FormatScore(double score, std::string_view lang) {
  return FormatDecimal(score, lang);
}

}  // namespace kring
