// RequestLog: the request id and the one log line of each answered request.
//
// Each request gets an id: the client's (or the proxy's) X-Request-Id when it is sane (1 to 64
// letters, digits and `.-_:`), otherwise a new random one. It is sent back as X-Request-Id, is
// in the access log line and in the error logged for a request that failed, so a report
// ("request 3f9c... failed") leads to its log lines.
//
// The access log line is logfmt: `request id=3f9c... method=GET route=/p/{slug} path=/p/crm
// status=200 bytes=5120 ms=0.84 client=192.0.2.7`; values with spaces, quotes or control
// characters are quoted and escaped, so a client cannot forge a line.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "http/Request.h"

namespace kring::http {

// `sent` when it is a sane request id, else a new random one (16 hex digits). Thread-safe.
std::string RequestIdFor(std::string_view sent);

// The access log line of an answered request (without the logger's time and level).
std::string AccessLogLine(const Request& request, std::string_view route, int status, size_t bytes,
                          std::chrono::steady_clock::duration duration);

// Appends `value` to a logfmt line: as is when it is plain, otherwise quoted and escaped.
void AppendLogValue(std::string& out, std::string_view value);

}  // namespace kring::http
