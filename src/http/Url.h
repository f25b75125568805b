// URL decoding and encoding, done here and nowhere else, and the numbers URLs carry.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/Request.h"

namespace kring::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings and forms).
// nullopt on a malformed escape or when the result is not valid UTF-8 or contains a NUL.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// A non-negative decimal number of at most 18 digits (a revision or file id in a path, query or
// form field); nullopt for anything else, the empty string included.
std::optional<int64_t> ParseNumber(std::string_view s);

// Parses "a=1&b=x+y" into decoded pairs; nullopt when any part fails to decode.
std::optional<std::map<std::string, std::string>> ParseQueryString(std::string_view s);

// The origin the client asked for, for absolute URLs (feeds): "http://" or, behind a proxy
// that says so with X-Forwarded-Proto, "https://", then the Host header. A missing Host, or
// one holding anything but letters, digits, '.', '-', ':' and an IPv6 literal's brackets,
// gives "http://localhost".
std::string BaseUrl(const Request& request);
// The host of BaseUrl without its port ("kring.example", "localhost").
std::string HostName(const Request& request);

}  // namespace kring::http
