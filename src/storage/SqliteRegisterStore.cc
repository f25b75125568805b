// SqliteRegisterStore: organisations, applications, usages and their change log in SQLite.
// Every statement is a named constant below; each write and its change row share a transaction.
#include "storage/SqliteRegisterStore.h"

#include <optional>
#include <utility>

#include "storage/Database.h"
#include "storage/Schema.h"

namespace kring {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

const std::string kSelectOrganisation =
    "SELECT id, slug, name, type, region, website, created_at, updated_at FROM organisations ";
const std::string kOrganisations = kSelectOrganisation + "ORDER BY name COLLATE NOCASE, slug";
const std::string kOrganisationBySlug = kSelectOrganisation + "WHERE slug = ?";
constexpr std::string_view kPutOrganisation =
    "INSERT INTO organisations (slug, name, type, region, website, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
    "type = excluded.type, region = excluded.region, website = excluded.website, "
    "updated_at = excluded.updated_at";

const std::string kSelectApplication =
    "SELECT id, slug, name, supplier, domain, website, topics, description, created_at, "
    "updated_at FROM applications ";
const std::string kApplications = kSelectApplication + "ORDER BY name COLLATE NOCASE, slug";
const std::string kApplicationBySlug = kSelectApplication + "WHERE slug = ?";
constexpr std::string_view kPutApplication =
    "INSERT INTO applications (slug, name, supplier, domain, website, topics, description, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT (slug) DO "
    "UPDATE SET name = excluded.name, supplier = excluded.supplier, domain = excluded.domain, "
    "website = excluded.website, topics = excluded.topics, description = excluded.description, "
    "updated_at = excluded.updated_at";

// An empty slug parameter matches every row.
constexpr std::string_view kUsages =
    "SELECT o.slug, a.slug, u.since, u.module, u.satisfaction, u.note, u.contact, u.updated_at, "
    "o.name, o.type, o.region, a.name, a.supplier, a.domain "
    "FROM usages u JOIN organisations o ON o.id = u.organisation_id "
    "JOIN applications a ON a.id = u.application_id "
    "WHERE (?1 = '' OR o.slug = ?1) AND (?2 = '' OR a.slug = ?2) "
    "ORDER BY o.name COLLATE NOCASE, a.name COLLATE NOCASE";
constexpr std::string_view kPutUsage =
    "INSERT INTO usages (organisation_id, application_id, since, module, satisfaction, note, "
    "contact, updated_at) SELECT o.id, a.id, ?3, ?4, ?5, ?6, ?7, ?8 FROM organisations o, "
    "applications a WHERE o.slug = ?1 AND a.slug = ?2 ON CONFLICT (organisation_id, "
    "application_id) DO UPDATE SET since = excluded.since, module = excluded.module, "
    "satisfaction = excluded.satisfaction, note = excluded.note, contact = excluded.contact, "
    "updated_at = excluded.updated_at";

constexpr std::string_view kDeleteOrganisation = "DELETE FROM organisations WHERE slug = ?";
constexpr std::string_view kDeleteApplication = "DELETE FROM applications WHERE slug = ?";
constexpr std::string_view kDeleteUsage =
    "DELETE FROM usages WHERE organisation_id = (SELECT id FROM organisations WHERE slug = ?1) "
    "AND application_id = (SELECT id FROM applications WHERE slug = ?2)";

constexpr std::string_view kAppendChange =
    "INSERT INTO register_changes (kind, organisation, application, author, at, summary) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kChanges =
    "SELECT id, kind, organisation, application, author, at, summary FROM register_changes "
    "WHERE (?1 <> '' AND organisation = ?1) OR (?2 <> '' AND application = ?2) "
    "ORDER BY id DESC LIMIT ?3";

Organisation ReadOrganisation(const Statement& row) {
  return Organisation{row.Int64(0), row.Text(1), row.Text(2), row.Text(3),
                      row.Text(4),  row.Text(5), row.Text(6), row.Text(7)};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

RegisteredApplication ReadApplication(const Statement& row) {
  return RegisteredApplication{row.Int64(0), row.Text(1), row.Text(2),        row.Text(3),
                               row.Text(4),  row.Text(5), Lines(row.Text(6)), row.Text(7),
                               row.Text(8),  row.Text(9)};
}

Usage ReadUsage(const Statement& row) {
  Usage usage;
  usage.organisation_slug = row.Text(0);
  usage.application_slug = row.Text(1);
  usage.since = row.Text(2);
  usage.module = row.Text(3);
  if (!row.IsNull(4)) usage.satisfaction = static_cast<int>(row.Int64(4));
  usage.note = row.Text(5);
  usage.contact = row.Text(6);
  usage.updated_at = row.Text(7);
  usage.organisation_name = row.Text(8);
  usage.organisation_type = row.Text(9);
  usage.organisation_region = row.Text(10);
  usage.application_name = row.Text(11);
  usage.supplier = row.Text(12);
  usage.domain = row.Text(13);
  return usage;
}

RegisterChange ReadChange(const Statement& row) {
  return RegisterChange{row.Int64(0), row.Text(1), row.Text(2), row.Text(3),
                        row.Text(4),  row.Text(5), row.Text(6)};
}

Error NoOrganisation(std::string_view slug) {
  return Error{ErrorCode::kNotFound, "No organisation \"" + std::string(slug) + "\" is known."};
}

Error NoApplication(std::string_view slug) {
  return Error{ErrorCode::kNotFound, "No application \"" + std::string(slug) + "\" is known."};
}

Status AppendChange(Database& db, const RegisterChange& change) {
  return db.Execute(kAppendChange, change.kind, change.organisation, change.application,
                    change.author, change.at, change.summary);
}

// Runs `write(db)` and appends `change` in one transaction, then answers `read(db)`.
template <typename Write, typename Read>
auto WriteWithChange(Database& db, const RegisterChange& change, Write&& write, Read&& read)
    -> decltype(read(db)) {
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();
  if (Status written = write(db); !written.ok()) return written.error();
  if (Status logged = AppendChange(db, change); !logged.ok()) return logged.error();
  auto stored = read(db);
  if (!stored.ok()) return stored.error();
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return stored;
}

}  // namespace

Result<std::unique_ptr<SqliteRegisterStore>> SqliteRegisterStore::Open(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.error();
  if (Status migrated = db.value()->Migrate(sqlite::Migrations()); !migrated.ok()) {
    return migrated.error();
  }
  auto store = std::make_unique<SqliteRegisterStore>(path);
  store->connections_.Adopt(std::move(db).value());
  return store;
}

Result<std::vector<Organisation>> SqliteRegisterStore::Organisations() {
  return connections_.With(
      [&](Database& db) { return db.QueryAll(kOrganisations, ReadOrganisation); });
}

Result<Organisation> SqliteRegisterStore::OrganisationBySlug(std::string_view slug) {
  return connections_.With([&](Database& db) -> Result<Organisation> {
    Result<std::optional<Organisation>> row =
        db.QueryOne(kOrganisationBySlug, ReadOrganisation, slug);
    if (!row.ok()) return row.error();
    if (!row.value()) return NoOrganisation(slug);
    return std::move(*row.value());
  });
}

Result<Organisation> SqliteRegisterStore::PutOrganisation(const Organisation& o,
                                                          const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) {
          return d.Execute(kPutOrganisation, o.slug, o.name, o.type, o.region, o.website,
                           o.updated_at);
        },
        [&](Database&) { return OrganisationBySlug(o.slug); });
  });
}

Result<std::vector<RegisteredApplication>> SqliteRegisterStore::Applications() {
  return connections_.With(
      [&](Database& db) { return db.QueryAll(kApplications, ReadApplication); });
}

Result<RegisteredApplication> SqliteRegisterStore::ApplicationBySlug(std::string_view slug) {
  return connections_.With([&](Database& db) -> Result<RegisteredApplication> {
    Result<std::optional<RegisteredApplication>> row =
        db.QueryOne(kApplicationBySlug, ReadApplication, slug);
    if (!row.ok()) return row.error();
    if (!row.value()) return NoApplication(slug);
    return std::move(*row.value());
  });
}

Result<RegisteredApplication> SqliteRegisterStore::PutApplication(const RegisteredApplication& a,
                                                                  const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) {
          return d.Execute(kPutApplication, a.slug, a.name, a.supplier, a.domain, a.website,
                           JoinLines(a.topics), a.description, a.updated_at);
        },
        [&](Database&) { return ApplicationBySlug(a.slug); });
  });
}

Result<std::vector<Usage>> SqliteRegisterStore::Usages(std::string_view organisation_slug,
                                                       std::string_view application_slug) {
  return connections_.With([&](Database& db) {
    return db.QueryAll(kUsages, ReadUsage, organisation_slug, application_slug);
  });
}

Result<Usage> SqliteRegisterStore::PutUsage(const Usage& u, const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) -> Status {
          // Named errors first: the INSERT ... SELECT would silently insert nothing.
          if (Result<Organisation> o = OrganisationBySlug(u.organisation_slug); !o.ok()) {
            return o.error();
          }
          if (Result<RegisteredApplication> a = ApplicationBySlug(u.application_slug); !a.ok()) {
            return a.error();
          }
          Result<Statement> stmt = d.Prepare(kPutUsage);
          if (!stmt.ok()) return stmt.error();
          stmt->Bind(u.organisation_slug, u.application_slug, u.since, u.module);
          if (u.satisfaction) {
            stmt->BindInt64(5, *u.satisfaction);
          } else {
            stmt->BindNull(5);
          }
          stmt->BindText(6, u.note).BindText(7, u.contact).BindText(8, u.updated_at);
          return stmt->Run();
        },
        [&](Database& d) -> Result<Usage> {
          Result<std::vector<Usage>> rows =
              d.QueryAll(kUsages, ReadUsage, u.organisation_slug, u.application_slug);
          if (!rows.ok()) return rows.error();
          if (rows->empty()) return NoOrganisation(u.organisation_slug);
          return rows->front();
        });
  });
}

Status SqliteRegisterStore::DeleteOrganisation(std::string_view slug,
                                               const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) -> Status {
          if (Result<Organisation> o = OrganisationBySlug(slug); !o.ok()) return o.error();
          return d.Execute(kDeleteOrganisation, slug);  // usages by ON DELETE CASCADE
        },
        [](Database&) { return Ok(); });
  });
}

Status SqliteRegisterStore::DeleteApplication(std::string_view slug, const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) -> Status {
          if (Result<RegisteredApplication> a = ApplicationBySlug(slug); !a.ok()) {
            return a.error();
          }
          return d.Execute(kDeleteApplication, slug);
        },
        [](Database&) { return Ok(); });
  });
}

Status SqliteRegisterStore::DeleteUsage(std::string_view organisation_slug,
                                        std::string_view application_slug,
                                        const RegisterChange& change) {
  return connections_.With([&](Database& db) {
    return WriteWithChange(
        db, change,
        [&](Database& d) -> Status {
          Result<std::vector<Usage>> rows =
              d.QueryAll(kUsages, ReadUsage, organisation_slug, application_slug);
          if (!rows.ok()) return rows.error();
          if (organisation_slug.empty() || application_slug.empty() || rows->empty()) {
            return Error{ErrorCode::kNotFound, "\"" + std::string(organisation_slug) +
                                                   "\" records no use of \"" +
                                                   std::string(application_slug) + "\"."};
          }
          return d.Execute(kDeleteUsage, organisation_slug, application_slug);
        },
        [](Database&) { return Ok(); });
  });
}

Result<std::vector<RegisterChange>> SqliteRegisterStore::Changes(std::string_view organisation_slug,
                                                                 std::string_view application_slug,
                                                                 int limit) {
  return connections_.With([&](Database& db) {
    return db.QueryAll(kChanges, ReadChange, organisation_slug, application_slug, limit);
  });
}

}  // namespace kring
