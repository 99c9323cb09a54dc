#include "server/rate_limiter.h"

#include <algorithm>

namespace chokepoint::server {

bool RateLimiter::Allow(int64_t token_id, double rate, Clock::time_point now,
                        double* retry_after_s) {
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

Result<bool> SharedRateLimiter::Allow(int64_t token_id, double rate, double now_s,
                                      double* retry_after_s) {
  if (rate <= 0) return true;
  const double burst = std::max(1.0, rate);
  // ?2 burst, ?3 now, ?4 rate. The level is the bucket refilled up to now (never backwards,
  // never above the burst); a request takes one when the level holds one, else nothing changes.
  constexpr const char* kLevel =
      "(CASE WHEN rate_buckets.tokens + (CASE WHEN ?3 > rate_buckets.at THEN ?3 - rate_buckets.at "
      "ELSE 0 END) * ?4 "
      "> ?2 THEN ?2 ELSE rate_buckets.tokens + (CASE WHEN ?3 > rate_buckets.at THEN ?3 - "
      "rate_buckets.at ELSE 0 END) "
      "* ?4 END)";
  static const std::string take = std::string(
                                      "INSERT INTO rate_buckets(token_id, tokens, at) VALUES (?1, "
                                      "?2 - 1, ?3) ON CONFLICT (token_id) DO "
                                      "UPDATE SET tokens = ") +
                                  kLevel +
                                  " - 1, at = CASE WHEN ?3 > rate_buckets.at THEN ?3 ELSE "
                                  "rate_buckets.at END WHERE " +
                                  kLevel + " >= 1 RETURNING tokens";
  std::lock_guard lock(db_->mutex());
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st, db_->PrepareCached(take));
    st->Bind(1, token_id).Bind(2, burst).Bind(3, now_s).Bind(4, rate);
    CP_ASSIGN_OR_RETURN(bool taken, st->Step());
    if (taken) return true;
  }
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT tokens, at FROM rate_buckets WHERE token_id = ?"));
  st->Bind(1, token_id);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  double level = row ? std::min(burst, st->Real(0) + std::max(0.0, now_s - st->Real(1)) * rate) : 0;
  if (retry_after_s) *retry_after_s = std::max(0.0, 1 - level) / rate;
  return false;
}

}  // namespace chokepoint::server
