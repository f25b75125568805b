// SqliteAccountStore against a real SQLite file: users, sessions, API tokens and the audit log.
#include <doctest/doctest.h>

#include "storage/Schema.h"
#include "storage/SqliteAccountStore.h"
#include "storage/StorageTesting.h"

using namespace kring;
using kring::storage_testing::ErrorOf;
using kring::storage_testing::TempDir;

namespace {

constexpr const char* kHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";

struct AccountsFixture {
  TempDir dir;
  std::unique_ptr<SqliteAccountStore> store = Open();

  std::unique_ptr<SqliteAccountStore> Open() {
    auto opened = SqliteAccountStore::Open(dir.File("kring.db"));
    REQUIRE_MESSAGE(opened.ok(), ErrorOf(opened));
    return std::move(opened).value();
  }
  User Add(std::string name, std::string email = "",
           AccountStatus status = AccountStatus::kActive) {
    User user;
    user.name = std::move(name);
    user.email = std::move(email);
    user.status = status;
    Result<User> added = store->AddUser(user, kHash);
    REQUIRE_MESSAGE(added.ok(), ErrorOf(added));
    return added.value();
  }
};

}  // namespace

TEST_CASE("a user is stored and found by id and by name in any case") {
  AccountsFixture f;
  User ann = f.Add("Ann", "ann@gent.be");
  CHECK(ann.id > 0);
  CHECK(ann.created_at.size() == 20);
  CHECK(f.store->UserById(ann.id)->name == "Ann");
  Result<User> by_name = f.store->UserByName("aNN");
  REQUIRE(by_name.ok());
  CHECK(by_name->id == ann.id);
  CHECK(by_name->email == "ann@gent.be");
  CHECK(by_name->role == Role::kEditor);
  CHECK(by_name->status == AccountStatus::kActive);
  CHECK(f.store->PasswordHash(ann.id).value() == kHash);
  CHECK(f.store->UserByName("bob").error().code == ErrorCode::kNotFound);
  CHECK(f.store->UserById(999).error().code == ErrorCode::kNotFound);
  CHECK(f.store->CountUsers() == 1);
}

TEST_CASE("names and e-mail addresses are unique regardless of case; empty e-mail may repeat") {
  AccountsFixture f;
  f.Add("ann", "Ann@Gent.be");
  User other;
  other.name = "ANN";
  Result<User> same_name = f.store->AddUser(other, kHash);
  REQUIRE_FALSE(same_name.ok());
  CHECK(same_name.error().code == ErrorCode::kConflict);
  CHECK(same_name.error().message.find("name") != std::string::npos);

  other.name = "bob";
  other.email = "ann@gent.BE";
  Result<User> same_email = f.store->AddUser(other, kHash);
  REQUIRE_FALSE(same_email.ok());
  CHECK(same_email.error().code == ErrorCode::kConflict);
  CHECK(same_email.error().message.find("e-mail") != std::string::npos);

  f.Add("carl");
  f.Add("dirk");
  CHECK(f.store->CountUsers() == 3);
}

TEST_CASE("users list pending accounts first, then by name") {
  AccountsFixture f;
  f.Add("zoe");
  f.Add("Bert");
  f.Add("yann", "", AccountStatus::kPending);
  f.Add("anna");
  std::vector<std::string> names;
  for (const User& user : f.store->Users()) names.push_back(user.name);
  CHECK(names == std::vector<std::string>{"yann", "anna", "Bert", "zoe"});
}

TEST_CASE("role, status, password hash and last login are updated; unknown users are kNotFound") {
  AccountsFixture f;
  User ann = f.Add("ann");
  REQUIRE(f.store->SetRole(ann.id, Role::kAdmin).ok());
  REQUIRE(f.store->SetStatus(ann.id, AccountStatus::kDisabled).ok());
  REQUIRE(f.store->SetPasswordHash(ann.id, "$argon2id$new").ok());
  REQUIRE(f.store->SetLastLogin(ann.id, "2025-03-01T10:00:00Z").ok());
  User stored = f.store->UserById(ann.id).value();
  CHECK(stored.role == Role::kAdmin);
  CHECK(stored.status == AccountStatus::kDisabled);
  CHECK(stored.last_login_at == "2025-03-01T10:00:00Z");
  CHECK(f.store->PasswordHash(ann.id).value() == "$argon2id$new");

  CHECK(f.store->SetRole(ann.id, Role::kAnonymous).error().code == ErrorCode::kInvalidInput);
  CHECK(f.store->SetRole(999, Role::kMember).error().code == ErrorCode::kNotFound);
  CHECK(f.store->SetStatus(999, AccountStatus::kActive).error().code == ErrorCode::kNotFound);
}

TEST_CASE("a session is found until it expires, and removed one by one, per user or expired") {
  AccountsFixture f;
  User ann = f.Add("ann");
  User bob = f.Add("bob");
  const std::string later = "2030-01-01T00:00:00Z";
  REQUIRE(f.store->AddSession({"aa", ann.id, "csrf-a", "2025-01-01T00:00:00Z", later}).ok());
  REQUIRE(f.store->AddSession({"bb", ann.id, "csrf-b", "2025-01-01T00:00:00Z", later}).ok());
  REQUIRE(
      f.store->AddSession({"cc", bob.id, "csrf-c", "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"})
          .ok());

  std::optional<SessionRecord> found = f.store->FindSession("aa", "2029-12-31T23:59:59Z");
  REQUIRE(found);
  CHECK(found->user_id == ann.id);
  CHECK(found->csrf_token == "csrf-a");
  CHECK_FALSE(f.store->FindSession("aa", later));  // void from expires_at on
  CHECK_FALSE(f.store->FindSession("zz", "2025-01-01T00:00:00Z"));

  CHECK(f.store->RemoveExpiredSessions("2026-01-01T00:00:00Z") == 1);
  CHECK_FALSE(f.store->FindSession("cc", "2025-02-01T00:00:00Z"));

  REQUIRE(f.store->RemoveSession("aa").ok());
  CHECK_FALSE(f.store->FindSession("aa", "2026-01-01T00:00:00Z"));
  CHECK(f.store->FindSession("bb", "2026-01-01T00:00:00Z"));
  REQUIRE(f.store->RemoveSessionsOf(ann.id).ok());
  CHECK_FALSE(f.store->FindSession("bb", "2026-01-01T00:00:00Z"));
}

TEST_CASE("an API token is usable until revoked, and only its owner can revoke it") {
  AccountsFixture f;
  User ann = f.Add("ann");
  User bob = f.Add("bob");
  Result<ApiTokenRecord> token = f.store->AddApiToken(ann.id, "import script", "hash-1");
  REQUIRE_MESSAGE(token.ok(), ErrorOf(token));
  CHECK(token->label == "import script");
  CHECK(token->last_used_at.empty());

  std::optional<ApiTokenRecord> used = f.store->UseApiToken("hash-1", "2025-05-05T05:05:05Z");
  REQUIRE(used);
  CHECK(used->user_id == ann.id);
  CHECK(f.store->ApiTokensOf(ann.id).at(0).last_used_at == "2025-05-05T05:05:05Z");
  CHECK_FALSE(f.store->UseApiToken("hash-2", "2025-05-05T05:05:05Z"));

  CHECK(f.store->RevokeApiToken(bob.id, token->id, "2025-05-06T00:00:00Z").error().code ==
        ErrorCode::kNotFound);
  REQUIRE(f.store->RevokeApiToken(ann.id, token->id, "2025-05-06T00:00:00Z").ok());
  CHECK_FALSE(f.store->UseApiToken("hash-1", "2025-05-07T00:00:00Z"));
  CHECK(f.store->ApiTokensOf(ann.id).at(0).revoked_at == "2025-05-06T00:00:00Z");
  CHECK(f.store->RevokeApiToken(ann.id, token->id, "2025-05-08T00:00:00Z").error().code ==
        ErrorCode::kNotFound);
  CHECK(f.store->ApiTokensOf(bob.id).empty());
}

TEST_CASE("the audit log pages newest first") {
  AccountsFixture f;
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(f.store
                ->AppendAudit(AuditEntry{0, "", "admin", "role", "user" + std::to_string(i),
                                         "editor -> admin", "10.0.0.1"})
                .ok());
  }
  std::vector<AuditEntry> first = f.store->Audit(0, 2);
  REQUIRE(first.size() == 2);
  CHECK(first[0].target == "user5");
  CHECK(first[1].target == "user4");
  CHECK(first[0].at.size() == 20);  // set to now when empty
  CHECK(first[0].address == "10.0.0.1");
  std::vector<AuditEntry> next = f.store->Audit(first[1].id, 10);
  REQUIRE(next.size() == 3);
  CHECK(next[0].target == "user3");
  CHECK(next[2].target == "user1");
  CHECK(f.store->Audit(next[2].id, 10).empty());
  CHECK(f.store->Audit(0, 0).empty());
}

TEST_CASE("the account store and the page store share one database file") {
  TempDir dir;
  auto pages = kring::storage_testing::OpenStore(dir.File("kring.db"));
  auto accounts = SqliteAccountStore::Open(dir.File("kring.db"));
  REQUIRE_MESSAGE(accounts.ok(), ErrorOf(accounts));
  User user;
  user.name = "ann";
  REQUIRE(accounts.value()->AddUser(user, kHash).ok());
  CHECK(pages->SchemaVersion().value() == static_cast<int64_t>(sqlite::Migrations().size()));
  // Reopened, the user is still there.
  accounts.value().reset();
  auto reopened = SqliteAccountStore::Open(dir.File("kring.db"));
  REQUIRE(reopened.ok());
  CHECK(reopened.value()->UserByName("ANN").ok());
}
