// The register of the circle: which organisation (gemeente, OCMW, politiezone...) uses which
// application of which supplier, since when, and how happy it is with it. Domain types and the
// store interface the storage layer implements (storage/SqliteRegisterStore.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace kring {

// A member organisation of the circle.
struct Organisation {
  int64_t id = 0;
  std::string slug = {};  // Slugify(name) when created; kept when the name changes
  std::string name = {};
  std::string type = {};  // one of OrganisationTypes()
  std::string region = {};
  std::string website = {};
  std::string created_at = {};  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::string updated_at = {};
};

// An application as a supplier sells it.
struct RegisteredApplication {
  int64_t id = 0;
  std::string slug = {};
  std::string name = {};
  std::string supplier = {};
  std::string domain =
      {};  // "zaalreservatie", "incident dispatch"...: what the comparison groups by
  std::string website = {};
  std::vector<std::string> topics = {};
  std::string description = {};
  std::string created_at = {};
  std::string updated_at = {};
};

// That an organisation uses an application, with its experience. The names, type, region,
// supplier and domain are read from the organisation and the application.
struct Usage {
  std::string organisation_slug = {};
  std::string application_slug = {};
  std::string since = {};                // "YYYY" or "YYYY-MM-DD"; may be empty
  std::string module = {};               // module or version in use
  std::optional<int> satisfaction = {};  // 1..5
  std::string note = {};                 // a short experience note
  std::string contact = {};              // whom to call about it
  std::string updated_at = {};
  // Read-only, joined.
  std::string organisation_name = {};
  std::string organisation_type = {};
  std::string organisation_region = {};
  std::string application_name = {};
  std::string supplier = {};
  std::string domain = {};
};

// RegisterChange::summary of a deletion.
inline constexpr std::string_view kDeletedSummary = "deleted";

// One change to the register, kept for ever.
struct RegisterChange {
  int64_t id = 0;
  std::string kind = {};          // "organisation", "application" or "usage"
  std::string organisation = {};  // the organisation's slug ("" for an application)
  std::string application = {};   // the application's slug ("" for an organisation)
  std::string author = {};
  std::string at = {};       // UTC
  std::string summary = {};  // the new values, "field: value; ..."
};

// The types an organisation may have, in the order forms list them.
const std::vector<std::string>& OrganisationTypes();

// Storage of the register. Implementations are thread-safe.
class RegisterStore {
 public:
  virtual ~RegisterStore() = default;

  // Sorted by name. Errors: kUnavailable/kInternal from the database.
  virtual Result<std::vector<Organisation>> Organisations() = 0;
  // kNotFound naming the slug when there is none.
  virtual Result<Organisation> OrganisationBySlug(std::string_view slug) = 0;
  // Inserts (slug not stored yet) or updates the organisation with `organisation.slug`, and
  // appends `change` in the same transaction. Answers the stored row.
  virtual Result<Organisation> PutOrganisation(const Organisation& organisation,
                                               const RegisterChange& change) = 0;

  virtual Result<std::vector<RegisteredApplication>> Applications() = 0;
  virtual Result<RegisteredApplication> ApplicationBySlug(std::string_view slug) = 0;
  virtual Result<RegisteredApplication> PutApplication(const RegisteredApplication& application,
                                                       const RegisterChange& change) = 0;

  // Usages of one organisation (by application name), of one application (by organisation
  // name), or all (by organisation, then application). An empty slug means "any".
  virtual Result<std::vector<Usage>> Usages(std::string_view organisation_slug,
                                            std::string_view application_slug) = 0;
  // Inserts or replaces the usage of the pair. kNotFound naming the organisation or the
  // application when either does not exist.
  virtual Result<Usage> PutUsage(const Usage& usage, const RegisterChange& change) = 0;

  // Delete the organisation (with its usage records), the application (with its usage
  // records) or one usage record, and append `change`, in one transaction. The change log keeps
  // what was deleted. kNotFound naming what does not exist.
  virtual Status DeleteOrganisation(std::string_view slug, const RegisterChange& change) = 0;
  virtual Status DeleteApplication(std::string_view slug, const RegisterChange& change) = 0;
  virtual Status DeleteUsage(std::string_view organisation_slug, std::string_view application_slug,
                             const RegisterChange& change) = 0;

  // Changes touching the organisation or the application (one of the two slugs is empty),
  // newest first, at most `limit`.
  virtual Result<std::vector<RegisterChange>> Changes(std::string_view organisation_slug,
                                                      std::string_view application_slug,
                                                      int limit) = 0;
};

}  // namespace kring
