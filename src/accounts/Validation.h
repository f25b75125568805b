// The rules for what people type into accounts: login names, e-mail addresses, passwords and
// the free-text fields. Each check answers kInvalidInput with a message that names the field.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/Result.h"

namespace kring::accounts {

// Longest password accepted (bytes): hashing cost does not grow with it, but memory does.
inline constexpr size_t kMaxPasswordBytes = 1024;

// 2-64 ASCII letters, digits, '.', '-', '_'.
bool IsValidName(std::string_view name);
Status CheckName(std::string_view name);
// Something@something, no spaces or control characters, at most 254 bytes. Empty allowed
// only when `required` is false.
Status CheckEmail(std::string_view email, bool required);
// Valid UTF-8, at least `min_length` characters (code points), at most kMaxPasswordBytes
// bytes, and not the login name (in any case).
Status CheckPassword(std::string_view password, std::string_view name, size_t min_length);
// Valid UTF-8 without control characters, at most `max_bytes`; `field` names it in the message.
Status CheckText(std::string_view text, std::string_view field, size_t max_bytes);

}  // namespace kring::accounts
