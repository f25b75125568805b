// URL decoding and encoding, done here and nowhere else, and the numbers URLs carry.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kring::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings and forms).
// nullopt on a malformed escape or when the result is not valid UTF-8 or contains a NUL.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// A non-negative decimal number of at most 18 digits (a revision or file id in a path, query or
// form field); nullopt for anything else, the empty string included.
std::optional<int64_t> ParseNumber(std::string_view s);

// Parses "a=1&b=x+y" into decoded pairs; nullopt when any part fails to decode.
std::optional<std::map<std::string, std::string>> ParseQueryString(std::string_view s);

}  // namespace kring::http
