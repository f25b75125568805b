// Helpers for the accounts tests: an AccountService over a real SQLite store in a temporary
// folder, with libsodium's lowest hashing limits so that the tests run fast.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "TempDir.h"
#include "accounts/AccountService.h"
#include "storage/SqliteAccountStore.h"

namespace kring::accounts_testing {

using kring::testing::TempDir;

template <typename T>
std::string ErrorOf(const Result<T>& result) {
  return result.ok() ? std::string() : result.error().message;
}

inline accounts::AccountOptions FastOptions() {
  accounts::AccountOptions options;
  options.hash_ops_limit = accounts::AccountOptions::kMinHashOpsLimit;
  options.hash_mem_limit = accounts::AccountOptions::kMinHashMemLimit;
  return options;
}

inline constexpr const char* kPassword = "correct horse battery";

inline accounts::Registration Registration(std::string name, std::string email = "") {
  if (email.empty()) email = name + "@gent.be";
  return accounts::Registration{name, "", email, "Stad Gent", kPassword};
}

struct ServiceFixture {
  explicit ServiceFixture(accounts::AccountOptions options = FastOptions()) {
    auto opened = SqliteAccountStore::Open(dir.File("kring.db"));
    REQUIRE_MESSAGE(opened.ok(), ErrorOf(opened));
    store = std::move(opened).value();
    service = std::make_unique<accounts::AccountService>(*store, options);
  }

  // An active account made as an administrator would.
  User Add(const std::string& name, Role role = Role::kEditor) {
    Result<User> user = service->AddUser(Registration(name), role, "admin");
    REQUIRE_MESSAGE(user.ok(), ErrorOf(user));
    return user.value();
  }
  accounts::NewSession Login(const std::string& name, const std::string& password = kPassword,
                             const std::string& address = "10.0.0.1") {
    Result<accounts::NewSession> session = service->Login(name, password, address);
    REQUIRE_MESSAGE(session.ok(), ErrorOf(session));
    return session.value();
  }
  // The actions in the audit log, oldest first.
  std::vector<std::string> Actions() {
    std::vector<std::string> actions;
    for (const AuditEntry& entry : service->AuditLog(0, 1000)) {
      actions.insert(actions.begin(), entry.action);
    }
    return actions;
  }

  TempDir dir;
  std::unique_ptr<SqliteAccountStore> store;
  std::unique_ptr<accounts::AccountService> service;
};

}  // namespace kring::accounts_testing
