// Order screening: items through the classify engine, parties through the party checker,
// then the red-flag rules and the decision policy.
//
// Two phases, so that decisions never depend on thread scheduling:
//   Prepare()  thread-safe, the expensive part (classification and list screening, both
//              cached per distinct substance/party) plus every rule that needs no history;
//   Decide()   the history rules and the policy; the caller runs it in input order and then
//              adds the order's facts to the History (pipeline.h does both).
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "classify/engine.h"
#include "orders/evaluation.h"
#include "orders/history.h"
#include "orders/item_check.h"
#include "orders/order.h"
#include "orders/party_check.h"
#include "orders/policy.h"
#include "orders/rule.h"

namespace chokepoint::orders {

struct ScreenOptions {
  std::optional<Date> at;  //!< read the law as of this date; default: each order's own date
};

struct Prepared {
  Order order;
  Evaluation eval;
  std::vector<Reason> reasons;  //!< from the rules without history
  int day = 0;
};

struct Screened {
  DecisionResult result;
  OrderFacts facts;  //!< to add to the History once the decision is stored
};

class OrderScreener {
 public:
  // `parties` may be null: parties are then not screened and every evaluation says so.
  OrderScreener(std::shared_ptr<const classify::Engine> engine,
                std::shared_ptr<const PartyChecker> parties, Policy policy,
                ScreenOptions options = {});

  Prepared Prepare(Order order) const;
  Screened Decide(const Prepared& p, const History& history) const;

  const Policy& policy() const { return policy_; }
  const ItemChecker& items() const { return items_; }
  const PartyChecker* parties() const { return parties_.get(); }

 private:
  PartyCheckResult CheckParty(const Party& p) const;

  ItemChecker items_;
  std::shared_ptr<const PartyChecker> parties_;
  Policy policy_;
  ScreenOptions options_;
  std::vector<const Rule*> stateless_, historic_;
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, PartyCheckResult> party_cache_;  // GUARDED_BY(mu_)
};

}  // namespace chokepoint::orders
