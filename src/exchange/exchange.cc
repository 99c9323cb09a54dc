#include "exchange/exchange.h"

#include <chrono>
#include <set>

#include "exchange/exchange_internal.h"
#include "exchange/keys.h"
#include "exchange/schema.h"
#include "store/migrate.h"
#include "store/schema.h"

namespace chokepoint::exchange {

using namespace internal;

int64_t SystemClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::unique_ptr<Exchange>> Exchange::Open(const std::string& db_target, Clock clock) {
  CP_ASSIGN_OR_RETURN(auto c, store::OpenDatabase(db_target));
  CP_RETURN_IF_ERROR(store::Migrate(*c, ExchangeSchema()));
  return std::make_unique<Exchange>(std::move(c), std::move(clock));
}

Result<NodeInfo> Exchange::NodeLocked(std::string* secret_key) {
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db_->PrepareCached("SELECT authority, name, org_id, public_key, created_at, secret_key "
                         "FROM exchange_node WHERE singleton = 'node'"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row)
    return Status::NotFound(
        "this node has no exchange identity yet: run `chokepoint exchange init --authority CODE`",
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

Result<NodeInfo> Exchange::Init(const std::string& authority, const std::string& name,
                                int64_t org_id) {
  if (!ValidAuthority(authority))
    return Status::InvalidArgument(
        "--authority must be 2 to 32 of A-Z, 0-9, '-', '_', starting with a letter",
        "bad_authority");
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  auto existing = NodeLocked(nullptr);
  if (existing.ok())
    return Status::FailedPrecondition("this node is already " + existing->authority +
                                          " (public key " + existing->public_key +
                                          "); a node's identity is never replaced",
                                      "already_initialized");
  KeyPair k = NewKeyPair();
  NodeInfo n{authority, name.empty() ? authority : name, org_id, Base64(k.public_key),
             FormatTimestamp(clock_())};
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_->Prepare("INSERT INTO exchange_node (singleton, authority, name, org_id, public_key, "
                   "secret_key, created_at) VALUES ('node', ?, ?, ?, ?, ?, ?)"));
  st.Bind(1, n.authority)
      .Bind(2, n.name)
      .Bind(3, n.org_id)
      .Bind(4, n.public_key)
      .Bind(5, Base64(k.secret_key))
      .Bind(6, n.created_at);
  CP_RETURN_IF_ERROR(st.Run());
  CP_RETURN_IF_ERROR(tx.Commit());
  return n;
}

Result<std::optional<Peer>> Exchange::PeerLocked(const std::string& authority) {
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db_->PrepareCached("SELECT authority, name, url, public_key, added_at FROM exchange_peers "
                         "WHERE authority = ?"));
  st->Bind(1, authority);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Peer>();
  return std::optional<Peer>(Peer{st->Text(0), st->Text(1), st->Text(2), st->Text(3), st->Text(4)});
}

Status Exchange::AddPeer(const Peer& p, bool replace_key) {
  if (!ValidAuthority(p.authority))
    return Status::InvalidArgument(
        "--authority must be 2 to 32 of A-Z, 0-9, '-', '_', starting with a letter",
        "bad_authority");
  CP_RETURN_IF_ERROR(ParsePublicKey(p.public_key).status());
  if (p.url.rfind("http://", 0) != 0 && p.url.rfind("https://", 0) != 0)
    return Status::InvalidArgument("--url must start with http:// or https://", "bad_url");
  std::lock_guard lock(db_->mutex());
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(nullptr));
  if (p.authority == me.authority)
    return Status::InvalidArgument("a node is not its own peer", "bad_authority");
  CP_ASSIGN_OR_RETURN(auto old, PeerLocked(p.authority));
  if (old && old->public_key != p.public_key && !replace_key)
    return Status::FailedPrecondition("peer " + p.authority + " is known with another key (" +
                                          old->public_key +
                                          "); pass --replace-key to trust the new one",
                                      "key_mismatch");
  std::string url = p.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  CP_ASSIGN_OR_RETURN(
      store::Statement st,
      db_->Prepare(
          "INSERT INTO exchange_peers (authority, name, url, public_key, added_at) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (authority) DO UPDATE SET name = excluded.name, "
          "url = excluded.url, public_key = excluded.public_key"));
  st.Bind(1, p.authority)
      .Bind(2, p.name.empty() ? p.authority : p.name)
      .Bind(3, url)
      .Bind(4, p.public_key)
      .Bind(5, FormatTimestamp(clock_()));
  CP_RETURN_IF_ERROR(st.Run());
  return tx.Commit();
}

Result<std::vector<Peer>> Exchange::Peers() {
  std::lock_guard lock(db_->mutex());
  std::vector<Peer> out;
  CP_ASSIGN_OR_RETURN(store::Statement st,
                      db_->Prepare("SELECT authority, name, url, public_key, added_at FROM "
                                   "exchange_peers ORDER BY authority"));
  CP_RETURN_IF_ERROR(st.ForEachRow([&](const store::Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  }));
  return out;
}

Result<int64_t> Exchange::NextSeqLocked() {
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT COALESCE(MAX(seq), 0) FROM exchange_envelopes"));
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  return (row ? st->Int(0) : 0) + 1;
}

Status Exchange::StoreEnvelopeLocked(const std::string& id, int64_t seq,
                                     const std::string& direction, const Message& m,
                                     const std::string& record_id, const Envelope& e,
                                     const std::string& sha) {
  CP_ASSIGN_OR_RETURN(
      store::StatementLease st,
      db_->PrepareCached(
          "INSERT INTO exchange_envelopes (id, seq, direction, sender, recipients, type, "
          "record_id, sent_at, payload, signature, sha256, stored_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  st->Bind(1, id)
      .Bind(2, seq)
      .Bind(3, direction)
      .Bind(4, m.from)
      .Bind(5, Json(m.to).dump())
      .Bind(6, m.type);
  st->Bind(7, record_id)
      .Bind(8, m.sent_at)
      .Bind(9, e.payload)
      .Bind(10, Base64(e.signature))
      .Bind(11, sha);
  st->Bind(12, FormatTimestamp(clock_()));
  return st->Run();
}

Result<Json> Exchange::RecordLocked(const std::string& id) {
  CP_ASSIGN_OR_RETURN(store::StatementLease st,
                      db_->PrepareCached("SELECT record FROM exchange_records WHERE id = ?"));
  st->Bind(1, id);
  CP_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("no exchange record '" + id + "'", "not_found");
  Json j = Json::parse(st->Text(0), nullptr, false);
  if (!j.is_object()) return Status::Corruption("stored record '" + id + "' is not JSON");
  return j;
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
    for (const auto& a : AllowedEvents(kind, raw, mine ? Side::kOriginator : Side::kRecipient))
      allowed.insert(a);
  }
  return Json{{"states", states},
              {"allowed", Json(std::vector<std::string>(allowed.begin(), allowed.end()))}};
}

Result<Json> Exchange::CreateRecord(RecordDraft draft, const Json& classification,
                                    const Json& screening) {
  CP_RETURN_IF_ERROR(ValidateDraft(&draft));
  std::string id;
  {
    std::lock_guard lock(db_->mutex());
    CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
    CP_RETURN_IF_ERROR(tx.Lock(kLock));
    std::string secret;
    CP_ASSIGN_OR_RETURN(NodeInfo me, NodeLocked(&secret));
    for (const auto& t : draft.to) {
      if (t == me.authority)
        return Status::InvalidArgument("to: a node does not address itself", "bad_record");
      CP_ASSIGN_OR_RETURN(auto peer, PeerLocked(t));
      if (!peer)
        return Status::InvalidArgument(
            "to: no peer " + t + " (an operator adds it: chokepoint exchange peer add)",
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
    CP_ASSIGN_OR_RETURN(
        store::Statement rs,
        db_->Prepare("INSERT INTO exchange_records (id, seq, kind, originator, tlp, created_at, "
                     "envelope_id, record) VALUES (?,?,?,?,?,?,?,?)"));
    rs.Bind(1, id)
        .Bind(2, seq)
        .Bind(3, draft.kind)
        .Bind(4, me.authority)
        .Bind(5, draft.tlp)
        .Bind(6, at)
        .Bind(7, m.id)
        .Bind(8, record.dump());
    CP_RETURN_IF_ERROR(rs.Run());
    for (const auto& t : draft.to) {
      CP_ASSIGN_OR_RETURN(
          store::StatementLease ob,
          db_->PrepareCached(
              "INSERT INTO exchange_outbox (envelope_id, peer, seq, state, attempts, "
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
      return Status::InvalidArgument("track: " + draft.track + " is not addressed by this record",
                                     "bad_event");
    for (auto& [r, evs] : tracks) {
      if (!draft.track.empty() && r != draft.track) continue;
      std::string raw = RawTrackState(kind, true, evs);
      if (Next(kind, raw, draft.type, side)) legal = true;
      for (const auto& a : AllowedEvents(kind, raw, side)) allowed.insert(a);
    }
    to = draft.track.empty() ? EventAudience(record, me.authority)
                             : std::vector<std::string>{draft.track};
  }
  if (!legal) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return Status::FailedPrecondition("a " + draft.type +
                                          " event is not allowed in the record's state here (" +
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
  Json payload = {{"version", m.version}, {"id", m.id},     {"from", m.from}, {"to", m.to},
                  {"sent_at", m.sent_at}, {"type", m.type}, {"event", ev}};
  Envelope e = SignPayload(payload.dump(), secret);
  CP_ASSIGN_OR_RETURN(int64_t seq, NextSeqLocked());
  CP_RETURN_IF_ERROR(StoreEnvelopeLocked(m.id, seq, "out", m, record_id, e, Sha256Hex(e.payload)));
  CP_ASSIGN_OR_RETURN(
      store::StatementLease es,
      db_->PrepareCached(
          "INSERT INTO exchange_events (envelope_id, record_id, seq, type, by_authority, "
          "track, at, event) VALUES (?,?,?,?,?,?,?,?)"));
  es->Bind(1, m.id).Bind(2, record_id).Bind(3, seq).Bind(4, draft.type).Bind(5, me.authority);
  if (draft.track.empty())
    es->BindNull(6);
  else
    es->Bind(6, draft.track);
  es->Bind(7, m.sent_at).Bind(8, ev.dump());
  CP_RETURN_IF_ERROR(es->Run());
  for (const auto& t : to) {
    CP_ASSIGN_OR_RETURN(
        store::StatementLease ob,
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

}  // namespace chokepoint::exchange
