// Internals shared by the Exchange's .cc files (exchange.cc: identity, peers, records and
// events created here; inbound.cc: envelopes and receipts from peers; outbox.cc: delivery;
// views.cc: what users read). Not part of the public surface.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "exchange/envelope.h"
#include "exchange/record.h"
#include "store/connection.h"
#include "util/status.h"

namespace chokepoint::exchange::internal {

// Every exchange write transaction takes this lock (store::Transaction::Lock): envelope
// sequence numbers, replay checks and outbox rows stay consistent across processes.
inline constexpr const char* kLock = "exchange";

// One stored event, in storing order.
struct EventRow {
  int64_t seq = 0;
  std::string envelope_id, type, by, track, at;
  Json event;
};

// Whether the JSON array of strings `arr` holds `s`.
bool Has(const Json& arr, const std::string& s);
// Per recipient: the events that move its copy ("track") of `record`.
std::map<std::string, std::vector<TrackEvent>> TrackEvents(const Json& record,
                                                           const std::vector<EventRow>& events);
// Which events moved some track: one that arrived after its track had moved on (events of
// different senders may cross) is kept but moves nothing.
std::vector<bool> AppliedEvents(const Json& record, const std::vector<EventRow>& events);

Result<std::vector<EventRow>> LoadEvents(store::Connection& db, const std::string& record_id);
// Recipient → (received_at, result) of the receipts of envelope `envelope_id`.
Result<std::map<std::string, std::pair<std::string, std::string>>> LoadReceipts(
    store::Connection& db, const std::string& envelope_id);

}  // namespace chokepoint::exchange::internal
