// Forwarded: who really sent a request that came through a trusted reverse proxy (nginx).
#pragma once

#include <string>
#include <vector>

#include "http/Request.h"

namespace kring::http {

// When request.remote_address (the TCP peer) is one of `trusted_proxies`: remote_address
// becomes the last address of X-Forwarded-For (the one the proxy itself appended; earlier
// ones are the client's word) and https is set when X-Forwarded-Proto is "https". From any
// other peer both headers are ignored, so a client cannot forge its address or the scheme.
void ApplyForwardedHeaders(Request& request, const std::vector<std::string>& trusted_proxies);

}  // namespace kring::http
