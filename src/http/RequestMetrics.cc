#include "http/RequestMetrics.h"

#include <algorithm>

namespace kring::http {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr const char* kUnmatchedMethod = "other";
constexpr const char* kUnmatchedRoute = "(none)";

void AppendSeconds(std::string& out, int64_t micros) {
  // Exact decimal seconds: "0.0025", "10".
  out += std::to_string(micros / 1'000'000);
  if (int64_t fraction = micros % 1'000'000; fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 6 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
}

void AppendHeader(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

void AppendLabelValue(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

RequestMetrics::RequestMetrics() : counters_(std::make_unique<Counters[]>(1)) {}
RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::Track(const std::vector<std::pair<std::string, std::string>>& routes) {
  routes_ = routes;
  counters_ = std::make_unique<Counters[]>(routes_.size() + 1);
}

void RequestMetrics::Record(int route, int status, std::chrono::steady_clock::duration duration,
                            size_t bytes) {
  const size_t slot =
      route >= 0 && static_cast<size_t>(route) < routes_.size() ? route : routes_.size();
  Counters& c = counters_[slot];
  const size_t status_class = std::clamp(status / 100, 1, 5) - 1;
  c.by_class[status_class].fetch_add(1, kRelaxed);
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  const size_t bucket =
      std::lower_bound(kBucketMicros.begin(), kBucketMicros.end(), micros) - kBucketMicros.begin();
  c.buckets[bucket].fetch_add(1, kRelaxed);
  c.micros.fetch_add(static_cast<uint64_t>(std::max<int64_t>(micros, 0)), kRelaxed);
  c.bytes.fetch_add(bytes, kRelaxed);
}

void RequestMetrics::CountSearch(bool found_nothing) {
  searches_.fetch_add(1, kRelaxed);
  if (found_nothing) zero_result_searches_.fetch_add(1, kRelaxed);
}

void RequestMetrics::WritePrometheus(std::string& out) const {
  // Per route, its labels and a snapshot of its counters (one pass, so the families agree).
  struct Row {
    std::string labels;  // method="GET",route="/p/{slug}"
    std::array<uint64_t, kClasses> by_class{};
    std::array<uint64_t, kBucketMicros.size() + 1> buckets{};
    uint64_t count = 0;
    uint64_t micros = 0;
    uint64_t bytes = 0;
  };
  std::vector<Row> rows;
  for (size_t i = 0; i <= routes_.size(); ++i) {
    const Counters& c = counters_[i];
    Row row;
    for (size_t b = 0; b < row.buckets.size(); ++b) {
      row.buckets[b] = c.buckets[b].load(kRelaxed);
      row.count += row.buckets[b];
    }
    if (row.count == 0) continue;
    for (size_t k = 0; k < kClasses; ++k) row.by_class[k] = c.by_class[k].load(kRelaxed);
    row.micros = c.micros.load(kRelaxed);
    row.bytes = c.bytes.load(kRelaxed);
    const bool matched = i < routes_.size();
    row.labels = "method=";
    AppendLabelValue(row.labels, matched ? routes_[i].first : kUnmatchedMethod);
    row.labels += ",route=";
    AppendLabelValue(row.labels, matched ? routes_[i].second : kUnmatchedRoute);
    rows.push_back(std::move(row));
  }

  AppendHeader(out, "kring_http_requests_total", "counter",
               "Requests answered, by route pattern and status class.");
  for (const Row& row : rows) {
    for (size_t k = 0; k < kClasses; ++k) {
      if (row.by_class[k] == 0) continue;
      out += "kring_http_requests_total{" + row.labels + ",status=\"" + std::to_string(k + 1) +
             "xx\"} " + std::to_string(row.by_class[k]) + "\n";
    }
  }
  AppendHeader(out, "kring_http_request_duration_seconds", "histogram",
               "Time from a request's arrival to its answer, by route pattern.");
  for (const Row& row : rows) {
    uint64_t cumulative = 0;
    for (size_t b = 0; b < row.buckets.size(); ++b) {
      cumulative += row.buckets[b];
      out += "kring_http_request_duration_seconds_bucket{" + row.labels + ",le=\"";
      if (b < kBucketMicros.size()) {
        AppendSeconds(out, kBucketMicros[b]);
      } else {
        out += "+Inf";
      }
      out += "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "kring_http_request_duration_seconds_sum{" + row.labels + "} ";
    AppendSeconds(out, static_cast<int64_t>(row.micros));
    out += "\nkring_http_request_duration_seconds_count{" + row.labels + "} " +
           std::to_string(row.count) + "\n";
  }
  AppendHeader(out, "kring_http_response_bytes_total", "counter",
               "Bytes of response bodies sent, by route pattern.");
  for (const Row& row : rows) {
    out +=
        "kring_http_response_bytes_total{" + row.labels + "} " + std::to_string(row.bytes) + "\n";
  }
  AppendHeader(out, "kring_search_queries_total", "counter", "Searches run (pages and API).");
  out += "kring_search_queries_total " + std::to_string(searches_.load(kRelaxed)) + "\n";
  AppendHeader(out, "kring_search_zero_results_total", "counter",
               "Searches with words that found nothing.");
  out += "kring_search_zero_results_total " + std::to_string(zero_result_searches_.load(kRelaxed)) +
         "\n";
}

}  // namespace kring::http
