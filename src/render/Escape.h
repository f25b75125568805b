// Escaping for the HTML the render layer writes itself (wiki links, heading tags): everything
// cmark does not write for us. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kring {

// `s` with & < > " ' replaced by entities: safe inside element text and inside a quoted
// attribute value.
std::string EscapeHtml(std::string_view s);

// `s` with every byte outside the URL "unreserved" set (A-Z a-z 0-9 - . _ ~) written as %XX,
// so the result is one opaque path segment, query value or fragment: it cannot end an
// attribute, start a new query parameter or change the scheme. UTF-8 is encoded byte by byte.
std::string PercentEncode(std::string_view s);

}  // namespace kring
