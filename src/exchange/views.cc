#include <set>

#include "exchange/exchange.h"
#include "exchange/exchange_internal.h"
#include "exchange/indicators.h"

namespace chokepoint::exchange {

using namespace internal;

Result<Json> Exchange::ViewLocked(const std::string& id, bool confidential, bool with_timeline) {
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  CP_ASSIGN_OR_RETURN(Json record, RecordLocked(id));
  CP_ASSIGN_OR_RETURN(auto events, LoadEvents(*db_, id));
  std::string envelope_id;
  {
    CP_ASSIGN_OR_RETURN(
        store::StatementLease st,
        db_->PrepareCached("SELECT envelope_id FROM exchange_records WHERE id = ?"));
    st->Bind(1, id);
    CP_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) envelope_id = st->Text(0);
  }
  CP_ASSIGN_OR_RETURN(auto receipts, LoadReceipts(*db_, envelope_id));
  std::string originator = record.value("originator", "");
  bool mine = originator == me.authority;
  auto tracks = TrackEvents(record, events);
  Json states = Json::object();
  int64_t now = clock_();
  for (auto& [r, evs] : tracks) {
    if (!mine && r != me.authority && record.value("kind", "") != "incident") continue;
    bool delivered = !mine || receipts.count(r);
    states[r] = TrackState(record, delivered, evs, now);
  }
  std::string state;
  if (!mine && states.contains(me.authority))
    state = states[me.authority];
  else {
    std::set<std::string> distinct;
    for (const auto& [r, s] : states.items()) distinct.insert(s.get<std::string>());
    state = distinct.size() == 1 ? *distinct.begin() : "mixed";
  }
  Json shown = confidential ? record : Redacted(record);
  Json v;
  v["id"] = id;
  v["kind"] = record["kind"];
  v["box"] = mine ? "outbox" : "inbox";
  v["originator"] = originator;
  v["to"] = record["to"];
  v["tlp"] = record["tlp"];
  v["handling"] = record["handling"];
  v["created_at"] = record["created_at"];
  v["state"] = state;
  v["states"] = states;
  v["summary"] = Summary(record["kind"], shown["body"]);
  if (auto d = ReplyDeadlineMs(record)) v["reply_deadline"] = FormatTimestamp(*d);
  if (!with_timeline) return v;
  v["body"] = shown["body"];
  v["confidential"] = record.value("confidential", Json::array());
  v["withheld"] = !confidential && !v["confidential"].empty();
  v["classification"] = record.value("classification", Json::array());
  v["screening"] = record.value("screening", Json::array());
  Json timeline = Json::array();
  timeline.push_back({{"at", record["created_at"]},
                      {"type", "created"},
                      {"by", originator},
                      {"envelope_id", envelope_id}});
  std::vector<bool> applied = AppliedEvents(record, events);
  for (size_t i = 0; i < events.size(); ++i) {
    const EventRow& e = events[i];
    Json t = {{"at", e.at},
              {"type", e.type},
              {"by", e.by},
              {"envelope_id", e.envelope_id},
              {"applied", bool(applied[i])}};
    if (!e.track.empty()) t["track"] = e.track;
    for (const char* f : {"note", "action", "outcome"})
      if (e.event.contains(f)) t[f] = e.event[f];
    timeline.push_back(t);
  }
  v["timeline"] = timeline;
  // Receipts of every envelope of this record, as the evidence of delivery.
  Json rs = Json::array();
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db_->PrepareCached(
          "SELECT r.envelope_id, r.recipient, r.received_at, r.result, r.payload, r.signature "
          "FROM exchange_receipts r JOIN exchange_envelopes e ON e.id = r.envelope_id "
          "WHERE e.record_id = ? ORDER BY e.seq, r.recipient"));
  st->Bind(1, id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) {
    rs.push_back({{"envelope_id", r.Text(0)},
                  {"recipient", r.Text(1)},
                  {"received_at", r.Text(2)},
                  {"result", r.Text(3)},
                  {"receipt", {{"payload", r.Text(4)}, {"signature", r.Text(5)}}}});
  }));
  v["receipts"] = rs;
  return v;
}

Result<Json> Exchange::Get(const std::string& id, bool confidential) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx,
                      store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  return ViewLocked(id, confidential, true);
}

Result<Json> Exchange::Events(const std::string& id) {
  CP_ASSIGN_OR_RETURN(Json v, Get(id, false));
  return Json{{"id", id},
              {"state", v["state"]},
              {"states", v["states"]},
              {"events", v["timeline"]},
              {"receipts", v["receipts"]}};
}

Result<Json> Exchange::List(const std::string& box, const std::string& kind, bool confidential,
                            int limit, int offset) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx,
                      store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  const char* where =
      " FROM exchange_records WHERE (? = '' OR kind = ?) AND (? = '' OR (? = 'outbox') = "
      "(originator = ?))";
  auto bind = [&](store::Statement& st) {
    st.Bind(1, kind).Bind(2, kind).Bind(3, box).Bind(4, box).Bind(5, me.authority);
  };
  int64_t total = 0;
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st,
                        db_->PrepareCached(std::string("SELECT COUNT(*)") + where));
    bind(*st);
    CP_ASSIGN_OR_RETURN(bool row, st->Step());
    total = row ? st->Int(0) : 0;
  }
  std::vector<std::string> ids;
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st,
                        db_->PrepareCached(std::string("SELECT id") + where +
                                           " ORDER BY seq DESC LIMIT ? OFFSET ?"));
    bind(*st);
    st->Bind(6, static_cast<int64_t>(limit)).Bind(7, static_cast<int64_t>(offset));
    CP_RETURN_IF_ERROR(
        st->ForEachRow([&](const store::Statement& r) { ids.push_back(r.Text(0)); }));
  }
  Json records = Json::array();
  for (const auto& id : ids) {
    CP_ASSIGN_OR_RETURN(Json v, ViewLocked(id, confidential, false));
    records.push_back(std::move(v));
  }
  return Json{{"node", me.authority}, {"box", box.empty() ? "all" : box},
              {"records", records},   {"total", total},
              {"limit", limit},       {"offset", offset}};
}

Result<Json> Exchange::Indicators(const IndicatorQuery& q) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx,
                      store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  IndicatorInput in;
  in.me = me.authority;
  in.now_ms = clock_();
  {
    CP_ASSIGN_OR_RETURN(
        store::Statement st,
        db_->Prepare(
            "SELECT r.id, r.record, r.envelope_id FROM exchange_records r ORDER BY r.seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      IndicatorRecord rec;
      rec.record = Json::parse(r.Text(1), nullptr, false);
      rec.envelope_id = r.Text(2);
      in.records[r.Text(0)] = std::move(rec);
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_->Prepare("SELECT record_id, type, by_authority, track, at, event FROM "
                                     "exchange_events ORDER BY seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      auto it = in.records.find(r.Text(0));
      if (it == in.records.end()) return;
      it->second.events.push_back({r.Text(1), r.Text(2), r.OptText(3).value_or(""), r.Text(4),
                                   Json::parse(r.Text(5), nullptr, false)});
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(
        store::Statement st,
        db_->Prepare("SELECT e.id, r.recipient, r.received_at FROM exchange_receipts r JOIN "
                     "exchange_records e ON e.envelope_id = r.envelope_id"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      auto it = in.records.find(r.Text(0));
      if (it != in.records.end()) it->second.receipts[r.Text(1)] = r.Text(2);
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_->Prepare("SELECT authority FROM exchange_peers ORDER BY authority"));
    CP_RETURN_IF_ERROR(
        st.ForEachRow([&](const store::Statement& r) { in.peers.push_back(r.Text(0)); }));
  }
  return ComputeIndicators(in, q);
}

}  // namespace chokepoint::exchange
