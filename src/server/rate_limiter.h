// Per-token rate limits: a token bucket per API token (rate r/s, burst r, at least 1).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace chokepoint::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes one request from `token_id`'s bucket. False when empty; *retry_after_s says when
  // the next request will be allowed. rate <= 0: unlimited.
  bool Allow(int64_t token_id, double rate, Clock::time_point now, double* retry_after_s);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
  };
  std::mutex mu_;
  std::unordered_map<int64_t, Bucket> buckets_;  // GUARDED_BY(mu_)
};

}  // namespace chokepoint::server
