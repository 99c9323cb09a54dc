// The wire format: signed envelopes and receipts (docs/exchange.md has it byte by byte).
//
// An envelope is the JSON object {"payload": "<JSON text>", "signature": "<base64>"}: the
// signature is Ed25519 over the UTF-8 bytes of the payload string exactly as they arrive, so a
// verifier never re-serializes anything. Other members of the outer object are ignored (they
// are not signed). Every function here is pure (no keys, no database): the libFuzzer target
// (fuzz/exchange/) drives exactly what the inbound route runs before any lookup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"
#include "util/status.h"

namespace chokepoint::exchange {

inline constexpr int kProtocolVersion = 1;
inline constexpr size_t kMaxEnvelopeBytes = 1 << 20;  //!< the server's default body limit

struct Envelope {
  std::string payload;    //!< the signed bytes, as received
  std::string signature;  //!< 64 raw bytes
};

// The outer object. InvalidArgument with tag "malformed_envelope" and a message naming what is
// wrong: not JSON, not an object, payload or signature missing or not strings, signature not
// base64 of 64 bytes, more than kMaxEnvelopeBytes.
Result<Envelope> ParseEnvelope(std::string_view body);
// {"payload":…,"signature":…}: one line, no newline. What a sender POSTs and exports.
std::string EnvelopeText(const Envelope& e);
// Signs `payload` with `secret_key` (raw, 64 bytes).
Envelope SignPayload(std::string payload, const std::string& secret_key);

// "CN", "US", "CN-ACME": 2..32 of A-Z, 0-9, '-' and '_', starting with a letter.
bool ValidAuthority(std::string_view code);
// "2026-12-07T08:30:00Z" or with milliseconds "…00.123Z": UTC, a real calendar time.
bool ValidTimestamp(std::string_view ts);
// Milliseconds since 1970 of a ValidTimestamp. REQUIRES: ValidTimestamp(ts).
int64_t TimestampMs(std::string_view ts);
// "2026-12-07T08:30:00.123Z".
std::string FormatTimestamp(int64_t unix_ms);

// What the payload says. Fields are checked for shape only: whether the sender is a peer,
// the signature holds and this node is addressed is the caller's business.
struct Message {
  int version = 0;
  std::string id;               //!< "<from>-<ULID>"
  std::string from;             //!< sending authority
  std::vector<std::string> to;  //!< recipient authorities, at least one, no repeats
  std::string sent_at;          //!< UTC timestamp, signed
  std::string type;             //!< "record", "event" or "receipt"
  Json content;  //!< the "record" object, the "event" object, or the whole receipt payload
};
// InvalidArgument "bad_payload" with the offending field in the message.
Result<Message> ParsePayload(std::string_view payload);

// Receipts: {"version":1,"type":"receipt","from":<recipient>,"to":[<sender>],"envelope_id":…,
// "envelope_sha256":…,"recipient":<recipient>,"received_at":…,"result":"accepted"}, signed by
// the recipient in the same {payload, signature} form. ParsePayload gives them id =
// envelope_id and sent_at = received_at.
struct Receipt {
  std::string envelope_id;
  std::string envelope_sha256;  //!< hex SHA-256 of the receipted envelope's payload bytes
  std::string recipient;
  std::string received_at;
  std::string result;  //!< "accepted"
};
std::string ReceiptPayload(const std::string& sender, const Receipt& r);
// REQUIRES: m.type == "receipt" (ParsePayload checked its fields).
Receipt ReceiptOf(const Message& m);

}  // namespace chokepoint::exchange
