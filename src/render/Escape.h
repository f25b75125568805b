// Escaping for the HTML the render layer writes itself (wiki links, heading tags): everything
// cmark does not write for us. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace kring {

// `s` with & < > " ' replaced by entities: safe inside element text and inside a quoted
// attribute value.
std::string EscapeHtml(std::string_view s);

}  // namespace kring
