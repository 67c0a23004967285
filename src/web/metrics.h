// File: web/metrics.h
//
// Request counts and a latency histogram per route, rendered in the Prometheus text format
// for GET /metrics:
//   loa_http_requests_total{method="GET",route="/healthz",status="200"} 12
//   loa_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="0.005"} 12
// Routes are patterns ("/api/v1/organisations/:id"), never raw paths, so the number of
// series stays bounded whatever clients send.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace loa::web {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> durations_;
};

}  // namespace loa::web
