// The wire format and the state machines, without a database: envelope parsing (every
// malformed shape named), signatures over the exact bytes, payload checks, transitions.
#include <gtest/gtest.h>

#include "exchange/envelope.h"
#include "exchange/keys.h"
#include "exchange/record.h"

namespace chokepoint::exchange {
namespace {

TEST(Keys, SignatureCoversEveryByte) {
  KeyPair k = NewKeyPair();
  std::string msg = R"({"a":1})";
  std::string sig = Sign(msg, k.secret_key);
  EXPECT_TRUE(Verify(msg, sig, k.public_key));
  for (size_t i = 0; i < msg.size(); ++i) {
    std::string altered = msg;
    altered[i] ^= 1;
    EXPECT_FALSE(Verify(altered, sig, k.public_key)) << "byte " << i;
  }
  EXPECT_FALSE(Verify(msg, sig, NewKeyPair().public_key));
  auto pk = ParsePublicKey(Base64(k.public_key));
  ASSERT_TRUE(pk.ok());
  EXPECT_EQ(*pk, k.public_key);
  EXPECT_FALSE(ParsePublicKey("not base64!").ok());
  EXPECT_FALSE(ParsePublicKey(Base64("short")).ok());
}

TEST(Keys, UlidsSortByTimeAndDiffer) {
  std::string a = NewUlid(1'700'000'000'000), b = NewUlid(1'700'000'000'001),
              c = NewUlid(1'700'000'000'001);
  EXPECT_EQ(a.size(), 26u);
  EXPECT_LT(a, b);
  EXPECT_NE(b, c);
}

TEST(Envelope, MalformedShapesAreNamed) {
  auto msg = [](std::string_view body) { return ParseEnvelope(body).status().message(); };
  EXPECT_EQ(msg("not json"), "the envelope is not JSON");
  EXPECT_EQ(msg("[]"), "the envelope must be a JSON object {\"payload\", \"signature\"}");
  EXPECT_EQ(msg("{}"), "'payload' must be a string (the signed JSON text)");
  EXPECT_EQ(msg(R"({"payload":{},"signature":""})"),
            "'payload' must be a string (the signed JSON text)");
  EXPECT_EQ(msg(R"({"payload":"{}"})"), "'signature' must be a string (base64)");
  EXPECT_EQ(msg(R"({"payload":"{}","signature":"AAAA"})"),
            "'signature' must be the standard base64 of a 64-byte Ed25519 signature");
  EXPECT_EQ(ParseEnvelope("{}").status().tag(), "malformed_envelope");
  KeyPair k = NewKeyPair();
  Envelope e = SignPayload(R"({"x":"é"})", k.secret_key);
  auto back = ParseEnvelope(EnvelopeText(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->payload, e.payload);
  EXPECT_EQ(back->signature, e.signature);
}

TEST(Envelope, PayloadFieldsAreChecked) {
  auto msg = [](const std::string& p) { return ParsePayload(p).status().message(); };
  std::string ok =
      R"({"version":1,"id":"CN-1","from":"CN","to":["US"],"sent_at":"2026-12-07T08:00:00Z","type":"event","event":{}})";
  EXPECT_TRUE(ParsePayload(ok).ok());
  EXPECT_EQ(msg(R"({"version":2})"), "payload: unsupported version 2 (this node speaks 1)");
  EXPECT_EQ(
      msg(R"({"version":1,"id":"US-1","from":"CN","to":["US"],"sent_at":"2026-12-07T08:00:00Z","type":"event","event":{}})"),
      "payload: 'id' must be '<from>-<unique suffix>', at most 128 characters");
  EXPECT_EQ(
      msg(R"({"version":1,"id":"CN-1","from":"CN","to":["US","US"],"sent_at":"2026-12-07T08:00:00Z","type":"event","event":{}})"),
      "payload: 'to' names US twice");
  EXPECT_EQ(
      msg(R"({"version":1,"id":"CN-1","from":"CN","to":["US"],"sent_at":"2026-02-30T08:00:00Z","type":"event","event":{}})"),
      "payload: 'sent_at' must be a UTC timestamp YYYY-MM-DDTHH:MM:SS[.mmm]Z");
  EXPECT_EQ(
      msg(R"({"version":1,"id":"CN-1","from":"cn","to":["US"],"sent_at":"2026-12-07T08:00:00Z","type":"event","event":{}})"),
      "payload: 'from' must be an authority code (A-Z, 0-9, '-', '_'; 2 to 32 characters)");
}

TEST(Timestamps, RoundTrip) {
  EXPECT_EQ(FormatTimestamp(TimestampMs("2026-12-07T08:30:01.250Z")), "2026-12-07T08:30:01.250Z");
  EXPECT_EQ(TimestampMs("1970-01-02T00:00:00Z"), 86'400'000);
  EXPECT_FALSE(ValidTimestamp("2026-12-07 08:30:01Z"));
}

TEST(Records, DraftChecksNameTheField) {
  RecordDraft d{"notification", {"US"}, "amber", nullptr, Json::object(), {}};
  EXPECT_EQ(ValidateDraft(&d).message(),
            "body.exporter: must be a party: a name, or an object with \"name\" (and \"country\", "
            "\"address\" …)");
  d.body = {{"exporter", "A"},
            {"importer", {{"name", "B"}}},
            {"consignee", "C"},
            {"substance", "4-piperidone"},
            {"quantity_kg", 25},
            {"point_of_entry", "Port of Long Beach"},
            {"dispatch_date", "2026-12-20"},
            {"hs_code", "2933.39"},
            {"export_authorization", "CN-EX-1"},
            {"transit_countries", {"KR"}},
            {"reply_deadline", "2026-12-15"}};
  ASSERT_TRUE(ValidateDraft(&d).ok()) << ValidateDraft(&d).message();
  EXPECT_EQ(d.body["reply_deadline"], "2026-12-15T23:59:59Z");  // a date means the end of that day
  EXPECT_EQ(d.handling,
            Json({{"read", true}, {"act", true}, {"evidence", false}, {"re_share", false}}));
  RecordDraft red = d;
  red.tlp = "red";
  red.handling = {{"re_share", true}};
  EXPECT_EQ(ValidateDraft(&red).message(),
            "handling.re_share: TLP:red forbids re-sharing beyond the addressed authorities");
  RecordDraft conf = d;
  conf.confidential = {"nonexistent"};
  EXPECT_EQ(ValidateDraft(&conf).message(), "confidential: names a field the body does not have");
  RecordDraft tlp = d;
  tlp.tlp = "white";
  EXPECT_EQ(ValidateDraft(&tlp).message(),
            "tlp: must be clear, green, amber, amber+strict or red (TLP 2.0)");
}

TEST(Records, ConfidentialFieldsAreWithheld) {
  Json r = {{"kind", "lead"},
            {"body", {{"evidence_summary", "SECRET"}, {"substances", {"x"}}}},
            {"confidential", {"evidence_summary"}}};
  Json v = Redacted(r);
  EXPECT_EQ(v["body"]["substances"], Json({"x"}));
  EXPECT_EQ(v["body"].dump().find("SECRET"), std::string::npos);
  EXPECT_TRUE(v["body"]["evidence_summary"].contains("withheld"));
}

TEST(StateMachine, NotificationPath) {
  Json rec = {{"kind", "notification"}, {"body", {{"reply_deadline", "2026-12-10T00:00:00Z"}}}};
  int64_t before = TimestampMs("2026-12-09T00:00:00Z"), after = TimestampMs("2026-12-11T00:00:00Z");
  EXPECT_EQ(TrackState(rec, false, {}, before), "sent");
  EXPECT_EQ(TrackState(rec, true, {}, before), "received");
  EXPECT_EQ(TrackState(rec, true, {{"acknowledge", Side::kRecipient}}, before), "acknowledged");
  // Unanswered past the deadline: expired, whether acknowledged or not.
  EXPECT_EQ(TrackState(rec, true, {}, after), "expired");
  EXPECT_EQ(TrackState(rec, true, {{"acknowledge", Side::kRecipient}}, after), "expired");
  std::vector<TrackEvent> full = {{"acknowledge", Side::kRecipient},
                                  {"request_info", Side::kRecipient},
                                  {"clear", Side::kRecipient},
                                  {"shipped", Side::kOriginator},
                                  {"arrived", Side::kRecipient}};
  EXPECT_EQ(TrackState(rec, true, full, after), "arrived");
  EXPECT_FALSE(
      Next("notification", "received", "shipped", Side::kOriginator));  // not before clearance
  EXPECT_FALSE(Next("notification", "objected", "clear", Side::kRecipient));
  EXPECT_FALSE(
      Next("notification", "received", "clear", Side::kOriginator));  // the recipient answers
  EXPECT_EQ(AllowedEvents("notification", "acknowledged", Side::kRecipient),
            (std::vector<std::string>{"clear", "object", "request_info"}));
}

TEST(StateMachine, LeadPath) {
  EXPECT_EQ(RawTrackState("lead", true, {}), "delivered");
  std::vector<TrackEvent> ev = {
      {"acknowledge", Side::kRecipient},  {"under_review", Side::kRecipient},
      {"action_taken", Side::kRecipient}, {"outcome", Side::kRecipient},
      {"outcome", Side::kRecipient},      {"close", Side::kRecipient}};
  EXPECT_EQ(RawTrackState("lead", true, ev), "closed");
  EXPECT_EQ(*Next("lead", "under_review", "decline", Side::kRecipient), "declined");
  EXPECT_FALSE(
      Next("lead", "delivered", "outcome", Side::kRecipient));  // no outcome without action
  EXPECT_FALSE(Next("lead", "closed", "acknowledge", Side::kRecipient));
  EXPECT_TRUE(AllowedEvents("lead", "closed", Side::kRecipient).empty());
}

TEST(Events, DraftChecks) {
  EXPECT_EQ(ValidateEventDraft({"wave", "", "", std::nullopt, ""}).tag(), "bad_event");
  EXPECT_EQ(ValidateEventDraft({"decline", "", "", std::nullopt, ""}).message(),
            "note: a decline event needs a note saying why (or what is asked)");
  EXPECT_EQ(ValidateEventDraft({"action_taken", "", "arrest", std::nullopt, ""}).message(),
            "action: action_taken needs one of inspection, investigation, seizure, "
            "licence_revoked, website_taken_down");
  EXPECT_EQ(ValidateEventDraft({"outcome", "", "", Json{{"arrests", -1}}, ""}).message(),
            "outcome.arrests: must be a whole number, 0 or more");
  EXPECT_TRUE(
      ValidateEventDraft({"outcome", "", "", Json{{"arrests", 2}, {"seized_kg", 1.5}}, ""}).ok());
}

TEST(Events, AudienceFollowsTheKind) {
  Json lead = {{"kind", "lead"}, {"originator", "CN"}, {"to", {"US", "JP"}}};
  EXPECT_EQ(EventAudience(lead, "US"),
            (std::vector<std::string>{"CN"}));  // a lead's work stays bilateral
  EXPECT_EQ(EventAudience(lead, "CN"), (std::vector<std::string>{"US", "JP"}));
  Json incident = {{"kind", "incident"}, {"originator", "CN"}, {"to", {"US", "JP"}}};
  EXPECT_EQ(EventAudience(incident, "US"), (std::vector<std::string>{"CN", "JP"}));
}

}  // namespace
}  // namespace chokepoint::exchange
