// Prometheus counters and histograms for HTTP requests.
#include "web/metrics.h"

#include <sstream>

namespace loa::web {

namespace {
// Label values are route patterns and method names, but escape anyway.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = durations_[{method, route}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP loa_http_requests_total HTTP requests handled, by route and status.\n"
         "# TYPE loa_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "loa_http_requests_total{method=\"" << label(method) << "\",route=\"" << label(route)
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP loa_http_request_duration_seconds Time to handle a request.\n"
         "# TYPE loa_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : durations_) {
    const std::string labels =
        "method=\"" + label(key.first) + "\",route=\"" + label(key.second) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "loa_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "loa_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count
        << "\n";
    out << "loa_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n";
    out << "loa_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  return out.str();
}

}  // namespace loa::web
