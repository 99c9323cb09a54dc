#include <algorithm>
#include <set>

#include "exchange/exchange.h"
#include "exchange/exchange_internal.h"
#include "exchange/keys.h"

namespace chokepoint::exchange {

using namespace internal;

namespace {

Inbound Reject(Inbound in, int status, std::string code, std::string detail) {
  in.status = status;
  in.code = std::move(code);
  in.detail = std::move(detail);
  return in;
}

}  // namespace

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
                  "a receipt is the answer to a delivery, not a delivery (import it with "
                  "`chokepoint exchange import`)");
  std::string secret;
  auto me = NodeLocked(&secret);
  if (!me.ok())
    return Reject(in, 503, "not_initialized", "this node takes part in no exchange yet");
  auto peer = PeerLocked(m.from);
  if (!peer.ok()) return Reject(in, 500, "internal", peer.status().message());
  if (!*peer)
    return Reject(in, 403, "unknown_sender", "no peer " + m.from + " is registered on this node");
  auto key = ParsePublicKey((*peer)->public_key);
  if (!key.ok() || !Verify(env->payload, env->signature, *key))
    return Reject(in, 403, "bad_signature",
                  "the signature does not verify with " + m.from + "'s registered key");
  if (std::find(m.to.begin(), m.to.end(), me->authority) == m.to.end())
    return Reject(in, 403, "not_addressed",
                  "this node (" + me->authority + ") is not among the envelope's recipients");
  std::string sha = Sha256Hex(env->payload);

  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return Reject(in, 500, "internal", tx.status().message());
  if (Status s = tx->Lock(kLock); !s.ok()) return Reject(in, 500, "internal", s.message());
  auto fail = [&](const Status& s) { return Reject(in, 500, "internal", s.message()); };
  // A replay: the stored receipt, byte for byte.
  if (Inbound replayed = ReplayLocked(in, m.id, sha, me->authority); replayed.status != 0)
    return replayed;
  auto seq = NextSeqLocked();
  if (!seq.ok()) return fail(seq.status());
  Inbound stored = m.type == "record" ? StoreRecordLocked(in, m, *env, sha, *seq)
                                      : StoreEventLocked(in, m, *env, sha, *seq);
  if (stored.status != 0) return stored;
  in.record_id = stored.record_id;
  Receipt r{m.id, sha, me->authority, FormatTimestamp(clock_()), "accepted"};
  Envelope re = SignPayload(ReceiptPayload(m.from, r), secret);
  auto rs = db_->Prepare(
      "INSERT INTO exchange_receipts (envelope_id, recipient, received_at, result, payload, "
      "signature) "
      "VALUES (?,?,?,?,?,?)");
  if (!rs.ok()) return fail(rs.status());
  rs->Bind(1, m.id)
      .Bind(2, me->authority)
      .Bind(3, r.received_at)
      .Bind(4, r.result)
      .Bind(5, re.payload)
      .Bind(6, Base64(re.signature));
  if (Status s = rs->Run(); !s.ok()) return fail(s);
  if (Status s = tx->Commit(); !s.ok()) return fail(s);
  in.status = 201;
  in.code = "accepted";
  in.receipt = EnvelopeText(re);
  return in;
}

// The receipt stored for an envelope received before: `in` answered 200 "replayed" when `id`
// was received with these bytes, a 409 conflict when with other bytes, status 0 when never.
Inbound Exchange::ReplayLocked(Inbound in, const std::string& id, const std::string& sha,
                               const std::string& me) {
  auto fail = [&](const Status& s) { return Reject(in, 500, "internal", s.message()); };
  auto st = db_->PrepareCached("SELECT sha256 FROM exchange_envelopes WHERE id = ?");
  if (!st.ok()) return fail(st.status());
  (*st)->Bind(1, id);
  auto row = (*st)->Step();
  if (!row.ok()) return fail(row.status());
  if (!*row) return Inbound{};
  if ((*st)->Text(0) != sha)
    return Reject(
        in, 409, "envelope_conflict",
        "envelope " + id + " was received before with different bytes; ids are never reused");
  auto rs = db_->PrepareCached(
      "SELECT payload, signature FROM exchange_receipts WHERE envelope_id = ? AND recipient = ?");
  if (!rs.ok()) return fail(rs.status());
  (*rs)->Bind(1, id).Bind(2, me);
  auto r = (*rs)->Step();
  if (!r.ok() || !*r) return fail(Status::Corruption("no receipt stored for envelope " + id));
  Json j;
  j["payload"] = (*rs)->Text(0);
  j["signature"] = (*rs)->Text(1);
  in.status = 200;
  in.code = "replayed";
  in.receipt = j.dump();
  return in;
}

// A record's envelope: the record is checked against its envelope and stored. Returns `in`
// with the record id, or a rejection (status set).
Inbound Exchange::StoreRecordLocked(Inbound in, const Message& m, const Envelope& env,
                                    const std::string& sha, int64_t seq) {
  auto fail = [&](const Status& s) { return Reject(in, 500, "internal", s.message()); };
  const Json& record = m.content;
  if (Status s = ValidateRecord(record); !s.ok()) return Reject(in, 422, "bad_record", s.message());
  in.record_id = record["id"];
  if (record["originator"] != m.from)
    return Reject(in, 422, "bad_record",
                  "a record travels only from its originator (" +
                      record["originator"].get<std::string>() + ", not " + m.from + ")");
  std::set<std::string> a(m.to.begin(), m.to.end()), b;
  for (const auto& t : record["to"]) b.insert(t.get<std::string>());
  if (a != b)
    return Reject(in, 422, "bad_record",
                  "the envelope's recipients must be the record's audience ('to')");
  auto existing = RecordLocked(in.record_id);
  if (existing.ok())
    return Reject(in, 409, "envelope_conflict", "record " + in.record_id + " is already held here");
  if (Status s = StoreEnvelopeLocked(m.id, seq, "in", m, in.record_id, env, sha); !s.ok())
    return fail(s);
  auto rs = db_->Prepare(
      "INSERT INTO exchange_records (id, seq, kind, originator, tlp, created_at, envelope_id, "
      "record) "
      "VALUES (?,?,?,?,?,?,?,?)");
  if (!rs.ok()) return fail(rs.status());
  rs->Bind(1, in.record_id).Bind(2, seq).Bind(3, record["kind"].get<std::string>()).Bind(4, m.from);
  rs->Bind(5, record["tlp"].get<std::string>())
      .Bind(6, record["created_at"].get<std::string>())
      .Bind(7, m.id)
      .Bind(8, record.dump());
  if (Status s = rs->Run(); !s.ok()) return fail(s);
  return in;
}

// An event's envelope: checked against the record it belongs to and stored. Returns `in` with
// the record id, or a rejection (status set).
Inbound Exchange::StoreEventLocked(Inbound in, const Message& m, const Envelope& env,
                                   const std::string& sha, int64_t seq) {
  auto fail = [&](const Status& s) { return Reject(in, 500, "internal", s.message()); };
  const Json& ev = m.content;
  if (Status s = ValidateEvent(ev); !s.ok()) return Reject(in, 422, "bad_event", s.message());
  in.record_id = ev["record_id"];
  if (ev["by"] != m.from)
    return Reject(in, 422, "bad_event", "an event is signed by the authority it names in 'by'");
  auto record = RecordLocked(in.record_id);
  if (!record.ok())
    return Reject(in, 409, "unknown_record",
                  "no record " + in.record_id + " here yet (its envelope travels first)");
  std::string originator = (*record)["originator"];
  bool from_originator = m.from == originator;
  if (!from_originator && !Has((*record)["to"], m.from))
    return Reject(in, 422, "bad_event", m.from + " is not party to record " + in.record_id);
  std::string kind = (*record)["kind"];
  std::string track = ev.value("track", "");
  Side side = from_originator ? Side::kOriginator : Side::kRecipient;
  if (!SideMaySend(kind, ev["type"], side))
    return Reject(in, 422, "bad_event",
                  "a " + kind + "'s " + (from_originator ? "originator" : "recipient") +
                      " never sends a " + ev["type"].get<std::string>() + " event");
  if (!track.empty() && (!from_originator || !Has((*record)["to"], track)))
    return Reject(in, 422, "bad_event",
                  "'track' names a recipient of the record, on an originator's event only");
  // Not checked against the state held here: events of different senders may cross on the
  // wire (a recipient acknowledges while the originator closes), so a signed event that no
  // longer applies is still stored, as evidence, and simply moves no state (the record view
  // marks it "applied": false). Each sender checked its own event against what it held.
  if (Status s = StoreEnvelopeLocked(m.id, seq, "in", m, in.record_id, env, sha); !s.ok())
    return fail(s);
  auto es = db_->Prepare(
      "INSERT INTO exchange_events (envelope_id, record_id, seq, type, by_authority, track, at, "
      "event) "
      "VALUES (?,?,?,?,?,?,?,?)");
  if (!es.ok()) return fail(es.status());
  es->Bind(1, m.id)
      .Bind(2, in.record_id)
      .Bind(3, seq)
      .Bind(4, ev["type"].get<std::string>())
      .Bind(5, m.from);
  if (track.empty())
    es->BindNull(6);
  else
    es->Bind(6, track);
  es->Bind(7, m.sent_at).Bind(8, ev.dump());
  if (Status s = es->Run(); !s.ok()) return fail(s);
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
  if (!peer)
    return Status::InvalidArgument("a receipt from " + m.from + ", who is no peer",
                                   "unknown_sender");
  CP_ASSIGN_OR_RETURN(std::string key, ParsePublicKey(peer->public_key));
  if (!Verify(e.payload, e.signature, key))
    return Status::InvalidArgument(
        "the receipt's signature does not verify with " + m.from + "'s key", "bad_signature");
  CP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(*db_));
  CP_RETURN_IF_ERROR(tx.Lock(kLock));
  {
    CP_ASSIGN_OR_RETURN(
        store::StatementLease st,
        db_->PrepareCached(
            "SELECT sha256, recipients, direction FROM exchange_envelopes WHERE id = ?"));
    st->Bind(1, r.envelope_id);
    CP_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row || st->Text(2) != "out")
      return Status::InvalidArgument(
          "a receipt for envelope " + r.envelope_id + ", which this node did not send",
          "bad_receipt");
    if (st->Text(0) != r.envelope_sha256)
      return Status::InvalidArgument(
          "the receipt's envelope_sha256 is not that of the envelope sent", "bad_receipt");
    if (!Has(Json::parse(st->Text(1), nullptr, false), m.from))
      return Status::InvalidArgument(m.from + " was not a recipient of envelope " + r.envelope_id,
                                     "bad_receipt");
  }
  CP_ASSIGN_OR_RETURN(
      store::StatementLease ins,
      db_->PrepareCached(
          "INSERT INTO exchange_receipts (envelope_id, recipient, received_at, result, "
          "payload, signature) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING"));
  ins->Bind(1, r.envelope_id)
      .Bind(2, m.from)
      .Bind(3, r.received_at)
      .Bind(4, r.result)
      .Bind(5, e.payload)
      .Bind(6, Base64(e.signature));
  CP_RETURN_IF_ERROR(ins->Run());
  CP_ASSIGN_OR_RETURN(
      store::StatementLease up,
      db_->PrepareCached(
          "UPDATE exchange_outbox SET state = 'delivered', delivered_at = ?, last_error = NULL "
          "WHERE envelope_id = ? AND peer = ? AND state <> 'delivered'"));
  up->Bind(1, FormatTimestamp(clock_())).Bind(2, r.envelope_id).Bind(3, m.from);
  CP_RETURN_IF_ERROR(up->Run());
  return tx.Commit();
}

}  // namespace chokepoint::exchange
