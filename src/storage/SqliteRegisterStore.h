// SqliteRegisterStore: the RegisterStore of kring in kring.db (tables organisations,
// applications, usages and register_changes; see the register migration in Schema.cc).
//
// Thread-safe: each calling thread gets its own connection (ThreadConnections), as in the other
// stores, which may be open on the same file at once. The store must outlive every call.
#pragma once

#include <memory>
#include <string>

#include "core/Register.h"
#include "storage/ThreadConnections.h"

namespace kring {

class SqliteRegisterStore : public RegisterStore {
 public:
  // Opens the database file at `path`, creating it and applying pending migrations. Errors as
  // SqliteAccountStore::Open.
  static Result<std::unique_ptr<SqliteRegisterStore>> Open(const std::string& path);

  explicit SqliteRegisterStore(std::string path) : connections_(std::move(path)) {}

  // RegisterStore; plus kUnavailable when the database is busy or the disk fails.
  Result<std::vector<Organisation>> Organisations() override;
  Result<Organisation> OrganisationBySlug(std::string_view slug) override;
  Result<Organisation> PutOrganisation(const Organisation& organisation,
                                       const RegisterChange& change) override;
  Result<std::vector<RegisteredApplication>> Applications() override;
  Result<RegisteredApplication> ApplicationBySlug(std::string_view slug) override;
  Result<RegisteredApplication> PutApplication(const RegisteredApplication& application,
                                               const RegisterChange& change) override;
  Result<std::vector<Usage>> Usages(std::string_view organisation_slug,
                                    std::string_view application_slug) override;
  Result<Usage> PutUsage(const Usage& usage, const RegisterChange& change) override;
  Status DeleteOrganisation(std::string_view slug, const RegisterChange& change) override;
  Status DeleteApplication(std::string_view slug, const RegisterChange& change) override;
  Status DeleteUsage(std::string_view organisation_slug, std::string_view application_slug,
                     const RegisterChange& change) override;
  Result<std::vector<RegisterChange>> Changes(std::string_view organisation_slug,
                                              std::string_view application_slug,
                                              int limit) override;

 private:
  sqlite::ThreadConnections connections_;
};

}  // namespace kring
