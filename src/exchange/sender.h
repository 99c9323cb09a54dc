// The outbox sender: a thread that delivers pending envelopes over HTTP with exponential
// backoff and jitter (RetryPolicy), run by `chokepoint serve`. Its state is the outbox table,
// so a restarted server picks up exactly where the last one stopped; the recipient's
// idempotent inbound route makes a delivery that is retried after a lost answer harmless.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "exchange/exchange.h"

namespace chokepoint::exchange {

// POSTs with cpp-httplib (http:// and https://), application/json, `timeout_s` to connect
// and to read.
PostFn HttpPost(int timeout_s = 10);

class Sender {
 public:
  struct Options {
    RetryPolicy retry;
    // Longest wait between looks at the outbox: envelopes queued by another process (another
    // node on the same PostgreSQL database) are picked up within it. This process's own
    // records wake the sender at once (Wake()).
    int64_t poll_ms = 1000;
  };
  // Takes its own Exchange (its own connection), so deliveries never hold the API's.
  Sender(std::unique_ptr<Exchange> exchange, Options options, PostFn post = HttpPost());
  ~Sender();  // Stop()s
  void Start();
  // Asks the thread to end (safe from a signal handler: sets a flag only; the thread notices
  // within poll_ms). Stop() also waits for it.
  void RequestStop() { stop_ = true; }
  void Stop();
  // Something was queued: look now.
  void Wake();

 private:
  void Run();
  std::unique_ptr<Exchange> ex_;
  Options options_;
  PostFn post_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  bool woken_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace chokepoint::exchange
