#include "http/RequestLog.h"

#include <cstdint>
#include <cstdio>
#include <random>

namespace kring::http {
namespace {

constexpr size_t kMaxRequestIdBytes = 64;

bool IsSaneId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdBytes) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == ':';
    if (!ok) return false;
  }
  return true;
}

bool IsPlain(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || c == '"' || c == '=' || c == '\\' || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string RequestIdFor(std::string_view sent) {
  if (IsSaneId(sent)) return std::string(sent);
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  uint64_t bits = random();
  for (char& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

void AppendLogValue(std::string& out, std::string_view value) {
  if (IsPlain(value)) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < ' ' || u == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string AccessLogLine(const Request& request, std::string_view route, int status, size_t bytes,
                          std::chrono::steady_clock::duration duration) {
  std::string line = "request id=";
  AppendLogValue(line, request.request_id);
  line += " method=";
  AppendLogValue(line, request.method);
  line += " route=";
  AppendLogValue(line, route.empty() ? "-" : route);
  line += " path=";
  AppendLogValue(line, request.path);
  line += " status=" + std::to_string(status) + " bytes=" + std::to_string(bytes);
  char ms[32];
  std::snprintf(ms, sizeof ms, " ms=%.2f",
                std::chrono::duration<double, std::milli>(duration).count());
  line += ms;
  line += " client=";
  AppendLogValue(line, request.remote_address.empty() ? "-" : request.remote_address);
  return line;
}

}  // namespace kring::http
