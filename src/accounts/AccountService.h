// AccountService: the rules of accounts. Registration and approval, password login with
// argon2id (libsodium crypto_pwhash_str), sessions with CSRF tokens, API tokens, login
// throttling per account and per address, and the audit log. Tokens are 32 random bytes
// (base64url, no padding); only their BLAKE2b hashes are stored.
//
// Thread-safe. Password hashing is slow on purpose (about 0.1-0.5 s, 64 MiB): at most
// `max_concurrent_hashes` run at once, the others wait. Call Login, Register, ChangePassword and
// AddUser off the HTTP I/O threads (the server runs their routes on its worker pool).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/LoginThrottle.h"
#include "core/Accounts.h"
#include "core/Result.h"

namespace kring::accounts {

struct AccountOptions {
  std::chrono::hours session_lifetime{24 * 14};
  int max_concurrent_hashes = 2;
  // libsodium limits; tests lower them (crypto_pwhash_OPSLIMIT_MIN, MEMLIMIT_MIN) for speed.
  unsigned long long hash_ops_limit = 2;        // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t hash_mem_limit = 64ull * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
  LoginThrottle::Limits throttle;               // failures per account and per address
  size_t min_password_length = 10;

  // The lowest limits libsodium accepts (crypto_pwhash_OPSLIMIT_MIN, MEMLIMIT_MIN; checked in
  // AccountService.cc): for tests and AppOptions::fast_password_hashing only.
  static constexpr unsigned long long kMinHashOpsLimit = 1;
  static constexpr size_t kMinHashMemLimit = 8192;
};

struct Registration {
  std::string name;          // login name
  std::string display_name;  // optional
  std::string email;
  std::string organisation;
  std::string password;
};

// A session just opened: the token goes into the cookie (never stored), the CSRF token into
// forms.
struct NewSession {
  std::string token;
  std::string csrf_token;
  std::string expires_at;  // UTC
  User user;
};

class AccountService {
 public:
  // `store` must outlive the service.
  AccountService(AccountStore& store, AccountOptions options = {});

  // A new account, pending approval (status kPending, role kEditor). Errors: kInvalidInput
  // with a message naming the field (name 2-64 letters, digits, '.', '-', '_'; e-mail with an
  // '@'; password at least min_password_length characters and not the name; invalid UTF-8);
  // kConflict when the name or e-mail is taken. Audited ("register").
  Result<User> Register(const Registration& registration, std::string_view address);

  // An account made by an administrator or the command line: active at once. Errors as
  // Register, except that the e-mail address may be left empty; kInvalidInput for the role
  // kAnonymous. Audited ("user_add") with `actor`.
  Result<User> AddUser(const Registration& registration, Role role, std::string_view actor);

  // Checks name and password and opens a session. Errors: kInvalidInput "wrong name or
  // password" for an unknown name, a wrong password, a pending or disabled account (the
  // message does not tell which; the audit log does); kUnavailable "too many attempts" when
  // the account or the address is throttled (checked before hashing). Audited ("login" /
  // "login_failed").
  Result<NewSession> Login(std::string_view name, std::string_view password,
                           std::string_view address);

  // The viewer a session cookie's token stands for; nullopt when unknown or expired, or the
  // user is no longer active.
  std::optional<Viewer> ViewerForSession(std::string_view token);
  // The viewer an API token stands for (via_api_token, no CSRF token); nullopt when unknown,
  // revoked, or the user is not active.
  std::optional<Viewer> ViewerForApiToken(std::string_view token);

  // Ends one session (logout); audited.
  Status Logout(const Viewer& viewer, std::string_view address);
  // Ends every session of a user (logout everywhere, also after a password change).
  Status LogoutEverywhere(int64_t user_id, std::string_view actor, std::string_view address);

  // Checks the current password, stores the new one, ends the user's other sessions: every
  // session but `keep_session_hash` (the viewer's Viewer::session_hash; empty: all of them).
  // Errors: kInvalidInput (wrong current password, new one too short); kUnavailable "too many
  // attempts" after too many wrong current passwords (the login throttle of the account).
  // Audited ("password").
  Status ChangePassword(int64_t user_id, std::string_view current, std::string_view next,
                        std::string_view address, std::string_view keep_session_hash = {});

  // Administration; `actor` is the admin's login name, for the audit log. kNotFound for an
  // unknown user. Disabling ends the user's sessions; a role change is audited "old -> new".
  Status Approve(int64_t user_id, std::string_view actor, std::string_view address);
  Status SetRole(int64_t user_id, Role role, std::string_view actor, std::string_view address);
  Status Disable(int64_t user_id, std::string_view actor, std::string_view address);
  std::vector<User> Users();
  Result<User> UserByName(std::string_view name);

  // A new API token for a user: answered once, stored hashed. Audited ("token_create").
  Result<std::string> CreateApiToken(int64_t user_id, std::string_view label,
                                     std::string_view actor);
  std::vector<ApiTokenRecord> ApiTokensOf(int64_t user_id);
  Status RevokeApiToken(int64_t user_id, int64_t token_id, std::string_view actor);

  // Records something other layers did (deletes, restores, synonyms) in the audit log.
  void Audit(std::string_view actor, std::string_view action, std::string_view target,
             std::string_view detail, std::string_view address);
  std::vector<AuditEntry> AuditLog(int64_t before_id, int limit);

  // 32 random bytes as base64url (tokens, CSRF tokens). Public for the HTTP layer's login
  // form (a pre-session CSRF cookie).
  static std::string RandomToken();
  // Constant-time comparison of two tokens.
  static bool SameToken(std::string_view a, std::string_view b);

 private:
  // Holds one of the max_concurrent_hashes hashing slots while it lives.
  class HashSlot {
   public:
    explicit HashSlot(AccountService& service);
    ~HashSlot();
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;

   private:
    AccountService& service_;
  };

  // The argon2id hash string of `password`; waits for a hashing slot. kInternal when
  // libsodium fails (out of memory).
  Result<std::string> HashPassword(std::string_view password);
  // Waits for a hashing slot. False for a wrong password or a malformed hash.
  bool VerifyPassword(const std::string& hash, std::string_view password);
  // Costs what checking a real password costs, for names that do not exist.
  void VerifyAgainstDummy(std::string_view password);
  // The hash stored for a token (hex BLAKE2b).
  static std::string TokenHash(std::string_view token);
  // The viewer of an active user; nullopt for an unknown or inactive one.
  std::optional<Viewer> ActiveViewer(int64_t user_id);
  Result<User> AddAccount(const Registration& registration, Role role, AccountStatus status);
  // Sets a user's status, audited as `action`.
  Status ChangeStatus(int64_t user_id, AccountStatus status, std::string_view action,
                      std::string_view actor, std::string_view address);

  AccountStore& store_;
  const AccountOptions options_;
  LoginThrottle throttle_;

  std::mutex hash_mutex_;
  std::condition_variable hash_slot_free_;
  int hashes_running_ = 0;  // GUARDED_BY(hash_mutex_)
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // set once, under dummy_once_
};

}  // namespace kring::accounts
