// One authority's node in the cooperation exchange: its identity, its peers, the records it
// originated or received, their events and receipts, and its outbox.
//
// Every outgoing envelope is written in the same transaction as the record or event it
// carries, and an inbound envelope's record or event in the same transaction as the receipt
// this node signs for it: a crash leaves either both or neither. Inbound envelopes are
// idempotent on (id, SHA-256 of the payload bytes): a replay gets the stored receipt, byte
// for byte, and stores nothing.
//
// Thread-safety: each method holds the connection's mutex; several Exchange objects (the API's
// and the outbox sender's) may share one database, in one process or several.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/envelope.h"
#include "exchange/record.h"
#include "store/connection.h"

namespace chokepoint::exchange {

// Unix milliseconds; tests inject their own so deadlines and backoff need no sleeping.
using Clock = std::function<int64_t()>;
int64_t SystemClockMs();

struct NodeInfo {
  std::string authority;
  std::string name;
  int64_t org_id = 0;
  std::string public_key;  //!< base64
  std::string created_at;
};

struct Peer {
  std::string authority;
  std::string name;
  std::string url;         //!< base URL, e.g. http://10.0.0.2:8080
  std::string public_key;  //!< base64, 32 bytes
  std::string added_at;
};

// What an inbound envelope got: 201 stored (receipt), 200 a replay (the stored receipt), or a
// 4xx rejection with a problem code and nothing stored.
struct Inbound {
  int status = 0;
  std::string code;  //!< "accepted", "replayed", or the rejection: malformed_envelope, bad_payload,
                     //!< unknown_sender, bad_signature, not_addressed, envelope_conflict,
                     //!< unknown_record, bad_record, bad_event, not_initialized
  std::string detail;   //!< for a person
  std::string receipt;  //!< 2xx: the signed receipt envelope (EnvelopeText)
  std::string envelope_id, from, type, record_id;  //!< what could be read before the verdict
};

struct OutboxRow {
  std::string envelope_id, peer, type, record_id, sent_at;
  int64_t seq = 0;
  std::string state;  //!< pending | delivered | rejected
  int64_t attempts = 0;
  int64_t next_attempt_ms = 0;
  std::string last_attempt_at, last_error, delivered_at;
};

// One outbox row as `exchange outbox --format jsonl` and GET /v1/exchange/outbox show it.
Json OutboxRowToJson(const OutboxRow& r);

struct RetryPolicy {
  int64_t initial_ms = 1000;  //!< wait after the first failure
  int64_t max_ms = 300'000;   //!< cap of the exponential growth
  double jitter = 0.25;       //!< ± this fraction, so peers coming back are not hit in lockstep
};
// Wait after `attempts` failures: min(max, initial·2^(attempts-1)) scaled by 1 ± jitter·(2u-1),
// u in [0,1).
int64_t BackoffMs(int64_t attempts, double u, const RetryPolicy& p);

struct HttpAnswer {
  int status = 0;
  std::string body;
};
// POSTs `body` to `url`; an error Status when nothing came back (refused, timed out).
using PostFn = std::function<Result<HttpAnswer>(const std::string& url, const std::string& body)>;

struct DeliveryStats {
  int delivered = 0, retried = 0, rejected = 0;
};

struct IndicatorQuery {
  std::string partner;   //!< "" = every peer
  std::string from, to;  //!< record creation dates, YYYY-MM-DD inclusive; "" = open
};

class Exchange {
 public:
  // Opens its own connection to `db_target` and applies the exchange schema's migrations
  // (the caller ran store::OpenDatabase first, or this does it).
  static Result<std::unique_ptr<Exchange>> Open(const std::string& db_target,
                                                Clock clock = SystemClockMs);

  // Creates the node's key pair, bound to the organization `org_id`. FailedPrecondition
  // ("already_initialized") when the node has one: a node's identity is never replaced.
  Result<NodeInfo> Init(const std::string& authority, const std::string& name, int64_t org_id);
  // NotFound ("not_initialized") before Init.
  Result<NodeInfo> Node();

  // Adds a peer, or updates its name and URL. A different key for a known authority is
  // refused (FailedPrecondition "key_mismatch") unless `replace_key`: trust changes are explicit.
  Status AddPeer(const Peer& peer, bool replace_key);
  Result<std::vector<Peer>> Peers();

  // Signs and stores a new record addressed to draft.to (every one a peer) and queues its
  // envelope. `classification` and `screening`: the engine's findings, stored with the record.
  // Returns the record as Get shows it.
  Result<Json> CreateRecord(RecordDraft draft, const Json& classification, const Json& screening);
  // Signs, stores and queues an event on a record held here. FailedPrecondition
  // ("illegal_transition") when the record's state does not allow it (AllowedNow says what does).
  Result<Json> AddEvent(const std::string& record_id, const EventDraft& event);
  // {"state", "allowed": [...]} for this node on the record.
  Result<Json> AllowedNow(const std::string& record_id);

  // POST /v1/exchange/inbound and `exchange import`: verifies and stores one envelope.
  Inbound Accept(std::string_view body);
  // A receipt envelope from a peer (an HTTP answer or an imported line): verified with the
  // peer's key against the stored envelope, stored, and the outbox row marked delivered.
  Status AcceptReceipt(std::string_view receipt_text, std::string* envelope_id = nullptr);

  // Views. `confidential`: the viewer may see business-confidential fields.
  // `box`: "inbox", "outbox" or "" (both); `kind`: one kind or "". Newest first, `limit` from
  // `offset`; "total" counts them all.
  Result<Json> List(const std::string& box, const std::string& kind, bool confidential,
                    int limit = 100, int offset = 0);
  Result<Json> Get(const std::string& id, bool confidential);  //!< NotFound
  Result<Json> Events(const std::string& id);                  //!< NotFound

  // Outbox rows, newest first; `all`: delivered and rejected ones too.
  Result<std::vector<OutboxRow>> Outbox(const std::string& peer, bool all);
  // Envelope texts for `peer` in sending order: the pending ones, or (`all`) every one ever
  // addressed to it.
  Result<std::vector<std::string>> Export(const std::string& peer, bool all);
  // One delivery pass: per peer, pending envelopes in order until one fails (later ones wait
  // behind it, so a peer never sees an event before its record). `force`: ignore backoff.
  Result<DeliveryStats> DeliverDue(const PostFn& post, const RetryPolicy& policy, bool force,
                                   double (*uniform)() = nullptr);
  // Earliest next_attempt_ms of a pending row, if any.
  Result<std::optional<int64_t>> NextDue();

  // Responsiveness figures (indicators.h) from the signed records, events and receipts here.
  Result<Json> Indicators(const IndicatorQuery& q);

  int64_t NowMs() const { return clock_(); }
  store::Connection& db() { return *db_; }

  Exchange(std::unique_ptr<store::Connection> db, Clock clock)
      : db_(std::move(db)), clock_(std::move(clock)) {}

 private:
  struct Loaded;
  Result<NodeInfo> NodeLocked(std::string* secret_key);
  Result<std::optional<Peer>> PeerLocked(const std::string& authority);
  Result<Json> RecordLocked(const std::string& id);
  Result<Json> ViewLocked(const std::string& id, bool confidential, bool with_timeline);
  Inbound AcceptLocked(std::string_view body);
  Inbound ReplayLocked(Inbound in, const std::string& id, const std::string& sha,
                       const std::string& me);
  Inbound StoreRecordLocked(Inbound in, const Message& m, const Envelope& env,
                            const std::string& sha, int64_t seq);
  Inbound StoreEventLocked(Inbound in, const Message& m, const Envelope& env,
                           const std::string& sha, int64_t seq);
  Status AcceptReceiptLocked(std::string_view receipt_text, std::string* envelope_id);
  Result<int64_t> NextSeqLocked();
  Status StoreEnvelopeLocked(const std::string& id, int64_t seq, const std::string& direction,
                             const Message& m, const std::string& record_id, const Envelope& e,
                             const std::string& sha);

  std::unique_ptr<store::Connection> db_;
  Clock clock_;
};

}  // namespace chokepoint::exchange
