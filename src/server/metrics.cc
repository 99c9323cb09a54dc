#include "server/metrics.h"

#include <cstdio>
#include <tuple>

namespace chokepoint::server {

namespace {
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}
}  // namespace

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountDecision(const std::string& decision) {
  std::lock_guard lock(mu_);
  ++decisions_[decision];
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out +=
      "# HELP chokepoint_http_requests_total HTTP requests by method, route template and status.\n";
  out += "# TYPE chokepoint_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    const auto& [method, route, status] = k;
    out += "chokepoint_http_requests_total{method=\"" + Escape(method) + "\",route=\"" +
           Escape(route) + "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) +
           "\n";
  }
  out +=
      "# HELP chokepoint_http_request_duration_seconds Time from routing to response, by route.\n";
  out += "# TYPE chokepoint_http_request_duration_seconds histogram\n";
  for (const auto& [k, h] : latency_) {
    std::string labels = "method=\"" + Escape(k.first) + "\",route=\"" + Escape(k.second) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += "chokepoint_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
             Num(kBuckets[i]) + "\"} " + std::to_string(h.buckets[i]) + "\n";
    out += "chokepoint_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "chokepoint_http_request_duration_seconds_sum{" + labels + "} " + Num(h.sum) + "\n";
    out += "chokepoint_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(h.count) + "\n";
  }
  out += "# HELP chokepoint_decisions_total Order screening decisions by outcome since start.\n";
  out += "# TYPE chokepoint_decisions_total counter\n";
  for (const char* d : {"clear", "review", "hold", "block"})
    if (!decisions_.count(d))
      out += std::string("chokepoint_decisions_total{decision=\"") + d + "\"} 0\n";
  for (const auto& [d, n] : decisions_)
    out += "chokepoint_decisions_total{decision=\"" + Escape(d) + "\"} " + std::to_string(n) + "\n";
  if (extra_) out += extra_();
  return out;
}

}  // namespace chokepoint::server
