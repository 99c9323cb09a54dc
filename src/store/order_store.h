// Orders, decisions, parties, customer statistics and history facts in the SQLite store.
//
// Implements orders::Ledger for the screening pipeline: each order's row, its decision and
// its history facts are written in the same transaction, so a committed decision always has
// the history it added, and an uncommitted one left nothing behind.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "orders/pipeline.h"
#include "store/db.h"

namespace chokepoint::store {

struct StoredOrder {
  std::string id;
  std::string date;
  std::string raw;         //!< the order as received
  std::string decision;
  double score = 0;
  std::string policy;
  std::string output;      //!< the decision record as emitted
  std::string decided_at;  //!< UTC, "YYYY-MM-DDTHH:MM:SSZ"
};

class OrderStore : public orders::Ledger {
 public:
  // REQUIRES: `db` migrated (OpenStore) and outliving the store.
  static Result<std::unique_ptr<OrderStore>> Create(Database* db, std::string org = "default");

  Status LoadDecidedIds(std::unordered_set<std::string>* ids) override;
  Status LoadHistory(orders::History* history) override;
  Result<std::string> StoredOutput(const std::string& order_id) override;
  Status Begin() override;
  Status Record(const std::string& raw, const orders::Order& order, const orders::OrderFacts& facts,
                const orders::DecisionResult& decision, const std::string& policy_version,
                const std::string& output) override;
  Status Commit() override;

  // NotFound when the order is not stored.
  Result<StoredOrder> Get(const std::string& order_id);
  Result<int64_t> CountDecisions();

 private:
  OrderStore(Database* db, std::string org) : db_(db), org_(std::move(org)) {}
  Status PrepareAll();

  Database* db_;
  std::string org_;
  int64_t next_seq_ = 1;
  Statement exists_, del_order_, ins_order_, ins_decision_, ins_facts_, ins_line_, ins_contact_, up_party_,
      up_customer_, get_output_;
};

}  // namespace chokepoint::store
