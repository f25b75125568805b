#include "http/MetricsHandler.h"

#include <string>

#include "http/SystemHandler.h"

namespace kring::http {
namespace {

void AppendGauge(std::string& out, const char* name, const char* help, const std::string& value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
         value + "\n";
}

template <typename T>
void AppendGauge(std::string& out, const char* name, const char* help, T value) {
  AppendGauge(out, name, help, std::to_string(value));
}

void AppendCounter(std::string& out, const char* name, const char* help, uint64_t value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name +
         " " + std::to_string(value) + "\n";
}

}  // namespace

MetricsHandler::MetricsHandler(Services& services, const RequestMetrics& requests,
                               const PublicPageCache& page_cache)
    : services_(services),
      requests_(requests),
      page_cache_(page_cache),
      started_(std::chrono::system_clock::now()),
      started_steady_(std::chrono::steady_clock::now()) {}

Response MetricsHandler::Metrics(const Request&) {
  // Pending extractions are counted up to this many (as /healthz does).
  constexpr int kExtractionCountLimit = 10000;
  std::string out;
  out.reserve(16 * 1024);
  requests_.WritePrometheus(out);
  const bool database_up = !services_.ping_database || services_.ping_database().ok();
  AppendGauge(out, "kring_database_up", "Whether the database answers a trivial query (1 or 0).",
              database_up ? 1 : 0);
  if (database_up) {
    AppendGauge(out, "kring_pages", "Pages outside the trash.", services_.store.PageCount());
    AppendGauge(out, "kring_files", "Files stored on pages outside the trash.",
                services_.file_store.FileCount());
    AppendGauge(out, "kring_index_lag", "Changes saved but not yet in the search index.",
                services_.queue.Lag());
    AppendGauge(out, "kring_extraction_lag", "Uploaded files whose text is not extracted yet.",
                services_.file_store.PendingExtractions(kExtractionCountLimit).size());
  }
  const ResponseCache::Stats cache = page_cache_.stats();
  AppendCounter(out, "kring_page_cache_hits_total",
                "Page views answered from the public page cache.", cache.hits);
  AppendCounter(out, "kring_page_cache_misses_total",
                "Page views the public page cache could have answered but did not hold.",
                cache.misses);
  AppendGauge(out, "kring_page_cache_entries", "Pages in the public page cache.", cache.entries);
  AppendGauge(out, "kring_page_cache_bytes",
              "Bytes the public page cache counts for its pages (bounded by response_cache_mb).",
              cache.bytes);
  if (auto free = FreeDiskBytes(services_.disk.path)) {
    AppendGauge(out, "kring_data_disk_free_bytes",
                "Free bytes on the file system of the data folder.", *free);
  }
  AppendGauge(
      out, "process_start_time_seconds", "When the server started, in Unix seconds.",
      std::chrono::duration_cast<std::chrono::seconds>(started_.time_since_epoch()).count());
  AppendGauge(out, "kring_uptime_seconds", "Seconds since the server started.",
              std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                               started_steady_)
                  .count());
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = std::move(out);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace kring::http
