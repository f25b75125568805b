// AccountService: registration, login, sessions and password changes, with the hashing and
// token helpers they share. Administration, API tokens and the audit log are in
// AccountAdmin.cc.
#include "accounts/AccountService.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "accounts/Validation.h"
#include "core/Text.h"

namespace kring::accounts {

static_assert(AccountOptions::kMinHashOpsLimit == crypto_pwhash_OPSLIMIT_MIN);
static_assert(AccountOptions::kMinHashMemLimit == crypto_pwhash_MEMLIMIT_MIN);
static_assert(crypto_pwhash_ALG_DEFAULT == crypto_pwhash_ALG_ARGON2ID13,
              "crypto_pwhash_str must write argon2id hashes");

namespace {

constexpr size_t kTokenBytes = 32;
// Longer than any token RandomToken writes (43 characters): not worth hashing.
constexpr size_t kMaxTokenLength = 128;

const Error kWrongLogin{ErrorCode::kInvalidInput, "wrong name or password"};
const Error kThrottled{ErrorCode::kUnavailable, "too many attempts: try again later"};

// libsodium must be initialised before use; without a source of randomness there is no safe
// token to hand out, so the process stops rather than run without one.
void RequireSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) {
    std::fputs("kring: libsodium cannot initialise (no source of randomness)\n", stderr);
    std::abort();
  }
}

}  // namespace

AccountService::AccountService(AccountStore& store, AccountOptions options)
    : store_(store), options_(std::move(options)), throttle_(options_.throttle) {
  RequireSodium();
}

// ---- Hashing and tokens ----------------------------------------------------------------------

AccountService::HashSlot::HashSlot(AccountService& service) : service_(service) {
  std::unique_lock lock(service_.hash_mutex_);
  const int slots = std::max(1, service_.options_.max_concurrent_hashes);
  service_.hash_slot_free_.wait(lock, [&] { return service_.hashes_running_ < slots; });
  ++service_.hashes_running_;
}

AccountService::HashSlot::~HashSlot() {
  {
    std::lock_guard lock(service_.hash_mutex_);
    --service_.hashes_running_;
  }
  service_.hash_slot_free_.notify_one();
}

Result<std::string> AccountService::HashPassword(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  HashSlot slot(*this);
  if (crypto_pwhash_str(hash, password.data(), password.size(), options_.hash_ops_limit,
                        options_.hash_mem_limit) != 0) {
    return Error{ErrorCode::kInternal, "cannot hash the password (out of memory)"};
  }
  return std::string(hash);
}

bool AccountService::VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  HashSlot slot(*this);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void AccountService::VerifyAgainstDummy(std::string_view password) {
  std::call_once(dummy_once_, [this] {
    Result<std::string> dummy = HashPassword(RandomToken());
    if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
  });
  VerifyPassword(dummy_hash_, password);
}

std::string AccountService::RandomToken() {
  RequireSodium();
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

bool AccountService::SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string AccountService::TokenHash(std::string_view token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// ---- Registration ----------------------------------------------------------------------------

Result<User> AccountService::AddAccount(const Registration& registration, Role role,
                                        AccountStatus status) {
  User user;
  user.name = registration.name;
  user.display_name = Trim(registration.display_name);
  user.email = Trim(registration.email);
  user.organisation = Trim(registration.organisation);
  user.role = role;
  user.status = status;
  const bool email_required = status == AccountStatus::kPending;  // a registration
  for (const Status& check :
       {CheckName(user.name), CheckEmail(user.email, email_required),
        CheckPassword(registration.password, user.name, options_.min_password_length),
        CheckText(user.display_name, "display name", 100),
        CheckText(user.organisation, "organisation", 200)}) {
    if (!check.ok()) return check.error();
  }
  Result<std::string> hash = HashPassword(registration.password);
  if (!hash.ok()) return hash.error();
  return store_.AddUser(user, hash.value());
}

Result<User> AccountService::Register(const Registration& registration, std::string_view address) {
  Result<User> user = AddAccount(registration, Role::kEditor, AccountStatus::kPending);
  if (user.ok()) Audit(user->name, "register", user->name, "", address);
  return user;
}

Result<User> AccountService::AddUser(const Registration& registration, Role role,
                                     std::string_view actor) {
  if (role == Role::kAnonymous) {
    return Error{ErrorCode::kInvalidInput, "The role must be member, editor or admin."};
  }
  Result<User> user = AddAccount(registration, role, AccountStatus::kActive);
  if (user.ok()) Audit(actor, "user_add", user->name, RoleName(role), "");
  return user;
}

// ---- Login and sessions ----------------------------------------------------------------------

Result<NewSession> AccountService::Login(std::string_view name, std::string_view password,
                                         std::string_view address) {
  const std::string account = ToLower(name.substr(0, 64));
  if (!throttle_.Allowed(account, address, LoginThrottle::Clock::now())) return kThrottled;
  const auto fail = [&](std::string_view target, std::string_view why) -> Error {
    throttle_.RecordFailure(account, address, LoginThrottle::Clock::now());
    Audit("", "login_failed", target, why, address);
    return kWrongLogin;
  };
  // No account has such a name, so there is no timing to hide: refused without hashing.
  if (!IsValidName(name)) return fail("", "invalid name");
  if (password.size() > kMaxPasswordBytes) return fail(name, "password too long");

  Result<User> user = store_.UserByName(name);
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return user.error();
    VerifyAgainstDummy(password);
    return fail(name, "unknown name");
  }
  Result<std::string> hash = store_.PasswordHash(user->id);
  if (!hash.ok()) return hash.error();
  if (!VerifyPassword(hash.value(), password)) return fail(user->name, "wrong password");
  if (user->status != AccountStatus::kActive) return fail(user->name, StatusName(user->status));

  throttle_.RecordSuccess(account);
  const auto now = std::chrono::system_clock::now();
  NewSession session{RandomToken(), RandomToken(), FormatUtc(now + options_.session_lifetime),
                     std::move(user).value()};
  const std::string created_at = FormatUtc(now);
  store_.RemoveExpiredSessions(created_at);
  if (Status added =
          store_.AddSession(SessionRecord{TokenHash(session.token), session.user.id,
                                          session.csrf_token, created_at, session.expires_at});
      !added.ok()) {
    return added.error();
  }
  if (store_.SetLastLogin(session.user.id, created_at).ok()) {
    session.user.last_login_at = created_at;
  }
  Audit(session.user.name, "login", session.user.name, "", address);
  return session;
}

std::optional<Viewer> AccountService::ActiveViewer(int64_t user_id) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok() || user->status != AccountStatus::kActive) return std::nullopt;
  Viewer viewer;
  viewer.user_id = user->id;
  viewer.name = user->name;
  viewer.display_name = user->display_name.empty() ? user->name : user->display_name;
  viewer.role = user->role;
  return viewer;
}

std::optional<Viewer> AccountService::ViewerForSession(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
  std::optional<SessionRecord> session = store_.FindSession(TokenHash(token), NowUtc());
  if (!session) return std::nullopt;
  std::optional<Viewer> viewer = ActiveViewer(session->user_id);
  if (viewer) {
    viewer->session_hash = session->token_hash;
    viewer->csrf_token = session->csrf_token;
  }
  return viewer;
}

std::optional<Viewer> AccountService::ViewerForApiToken(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
  std::optional<ApiTokenRecord> record = store_.UseApiToken(TokenHash(token), NowUtc());
  if (!record) return std::nullopt;
  std::optional<Viewer> viewer = ActiveViewer(record->user_id);
  if (viewer) viewer->via_api_token = true;
  return viewer;
}

Status AccountService::Logout(const Viewer& viewer, std::string_view address) {
  if (viewer.session_hash.empty()) {
    return Error{ErrorCode::kInvalidInput, "not signed in with a session"};
  }
  if (Status removed = store_.RemoveSession(viewer.session_hash); !removed.ok()) return removed;
  Audit(viewer.name, "logout", viewer.name, "", address);
  return Ok();
}

Status AccountService::ChangePassword(int64_t user_id, std::string_view current,
                                      std::string_view next, std::string_view address,
                                      std::string_view keep_session_hash) {
  Result<User> user = store_.UserById(user_id);
  if (!user.ok()) return user.error();
  const std::string account = ToLower(user->name);
  if (!throttle_.Allowed(account, address, LoginThrottle::Clock::now())) return kThrottled;
  if (Status valid = CheckPassword(next, user->name, options_.min_password_length); !valid.ok()) {
    return valid;
  }
  Result<std::string> stored = store_.PasswordHash(user_id);
  if (!stored.ok()) return stored.error();
  if (current.size() > kMaxPasswordBytes || !VerifyPassword(stored.value(), current)) {
    throttle_.RecordFailure(account, address, LoginThrottle::Clock::now());
    Audit(user->name, "password_failed", user->name, "wrong current password", address);
    return Error{ErrorCode::kInvalidInput, "The current password is wrong."};
  }
  Result<std::string> hash = HashPassword(next);
  if (!hash.ok()) return hash.error();
  if (Status saved = store_.SetPasswordHash(user_id, hash.value()); !saved.ok()) return saved;
  // Every other session ends: whoever knew the old password is signed out.
  std::optional<SessionRecord> kept;
  if (!keep_session_hash.empty()) kept = store_.FindSession(keep_session_hash, NowUtc());
  if (Status ended = store_.RemoveSessionsOf(user_id); !ended.ok()) return ended;
  if (kept && kept->user_id == user_id) {
    if (Status restored = store_.AddSession(*kept); !restored.ok()) return restored;
  }
  Audit(user->name, "password", user->name, "", address);
  return Ok();
}

}  // namespace kring::accounts
