// SystemHandler: /healthz, /livez, /sitemap.xml, /opensearch.xml, /favicon.ico and the static
// assets (CSS, JS, icons) under /static/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class SystemHandler {
 public:
  SystemHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  // Readiness: {"status":"ok","checks":{"database","disk","index","extraction"},"index_lag":N,
  // "extraction_lag":N,"pages":N}; 503 with "status":"unavailable" when the database does not
  // answer or the data folder's disk is nearly full (Services::disk). Cheap: a trivial query,
  // two counts and a statvfs. Anonymous.
  Response Health(const Request& request);
  // Liveness: 200 {"status":"alive"} while the process answers at all; touches nothing.
  Response Live(const Request& request);
  // The sitemap of the public pages (members-only pages are never in it, whoever asks: search
  // engines are anonymous, and a sitemap is for them).
  Response Sitemap(const Request& request);
  // /opensearch.xml: the OpenSearch description that lets browsers offer Kring as a search
  // engine, with the search page and the title suggestions as absolute URLs (BaseUrl).
  Response OpenSearch(const Request& request);
  // templates/static/{name}, with its media type and a cache lifetime; 404 otherwise.
  Response Static(const Request& request);
  // /favicon.ico, which browsers (and Chromium's PDF viewer) ask for on their own: the site's
  // SVG icon, served under that name with its own media type.
  Response Favicon(const Request& request);

 private:
  Response StaticFile(const Request& request, const std::string& name) const;

  Services& services_;
  const Views& views_;
};

// Free bytes for an unprivileged user on the file system of `path`; nullopt when it cannot be
// read (statvfs fails).
std::optional<uint64_t> FreeDiskBytes(const std::string& path);

// The media type for a file name by its extension; application/octet-stream when unknown.
std::string MediaTypeFor(const std::string& name);

}  // namespace kring::http
