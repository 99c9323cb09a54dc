#include "exchange/exchange.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "exchange/indicators.h"
#include "exchange/keys.h"
#include "exchange/schema.h"
#include "store/migrate.h"
#include "store/schema.h"

namespace chokepoint::exchange {

namespace {

constexpr const char* kLock = "exchange";

struct EventRow {
  int64_t seq = 0;
  std::string envelope_id, type, by, track, at;
  Json event;
};

bool Has(const Json& arr, const std::string& s) {
  for (const auto& v : arr)
    if (v.is_string() && v.get<std::string>() == s) return true;
  return false;
}

Inbound Reject(Inbound in, int status, std::string code, std::string detail) {
  in.status = status;
  in.code = std::move(code);
  in.detail = std::move(detail);
  return in;
}

double DefaultUniform() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// Per recipient: the events that move its copy of `record`.
std::map<std::string, std::vector<TrackEvent>> TrackEvents(const Json& record, const std::vector<EventRow>& events) {
  std::map<std::string, std::vector<TrackEvent>> out;
  std::string originator = record.value("originator", "");
  for (const auto& t : record.value("to", Json::array())) {
    std::string r = t.get<std::string>();
    auto& v = out[r];
    for (const auto& e : events) {
      if (e.by == r) v.push_back({e.type, Side::kRecipient});
      else if (e.by == originator && (e.track.empty() || e.track == r)) v.push_back({e.type, Side::kOriginator});
    }
  }
  return out;
}

// Which events moved some track: one that arrived after its track had moved on (events of
// different senders may cross) is kept but moves nothing.
std::vector<bool> AppliedEvents(const Json& record, const std::vector<EventRow>& events) {
  std::vector<bool> out(events.size(), false);
  std::string kind = record.value("kind", ""), originator = record.value("originator", "");
  for (const auto& t : record.value("to", Json::array())) {
    std::string r = t.get<std::string>(), state = RawTrackState(kind, true, {});
    for (size_t i = 0; i < events.size(); ++i) {
      const EventRow& e = events[i];
      bool mine = e.by == r, from_originator = e.by == originator && (e.track.empty() || e.track == r);
      if (!mine && !from_originator) continue;
      if (auto n = Next(kind, state, e.type, mine ? Side::kRecipient : Side::kOriginator)) {
        state = *n;
        out[i] = true;
      }
    }
  }
  return out;
}

}  // namespace

int64_t SystemClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t BackoffMs(int64_t attempts, double u, const RetryPolicy& p) {
  double wait = static_cast<double>(p.initial_ms);
  for (int64_t i = 1; i < attempts && wait < static_cast<double>(p.max_ms); ++i) wait *= 2;
  wait = std::min(wait, static_cast<double>(p.max_ms));
  wait *= 1.0 + p.jitter * (2.0 * u - 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(wait));
}

Result<std::unique_ptr<Exchange>> Exchange::Open(const std::string& db_target, Clock clock) {
  CP_ASSIGN_OR_RETURN(auto c, store::OpenDatabase(db_target));
  CP_RETURN_IF_ERROR(store::Migrate(*c, ExchangeSchema()));
  return std::make_unique<Exchange>(std::move(c), std::move(clock));
}

Result<NodeInfo> Exchange::NodeLocked(std::string* secret_key) {
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT authority, name, org_id, public_key, created_at, secret_key "
                                         "FROM exchange_node WHERE singleton = 'node'"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row)
    return Status::NotFound("this node has no exchange identity yet: run `chokepoint exchange init --authority CODE`",
                            "not_initialized");
  NodeInfo n{st->Text(0), st->Text(1), st->Int(2), st->Text(3), st->Text(4)};
  if (secret_key) {
    CP_ASSIGN_OR_RETURN(*secret_key, FromBase64(st->Text(5)));
  }
  return n;
}

Result<NodeInfo> Exchange::Node() {
  std::lock_guard lock(db_->mutex());
  return NodeLocked(nullptr);
}

Result<NodeInfo> Exchange::Init(const std::string& authority, const std::string& name, int64_t org_id) {
  if (!ValidAuthority(authority))
    return Status::InvalidArgument("--authority must be 2 to 32 of A-Z, 0-9, '-', '_', starting with a letter",
                                   "bad_authority");
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  auto existing = NodeLocked(nullptr);
  if (existing.ok())
    return Status::FailedPrecondition("this node is already " + existing->authority + " (public key " +
                                          existing->public_key + "); a node's identity is never replaced",
                                      "already_initialized");
  KeyPair k = NewKeyPair();
  NodeInfo n{authority, name.empty() ? authority : name, org_id, Base64(k.public_key), FormatTimestamp(clock_())};
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("INSERT INTO exchange_node (singleton, authority, name, org_id, public_key, "
                                   "secret_key, created_at) VALUES ('node', ?, ?, ?, ?, ?, ?)"));
  st.Bind(1, n.authority).Bind(2, n.name).Bind(3, n.org_id).Bind(4, n.public_key).Bind(5, Base64(k.secret_key)).Bind(6, n.created_at);
  CP_RETURN_IF_ERROR(st.Run());
  CP_RETURN_IF_ERROR(tx.Commit());
  return n;
}

Result<std::optional<Peer>> Exchange::PeerLocked(const std::string& authority) {
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT authority, name, url, public_key, added_at FROM exchange_peers "
                                         "WHERE authority = ?"));
  st->Bind(1, authority);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Peer>();
  return std::optional<Peer>(Peer{st->Text(0), st->Text(1), st->Text(2), st->Text(3), st->Text(4)});
}

Status Exchange::AddPeer(const Peer& p, bool replace_key) {
  if (!ValidAuthority(p.authority))
    return Status::InvalidArgument("--authority must be 2 to 32 of A-Z, 0-9, '-', '_', starting with a letter",
                                   "bad_authority");
  CP_RETURN_IF_ERROR(ParsePublicKey(p.public_key).status());
  if (p.url.rfind("http://", 0) != 0 && p.url.rfind("https://", 0) != 0)
    return Status::InvalidArgument("--url must start with http:// or https://", "bad_url");
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  if (p.authority == me.authority) return Status::InvalidArgument("a node is not its own peer", "bad_authority");
  CP_ASSIGN_OR_RETURN(auto old, PeerLocked(p.authority));
  if (old && old->public_key != p.public_key && !replace_key)
    return Status::FailedPrecondition("peer " + p.authority + " is known with another key (" + old->public_key +
                                          "); pass --replace-key to trust the new one",
                                      "key_mismatch");
  std::string url = p.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("INSERT INTO exchange_peers (authority, name, url, public_key, added_at) "
                                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (authority) DO UPDATE SET name = excluded.name, "
                                   "url = excluded.url, public_key = excluded.public_key"));
  st.Bind(1, p.authority).Bind(2, p.name.empty() ? p.authority : p.name).Bind(3, url).Bind(4, p.public_key).Bind(5, FormatTimestamp(clock_()));
  CP_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

Result<std::vector<Peer>> Exchange::Peers() {
  std::lock_guard lock(db_->mutex());
  std::vector<Peer> out;
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("SELECT authority, name, url, public_key, added_at FROM exchange_peers ORDER BY authority"));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  }));
  return out;
}

Result<int64_t> Exchange::NextSeqLocked() {
  CP_ASSIGN_OR_RETURN(store::StatementLease st, db_->PrepareCached("SELECT COALESCE(MAX(seq), 0) FROM exchange_envelopes"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  return (row ? st->Int(0) : 0) + 1;
}

Status Exchange::StoreEnvelopeLocked(const std::string& id, int64_t seq, const std::string& direction, const Message& m,
                                     const std::string& record_id, const Envelope& e, const std::string& sha) {
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("INSERT INTO exchange_envelopes (id, seq, direction, sender, recipients, type, "
                                         "record_id, sent_at, payload, signature, sha256, stored_at) "
                                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  st->Bind(1, id).Bind(2, seq).Bind(3, direction).Bind(4, m.from).Bind(5, Json(m.to).dump()).Bind(6, m.type);
  st->Bind(7, record_id).Bind(8, m.sent_at).Bind(9, e.payload).Bind(10, Base64(e.signature)).Bind(11, sha);
  st->Bind(12, FormatTimestamp(clock_()));
  return st->Run();
}

Result<Json> Exchange::RecordLocked(const std::string& id) {
  CP_ASSIGN_OR_RETURN(store::StatementLease st, db_->PrepareCached("SELECT record FROM exchange_records WHERE id = ?"));
  st->Bind(1, id);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("no exchange record '" + id + "'", "not_found");
  Json j = Json::parse(st->Text(0), nullptr, false);
  if (!j.is_object()) return Status::Corruption("stored record '" + id + "' is not JSON");
  return j;
}

namespace {

Result<std::vector<EventRow>> LoadEvents(store::Connection& db, const std::string& record_id) {
  std::vector<EventRow> out;
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db.PrepareCached("SELECT seq, envelope_id, type, by_authority, track, at, event FROM exchange_events "
                                       "WHERE record_id = ? ORDER BY seq"));
  st->Bind(1, record_id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4).value_or(""), r.Text(5),
                   Json::parse(r.Text(6), nullptr, false)});
  }));
  return out;
}

// recipient → receipt row of the record's own envelope.
Result<std::map<std::string, std::pair<std::string, std::string>>> LoadReceipts(store::Connection& db,
                                                                                const std::string& envelope_id) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db.PrepareCached("SELECT recipient, received_at, result FROM exchange_receipts WHERE envelope_id = ?"));
  st->Bind(1, envelope_id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) { out[r.Text(0)] = {r.Text(1), r.Text(2)}; }));
  return out;
}

}  // namespace

Result<Json> Exchange::ViewLocked(const std::string& id, bool confidential, bool with_timeline) {
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  CP_ASSIGN_OR_RETURN(Json record, RecordLocked(id));
  CP_ASSIGN_OR_RETURN(auto events, LoadEvents(*db_, id));
  std::string envelope_id;
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st, db_->PrepareCached("SELECT envelope_id FROM exchange_records WHERE id = ?"));
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
  if (!mine && states.contains(me.authority)) state = states[me.authority];
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
  timeline.push_back({{"at", record["created_at"]}, {"type", "created"}, {"by", originator}, {"envelope_id", envelope_id}});
  std::vector<bool> applied = AppliedEvents(record, events);
  for (size_t i = 0; i < events.size(); ++i) {
    const EventRow& e = events[i];
    Json t = {{"at", e.at}, {"type", e.type}, {"by", e.by}, {"envelope_id", e.envelope_id}, {"applied", bool(applied[i])}};
    if (!e.track.empty()) t["track"] = e.track;
    for (const char* f : {"note", "action", "outcome"})
      if (e.event.contains(f)) t[f] = e.event[f];
    timeline.push_back(t);
  }
  v["timeline"] = timeline;
  // Receipts of every envelope of this record, as the evidence of delivery.
  Json rs = Json::array();
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT r.envelope_id, r.recipient, r.received_at, r.result, r.payload, r.signature "
                                         "FROM exchange_receipts r JOIN exchange_envelopes e ON e.id = r.envelope_id "
                                         "WHERE e.record_id = ? ORDER BY e.seq, r.recipient"));
  st->Bind(1, id);
  CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) {
    rs.push_back({{"envelope_id", r.Text(0)}, {"recipient", r.Text(1)}, {"received_at", r.Text(2)},
                  {"result", r.Text(3)}, {"receipt", {{"payload", r.Text(4)}, {"signature", r.Text(5)}}}});
  }));
  v["receipts"] = rs;
  return v;
}

Result<Json> Exchange::Get(const std::string& id, bool confidential) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  return ViewLocked(id, confidential, true);
}

Result<Json> Exchange::Events(const std::string& id) {
  CP_ASSIGN_OR_RETURN(Json v, Get(id, false));
  return Json{{"id", id}, {"state", v["state"]}, {"states", v["states"]}, {"events", v["timeline"]}, {"receipts", v["receipts"]}};
}

Result<Json> Exchange::List(const std::string& box, const std::string& kind, bool confidential) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  std::vector<std::string> ids;
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st,
                        db_->PrepareCached("SELECT id FROM exchange_records WHERE (? = '' OR kind = ?) AND "
                                           "(? = '' OR (? = 'outbox') = (originator = ?)) ORDER BY seq DESC"));
    st->Bind(1, kind).Bind(2, kind).Bind(3, box).Bind(4, box).Bind(5, me.authority);
    CP_RETURN_IF_ERROR(st->ForEachRow([&](const store::Statement& r) { ids.push_back(r.Text(0)); }));
  }
  Json records = Json::array();
  for (const auto& id : ids) {
    CP_ASSIGN_OR_RETURN(Json v, ViewLocked(id, confidential, false));
    records.push_back(std::move(v));
  }
  return Json{{"node", me.authority}, {"box", box.empty() ? "all" : box}, {"records", records}, {"total", records.size()}};
}

Result<Json> Exchange::AllowedNow(const std::string& record_id) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  CP_ASSIGN_OR_RETURN(Json record, RecordLocked(record_id));
  CP_ASSIGN_OR_RETURN(auto events, LoadEvents(*db_, record_id));
  std::string kind = record["kind"];
  auto tracks = TrackEvents(record, events);
  bool mine = record.value("originator", "") == me.authority;
  std::set<std::string> allowed;
  Json states = Json::object();
  for (auto& [r, evs] : tracks) {
    if (!mine && r != me.authority) continue;
    std::string raw = RawTrackState(kind, true, evs);
    states[r] = raw;
    for (const auto& a : AllowedEvents(kind, raw, mine ? Side::kOriginator : Side::kRecipient)) allowed.insert(a);
  }
  return Json{{"states", states}, {"allowed", Json(std::vector<std::string>(allowed.begin(), allowed.end()))}};
}

Result<Json> Exchange::CreateRecord(RecordDraft draft, const Json& classification, const Json& screening) {
  CP_RETURN_IF_ERROR(ValidateDraft(&draft));
  std::string id;
  {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
    CP_RETURN_IF_ERROR(tx.Lock(kLock));
    std::string secret;
    CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(&secret));
    for (const auto& t : draft.to) {
      if (t == me.authority) return Status::InvalidArgument("to: a node does not address itself", "bad_record");
      CP_ASSIGN_OR_RETURN(auto peer, PeerLocked(t));
      if (!peer)
        return Status::InvalidArgument("to: no peer " + t + " (an operator adds it: chokepoint exchange peer add)",
                                       "unknown_peer");
    }
    int64_t now = clock_();
    std::string at = FormatTimestamp(now);
    id = me.authority + "-" + NewUlid(now);
    Json record;
    record["id"] = id;
    record["kind"] = draft.kind;
    record["originator"] = me.authority;
    record["to"] = draft.to;
    record["tlp"] = draft.tlp;
    record["handling"] = draft.handling;
    record["created_at"] = at;
    record["body"] = draft.body;
    record["confidential"] = draft.confidential;
    record["classification"] = classification.is_null() ? Json::array() : classification;
    record["screening"] = screening.is_null() ? Json::array() : screening;
    Message m;
    m.version = kProtocolVersion;
    m.id = me.authority + "-" + NewUlid(now);
    m.from = me.authority;
    m.to = draft.to;
    m.sent_at = at;
    m.type = "record";
    Json payload = {{"version", m.version}, {"id", m.id},     {"from", m.from},  {"to", m.to},
                    {"sent_at", m.sent_at}, {"type", m.type}, {"record", record}};
    Envelope e = SignPayload(payload.dump(), secret);
    CP_ASSIGN_OR_RETURN(int64_t seq, NextSeqLocked());
    CP_RETURN_IF_ERROR(StoreEnvelopeLocked(m.id, seq, "out", m, id, e, Sha256Hex(e.payload)));
    CP_ASSIGN_OR_RETURN(store::Statement rs,
                        db_->Prepare("INSERT INTO exchange_records (id, seq, kind, originator, tlp, created_at, "
                                     "envelope_id, record) VALUES (?,?,?,?,?,?,?,?)"));
    rs.Bind(1, id).Bind(2, seq).Bind(3, draft.kind).Bind(4, me.authority).Bind(5, draft.tlp).Bind(6, at).Bind(7, m.id).Bind(8, record.dump());
    CP_RETURN_IF_ERROR(rs.Run());
    for (const auto& t : draft.to) {
      CP_ASSIGN_OR_RETURN(store::StatementLease ob,
                          db_->PrepareCached("INSERT INTO exchange_outbox (envelope_id, peer, seq, state, attempts, "
                                             "next_attempt_ms) VALUES (?, ?, ?, 'pending', 0, ?)"));
      ob->Bind(1, m.id).Bind(2, t).Bind(3, seq).Bind(4, now);
      CP_RETURN_IF_ERROR(ob->Run());
    }
    CP_RETURN_IF_ERROR(tx.Commit());
  }
  return Get(id, true);
}

Result<Json> Exchange::AddEvent(const std::string& record_id, const EventDraft& draft) {
  CP_RETURN_IF_ERROR(ValidateEventDraft(draft));
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  std::string secret;
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(&secret));
  CP_ASSIGN_OR_RETURN(Json record, RecordLocked(record_id));
  CP_ASSIGN_OR_RETURN(auto events, LoadEvents(*db_, record_id));
  std::string kind = record["kind"];
  bool mine = record.value("originator", "") == me.authority;
  Side side = mine ? Side::kOriginator : Side::kRecipient;
  auto tracks = TrackEvents(record, events);
  std::vector<std::string> to;
  std::set<std::string> allowed;
  bool legal = false;
  if (!mine) {
    if (!draft.track.empty() && draft.track != me.authority)
      return Status::InvalidArgument("track: a recipient acts on its own copy only", "bad_event");
    std::string raw = RawTrackState(kind, true, tracks[me.authority]);
    legal = Next(kind, raw, draft.type, side).has_value();
    for (const auto& a : AllowedEvents(kind, raw, side)) allowed.insert(a);
    to = EventAudience(record, me.authority);
  } else {
    if (!draft.track.empty() && !tracks.count(draft.track))
      return Status::InvalidArgument("track: " + draft.track + " is not addressed by this record", "bad_event");
    for (auto& [r, evs] : tracks) {
      if (!draft.track.empty() && r != draft.track) continue;
      std::string raw = RawTrackState(kind, true, evs);
      if (Next(kind, raw, draft.type, side)) legal = true;
      for (const auto& a : AllowedEvents(kind, raw, side)) allowed.insert(a);
    }
    to = draft.track.empty() ? EventAudience(record, me.authority) : std::vector<std::string>{draft.track};
  }
  if (!legal) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return Status::FailedPrecondition("a " + draft.type + " event is not allowed in the record's state here (" +
                                          (mine ? "originator" : "recipient") + " of a " + kind +
                                          "); allowed next: " + (list.empty() ? "nothing" : list),
                                      "illegal_transition");
  }
  int64_t now = clock_();
  Message m;
  m.version = kProtocolVersion;
  m.id = me.authority + "-" + NewUlid(now);
  m.from = me.authority;
  m.to = to;
  m.sent_at = FormatTimestamp(now);
  m.type = "event";
  Json ev = EventJson(record_id, me.authority, draft);
  Json payload = {{"version", m.version}, {"id", m.id}, {"from", m.from}, {"to", m.to}, {"sent_at", m.sent_at},
                  {"type", m.type}, {"event", ev}};
  Envelope e = SignPayload(payload.dump(), secret);
  CP_ASSIGN_OR_RETURN(int64_t seq, NextSeqLocked());
  CP_RETURN_IF_ERROR(StoreEnvelopeLocked(m.id, seq, "out", m, record_id, e, Sha256Hex(e.payload)));
  CP_ASSIGN_OR_RETURN(store::StatementLease es,
                      db_->PrepareCached("INSERT INTO exchange_events (envelope_id, record_id, seq, type, by_authority, "
                                         "track, at, event) VALUES (?,?,?,?,?,?,?,?)"));
  es->Bind(1, m.id).Bind(2, record_id).Bind(3, seq).Bind(4, draft.type).Bind(5, me.authority);
  if (draft.track.empty()) es->BindNull(6);
  else es->Bind(6, draft.track);
  es->Bind(7, m.sent_at).Bind(8, ev.dump());
  CP_RETURN_IF_ERROR(es->Run());
  for (const auto& t : to) {
    CP_ASSIGN_OR_RETURN(store::StatementLease ob,
                        db_->PrepareCached("INSERT INTO exchange_outbox (envelope_id, peer, seq, state, attempts, "
                                           "next_attempt_ms) VALUES (?, ?, ?, 'pending', 0, ?)"));
    ob->Bind(1, m.id).Bind(2, t).Bind(3, seq).Bind(4, now);
    CP_RETURN_IF_ERROR(ob->Run());
  }
  CP_RETURN_IF_ERROR(tx.Commit());
  Json out = {{"envelope_id", m.id}, {"record_id", record_id}, {"at", m.sent_at}, {"to", to}};
  for (auto it = ev.begin(); it != ev.end(); ++it)
    if (it.key() != "record_id") out[it.key()] = it.value();
  return out;
}

Inbound Exchange::Accept(std::string_view body) {
  std::lock_guard lock(db_->mutex());
  return AcceptLocked(body);
}

Inbound Exchange::AcceptLocked(std::string_view body) {
  Inbound in;
  auto env = ParseEnvelope(body);
  if (!env.ok()) return Reject(in, 400, "malformed_envelope", env.status().message());
  auto msg = ParsePayload(env->payload);
  if (!msg.ok()) return Reject(in, 400, "bad_payload", msg.status().message());
  const Message& m = *msg;
  in.envelope_id = m.id;
  in.from = m.from;
  in.type = m.type;
  if (m.type == "receipt")
    return Reject(in, 400, "bad_payload",
                  "a receipt is the answer to a delivery, not a delivery (import it with `chokepoint exchange import`)");
  std::string secret;
  auto me = NodeLocked(&secret);
  if (!me.ok()) return Reject(in, 503, "not_initialized", "this node takes part in no exchange yet");
  auto peer = PeerLocked(m.from);
  if (!peer.ok()) return Reject(in, 500, "internal", peer.status().message());
  if (!*peer) return Reject(in, 403, "unknown_sender", "no peer " + m.from + " is registered on this node");
  auto key = ParsePublicKey((*peer)->public_key);
  if (!key.ok() || !Verify(env->payload, env->signature, *key))
    return Reject(in, 403, "bad_signature", "the signature does not verify with " + m.from + "'s registered key");
  if (std::find(m.to.begin(), m.to.end(), me->authority) == m.to.end())
    return Reject(in, 403, "not_addressed", "this node (" + me->authority + ") is not among the envelope's recipients");
  std::string sha = Sha256Hex(env->payload);

  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return Reject(in, 500, "internal", tx.status().message());
  if (Status s = tx->Lock(kLock); !s.ok()) return Reject(in, 500, "internal", s.message());
  auto fail = [&](const Status& s) { return Reject(in, 500, "internal", s.message()); };
  // A replay: the stored receipt, byte for byte.
  {
    auto st = db_->PrepareCached("SELECT sha256 FROM exchange_envelopes WHERE id = ?");
    if (!st.ok()) return fail(st.status());
    (*st)->Bind(1, m.id);
    auto row = (*st)->Step();
    if (!row.ok()) return fail(row.status());
    if (*row) {
      if ((*st)->Text(0) != sha)
        return Reject(in, 409, "envelope_conflict",
                      "envelope " + m.id + " was received before with different bytes; ids are never reused");
      auto rs = db_->PrepareCached("SELECT payload, signature FROM exchange_receipts WHERE envelope_id = ? AND recipient = ?");
      if (!rs.ok()) return fail(rs.status());
      (*rs)->Bind(1, m.id).Bind(2, me->authority);
      auto r = (*rs)->Step();
      if (!r.ok() || !*r) return fail(Status::Corruption("no receipt stored for envelope " + m.id));
      Json j;
      j["payload"] = (*rs)->Text(0);
      j["signature"] = (*rs)->Text(1);
      in.status = 200;
      in.code = "replayed";
      in.receipt = j.dump();
      return in;
    }
  }
  auto seq = NextSeqLocked();
  if (!seq.ok()) return fail(seq.status());
  if (m.type == "record") {
    const Json& record = m.content;
    if (Status s = ValidateRecord(record); !s.ok()) return Reject(in, 422, "bad_record", s.message());
    in.record_id = record["id"];
    if (record["originator"] != m.from)
      return Reject(in, 422, "bad_record", "a record travels only from its originator (" +
                                               record["originator"].get<std::string>() + ", not " + m.from + ")");
    std::set<std::string> a(m.to.begin(), m.to.end()), b;
    for (const auto& t : record["to"]) b.insert(t.get<std::string>());
    if (a != b) return Reject(in, 422, "bad_record", "the envelope's recipients must be the record's audience ('to')");
    auto existing = RecordLocked(in.record_id);
    if (existing.ok()) return Reject(in, 409, "envelope_conflict", "record " + in.record_id + " is already held here");
    if (Status s = StoreEnvelopeLocked(m.id, *seq, "in", m, in.record_id, *env, sha); !s.ok()) return fail(s);
    auto rs = db_->Prepare("INSERT INTO exchange_records (id, seq, kind, originator, tlp, created_at, envelope_id, record) "
                           "VALUES (?,?,?,?,?,?,?,?)");
    if (!rs.ok()) return fail(rs.status());
    rs->Bind(1, in.record_id).Bind(2, *seq).Bind(3, record["kind"].get<std::string>()).Bind(4, m.from);
    rs->Bind(5, record["tlp"].get<std::string>()).Bind(6, record["created_at"].get<std::string>()).Bind(7, m.id).Bind(8, record.dump());
    if (Status s = rs->Run(); !s.ok()) return fail(s);
  } else {
    const Json& ev = m.content;
    if (Status s = ValidateEvent(ev); !s.ok()) return Reject(in, 422, "bad_event", s.message());
    in.record_id = ev["record_id"];
    if (ev["by"] != m.from) return Reject(in, 422, "bad_event", "an event is signed by the authority it names in 'by'");
    auto record = RecordLocked(in.record_id);
    if (!record.ok())
      return Reject(in, 409, "unknown_record", "no record " + in.record_id + " here yet (its envelope travels first)");
    std::string originator = (*record)["originator"];
    bool from_originator = m.from == originator;
    if (!from_originator && !Has((*record)["to"], m.from))
      return Reject(in, 422, "bad_event", m.from + " is not party to record " + in.record_id);
    std::string kind = (*record)["kind"];
    std::string track = ev.value("track", "");
    Side side = from_originator ? Side::kOriginator : Side::kRecipient;
    if (!SideMaySend(kind, ev["type"], side))
      return Reject(in, 422, "bad_event", "a " + kind + "'s " + (from_originator ? "originator" : "recipient") +
                                              " never sends a " + ev["type"].get<std::string>() + " event");
    if (!track.empty() && (!from_originator || !Has((*record)["to"], track)))
      return Reject(in, 422, "bad_event", "'track' names a recipient of the record, on an originator's event only");
    // Not checked against the state held here: events of different senders may cross on the
    // wire (a recipient acknowledges while the originator closes), so a signed event that no
    // longer applies is still stored, as evidence, and simply moves no state (the record view
    // marks it "applied": false). Each sender checked its own event against what it held.
    if (Status s = StoreEnvelopeLocked(m.id, *seq, "in", m, in.record_id, *env, sha); !s.ok()) return fail(s);
    auto es = db_->Prepare("INSERT INTO exchange_events (envelope_id, record_id, seq, type, by_authority, track, at, event) "
                           "VALUES (?,?,?,?,?,?,?,?)");
    if (!es.ok()) return fail(es.status());
    es->Bind(1, m.id).Bind(2, in.record_id).Bind(3, *seq).Bind(4, ev["type"].get<std::string>()).Bind(5, m.from);
    if (track.empty()) es->BindNull(6);
    else es->Bind(6, track);
    es->Bind(7, m.sent_at).Bind(8, ev.dump());
    if (Status s = es->Run(); !s.ok()) return fail(s);
  }
  Receipt r{m.id, sha, me->authority, FormatTimestamp(clock_()), "accepted"};
  Envelope re = SignPayload(ReceiptPayload(m.from, r), secret);
  auto rs = db_->Prepare("INSERT INTO exchange_receipts (envelope_id, recipient, received_at, result, payload, signature) "
                         "VALUES (?,?,?,?,?,?)");
  if (!rs.ok()) return fail(rs.status());
  rs->Bind(1, m.id).Bind(2, me->authority).Bind(3, r.received_at).Bind(4, r.result).Bind(5, re.payload).Bind(6, Base64(re.signature));
  if (Status s = rs->Run(); !s.ok()) return fail(s);
  if (Status s = tx->Commit(); !s.ok()) return fail(s);
  in.status = 201;
  in.code = "accepted";
  in.receipt = EnvelopeText(re);
  return in;
}

Status Exchange::AcceptReceipt(std::string_view text, std::string* envelope_id) {
  std::lock_guard lock(db_->mutex());
  return AcceptReceiptLocked(text, envelope_id);
}

Status Exchange::AcceptReceiptLocked(std::string_view text, std::string* envelope_id) {
  CP_ASSIGN_OR_RETURN(Envelope e, ParseEnvelope(text));
  CP_ASSIGN_OR_RETURN(Message m, ParsePayload(e.payload));
  if (m.type != "receipt") return Status::InvalidArgument("not a receipt", "bad_receipt");
  Receipt r = ReceiptOf(m);
  if (envelope_id) *envelope_id = r.envelope_id;
  CP_ASSIGN_OR_RETURN(auto peer, PeerLocked(m.from));
  if (!peer) return Status::InvalidArgument("a receipt from " + m.from + ", who is no peer", "unknown_sender");
  CP_ASSIGN_OR_RETURN(std::string key, ParsePublicKey(peer->public_key));
  if (!Verify(e.payload, e.signature, key))
    return Status::InvalidArgument("the receipt's signature does not verify with " + m.from + "'s key", "bad_signature");
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  {
    CP_ASSIGN_OR_RETURN(store::StatementLease st,
                        db_->PrepareCached("SELECT sha256, recipients, direction FROM exchange_envelopes WHERE id = ?"));
    st->Bind(1, r.envelope_id);
    CP_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row || st->Text(2) != "out")
      return Status::InvalidArgument("a receipt for envelope " + r.envelope_id + ", which this node did not send", "bad_receipt");
    if (st->Text(0) != r.envelope_sha256)
      return Status::InvalidArgument("the receipt's envelope_sha256 is not that of the envelope sent", "bad_receipt");
    if (!Has(Json::parse(st->Text(1), nullptr, false), m.from))
      return Status::InvalidArgument(m.from + " was not a recipient of envelope " + r.envelope_id, "bad_receipt");
  }
  CP_ASSIGN_OR_RETURN(store::StatementLease ins,
                      db_->PrepareCached("INSERT INTO exchange_receipts (envelope_id, recipient, received_at, result, "
                                         "payload, signature) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING"));
  ins->Bind(1, r.envelope_id).Bind(2, m.from).Bind(3, r.received_at).Bind(4, r.result).Bind(5, e.payload).Bind(6, Base64(e.signature));
  CP_RETURN_IF_ERROR(ins->Run());
  CP_ASSIGN_OR_RETURN(store::StatementLease up,
                      db_->PrepareCached("UPDATE exchange_outbox SET state = 'delivered', delivered_at = ?, last_error = NULL "
                                         "WHERE envelope_id = ? AND peer = ? AND state <> 'delivered'"));
  up->Bind(1, FormatTimestamp(clock_())).Bind(2, r.envelope_id).Bind(3, m.from);
  CP_RETURN_IF_ERROR(up->Run());
  return tx.Commit();
}

Result<std::vector<OutboxRow>> Exchange::Outbox(const std::string& peer, bool all) {
  std::lock_guard lock(db_->mutex());
  std::vector<OutboxRow> out;
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("SELECT o.envelope_id, o.peer, e.type, e.record_id, e.sent_at, o.seq, o.state, "
                                   "o.attempts, o.next_attempt_ms, o.last_attempt_at, o.last_error, o.delivered_at "
                                   "FROM exchange_outbox o JOIN exchange_envelopes e ON e.id = o.envelope_id "
                                   "WHERE (? = '' OR o.peer = ?) AND (? = 1 OR o.state <> 'delivered') "
                                   "ORDER BY o.seq DESC, o.peer"));
  st.Bind(1, peer).Bind(2, peer).Bind(3, static_cast<int64_t>(all));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Int(7), r.Int(8),
                   r.OptText(9).value_or(""), r.OptText(10).value_or(""), r.OptText(11).value_or("")});
  }));
  return out;
}

Result<std::vector<std::string>> Exchange::Export(const std::string& peer, bool all) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(auto p, PeerLocked(peer));
  if (!p) return Status::NotFound("no peer " + peer, "unknown_peer");
  std::vector<std::string> out;
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("SELECT e.payload, e.signature FROM exchange_outbox o JOIN exchange_envelopes e "
                                   "ON e.id = o.envelope_id WHERE o.peer = ? AND (? = 1 OR o.state = 'pending') "
                                   "ORDER BY o.seq"));
  st.Bind(1, peer).Bind(2, static_cast<int64_t>(all));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    Json j;
    j["payload"] = r.Text(0);
    j["signature"] = r.Text(1);
    out.push_back(j.dump());
  }));
  return out;
}

Result<std::optional<int64_t>> Exchange::NextDue() {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT MIN(next_attempt_ms) FROM exchange_outbox WHERE state = 'pending'"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

Result<DeliveryStats> Exchange::DeliverDue(const PostFn& post, const RetryPolicy& policy, bool force, double (*uniform)()) {
  if (!uniform) uniform = DefaultUniform;
  struct Item {
    std::string envelope_id, peer, payload, signature;
    int64_t attempts, next_ms;
  };
  std::vector<Item> items;
  std::map<std::string, Peer> peers;
  {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_->Prepare("SELECT o.envelope_id, o.peer, e.payload, e.signature, o.attempts, o.next_attempt_ms "
                                     "FROM exchange_outbox o JOIN exchange_envelopes e ON e.id = o.envelope_id "
                                     "WHERE o.state = 'pending' ORDER BY o.peer, o.seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      items.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5)});
    }));
    for (const auto& it : items)
      if (!peers.count(it.peer)) {
        CP_ASSIGN_OR_RETURN(auto p, PeerLocked(it.peer));
        if (p) peers[it.peer] = *p;
      }
  }
  DeliveryStats stats;
  std::set<std::string> blocked;  // peers whose head envelope failed in this pass
  auto update = [&](const Item& it, const std::string& state, const std::string& error, int64_t next_ms) -> Status {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(store::StatementLease st,
                        db_->PrepareCached("UPDATE exchange_outbox SET state = ?, attempts = attempts + 1, "
                                           "next_attempt_ms = ?, last_attempt_at = ?, last_error = ? "
                                           "WHERE envelope_id = ? AND peer = ? AND state = 'pending'"));
    st->Bind(1, state).Bind(2, next_ms).Bind(3, FormatTimestamp(clock_())).Bind(4, error).Bind(5, it.envelope_id).Bind(6, it.peer);
    return st->Run();
  };
  for (const Item& it : items) {
    if (blocked.count(it.peer)) continue;
    if (!force && it.next_ms > clock_()) {
      blocked.insert(it.peer);
      continue;
    }
    auto p = peers.find(it.peer);
    if (p == peers.end()) {
      CP_RETURN_IF_ERROR(update(it, "pending", "peer " + it.peer + " is no longer registered", clock_() + policy.max_ms));
      blocked.insert(it.peer);
      continue;
    }
    Json body;
    body["payload"] = it.payload;
    body["signature"] = it.signature;
    auto answer = post(p->second.url + "/v1/exchange/inbound", body.dump());
    std::string error;
    bool permanent = false;
    if (!answer.ok()) {
      error = answer.status().message();
    } else if (answer->status == 200 || answer->status == 201) {
      std::string acked;
      Status s = AcceptReceipt(answer->body, &acked);
      if (s.ok() && acked == it.envelope_id) {
        ++stats.delivered;
        continue;
      }
      error = "the answer is no valid receipt: " + (s.ok() ? "it receipts another envelope" : s.message());
    } else {
      Json problem = Json::parse(answer->body, nullptr, false);
      std::string code = problem.is_object() ? problem.value("code", "") : "";
      error = "HTTP " + std::to_string(answer->status) + (code.empty() ? "" : " " + code) +
              (problem.is_object() && problem.contains("detail") ? ": " + problem.value("detail", "") : "");
      // A 4xx other than these is the recipient's final word on the envelope: retrying would
      // only repeat it. The envelope stays, marked rejected, for an operator to see.
      permanent = answer->status >= 400 && answer->status < 500 && answer->status != 408 && answer->status != 429 &&
                  code != "unknown_record" && code != "not_initialized";
    }
    if (permanent) {
      ++stats.rejected;
      CP_RETURN_IF_ERROR(update(it, "rejected", error, it.next_ms));
    } else {
      ++stats.retried;
      CP_RETURN_IF_ERROR(update(it, "pending", error, clock_() + BackoffMs(it.attempts + 1, uniform(), policy)));
      blocked.insert(it.peer);
    }
  }
  return stats;
}

Result<Json> Exchange::Indicators(const IndicatorQuery& q) {
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_, store::Transaction::Mode::kRead));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  IndicatorInput in;
  in.me = me.authority;
  in.now_ms = clock_();
  {
    CP_ASSIGN_OR_RETURN(store::Statement st, db_->Prepare("SELECT r.id, r.record, r.envelope_id FROM exchange_records r ORDER BY r.seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      IndicatorRecord rec;
      rec.record = Json::parse(r.Text(1), nullptr, false);
      rec.envelope_id = r.Text(2);
      in.records[r.Text(0)] = std::move(rec);
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_->Prepare("SELECT record_id, type, by_authority, track, at, event FROM exchange_events ORDER BY seq"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      auto it = in.records.find(r.Text(0));
      if (it == in.records.end()) return;
      it->second.events.push_back(
          {r.Text(1), r.Text(2), r.OptText(3).value_or(""), r.Text(4), Json::parse(r.Text(5), nullptr, false)});
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(store::Statement st,
                        db_->Prepare("SELECT e.id, r.recipient, r.received_at FROM exchange_receipts r JOIN "
                                     "exchange_records e ON e.envelope_id = r.envelope_id"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
      auto it = in.records.find(r.Text(0));
      if (it != in.records.end()) it->second.receipts[r.Text(1)] = r.Text(2);
    }));
  }
  {
    CP_ASSIGN_OR_RETURN(store::Statement st, db_->Prepare("SELECT authority FROM exchange_peers ORDER BY authority"));
    CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) { in.peers.push_back(r.Text(0)); }));
  }
  return ComputeIndicators(in, q);
}

}  // namespace chokepoint::exchange
