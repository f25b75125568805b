#include "http/Multipart.h"

#include <cctype>

#include "core/Text.h"

namespace kring::http {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of `param` in a header value like `form-data; name="file"; filename="a b.pdf"`.
// Parameters are read in order, each value whole: a quoted value may hold ';', '=' and escaped
// quotes (`name="a; filename=b"` has no filename); unquoted values end at ';'.
std::string Parameter(std::string_view value, std::string_view param) {
  size_t pos = value.find(';');
  while (pos != std::string_view::npos) {
    ++pos;  // past the ';'
    const size_t eq = value.find_first_of("=;", pos);
    if (eq == std::string_view::npos) return "";
    if (value[eq] == ';') {  // a parameter without a value
      pos = eq;
      continue;
    }
    const bool wanted = LowerAscii(Trim(value.substr(pos, eq - pos))) == param;
    size_t i = eq + 1;
    std::string out;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      pos = value.find(';', i);
    } else {
      pos = value.find(';', i);
      out = Trim(value.substr(i, pos == std::string_view::npos ? pos : pos - i));
    }
    if (wanted) return out;
  }
  return "";
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (LowerAscii(Trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  return boundary;
}

std::optional<std::vector<Part>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                size_t max_parts) {
  const std::string delimiter = "--" + std::string(boundary);
  // The first delimiter may open the body or follow a preamble that ends in CRLF.
  size_t pos = body.rfind(delimiter, 0) == 0 ? 0 : body.find("\r\n" + delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  if (pos != 0) pos += 2;
  std::vector<Part> parts;
  const std::string next = "\r\n" + delimiter;
  for (;;) {
    pos += delimiter.size();
    if (body.compare(pos, 2, "--") == 0) return parts;  // the closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) return std::nullopt;
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    Part part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      const size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string name = LowerAscii(Trim(line.substr(0, colon)));
      const std::string_view value = line.substr(colon + 1);
      if (name == "content-disposition") {
        part.name = Parameter(value, "name");
        part.filename = Parameter(value, "filename");
      } else if (name == "content-type") {
        part.content_type = Trim(value);
      }
    }
    const size_t data_start = headers_end + 4;
    const size_t data_end = body.find(next, data_start);
    if (data_end == std::string_view::npos) return std::nullopt;
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    if (parts.size() > max_parts) return std::nullopt;
    pos = data_end + 2;
  }
}

}  // namespace kring::http
