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

// The scheme and authority that absolute links to this server start with, without a trailing
// slash: `configured` (the public base URL, "https://kring.example.be") when set, else
// "http://" and the request's Host header when it is a plain host name or address with an
// optional port, else "http://localhost" (a Host header is the client's word: anything else
// in it is not let into a link).
std::string BaseUrl(std::string_view configured, std::string_view host_header);

// The host name of a base URL ("kring.example.be" for "https://kring.example.be:8443/wiki").
std::string HostOfUrl(std::string_view url);

}  // namespace kring::http
