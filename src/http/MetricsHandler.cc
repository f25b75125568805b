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

}  // namespace

MetricsHandler::MetricsHandler(Services& services, const RequestMetrics& requests)
    : services_(services),
      requests_(requests),
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
