// RequestMetrics: what /metrics reports of the requests themselves: per route (its method and
// pattern, so the label set is bounded by the route table, never by the paths clients send)
// the answers by status class, a latency histogram and the bytes sent; and the searches and
// the searches that found nothing.
//
// Record() and CountSearch() are lock-free (relaxed atomic increments, one cache line per
// route): safe on every I/O and worker thread at once. Track() must run once, before serving.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kring::http {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in microseconds (100 us to 10 s; +Inf beyond): a page
  // view takes about half a millisecond, an upload seconds.
  static constexpr std::array<int64_t, 16> kBucketMicros = {
      100,    250,     500,     1'000,   2'500,     5'000,     10'000,    25'000,
      50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000};

  RequestMetrics();
  ~RequestMetrics();
  RequestMetrics(const RequestMetrics&) = delete;
  RequestMetrics& operator=(const RequestMetrics&) = delete;

  // Makes the counters of the routes, each named by its method and pattern, in the router's
  // order (Router::Routes()). REQUIRES: called once, before any Record.
  void Track(const std::vector<std::pair<std::string, std::string>>& routes);

  // Counts one answered request. `route`: its index in Track's list; -1 (or out of range) for
  // a request no route matched (404, 405, a refused or malformed request).
  void Record(int route, int status, std::chrono::steady_clock::duration duration, size_t bytes);
  // Counts one search; `found_nothing`: it had words and found nothing.
  void CountSearch(bool found_nothing);

  // Appends the request and search metrics in the Prometheus text format 0.0.4 (HELP, TYPE,
  // samples). Routes that have not answered yet are left out.
  void WritePrometheus(std::string& out) const;

 private:
  static constexpr size_t kClasses = 5;  // 1xx..5xx
  struct alignas(64) Counters {
    std::array<std::atomic<uint64_t>, kClasses> by_class{};
    std::array<std::atomic<uint64_t>, kBucketMicros.size() + 1> buckets{};  // not cumulative
    std::atomic<uint64_t> micros{0};
    std::atomic<uint64_t> bytes{0};
  };

  std::vector<std::pair<std::string, std::string>> routes_;  // method, pattern
  std::unique_ptr<Counters[]> counters_;                     // routes_.size() + 1: unmatched
  std::atomic<uint64_t> searches_{0};
  std::atomic<uint64_t> zero_result_searches_{0};
};

// Appends `value` as a Prometheus label value (backslash, double quote and newline escaped).
void AppendLabelValue(std::string& out, std::string_view value);

}  // namespace kring::http
