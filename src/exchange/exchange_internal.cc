#include "exchange/exchange_internal.h"

namespace chokepoint::exchange::internal {

bool Has(const Json& arr, const std::string& s) {
  for (const auto& v : arr)
    if (v.is_string() && v.get<std::string>() == s) return true;
  return false;
}

std::map<std::string, std::vector<TrackEvent>> TrackEvents(const Json& record,
                                                           const std::vector<EventRow>& events) {
  std::map<std::string, std::vector<TrackEvent>> out;
  std::string originator = record.value("originator", "");
  for (const auto& t : record.value("to", Json::array())) {
    std::string r = t.get<std::string>();
    auto& v = out[r];
    for (const auto& e : events) {
      if (e.by == r)
        v.push_back({e.type, Side::kRecipient});
      else if (e.by == originator && (e.track.empty() || e.track == r))
        v.push_back({e.type, Side::kOriginator});
    }
  }
  return out;
}

std::vector<bool> AppliedEvents(const Json& record, const std::vector<EventRow>& events) {
  std::vector<bool> out(events.size(), false);
  std::string kind = record.value("kind", ""), originator = record.value("originator", "");
  for (const auto& t : record.value("to", Json::array())) {
    std::string r = t.get<std::string>(), state = RawTrackState(kind, true, {});
    for (size_t i = 0; i < events.size(); ++i) {
      const EventRow& e = events[i];
      bool mine = e.by == r,
           from_originator = e.by == originator && (e.track.empty() || e.track == r);
      if (!mine && !from_originator) continue;
      if (auto n = Next(kind, state, e.type, mine ? Side::kRecipient : Side::kOriginator)) {
        state = *n;
        out[i] = true;
      }
    }
  }
  return out;
}

Result<std::vector<EventRow>> LoadEvents(store::Connection& db, const std::string& record_id) {
  std::vector<EventRow> out;
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db.PrepareCached(
          "SELECT seq, envelope_id, type, by_authority, track, at, event FROM exchange_events "
          "WHERE record_id = ? ORDER BY seq"));
  st->Bind(1, record_id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4).value_or(""), r.Text(5),
                   Json::parse(r.Text(6), nullptr, false)});
  }));
  return out;
}

Result<std::map<std::string, std::pair<std::string, std::string>>> LoadReceipts(
    store::Connection& db, const std::string& envelope_id) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db.PrepareCached(
          "SELECT recipient, received_at, result FROM exchange_receipts WHERE envelope_id = ?"));
  st->Bind(1, envelope_id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) {
    out[r.Text(0)] = {r.Text(1), r.Text(2)};
  }));
  return out;
}

}  // namespace chokepoint::exchange::internal
