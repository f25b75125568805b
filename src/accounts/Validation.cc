#include "accounts/Validation.h"

#include <string>

#include "core/Text.h"

namespace kring::accounts {
namespace {

Error Invalid(std::string message) { return Error{ErrorCode::kInvalidInput, std::move(message)}; }

bool HasControl(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

// Code points in valid UTF-8: every byte that does not continue a sequence starts one.
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

bool IsValidName(std::string_view name) {
  if (name.size() < 2 || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status CheckName(std::string_view name) {
  if (!IsValidUtf8(name)) return Invalid("The name is not valid UTF-8 text.");
  if (!IsValidName(name)) {
    return Invalid("The name must be 2 to 64 letters (a-z), digits, '.', '-' or '_'.");
  }
  return Ok();
}

Status CheckEmail(std::string_view email, bool required) {
  if (!IsValidUtf8(email)) return Invalid("The e-mail address is not valid UTF-8 text.");
  if (email.empty()) {
    if (required) return Invalid("The e-mail address is missing.");
    return Ok();
  }
  const size_t at = email.find('@');
  const bool ok = email.size() <= 254 && at != std::string_view::npos && at > 0 &&
                  at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos &&
                  email.find(' ') == std::string_view::npos && !HasControl(email);
  if (!ok) return Invalid("The e-mail address is not valid (name@example.be).");
  return Ok();
}

Status CheckPassword(std::string_view password, std::string_view name, size_t min_length) {
  if (!IsValidUtf8(password)) return Invalid("The password is not valid UTF-8 text.");
  if (CodePoints(password) < min_length) {
    return Invalid("The password must be at least " + std::to_string(min_length) +
                   " characters long.");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Invalid("The password must be at most " + std::to_string(kMaxPasswordBytes) +
                   " bytes long.");
  }
  if (!name.empty() && ToLower(password) == ToLower(name)) {
    return Invalid("The password must not be the name.");
  }
  return Ok();
}

Status CheckText(std::string_view text, std::string_view field, size_t max_bytes) {
  if (!IsValidUtf8(text)) return Invalid("The " + std::string(field) + " is not valid UTF-8 text.");
  if (HasControl(text)) {
    return Invalid("The " + std::string(field) + " must not hold control characters.");
  }
  if (text.size() > max_bytes) {
    return Invalid("The " + std::string(field) + " must be at most " + std::to_string(max_bytes) +
                   " bytes long.");
  }
  return Ok();
}

}  // namespace kring::accounts
