// Prometheus metrics: request counts and latencies by route, decisions by outcome.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace chokepoint::server {

class Metrics {
 public:
  // `route` is the route template ("/v1/orders/{id}"), never the raw path, so label
  // cardinality stays bounded.
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  void CountDecision(const std::string& decision);
  // The text exposition format (version 0.0.4).
  std::string Render() const;
  // More exposition text appended by Render() (metrics owned elsewhere, e.g. the engine's
  // result cache). Set once before serving.
  void SetExtra(std::function<std::string()> extra) { extra_ = std::move(extra); }

  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // GUARDED_BY(mu_)
  std::map<std::pair<std::string, std::string>, Histogram> latency_;        // GUARDED_BY(mu_)
  std::map<std::string, uint64_t> decisions_;                               // GUARDED_BY(mu_)
  std::function<std::string()> extra_;
};

}  // namespace chokepoint::server
