#include "http/Forwarded.h"

#include <algorithm>

namespace kring::http {
namespace {

std::string Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

void ApplyForwardedHeaders(Request& request, const std::vector<std::string>& trusted_proxies) {
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), request.remote_address) ==
      trusted_proxies.end()) {
    return;
  }
  const std::string forwarded_for = request.Header("x-forwarded-for");
  const size_t comma = forwarded_for.rfind(',');
  const std::string client =
      Trim(comma == std::string::npos ? forwarded_for : forwarded_for.substr(comma + 1));
  if (!client.empty()) request.remote_address = client;
  std::string proto = Trim(request.Header("x-forwarded-proto"));
  std::transform(proto.begin(), proto.end(), proto.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  request.https = proto == "https";
}

}  // namespace kring::http
