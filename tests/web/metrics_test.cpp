// Prometheus text output.
#include "web/metrics.h"

#include <gtest/gtest.h>

namespace loa::web {
namespace {

TEST(MetricsTest, CountsAndHistogramBuckets) {
  Metrics m;
  m.observe("GET", "/healthz", 200, 0.0004);
  m.observe("GET", "/healthz", 200, 0.003);
  m.observe("GET", "/healthz", 503, 2.0);
  std::string text = m.render();
  EXPECT_NE(
      text.find("loa_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"),
      std::string::npos);
  EXPECT_NE(
      text.find("loa_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"503\"} 1"),
      std::string::npos);
  EXPECT_NE(text.find("route=\"/healthz\",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/healthz\",le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"/healthz\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(
      text.find("loa_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3"),
      std::string::npos);
  EXPECT_NE(text.find("# TYPE loa_http_request_duration_seconds histogram"), std::string::npos);
}

}  // namespace
}  // namespace loa::web
