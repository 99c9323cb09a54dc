// JSON form of one screening decision: the `chokepoint screen` output contract
// (docs/orders.md "Output"). Field order is fixed; output is deterministic.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "orders/order_screener.h"
#include "util/json.h"
#include "util/status.h"

namespace chokepoint::orders {

Json ReasonToJson(const Reason& r);
// {"line","id","ok":true,"error":null,"decision","score","reasons","items","parties","notes"}
Json DecisionToJson(int line, const Prepared& p, const DecisionResult& d);
// The same record in two pieces, so the history-independent part (items, parties, notes:
// `EvaluationTail`, ",\"items\":[…],\"parties\":[…]}") is serialized in parallel and
// the sequential phase only serializes the head. DecisionRecord(...) equals
// DecisionToJson(...).dump() byte for byte.
std::string EvaluationTail(const Prepared& p);
std::string DecisionRecord(int line, const std::string& id, const DecisionResult& d,
                           const std::string& tail);
// {"line","id","ok":false,"error":{"code","message"},"decision":null,...} for a line that is
// not a valid order; `id` is null when it could not be read.
Json ErrorToJson(int line, const std::string& id, const Status& error);

}  // namespace chokepoint::orders
