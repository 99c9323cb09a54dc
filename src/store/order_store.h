// Orders, decisions, parties, customer statistics and history facts in the store.
//
// Implements orders::Ledger for the screening pipeline and the server: each order's row, its
// decision and its history facts are written in the same transaction, so a committed decision
// always has the history it added, and an uncommitted one left nothing behind.
//
// Several writers (a `screen` batch and `serve`, or several `serve` nodes on PostgreSQL) may
// record decisions of one organization: Begin() takes the organization's lock, and Sync()
// then brings the caller's History up to date with what the others recorded, so every
// decision is made against the whole history and an order decided elsewhere is not decided
// again.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "orders/pipeline.h"
#include "store/connection.h"

namespace chokepoint::store {

struct StoredOrder {
  std::string id;
  std::string date;
  std::string raw;  //!< the order as received
  std::string decision;
  double score = 0;
  std::string policy;
  std::string output;      //!< the decision record as emitted
  std::string decided_at;  //!< UTC, "YYYY-MM-DDTHH:MM:SSZ"
};

class OrderStore : public orders::Ledger {
 public:
  // REQUIRES: `db` migrated (OpenDatabase), outliving the store, used by one thread at a time.
  static Result<std::unique_ptr<OrderStore>> Create(Connection* db, std::string org = "default");

  Status Sync(orders::History* history, std::unordered_set<std::string>* decided) override;
  Result<std::string> StoredOutput(const std::string& order_id) override;
  // A write transaction holding the organization's lock ("orders:<org>").
  Status Begin() override;
  // Facts recorded here are the caller's to add to its History (Sync does not return them).
  Status Record(const std::string& raw, const orders::Order& order, const orders::OrderFacts& facts,
                const orders::DecisionResult& decision, const std::string& policy_version,
                const std::string& output, bool replaces) override;
  Status Commit() override;
  // Abandons the open transaction (nothing of it is kept).
  void Rollback() { tx_.reset(); }
  // The open transaction, for statements of other modules that must commit with the
  // decisions (the server's audit entries). REQUIRES: Begin() succeeded.
  Transaction& transaction() { return *tx_; }

  // Every stored decision's history facts, in recording order (Sync from the start).
  Status LoadHistory(orders::History* history) { return Sync(history, nullptr); }
  // NotFound when the order is not stored.
  Result<StoredOrder> Get(const std::string& order_id);
  Result<int64_t> CountDecisions();

 private:
  OrderStore(Connection* db, std::string org) : db_(db), org_(std::move(org)) {}

  Connection* db_;
  std::string org_;
  std::optional<Transaction> tx_;
  int64_t next_seq_ = 1;    // valid inside a transaction (Begin reads it under the lock)
  int64_t synced_seq_ = 0;  // every fact up to this seq has been returned by Sync or recorded here
};

}  // namespace chokepoint::store
