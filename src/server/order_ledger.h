// One organization's order decisions in the server.
//
// Decisions of one organization are made one after another, each against the whole history
// before it (orders::History), and stored in that order together with their audit entries.
// Requests that arrive while a batch is being written wait and go into the next batch: one
// transaction for all of them (group commit), so a transaction's fixed cost (locks, the commit
// and its pages) is paid once per batch instead of once per order.
//
// Each batch runs in a store::OrderStore transaction, which holds the organization's lock in
// the database and first syncs the history with what other writers (other `serve` nodes on
// PostgreSQL, a `chokepoint screen` batch) recorded: an order is decided once, wherever it
// arrives, and a stored decision is returned to whoever asks again.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

#include "access/audit_log.h"
#include "orders/history.h"
#include "orders/order_screener.h"
#include "store/connection.h"
#include "store/order_store.h"

namespace chokepoint::server {

class OrderLedger {
 public:
  // Opens its own connection to `db_target` (migrated already). `screener` outlives the ledger.
  static Result<std::unique_ptr<OrderLedger>> Open(const std::string& db_target,
                                                   const std::string& org,
                                                   const orders::OrderScreener* screener);

  struct Outcome {
    Status status;        //!< not ok: nothing of the batch was stored
    bool stored = false;  //!< decided earlier: the stored decision
    std::string
        record;  //!< the decision record as stored (orders::DecisionToJson, one JSON object)
    std::string decision;  //!< "clear", "review", "hold" or "block"
  };
  // Decides `prepared` (or finds its stored decision) and stores it with an audit entry
  // ("order.decide", or "order.read" for a stored one) made from `who` (org_id, actor, role,
  // source). `raw` is the order as received. Thread-safe; blocks until stored.
  Outcome Screen(const orders::Prepared& prepared, const std::string& raw,
                 const access::AuditEvent& who);

  static constexpr size_t kMaxBatch = 64;

 private:
  struct Job {
    const orders::Prepared* prepared;
    const std::string* raw;
    const access::AuditEvent* who;
    Outcome out;
    bool done = false;
  };
  OrderLedger(std::unique_ptr<store::Connection> db, std::string org,
              const orders::OrderScreener* screener)
      : db_(std::move(db)), org_(std::move(org)), screener_(screener) {}
  Status Reopen();
  // One transaction for `batch`; fills every job's outcome.
  void Write(const std::vector<Job*>& batch);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;  // GUARDED_BY(mu_)
  bool writing_ = false;    // GUARDED_BY(mu_): a batch is being written

  // Used only by the thread writing a batch.
  std::unique_ptr<store::Connection> db_;
  std::string org_;
  const orders::OrderScreener* screener_;
  std::unique_ptr<store::OrderStore> store_;
  orders::History history_;
  std::unordered_set<std::string> decided_;
};

}  // namespace chokepoint::server
