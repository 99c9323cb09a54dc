// Two nodes' exchanges on real databases (each backend), delivery in process: inbound
// rejections store nothing, replays return the stored receipt byte for byte, export/import
// round trips, the outbox keeps order and backs off, and the indicators match hand-computed
// figures. The clock is injected: deadlines and backoff need no waiting.
#include <gtest/gtest.h>

#include "access/directory.h"
#include "exchange/exchange.h"
#include "exchange/indicators.h"
#include "exchange/keys.h"
#include "store/testing.h"

namespace chokepoint::exchange {
namespace {

using store::testing::TestDatabase;

int64_t At(const char* ts) { return TimestampMs(ts); }

struct TestNode {
  std::unique_ptr<TestDatabase> db;
  std::unique_ptr<Exchange> ex;
  std::string code, key;
};

class NodePair : public store::testing::OnEachBackend {
 protected:
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    cn_ = Make("CN", db_->target());
    us_db_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(us_db_->ok()) << us_db_->skip_reason();
    us_ = Make("US", us_db_->target());
    ASSERT_TRUE(cn_.ex->AddPeer({"US", "", "http://us.invalid", us_.key, ""}, false).ok());
    ASSERT_TRUE(us_.ex->AddPeer({"CN", "", "http://cn.invalid", cn_.key, ""}, false).ok());
  }
  TestNode Make(const std::string& code, const std::string& target) {
    TestNode n;
    n.code = code;
    auto ex = Exchange::Open(target, [this] { return now_; });
    EXPECT_TRUE(ex.ok()) << ex.status().message();
    n.ex = std::move(*ex);
    access::Directory dir(n.ex->db());
    auto org = dir.CreateOrg(code + " authority");
    auto info = n.ex->Init(code, "", org->id);
    EXPECT_TRUE(info.ok()) << info.status().message();
    n.key = info->public_key;
    return n;
  }
  // Delivers everything `from` has pending straight into `to`'s Accept (the same call the
  // inbound route makes), returning the receipts like an HTTP answer would.
  DeliveryStats Deliver(TestNode& from, TestNode& to, bool force = true) {
    auto st = from.ex->DeliverDue(
        [&](const std::string&, const std::string& body) -> Result<HttpAnswer> {
          Inbound in = to.ex->Accept(body);
          return HttpAnswer{in.status, in.status < 300
                                           ? in.receipt
                                           : Json{{"code", in.code}, {"detail", in.detail}}.dump()};
        },
        RetryPolicy{}, force, [] { return 0.5; });
    EXPECT_TRUE(st.ok()) << st.status().message();
    return st.ok() ? *st : DeliveryStats{};
  }
  int64_t Count(TestNode& n, const std::string& table) {
    auto st = n.ex->db().Prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(*st->Step());
    return st->Int(0);
  }
  std::string Lead(TestNode& from, const std::string& to) {
    RecordDraft d{"lead",
                  {to},
                  "amber",
                  nullptr,
                  {{"subjects", {{"parties", {"Hebei Example Trading Co"}}}},
                   {"evidence_summary", "orders of 4-AP"}},
                  {}};
    auto r = from.ex->CreateRecord(d, Json::array(), Json::array());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? (*r)["id"].get<std::string>() : "";
  }
  std::string Notification(TestNode& from, const std::string& to, const std::string& deadline) {
    RecordDraft d{"notification",
                  {to},
                  "green",
                  nullptr,
                  {{"exporter", "Exporter Co"},
                   {"importer", "Importer Inc"},
                   {"consignee", "Importer Inc"},
                   {"substance", "4-piperidone"},
                   {"quantity_kg", 25},
                   {"point_of_entry", "Long Beach"},
                   {"dispatch_date", "2026-12-20"},
                   {"hs_code", "2933.39"},
                   {"export_authorization", "EX-1"},
                   {"reply_deadline", deadline}},
                  {}};
    auto r = from.ex->CreateRecord(d, Json::array(), Json::array());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? (*r)["id"].get<std::string>() : "";
  }
  void Event(TestNode& n, const std::string& id, const std::string& type,
             std::optional<Json> outcome = std::nullopt, const std::string& note = "",
             const std::string& action = "") {
    auto r = n.ex->AddEvent(id, {type, note, action, outcome, ""});
    EXPECT_TRUE(r.ok()) << type << ": " << r.status().message();
  }

  int64_t now_ = At("2026-12-01T00:00:00Z");
  TestNode cn_, us_;
  std::unique_ptr<TestDatabase> us_db_;
};

TEST_P(NodePair, RecordAndEventsTravelWithReceipts) {
  std::string id = Lead(cn_, "US");
  EXPECT_EQ((*cn_.ex->Get(id, true))["state"], "sent");
  EXPECT_EQ(Deliver(cn_, us_).delivered, 1);
  EXPECT_EQ((*cn_.ex->Get(id, true))["state"], "delivered");  // the receipt is in
  EXPECT_EQ((*us_.ex->Get(id, true))["state"], "delivered");
  Event(us_, id, "acknowledge");
  // Illegal next step: refused with what is allowed.
  auto bad = us_.ex->AddEvent(id, {"outcome", "", "", Json{{"arrests", 1}}, ""});
  EXPECT_EQ(bad.status().tag(), "illegal_transition");
  EXPECT_NE(bad.status().message().find("allowed next: action_taken, decline, under_review"),
            std::string::npos)
      << bad.status().message();
  EXPECT_EQ(Deliver(us_, cn_).delivered, 1);
  Json v = *cn_.ex->Get(id, true);
  EXPECT_EQ(v["states"]["US"], "acknowledged");
  EXPECT_EQ(v["timeline"].size(), 2u);
  // Both hold both receipts: US's of the record, CN's of the acknowledgement (each node keeps
  // the receipts it got and the ones it signed).
  for (TestNode* n : {&cn_, &us_}) {
    Json rs = (*n->ex->Get(id, true))["receipts"];
    ASSERT_EQ(rs.size(), 2u) << n->code;
    EXPECT_EQ(rs[0]["recipient"], "US");
    EXPECT_EQ(rs[1]["recipient"], "CN");
  }
}

TEST_P(NodePair, ReplayIsIdempotentAndEveryBadEnvelopeIsRefusedAndStoresNothing) {
  Lead(cn_, "US");
  auto bundle = cn_.ex->Export("US", false);
  ASSERT_TRUE(bundle.ok());
  ASSERT_EQ(bundle->size(), 1u);
  const std::string& line = bundle->front();
  Inbound first = us_.ex->Accept(line);
  ASSERT_EQ(first.status, 201) << first.detail;
  int64_t envelopes = Count(us_, "exchange_envelopes"), records = Count(us_, "exchange_records");

  Inbound again = us_.ex->Accept(line);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.receipt, first.receipt);  // the same bytes

  // One byte of the payload altered: the signature no longer holds.
  Envelope e = *ParseEnvelope(line);
  for (size_t at : {e.payload.find("4-AP") + 2, e.payload.find("\"CN-") + 5}) {
    Envelope altered = e;
    altered.payload[at] ^= 1;
    Inbound r = us_.ex->Accept(EnvelopeText(altered));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.code, "bad_signature") << r.detail;
  }
  // Forged: a well-formed payload from CN signed by another key.
  KeyPair forger = NewKeyPair();
  std::string payload =
      R"({"version":1,"id":"CN-FORGED1","from":"CN","to":["US"],"sent_at":"2026-12-01T00:00:00Z","type":"event","event":{"record_id":"CN-X","type":"acknowledge","by":"CN"}})";
  EXPECT_EQ(us_.ex->Accept(EnvelopeText(SignPayload(payload, forger.secret_key))).code,
            "bad_signature");
  // An unknown sender, however well it signs.
  std::string unknown =
      R"({"version":1,"id":"ZZ-1","from":"ZZ","to":["US"],"sent_at":"2026-12-01T00:00:00Z","type":"event","event":{}})";
  EXPECT_EQ(us_.ex->Accept(EnvelopeText(SignPayload(unknown, forger.secret_key))).code,
            "unknown_sender");
  // A trusted peer, but US is not addressed.
  ASSERT_TRUE(
      us_.ex->AddPeer({"JP", "", "http://jp.invalid", Base64(forger.public_key), ""}, false).ok());
  std::string misdirected =
      R"({"version":1,"id":"JP-1","from":"JP","to":["KR"],"sent_at":"2026-12-01T00:00:00Z","type":"event","event":{}})";
  EXPECT_EQ(us_.ex->Accept(EnvelopeText(SignPayload(misdirected, forger.secret_key))).code,
            "not_addressed");
  // The same id again with other (validly signed) bytes: a conflict, never a second record.
  std::string first_payload =
      R"({"version":1,"id":"JP-2","from":"JP","to":["US"],"sent_at":"2026-12-01T00:00:00Z","type":"record","record":{"id":"JP-R1","kind":"lead","originator":"JP","to":["US"],"tlp":"red","handling":{"read":true},"created_at":"2026-12-01T00:00:00Z","body":{"subjects":{"emails":["a@b.example"]},"evidence_summary":"x"}}})";
  EXPECT_EQ(us_.ex->Accept(EnvelopeText(SignPayload(first_payload, forger.secret_key))).status,
            201);
  std::string other = first_payload;
  other.replace(other.find("\"x\""), 3, "\"y\"");
  Inbound conflict = us_.ex->Accept(EnvelopeText(SignPayload(other, forger.secret_key)));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.code, "envelope_conflict");
  // An event for a record this node does not hold: 409, retried by the sender later.
  std::string orphan =
      R"({"version":1,"id":"JP-3","from":"JP","to":["US"],"sent_at":"2026-12-01T00:00:00Z","type":"event","event":{"record_id":"JP-NOPE","type":"acknowledge","by":"JP"}})";
  EXPECT_EQ(us_.ex->Accept(EnvelopeText(SignPayload(orphan, forger.secret_key))).code,
            "unknown_record");
  // An event its sender's side never sends on that kind: the originator of a lead does not close
  // it.
  std::string closing =
      R"({"version":1,"id":"JP-4","from":"JP","to":["US"],"sent_at":"2026-12-01T00:00:00Z","type":"event","event":{"record_id":"JP-R1","type":"close","by":"JP"}})";
  Inbound never = us_.ex->Accept(EnvelopeText(SignPayload(closing, forger.secret_key)));
  EXPECT_EQ(never.status, 422);
  EXPECT_EQ(never.detail, "a lead's originator never sends a close event");
  EXPECT_EQ(us_.ex->Accept("{\"payload\": 1}").code, "malformed_envelope");
  EXPECT_EQ(Count(us_, "exchange_envelopes"), envelopes + 1);  // only JP-2
  EXPECT_EQ(Count(us_, "exchange_records"), records + 1);
}

TEST_P(NodePair, ExportImportRoundTripWithReceiptsCarriedBack) {
  std::string a = Lead(cn_, "US"), b = Notification(cn_, "US", "2026-12-10");
  auto bundle = cn_.ex->Export("US", false);
  ASSERT_TRUE(bundle.ok());
  ASSERT_EQ(bundle->size(), 2u);
  std::vector<std::string> receipts;
  for (const auto& line : *bundle) {
    Inbound in = us_.ex->Accept(line);
    ASSERT_EQ(in.status, 201) << in.detail;
    receipts.push_back(in.receipt);
  }
  EXPECT_EQ((*us_.ex->List("inbox", "", true))["total"], 2);
  // Importing the same bundle twice changes nothing and repeats the receipts.
  for (size_t i = 0; i < bundle->size(); ++i)
    EXPECT_EQ(us_.ex->Accept((*bundle)[i]).receipt, receipts[i]);
  EXPECT_EQ((*us_.ex->List("inbox", "", true))["total"], 2);
  Json page =
      *us_.ex->List("inbox", "", true, 1, 1);  // newest first: the second page holds the lead
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["records"].size(), 1u);
  EXPECT_EQ(page["records"][0]["id"], a);
  EXPECT_EQ((*us_.ex->List("inbox", "notification", true))["records"][0]["id"], b);
  EXPECT_EQ((*us_.ex->List("outbox", "", true))["total"], 0);
  // The receipts, carried back, confirm delivery on CN: nothing is left to export.
  for (const auto& r : receipts) EXPECT_TRUE(cn_.ex->AcceptReceipt(r).ok());
  EXPECT_TRUE(cn_.ex->Export("US", false)->empty());
  EXPECT_EQ(cn_.ex->Export("US", true)->size(), 2u);
  EXPECT_EQ((*cn_.ex->Get(a, true))["state"], "delivered");
  EXPECT_EQ((*cn_.ex->Get(b, true))["state"], "received");
  // A receipt signed by someone else is refused.
  Envelope forged = *ParseEnvelope(receipts[0]);
  forged.signature = Sign(forged.payload, NewKeyPair().secret_key);
  EXPECT_EQ(cn_.ex->AcceptReceipt(EnvelopeText(forged)).tag(), "bad_signature");
}

TEST_P(NodePair, OutboxBacksOffKeepsOrderAndDeliversOnce) {
  std::string id = Lead(cn_, "US");
  // Illegal for the originator of a lead: refused, nothing queued.
  EXPECT_EQ(cn_.ex->AddEvent(id, {"close", "", "", std::nullopt, ""}).status().tag(),
            "illegal_transition");
  int attempts = 0;
  auto down = [&](const std::string&, const std::string&) -> Result<HttpAnswer> {
    ++attempts;
    return Status::IOError("connection refused", "unreachable");
  };
  auto st = cn_.ex->DeliverDue(down, RetryPolicy{1000, 8000, 0.25}, false, [] { return 0.5; });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->retried, 1);
  auto rows = *cn_.ex->Outbox("US", false);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[0].last_error, "connection refused");
  EXPECT_EQ(rows[0].next_attempt_ms, now_ + 1000);  // u = 0.5: no jitter
  // Not due yet: no attempt.
  EXPECT_EQ(cn_.ex->DeliverDue(down, RetryPolicy{}, false)->retried, 0);
  EXPECT_EQ(attempts, 1);
  now_ += 1000;
  EXPECT_EQ(
      cn_.ex->DeliverDue(down, RetryPolicy{1000, 8000, 0.25}, false, [] { return 0.5; })->retried,
      1);
  EXPECT_EQ((*cn_.ex->Outbox("US", false))[0].next_attempt_ms, now_ + 2000);
  // Back online: delivered once; later passes send nothing.
  now_ += 2000;
  EXPECT_EQ(Deliver(cn_, us_, false).delivered, 1);
  EXPECT_EQ(Deliver(cn_, us_, false).delivered, 0);
  EXPECT_EQ(Count(us_, "exchange_records"), 1);
}

// A recipient acknowledges an incident while its originator closes it: the two events cross on
// the wire. Both are stored as signed; both nodes end in the same state; nothing is rejected.
TEST_P(NodePair, CrossingEventsConvergeAndNothingIsRejected) {
  RecordDraft d{"incident",
                {"US"},
                "amber",
                nullptr,
                {{"incident_type", "seizure"},
                 {"date", "2026-11-30"},
                 {"substances", {{{"substance", "NPP"}}}}},
                {}};
  std::string id = (*cn_.ex->CreateRecord(d, Json::array(), Json::array()))["id"];
  EXPECT_EQ(Deliver(cn_, us_).delivered, 1);
  Event(us_, id, "acknowledge");  // not yet delivered …
  Event(cn_, id, "close");        // … when CN closes
  EXPECT_EQ(Deliver(cn_, us_).delivered, 1);
  EXPECT_EQ(Deliver(us_, cn_).delivered, 1);
  Json on_cn = *cn_.ex->Get(id, true), on_us = *us_.ex->Get(id, true);
  EXPECT_EQ(on_cn["states"]["US"], "closed");
  EXPECT_EQ(on_us["states"]["US"], "closed");
  // CN's timeline keeps US's acknowledgement as evidence; it came after the close there.
  ASSERT_EQ(on_cn["timeline"].size(), 3u);
  EXPECT_EQ(on_cn["timeline"][2]["type"], "acknowledge");
  EXPECT_EQ(on_cn["timeline"][2]["applied"], false);
  EXPECT_EQ(on_us["timeline"][1]["applied"], true);
  EXPECT_TRUE(cn_.ex->Outbox("", false)->empty());
  EXPECT_TRUE(us_.ex->Outbox("", false)->empty());
}

TEST(Backoff, ExponentialCappedWithJitter) {
  RetryPolicy p{1000, 60'000, 0.25};
  EXPECT_EQ(BackoffMs(1, 0.5, p), 1000);
  EXPECT_EQ(BackoffMs(4, 0.5, p), 8000);
  EXPECT_EQ(BackoffMs(30, 0.5, p), 60'000);
  EXPECT_EQ(BackoffMs(1, 0.0, p), 750);
  EXPECT_EQ(BackoffMs(30, 0.999999, p), 74'999);
}

// Indicators against hand-computed figures. CN is the node; US the partner.
TEST_P(NodePair, IndicatorsMatchHandComputedFixture) {
  auto at = [&](const char* ts) { now_ = At(ts); };
  auto both = [&] {
    Deliver(cn_, us_);
    Deliver(us_, cn_);
  };
  // Notifications CN → US.
  at("2026-10-01T00:00:00Z");
  std::string n1 = Notification(cn_, "US", "2026-10-03T00:00:00Z");
  at("2026-10-01T12:00:00Z");
  std::string n2 = Notification(cn_, "US", "2026-10-02T00:00:00Z");
  at("2026-11-01T00:00:00Z");
  std::string n3 = Notification(cn_, "US", "2026-12-31T00:00:00Z");
  at("2026-11-02T00:00:00Z");
  std::string n4 = Notification(cn_, "US", "2026-11-03T00:00:00Z");
  both();
  at("2026-10-01T06:00:00Z"), Event(us_, n1, "acknowledge");  // 6 h after n1
  at("2026-10-01T10:00:00Z"), Event(us_, n1, "clear");        // before the deadline: answered
  at("2026-10-02T06:00:00Z"),
      Event(us_, n2, "acknowledge");                    // 18 h after n2, never answered: expired
  at("2026-11-04T00:00:00Z"), Event(us_, n4, "clear");  // 48 h, after the deadline: expired
  // Leads CN → US.
  at("2026-09-05T00:00:00Z");
  std::string l1 = Lead(cn_, "US");
  at("2026-10-06T00:00:00Z");
  std::string l2 = Lead(cn_, "US");
  at("2026-12-01T00:00:00Z");
  std::string l3 = Lead(cn_, "US");
  // A lead US → CN.
  at("2026-10-10T00:00:00Z");
  std::string l4 = Lead(us_, "CN");
  both();
  at("2026-09-05T04:00:00Z"), Event(us_, l1, "acknowledge");  // 4 h
  at("2026-09-06T00:00:00Z"), Event(us_, l1, "action_taken", std::nullopt, "", "investigation");
  at("2026-09-20T00:00:00Z"),
      Event(us_, l1, "outcome",
            Json{{"arrests", 2}, {"prosecutions", 1}, {"convictions", 0}, {"seized_kg", 10.5}});
  at("2026-11-20T00:00:00Z"),
      Event(us_, l1, "outcome", Json{{"arrests", 1}, {"prosecutions", 1}, {"convictions", 1}});
  at("2026-10-06T10:00:00Z"), Event(us_, l2, "acknowledge");  // 10 h
  at("2026-10-07T00:00:00Z"), Event(us_, l2, "decline", std::nullopt, "outside our jurisdiction");
  at("2026-10-10T01:00:00Z"), Event(cn_, l4, "acknowledge");  // CN answers US's lead in 1 h
  both();
  at("2026-12-07T00:00:00Z");
  Json ind = *cn_.ex->Indicators({"US", "", ""});
  ASSERT_EQ(ind["partners"].size(), 1u);
  const Json& p = ind["partners"][0];
  const Json& n = p["sent"]["notifications"];
  EXPECT_EQ(n["sent"], 4);
  EXPECT_EQ(n["delivered"], 4);
  EXPECT_EQ(n["answered"], 1);                        // n1
  EXPECT_EQ(n["expired"], 2);                         // n2 (no answer), n4 (answered 24 h late)
  EXPECT_EQ(n["pending"], 1);                         // n3, deadline 2026-12-31
  EXPECT_EQ(n["median_hours_to_acknowledge"], 18.0);  // median(6, 18, 48); n3 has none
  const Json& l = p["sent"]["leads"];
  EXPECT_EQ(l["sent"], 3);
  EXPECT_EQ(l["acknowledged"], 2);      // l1, l2
  EXPECT_EQ(l["acted_on"], 1);          // l1
  EXPECT_EQ(l["acted_on_pct"], 33.33);  // 1 / 3
  EXPECT_EQ(l["declined"], 1);
  EXPECT_EQ(l["median_hours_to_acknowledge"], 7.0);  // (4 + 10) / 2
  EXPECT_EQ(l["arrests"], 3);                        // 2 + 1
  EXPECT_EQ(l["prosecutions"], 2);                   // 1 + 1
  EXPECT_EQ(l["convictions"], 1);
  EXPECT_EQ(l["seized_kg"], 10.5);
  const Json& r = p["received"]["leads"];
  EXPECT_EQ(r["sent"], 1);  // l4, US's lead to CN
  EXPECT_EQ(r["acknowledged"], 1);
  EXPECT_EQ(r["median_hours_to_acknowledge"], 1.0);
  EXPECT_EQ(p["reciprocity"], Json({{"leads_given", 3}, {"leads_received", 1}, {"ratio", 3.0}}));
  // Per quarter (by the record's creation): Q3 holds l1 only.
  ASSERT_EQ(p["quarters"].size(), 2u);
  EXPECT_EQ(p["quarters"][0]["quarter"], "2026-Q3");
  EXPECT_EQ(p["quarters"][0]["sent"]["leads"]["arrests"], 3);
  EXPECT_EQ(p["quarters"][1]["quarter"], "2026-Q4");
  EXPECT_EQ(p["quarters"][1]["sent"]["leads"]["sent"], 2);  // l2, l3
  EXPECT_EQ(p["quarters"][1]["sent"]["leads"]["acted_on_pct"], 0.0);
  // From 2026-10-01: l1 leaves the window.
  Json window = *cn_.ex->Indicators({"US", "2026-10-01", ""});
  EXPECT_EQ(window["partners"][0]["sent"]["leads"]["sent"], 2);
  EXPECT_EQ(window["partners"][0]["sent"]["leads"]["arrests"], 0);
  // US sees the mirror image: what it answered of CN's leads.
  Json mirror = *us_.ex->Indicators({"CN", "", ""});
  EXPECT_EQ(mirror["partners"][0]["received"]["leads"]["arrests"], 3);
  EXPECT_EQ(mirror["partners"][0]["received"]["notifications"]["expired"], 2);
  // CSV: a header and two rows (sent, received) per period.
  std::string csv = IndicatorsCsv(ind);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3);
  EXPECT_NE(csv.find("\nUS,all,sent,4,4,1,2,1,18,3,3,2,1,33.33,1,7,3,2,1,10.5,3,1,3\n"),
            std::string::npos)
      << csv;
}

INSTANTIATE_TEST_SUITE_P(Backends, NodePair, store::testing::AllBackends(),
                         store::testing::BackendName);

}  // namespace
}  // namespace chokepoint::exchange
