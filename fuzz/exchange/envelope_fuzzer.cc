// libFuzzer target for the exchange's wire parser (src/exchange/envelope.h, record.h): the
// bytes a peer POSTs to /v1/exchange/inbound or a bundle line `exchange import` reads, taken
// through every check the inbound route makes before it looks anything up.
//
// Besides the sanitizers, each run checks the parser's contract: a rejection carries its tag
// (malformed_envelope, bad_payload, bad_record, bad_event) and a message; an accepted envelope
// re-encodes to one that parses to the same payload and signature bytes; a signed timestamp
// survives a round trip; the state machine and the views accept whatever passed the checks.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../fuzz_check.h"
#include "exchange/envelope.h"
#include "exchange/record.h"

namespace {

using namespace chokepoint::exchange;

constexpr const char* kTarget = "exchange envelope";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto env = ParseEnvelope(in);
  if (!env.ok()) {
    CHECK(env.status().tag() == "malformed_envelope");
    CHECK(!env.status().message().empty());
    // The payload parser alone, on the raw bytes (what a corrupted bundle line may hold).
    auto m = ParsePayload(in);
    CHECK(m.ok() || m.status().tag() == "bad_payload");
    return 0;
  }
  CHECK(env->signature.size() == 64);
  auto again = ParseEnvelope(EnvelopeText(*env));
  CHECK(again.ok());
  CHECK(again->payload == env->payload && again->signature == env->signature);

  auto m = ParsePayload(env->payload);
  if (!m.ok()) {
    CHECK(m.status().tag() == "bad_payload");
    CHECK(m.status().message().rfind("payload: ", 0) == 0);
    return 0;
  }
  CHECK(ValidAuthority(m->from));
  CHECK(!m->to.empty());
  CHECK(ValidTimestamp(m->sent_at));
  int64_t ms = TimestampMs(m->sent_at);
  CHECK(TimestampMs(FormatTimestamp(ms)) == ms);
  if (m->type == "record") {
    chokepoint::Status s = ValidateRecord(m->content);
    CHECK(s.ok() || s.tag() == "bad_record");
    if (s.ok()) {
      std::string kind = m->content["kind"];
      (void)Summary(kind, Redacted(m->content)["body"]);
      (void)Substances(kind, m->content["body"]);
      (void)TrackState(m->content, true,
                       {{"acknowledge", Side::kRecipient}, {"clear", Side::kRecipient}}, ms);
      (void)EventAudience(m->content, m->from);
    }
  } else if (m->type == "event") {
    chokepoint::Status s = ValidateEvent(m->content);
    CHECK(s.ok() || s.tag() == "bad_event");
  } else {
    CHECK(m->type == "receipt");
    Receipt r = ReceiptOf(*m);
    CHECK(r.recipient == m->from && r.envelope_sha256.size() == 64);
  }
  return 0;
}
