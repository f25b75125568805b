#include "http/Url.h"

#include <cctype>

#include "core/Text.h"

namespace kring::http {
namespace {
// The Host header when it is a plain host[:port], else "localhost".
std::string HostHeader(const Request& request) {
  const std::string host = request.Header("host");
  if (host.empty() || host.size() > 255) return "localhost";
  for (char c : host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
        c != '[' && c != ']') {
      return "localhost";
    }
  }
  return host;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<int64_t> ParseNumber(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t number = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!IsValidUtf8(out) || out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

std::optional<std::map<std::string, std::string>> ParseQueryString(std::string_view s) {
  std::map<std::string, std::string> out;
  while (!s.empty()) {
    const size_t amp = s.find('&');
    std::string_view pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out[*name] = *value;
  }
  return out;
}

std::string BaseUrl(const Request& request) {
  const bool https = request.Header("x-forwarded-proto") == "https";
  return (https ? "https://" : "http://") + HostHeader(request);
}

std::string HostName(const Request& request) {
  const std::string host = HostHeader(request);
  // "[::1]:8080" keeps its brackets; "kring.example:8080" loses the port.
  const size_t end = host[0] == '[' ? host.find(']') + 1 : host.find(':');
  return end == std::string::npos || end == 0 ? host : host.substr(0, end);
}

}  // namespace kring::http
