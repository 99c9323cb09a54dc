#include "server/rate_limiter.h"

#include <algorithm>

namespace chokepoint::server {

bool RateLimiter::Allow(int64_t token_id, double rate, Clock::time_point now, double* retry_after_s) {
  if (rate <= 0) return true;
  const double burst = std::max(1.0, rate);
  std::lock_guard lock(mu_);
  auto [it, inserted] = buckets_.try_emplace(token_id);
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = burst;
    b.last = now;
  }
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(burst, b.tokens + std::max(0.0, elapsed) * rate);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  if (retry_after_s) *retry_after_s = (1 - b.tokens) / rate;
  return false;
}

}  // namespace chokepoint::server
