// Multipart: a small parser of multipart/form-data bodies (RFC 7578), enough for uploads from
// forms and scripts. Parts point into the body: the body must outlive them. Fuzzed in tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kring::http {

struct Part {
  std::string name;          // the form field
  std::string filename;      // "" for plain fields; the client's name, not sanitised
  std::string content_type;  // of the part, "" when not given
  std::string_view data;
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt when it is another type
// or has no usable boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. nullopt when it is not well formed (no closing boundary, a part
// without headers, more than `max_parts` parts).
std::optional<std::vector<Part>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                size_t max_parts = 100);

}  // namespace kring::http
