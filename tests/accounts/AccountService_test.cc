// AccountService over the real SQLite store: registration and approval, login, sessions,
// password changes, API tokens, disabling, throttling and the audit log.
#include "accounts/AccountService.h"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "AccountsTesting.h"
#include "core/Text.h"

using namespace kring;
using namespace kring::accounts_testing;
using kring::accounts::AccountOptions;
using kring::accounts::AccountService;

TEST_CASE("a registration waits for approval, then logs in, gets a session and logs out") {
  ServiceFixture f;
  Result<User> registered = f.service->Register(Registration("jan"), "10.0.0.1");
  REQUIRE_MESSAGE(registered.ok(), ErrorOf(registered));
  CHECK(registered->status == AccountStatus::kPending);
  CHECK(registered->role == Role::kEditor);

  Result<accounts::NewSession> pending = f.service->Login("jan", kPassword, "10.0.0.1");
  REQUIRE_FALSE(pending.ok());
  CHECK(pending.error().code == ErrorCode::kInvalidInput);
  CHECK(pending.error().message == "wrong name or password");

  REQUIRE(f.service->Approve(registered->id, "admin", "10.0.0.2").ok());
  accounts::NewSession session = f.Login("JAN");  // names in any case
  CHECK(session.user.name == "jan");
  CHECK(session.token.size() == 43);
  CHECK(session.csrf_token.size() == 43);
  CHECK(session.token != session.csrf_token);
  CHECK(session.expires_at > NowUtc());
  CHECK_FALSE(session.user.last_login_at.empty());

  std::optional<Viewer> viewer = f.service->ViewerForSession(session.token);
  REQUIRE(viewer);
  CHECK(viewer->user_id == registered->id);
  CHECK(viewer->name == "jan");
  CHECK(viewer->display_name == "jan");
  CHECK(viewer->role == Role::kEditor);
  CHECK(viewer->csrf_token == session.csrf_token);
  CHECK_FALSE(viewer->via_api_token);
  // Only the token's hash is stored.
  CHECK(viewer->session_hash != session.token);
  CHECK_FALSE(f.store->FindSession(session.token, NowUtc()));

  REQUIRE(f.service->Logout(*viewer, "10.0.0.1").ok());
  CHECK_FALSE(f.service->ViewerForSession(session.token));
  CHECK_FALSE(f.service->ViewerForSession(""));
  CHECK_FALSE(f.service->ViewerForSession("not-a-token"));
}

TEST_CASE("a wrong password and an unknown name get the same answer") {
  ServiceFixture f;
  f.Add("ann");
  Result<accounts::NewSession> wrong = f.service->Login("ann", "wrong password!", "10.0.0.1");
  Result<accounts::NewSession> unknown = f.service->Login("nobody", kPassword, "10.0.0.1");
  Result<accounts::NewSession> invalid = f.service->Login("<b>", kPassword, "10.0.0.1");
  for (const auto* result : {&wrong, &unknown, &invalid}) {
    REQUIRE_FALSE(result->ok());
    CHECK(result->error().code == ErrorCode::kInvalidInput);
    CHECK(result->error().message == "wrong name or password");
  }
  // The audit log tells them apart.
  std::vector<std::string> details;
  for (const AuditEntry& entry : f.service->AuditLog(0, 10)) {
    if (entry.action == "login_failed") details.push_back(entry.detail);
  }
  CHECK(details == std::vector<std::string>{"invalid name", "unknown name", "wrong password"});
}

TEST_CASE("logins are throttled per account, before the password is checked") {
  AccountOptions options = FastOptions();
  options.throttle.failures_per_account = 3;
  options.throttle.failures_per_address = 100;
  ServiceFixture f(options);
  f.Add("ann");
  f.Add("bob");
  for (int i = 0; i < 3; ++i) {
    CHECK(f.service->Login("ann", "wrong password!", "10.0.0." + std::to_string(i)).error().code ==
          ErrorCode::kInvalidInput);
  }
  Result<accounts::NewSession> throttled = f.service->Login("Ann", kPassword, "10.0.0.9");
  REQUIRE_FALSE(throttled.ok());
  CHECK(throttled.error().code == ErrorCode::kUnavailable);
  CHECK(throttled.error().message.find("too many attempts") != std::string::npos);
  f.Login("bob", kPassword, "10.0.0.1");  // another account from the same addresses
}

TEST_CASE("logins are throttled per address, whatever the name") {
  AccountOptions options = FastOptions();
  options.throttle.failures_per_account = 100;
  options.throttle.failures_per_address = 3;
  ServiceFixture f(options);
  f.Add("ann");
  for (const char* name : {"x1", "x2", "x3"}) {
    CHECK_FALSE(f.service->Login(name, kPassword, "192.0.2.7").ok());
  }
  CHECK(f.service->Login("ann", kPassword, "192.0.2.7").error().code == ErrorCode::kUnavailable);
  f.Login("ann", kPassword, "192.0.2.8");
}

TEST_CASE("a password change ends the other sessions and needs the current password") {
  ServiceFixture f;
  User ann = f.Add("ann");
  accounts::NewSession here = f.Login("ann");
  accounts::NewSession elsewhere = f.Login("ann");
  const std::string here_hash = f.service->ViewerForSession(here.token)->session_hash;
  const std::string next = "a much newer password";

  Status wrong = f.service->ChangePassword(ann.id, "not it at all", next, "10.0.0.1", here_hash);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == ErrorCode::kInvalidInput);
  CHECK(wrong.error().message.find("current password") != std::string::npos);
  Status short_one = f.service->ChangePassword(ann.id, kPassword, "short", "10.0.0.1", here_hash);
  REQUIRE_FALSE(short_one.ok());
  CHECK(short_one.error().message.find("at least 10") != std::string::npos);
  CHECK(f.service->ViewerForSession(elsewhere.token));  // nothing changed yet

  REQUIRE(f.service->ChangePassword(ann.id, kPassword, next, "10.0.0.1", here_hash).ok());
  CHECK(f.service->ViewerForSession(here.token));
  CHECK_FALSE(f.service->ViewerForSession(elsewhere.token));
  CHECK_FALSE(f.service->Login("ann", kPassword, "10.0.0.1").ok());
  f.Login("ann", next);
}

TEST_CASE("an API token stands for its user until it is revoked") {
  ServiceFixture f;
  User ann = f.Add("ann", Role::kAdmin);
  Result<std::string> token = f.service->CreateApiToken(ann.id, "import script", "ann");
  REQUIRE_MESSAGE(token.ok(), ErrorOf(token));
  CHECK(token->size() == 43);

  std::optional<Viewer> viewer = f.service->ViewerForApiToken(token.value());
  REQUIRE(viewer);
  CHECK(viewer->name == "ann");
  CHECK(viewer->role == Role::kAdmin);
  CHECK(viewer->via_api_token);
  CHECK(viewer->csrf_token.empty());
  CHECK(viewer->session_hash.empty());
  CHECK_FALSE(f.service->ViewerForSession(token.value()));  // not a session
  CHECK_FALSE(f.service->ViewerForApiToken(token.value() + "x"));

  std::vector<ApiTokenRecord> tokens = f.service->ApiTokensOf(ann.id);
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].label == "import script");
  CHECK_FALSE(tokens[0].last_used_at.empty());

  REQUIRE(f.service->RevokeApiToken(ann.id, tokens[0].id, "ann").ok());
  CHECK_FALSE(f.service->ViewerForApiToken(token.value()));
  CHECK(f.service->RevokeApiToken(ann.id, tokens[0].id, "ann").error().code ==
        ErrorCode::kNotFound);
}

TEST_CASE("a disabled user's sessions and tokens stop working, and logins fail") {
  ServiceFixture f;
  User bob = f.Add("bob");
  accounts::NewSession session = f.Login("bob");
  std::string token = f.service->CreateApiToken(bob.id, "", "bob").value();
  REQUIRE(f.service->ViewerForApiToken(token));

  REQUIRE(f.service->Disable(bob.id, "admin", "10.0.0.2").ok());
  CHECK_FALSE(f.service->ViewerForSession(session.token));
  CHECK_FALSE(f.service->ViewerForApiToken(token));
  CHECK(f.service->Login("bob", kPassword, "10.0.0.1").error().message == "wrong name or password");
  CHECK(f.service->Disable(9999, "admin", "").error().code == ErrorCode::kNotFound);
}

TEST_CASE("a role change shows on the next request and is audited as old -> new") {
  ServiceFixture f;
  User ann = f.Add("ann", Role::kMember);
  accounts::NewSession session = f.Login("ann");
  CHECK(f.service->ViewerForSession(session.token)->role == Role::kMember);
  REQUIRE(f.service->SetRole(ann.id, Role::kAdmin, "root", "10.0.0.2").ok());
  CHECK(f.service->ViewerForSession(session.token)->role == Role::kAdmin);
  AuditEntry last = f.service->AuditLog(0, 1).at(0);
  CHECK(last.action == "role");
  CHECK(last.actor == "root");
  CHECK(last.target == "ann");
  CHECK(last.detail == "member -> admin");
  CHECK(last.address == "10.0.0.2");
  CHECK(f.service->SetRole(ann.id, Role::kAnonymous, "root", "").error().code ==
        ErrorCode::kInvalidInput);
  CHECK(f.service->SetRole(9999, Role::kMember, "root", "").error().code == ErrorCode::kNotFound);
}

TEST_CASE("registrations are validated field by field") {
  struct Case {
    accounts::Registration registration;
    ErrorCode code;
    std::string message_part;
  };
  const std::string invalid_utf8 = "Stad \xC3\x28Gent";
  std::vector<Case> cases = {
      {{"a", "", "a@gent.be", "", kPassword}, ErrorCode::kInvalidInput, "name"},
      {{"ann smith", "", "a@gent.be", "", kPassword}, ErrorCode::kInvalidInput, "name"},
      {{std::string(65, 'a'), "", "a@gent.be", "", kPassword}, ErrorCode::kInvalidInput, "name"},
      {{"ann", "", "", "", kPassword}, ErrorCode::kInvalidInput, "e-mail"},
      {{"ann", "", "ann.gent.be", "", kPassword}, ErrorCode::kInvalidInput, "e-mail"},
      {{"ann", "", "ann@", "", kPassword}, ErrorCode::kInvalidInput, "e-mail"},
      {{"ann", "", "a@gent.be", "", "short"}, ErrorCode::kInvalidInput, "at least 10"},
      {{"annelies.p", "", "a@gent.be", "", "ANNELIES.P"}, ErrorCode::kInvalidInput, "name"},
      {{"ann", "", "a@gent.be", invalid_utf8, kPassword}, ErrorCode::kInvalidInput, "UTF-8"},
      {{"ann", "", "a@gent.be", "", "\xFF\xFE long enough pw"}, ErrorCode::kInvalidInput, "UTF-8"},
      {{"ann", "Ann\nPeeters", "a@gent.be", "", kPassword},
       ErrorCode::kInvalidInput,
       "display name"},
      {{"taken", "", "other@gent.be", "", kPassword}, ErrorCode::kConflict, "name"},
      {{"other", "", "TAKEN@gent.be", "", kPassword}, ErrorCode::kConflict, "e-mail"},
  };
  ServiceFixture f;
  REQUIRE(f.service->Register(Registration("taken"), "").ok());
  for (const Case& c : cases) {
    CAPTURE(c.registration.name);
    CAPTURE(c.message_part);
    Result<User> user = f.service->Register(c.registration, "10.0.0.1");
    REQUIRE_FALSE(user.ok());
    CHECK(user.error().code == c.code);
    CHECK(user.error().message.find(c.message_part) != std::string::npos);
  }
  CHECK(f.store->CountUsers() == 1);
  // An administrator may leave the e-mail address out.
  CHECK(f.service->AddUser({"noemail", "", "", "", kPassword}, Role::kMember, "root").ok());
  CHECK(f.service->AddUser(Registration("anon"), Role::kAnonymous, "root").error().code ==
        ErrorCode::kInvalidInput);
}

TEST_CASE("every action is written to the audit log") {
  ServiceFixture f;
  User jan = f.service->Register(Registration("jan"), "10.0.0.1").value();
  REQUIRE(f.service->Approve(jan.id, "admin", "10.0.0.2").ok());
  CHECK_FALSE(f.service->Login("jan", "wrong password!", "10.0.0.1").ok());
  accounts::NewSession session = f.Login("jan");
  REQUIRE(f.service->ChangePassword(jan.id, kPassword, "another password", "10.0.0.1").ok());
  std::string token = f.service->CreateApiToken(jan.id, "script", "jan").value();
  REQUIRE(f.service->RevokeApiToken(jan.id, f.service->ApiTokensOf(jan.id).at(0).id, "jan").ok());
  REQUIRE(f.service->SetRole(jan.id, Role::kAdmin, "admin", "10.0.0.2").ok());
  session = f.Login("jan", "another password");
  REQUIRE(f.service->Logout(*f.service->ViewerForSession(session.token), "10.0.0.1").ok());
  REQUIRE(f.service->LogoutEverywhere(jan.id, "admin", "10.0.0.2").ok());
  REQUIRE(f.service->Disable(jan.id, "admin", "10.0.0.2").ok());
  f.Add("piet");
  f.service->Audit("admin", "delete", "some-page", "", "10.0.0.2");

  CHECK(f.Actions() == std::vector<std::string>{"register", "approve", "login_failed", "login",
                                                "password", "token_create", "token_revoke", "role",
                                                "login", "logout", "logout_everywhere", "disable",
                                                "user_add", "delete"});
  const std::vector<AuditEntry> log = f.service->AuditLog(0, 100);
  CHECK(log.back().actor == "jan");  // register
  CHECK(log.back().address == "10.0.0.1");
  for (const AuditEntry& entry : log) CHECK(entry.detail.find(token) == std::string::npos);
}

TEST_CASE("sessions expire after their lifetime") {
  AccountOptions options = FastOptions();
  options.session_lifetime = std::chrono::hours(0);
  ServiceFixture f(options);
  f.Add("ann");
  accounts::NewSession session = f.Login("ann");
  CHECK_FALSE(f.service->ViewerForSession(session.token));
}

TEST_CASE("eight logins at once with two hashing slots all succeed") {
  AccountOptions options = FastOptions();
  options.max_concurrent_hashes = 2;
  ServiceFixture f(options);
  for (int i = 0; i < 8; ++i) f.Add("user" + std::to_string(i));
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto session = f.service->Login("user" + std::to_string(i), kPassword, "10.0.0.1");
      if (session.ok() && f.service->ViewerForSession(session->token)) ++succeeded;
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(succeeded == 8);
}

TEST_CASE("random tokens are base64url, distinct, and compared by SameToken") {
  const std::string a = AccountService::RandomToken();
  const std::string b = AccountService::RandomToken();
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(AccountService::SameToken(a, a));
  CHECK_FALSE(AccountService::SameToken(a, b));
  CHECK_FALSE(AccountService::SameToken(a, a.substr(0, 42)));
  CHECK_FALSE(AccountService::SameToken(a, ""));
}
