// The multipart target: the input is what a client sends, the Content-Type header's value, a
// line feed, then the body (tests/fuzz/seeds/multipart/ holds bodies as browsers and curl send
// them). Contract: parts lie inside the body, each ends where a delimiter starts and holds
// none; at most max_parts; and writing the parts out again as a client would gives back the
// same parts (names and file names quoted, their quotes and backslashes escaped).
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/FuzzCheck.h"
#include "fuzz/FuzzTargets.h"
#include "http/Multipart.h"

namespace kring::fuzz {
namespace {

constexpr size_t kMaxParts = 20;

std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A header value can hold neither a line break nor a quote that a client would not escape.
bool Writable(std::string_view value) { return value.find_first_of("\r\n") == value.npos; }

// The body a client would send for `parts`.
std::string BodyOf(const std::vector<http::Part>& parts, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::string body;
  for (const http::Part& part : parts) {
    body += delimiter + "\r\nContent-Disposition: form-data; name=" + Quoted(part.name);
    if (!part.filename.empty()) body += "; filename=" + Quoted(part.filename);
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n";
    body.append(part.data);
    body += "\r\n";
  }
  return body + delimiter + "--\r\n";
}

}  // namespace

int FuzzMultipart(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t line_end = input.find('\n');
  if (line_end == input.npos) return 0;
  const std::optional<std::string> boundary = http::MultipartBoundary(input.substr(0, line_end));
  if (!boundary) return 0;
  Require(!boundary->empty() && boundary->size() <= 70, "a boundary has 1 to 70 bytes");

  const std::string_view body = input.substr(line_end + 1);
  const auto parts = http::ParseMultipart(body, *boundary, kMaxParts);
  if (!parts) return 0;
  Require(parts->size() <= kMaxParts, "at most max_parts parts");
  const std::string next = "\r\n--" + *boundary;
  for (const http::Part& part : *parts) {
    Require(part.data.data() >= body.data() &&
                part.data.data() + part.data.size() <= body.data() + body.size(),
            "a part lies inside the body");
    const size_t end = static_cast<size_t>(part.data.data() - body.data()) + part.data.size();
    Require(body.substr(end, next.size()) == next, "a part ends where a delimiter starts");
    Require(part.data.find(next) == std::string_view::npos, "a part holds no delimiter");
    if (!Writable(part.name) || !Writable(part.filename) || !Writable(part.content_type)) {
      return 0;
    }
  }

  const std::string again = BodyOf(*parts, *boundary);
  const auto reparsed = http::ParseMultipart(again, *boundary, kMaxParts);
  Require(reparsed.has_value() && reparsed->size() == parts->size(),
          "the parts written out again parse again");
  for (size_t i = 0; i < parts->size(); ++i) {
    const http::Part& a = (*parts)[i];
    const http::Part& b = (*reparsed)[i];
    Require(a.name == b.name && a.filename == b.filename && a.content_type == b.content_type &&
                a.data == b.data,
            "the parts written out again are the same parts");
  }
  return 0;
}

}  // namespace kring::fuzz
