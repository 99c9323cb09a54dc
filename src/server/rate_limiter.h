// Per-token rate limits: a token bucket per API token (rate r/s, burst r, at least 1).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "store/connection.h"
#include "util/status.h"

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

// The same buckets kept in the database (table rate_buckets), for several nodes serving one
// database: each request updates its token's bucket with one statement, so a token's budget
// is one budget however many nodes it reaches. Thread-safe.
class SharedRateLimiter {
 public:
  explicit SharedRateLimiter(std::unique_ptr<store::Connection> db) : db_(std::move(db)) {}

  // As RateLimiter::Allow, with `now_s` in seconds since 1970: the nodes' clocks, which must
  // agree (NTP); a node whose clock lags another's refills nothing until it catches up.
  Result<bool> Allow(int64_t token_id, double rate, double now_s, double* retry_after_s);

 private:
  std::unique_ptr<store::Connection> db_;  // used under db_->mutex()
};

}  // namespace chokepoint::server
