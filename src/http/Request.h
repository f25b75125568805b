// Request and Response: the HTTP layer's own view of an exchange, independent of Pistache so
// handlers and error pages can be tested from strings without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Accounts.h"

namespace kring::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // percent-decoded, valid UTF-8
  std::map<std::string, std::string> query;    // decoded; the last value wins
  std::map<std::string, std::string> headers;  // names lowercased
  std::map<std::string, std::string> params;   // from the route pattern, decoded
  std::string body;
  std::string remote_address;  // the client's IP address (see Forwarded.h behind a proxy)
  bool https = false;          // sent over TLS to a trusted proxy (X-Forwarded-Proto)
  Viewer viewer;               // who sends it: set by the site before the handler runs
  std::string request_id;      // X-Request-Id: the client's when sane, else generated
  int route = -1;              // index in Router::Routes() of the matched route; -1: none

  // The value of a query parameter, or `fallback`.
  std::string Query(const std::string& name, std::string fallback = "") const;
  std::string Header(const std::string& name) const;  // name lowercase
  std::string Param(const std::string& name) const;
  // A cookie's value from the Cookie header; "" when absent.
  std::string Cookie(const std::string& name) const;
  // Fields of an application/x-www-form-urlencoded body; nullopt when it is not valid
  // (bad escapes or invalid UTF-8).
  std::optional<std::map<std::string, std::string>> Form() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type
  bool close_connection = false;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(const std::string& location, int status = 303);
};

}  // namespace kring::http
