#include "exchange/schema.h"

namespace chokepoint::exchange {

const store::Schema& ExchangeSchema() {
  static const store::Schema k{
      "exchange",
      {
          {1, "node key, peers, envelopes, records, events, receipts, outbox", R"sql(
CREATE TABLE exchange_node (
  singleton   TEXT PRIMARY KEY CHECK (singleton = 'node'),
  authority   TEXT NOT NULL,        -- this node's authority code
  name        TEXT NOT NULL,
  org_id      INTEGER NOT NULL,     -- the organization whose users work the exchange here
  public_key  TEXT NOT NULL,        -- base64, 32 bytes
  secret_key  TEXT NOT NULL,        -- base64, 64 bytes (libsodium form)
  created_at  TEXT NOT NULL
);
CREATE TABLE exchange_peers (
  authority   TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  url         TEXT NOT NULL,        -- base URL; envelopes go to URL/v1/exchange/inbound
  public_key  TEXT NOT NULL,        -- base64, 32 bytes, added by an operator only
  added_at    TEXT NOT NULL
);
CREATE TABLE exchange_envelopes (
  id          TEXT PRIMARY KEY,     -- the payload's id
  seq         INTEGER NOT NULL UNIQUE,  -- local storing order
  direction   TEXT NOT NULL,        -- in | out
  sender      TEXT NOT NULL,
  recipients  TEXT NOT NULL,        -- JSON array
  type        TEXT NOT NULL,        -- record | event
  record_id   TEXT NOT NULL,
  sent_at     TEXT NOT NULL,        -- signed
  payload     TEXT NOT NULL,        -- the signed bytes, exactly
  signature   TEXT NOT NULL,        -- base64
  sha256      TEXT NOT NULL,        -- of payload
  stored_at   TEXT NOT NULL
);
CREATE INDEX exchange_envelopes_by_record ON exchange_envelopes (record_id, seq);
CREATE TABLE exchange_records (
  id          TEXT PRIMARY KEY,     -- global: the originator's id
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  originator  TEXT NOT NULL,
  tlp         TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  envelope_id TEXT NOT NULL REFERENCES exchange_envelopes (id),
  record      TEXT NOT NULL         -- the signed record object (JSON)
);
CREATE INDEX exchange_records_by_kind ON exchange_records (kind, seq);
CREATE TABLE exchange_events (
  envelope_id TEXT PRIMARY KEY REFERENCES exchange_envelopes (id),
  record_id   TEXT NOT NULL REFERENCES exchange_records (id),
  seq         INTEGER NOT NULL,
  type        TEXT NOT NULL,
  by_authority TEXT NOT NULL,
  track       TEXT,                 -- recipient whose copy it moves; NULL: the originator's, all
  at          TEXT NOT NULL,        -- signed sent_at
  event       TEXT NOT NULL         -- the signed event object (JSON)
);
CREATE INDEX exchange_events_by_record ON exchange_events (record_id, seq);
CREATE TABLE exchange_receipts (
  envelope_id TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  received_at TEXT NOT NULL,        -- signed by the recipient
  result      TEXT NOT NULL,
  payload     TEXT NOT NULL,        -- the receipt's signed bytes
  signature   TEXT NOT NULL,        -- base64
  PRIMARY KEY (envelope_id, recipient)
);
CREATE TABLE exchange_outbox (
  envelope_id TEXT NOT NULL REFERENCES exchange_envelopes (id),
  peer        TEXT NOT NULL,
  seq         INTEGER NOT NULL,     -- delivery order per peer
  state       TEXT NOT NULL,        -- pending | delivered | rejected
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL, -- unix ms; pending rows are tried from then on
  last_attempt_at TEXT,
  last_error  TEXT,
  delivered_at TEXT,
  PRIMARY KEY (envelope_id, peer)
);
CREATE INDEX exchange_outbox_pending ON exchange_outbox (state, peer, seq);
)sql"},
      }};
  return k;
}

}  // namespace chokepoint::exchange
