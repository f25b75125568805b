// RegisterService: the rules of the register (core/Register.h). Checks what members send,
// decides who may change what, and keeps every change with its author and time.
//
// Permissions: admins change everything; an editor changes the organisation that is their own
// (Slugify(actor.organisation) equals the organisation's slug) and its usage records, and any
// application. Everyone else changes nothing. Thread-safe (the store is).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Accounts.h"
#include "core/Register.h"
#include "core/Result.h"

namespace kring {

// Who changes the register.
struct RegisterActor {
  std::string name = {};  // recorded as the author
  Role role = Role::kAnonymous;
  std::string organisation = {};  // the user's organisation as written
};

// What a form or the API sends for a usage; satisfaction as text so that "6" or "abc" can be
// refused with a clear message ("" = not given).
struct UsageInput {
  std::string since = {};
  std::string module = {};
  std::string satisfaction = {};
  std::string note = {};
  std::string contact = {};
};

class RegisterService {
 public:
  // `store` must outlive the service.
  explicit RegisterService(RegisterStore& store) : store_(store) {}

  Result<std::vector<Organisation>> Organisations() { return store_.Organisations(); }
  Result<Organisation> OrganisationBySlug(std::string_view slug) {
    return store_.OrganisationBySlug(slug);
  }
  Result<std::vector<RegisteredApplication>> Applications() { return store_.Applications(); }
  Result<RegisteredApplication> ApplicationBySlug(std::string_view slug) {
    return store_.ApplicationBySlug(slug);
  }
  Result<std::vector<Usage>> Usages(std::string_view organisation_slug,
                                    std::string_view application_slug) {
    return store_.Usages(organisation_slug, application_slug);
  }
  Result<std::vector<RegisterChange>> Changes(std::string_view organisation_slug,
                                              std::string_view application_slug, int limit = 50) {
    return store_.Changes(organisation_slug, application_slug, limit);
  }

  // Creates (`slug` empty: Slugify(name); kConflict when taken) or updates (`slug` given: the
  // organisation under it, created when missing) an organisation. Errors: kInvalidInput naming
  // the field (name required, type not in OrganisationTypes(), website not http(s), too long,
  // invalid UTF-8); kForbidden when the actor may not change it.
  Result<Organisation> SaveOrganisation(const RegisterActor& actor, std::string_view slug,
                                        Organisation organisation);
  // As SaveOrganisation, for applications (any editor may).
  Result<RegisteredApplication> SaveApplication(const RegisterActor& actor, std::string_view slug,
                                                RegisteredApplication application);
  // Stores the usage of an application by an organisation. Errors: kInvalidInput naming the
  // field (satisfaction not 1 to 5, since not a year or a date); kNotFound naming the unknown
  // organisation or application; kForbidden for an editor of another organisation.
  Result<Usage> SaveUsage(const RegisterActor& actor, std::string_view organisation_slug,
                          std::string_view application_slug, const UsageInput& input);

  // Delete an organisation or an application with its usage records (administrators), or one
  // usage record (as SaveUsage). The change log keeps the deletion. Errors: kForbidden;
  // kNotFound naming what does not exist.
  Status DeleteOrganisation(const RegisterActor& actor, std::string_view slug);
  Status DeleteApplication(const RegisterActor& actor, std::string_view slug);
  Status DeleteUsage(const RegisterActor& actor, std::string_view organisation_slug,
                     std::string_view application_slug);

  // The organisations and applications with a word starting with each word of `text` (a search
  // box's text; filter words such as "app:x", excluded "-words" and words under 3 letters are
  // left out), compared as Slugify writes them (case and accents ignored: "Syx" finds
  // Recreatex by its supplier, "midwest" Hulpverleningszone Midwest). Organisations: name, type,
  // region; applications: name, supplier, domain, topics, description. Best first (a word in the
  // name), at most `limit` of each. Empty when the text has no word. The register is small: read
  // whole, no index.
  struct Matches {
    std::vector<Organisation> organisations;
    std::vector<RegisteredApplication> applications;
  };
  Result<Matches> Find(std::string_view text, size_t limit);

  // Whether `actor` may change the organisation `slug` and its usage records.
  static bool MayEditOrganisation(const RegisterActor& actor, std::string_view slug);
  // Whether `actor` may create or change applications.
  static bool MayEditApplications(const RegisterActor& actor);

  // The mean satisfaction of the usages that have one; nullopt when none has.
  static std::optional<double> AverageSatisfaction(const std::vector<Usage>& usages);
  // "4,5" (nl) or "4.5": one decimal.
  static std::string FormatScore(double score, std::string_view lang);

 private:
  RegisterStore& store_;
};

}  // namespace kring
