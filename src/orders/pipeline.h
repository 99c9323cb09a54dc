// The batch pipeline behind `chokepoint screen`: JSONL orders in, one decision per order out,
// in input order, with history and storage.
//
// Per chunk of input lines:
//   1. in parallel: parse each line and Prepare() it (classification and list screening,
//      cached per distinct substance and party; stateless rules);
//   2. in input order, on one thread: skip orders already decided (re-emitting the stored
//      decision), open a ledger transaction when none is open and Sync() the History with
//      what other writers stored, Decide() with the History, Record() the decision and its
//      history facts in the transaction, add the facts to the History;
//   3. every `commit_every` recorded orders (and at the end) commit, then emit the decisions
//      of the committed orders. An emitted decision is a committed one, so after a kill -9 a
//      re-run emits exactly what an uninterrupted run would have.
#pragma once

#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>

#include "orders/decision_json.h"
#include "orders/history.h"
#include "orders/order_screener.h"
#include "util/status.h"

namespace chokepoint::orders {

// What the pipeline needs from storage (store::OrderStore implements it). Called from one
// thread only. Other processes may record decisions of the same organization meanwhile:
// Begin() excludes them until Commit(), and Sync() inside the transaction shows what they
// recorded before.
class Ledger {
 public:
  virtual ~Ledger() = default;
  // Adds to `history` (when not null) the facts of every decision stored since the last
  // Sync (all of them on the first call), in recording order, and their ids to `decided`
  // (when not null).
  virtual Status Sync(History* history, std::unordered_set<std::string>* decided) = 0;
  // The stored decision output (JSON text) of a decided order.
  virtual Result<std::string> StoredOutput(const std::string& order_id) = 0;
  virtual Status Begin() = 0;
  // Stores the order, its decision (with `output`, the decision JSON) and its history facts
  // in the open transaction. `replaces`: the order has a stored decision (it is screened
  // again), which goes with its facts; otherwise a stored one is an error.
  virtual Status Record(const std::string& raw, const Order& order, const OrderFacts& facts,
                        const DecisionResult& decision, const std::string& policy_version,
                        const std::string& output, bool replaces) = 0;
  virtual Status Commit() = 0;
};

struct PipelineOptions {
  int threads = 0;            //!< 0: hardware concurrency
  size_t chunk = 512;         //!< lines prepared in parallel at a time
  size_t commit_every = 500;  //!< recorded orders per transaction
  bool rescreen = false;      //!< decide orders again even when already decided
  //! Called after every chunk: lines read so far, bytes read so far.
  std::function<void(size_t lines, size_t bytes)> progress;
};

struct PipelineStats {
  size_t orders = 0;   //!< decisions emitted (new and stored)
  size_t decided = 0;  //!< newly decided in this run
  size_t stored = 0;   //!< already decided: stored decision re-emitted
  size_t errors = 0;   //!< lines that are not valid orders
  size_t empty = 0;    //!< blank lines skipped
  std::map<std::string, size_t> by_decision;
  std::map<std::string, size_t> by_rule;  //!< orders each rule fired on (newly decided)
};

// Peeks at the "id" of a line that failed to parse as an order ("" when unreadable).
std::string PeekOrderId(std::string_view line);

// Runs the pipeline. `ledger` may be null (no storage, no idempotency); with a ledger,
// `history` is synced from it first (it may already hold what an earlier Sync returned). `emit`
// receives each output record (one JSON object, no newline) in input order. Fails only when storage
// fails; bad lines are records.
Result<PipelineStats> RunPipeline(std::istream& in, const OrderScreener& screener, History& history,
                                  Ledger* ledger, const PipelineOptions& options,
                                  const std::function<void(const std::string&)>& emit);

}  // namespace chokepoint::orders
