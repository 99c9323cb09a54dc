// First come, first served admission to the engine: at most `slots` requests classify at once,
// the others wait in arrival order.
//
// With more requests running than cores, every running request is slowed by all the others
// (the scheduler shares the cores), so a heavy input's latency grows with the number of
// connections. Admitting as many as there are cores lets each run at full speed and the rest
// wait their turn: the same throughput, and a request's latency is its queue plus its own cost.
#pragma once

#include <condition_variable>
#include <algorithm>
#include <cstdint>
#include <mutex>

namespace chokepoint::server {

class Admission {
 public:
  explicit Admission(int slots) : slots_(slots < 1 ? 1 : slots) {}

  // Holds a slot from Enter() until destroyed.
  class Ticket {
   public:
    explicit Ticket(Admission* a) : a_(a) {}
    Ticket(Ticket&& o) noexcept : a_(o.a_) { o.a_ = nullptr; }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (a_) a_->Leave();
    }

   private:
    Admission* a_;
  };
  Ticket Enter() {
    std::unique_lock lock(mu_);
    uint64_t mine = next_++;
    cv_.wait(lock, [&] { return mine < left_ + static_cast<uint64_t>(slots_); });
    return Ticket(this);
  }
  // Callers waiting for a slot (for tests and metrics).
  uint64_t waiting() {
    std::lock_guard lock(mu_);
    uint64_t admitted = std::min(next_, left_ + static_cast<uint64_t>(slots_));
    return next_ - admitted;
  }

 private:
  void Leave() {
    {
      std::lock_guard lock(mu_);
      ++left_;
    }
    cv_.notify_all();
  }
  const int slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 0;  // GUARDED_BY(mu_): tickets handed out
  uint64_t left_ = 0;  // GUARDED_BY(mu_): tickets returned
};

}  // namespace chokepoint::server
