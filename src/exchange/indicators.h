// Responsiveness indicators between this node and each partner, computed only from what is
// signed: records (created_at), events (each signed sent_at) and receipts (received_at).
// docs/exchange.md defines every figure; tests/exchange/indicators_test.cc pins them against
// hand-computed fixtures.
//
//  "sent" figures: records this node originated and addressed to the partner, and how the
//  partner answered them. "received" figures: records the partner addressed to this node, and
//  how this node answered them. Per record the responder's own track counts (its events).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "exchange/envelope.h"
#include "exchange/exchange.h"

namespace chokepoint::exchange {

struct IndicatorEvent {
  std::string type, by, track, at;
  Json event;
};
struct IndicatorRecord {
  Json record;  //!< the signed record object
  std::string envelope_id;
  std::vector<IndicatorEvent> events;  //!< in storing order
  std::map<std::string, std::string>
      receipts;  //!< recipient → received_at of the record's envelope
};
struct IndicatorInput {
  std::string me;
  int64_t now_ms = 0;
  std::vector<std::string> peers;
  std::map<std::string, IndicatorRecord> records;
};

// {"node","as_of","from","to","partners":[{"partner","sent","received","reciprocity","quarters":[…]}]}
Json ComputeIndicators(const IndicatorInput& in, const IndicatorQuery& q);
// The same figures, one CSV row per partner × period ("all", "2026-Q4" …) × direction.
std::string IndicatorsCsv(const Json& indicators);

}  // namespace chokepoint::exchange
