// MetricsHandler: /metrics in the Prometheus text format 0.0.4: the requests by route pattern
// and status class with their latency histogram (RequestMetrics), the searches and those that
// found nothing, and gauges read at scrape time: pages, files, index and extraction lag, the
// data folder's free disk, whether the database answers, the process start time and uptime,
// and the public page cache's hits, misses, entries and bytes.
//
// Who may read it: administrators (RouteOptions in Site.cc), by session or, for a scraper, by
// an admin's API token in `Authorization: Bearer` (Prometheus: `authorization:
// credentials_file:`). The counts say little, but the route latencies and search volumes are
// not for everyone, and a loopback-only rule would open it to every client behind a local
// nginx.
#pragma once

#include <chrono>

#include "http/PublicPageCache.h"
#include "http/Request.h"
#include "http/RequestMetrics.h"
#include "http/Services.h"

namespace kring::http {

class MetricsHandler {
 public:
  // `services` and `requests` must outlive the handler.
  MetricsHandler(Services& services, const RequestMetrics& requests,
                 const PublicPageCache& page_cache);

  Response Metrics(const Request& request);

 private:
  Services& services_;
  const RequestMetrics& requests_;
  const PublicPageCache& page_cache_;
  const std::chrono::system_clock::time_point started_;
  const std::chrono::steady_clock::time_point started_steady_;
};

}  // namespace kring::http
