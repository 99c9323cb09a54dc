// Three authorities' nodes as real `chokepoint serve` processes on loopback, each with its own
// database (each backend), exchanging every kind of record over real HTTP; a peer offline and
// back; replays, duplicates, forged and altered envelopes and unknown senders on the wire; the
// audience matrix (kind × TLP × addressed or not × same or other organization × role) on every
// read route, with the number of leaks printed and required to be 0.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <vector>

#include "../serve_process.h"
#include "../shell.h"
#include "exchange/envelope.h"
#include "exchange/keys.h"
#include "store/testing.h"

namespace chokepoint::exchange {
namespace {

using chokepoint::testing::ChokepointBin;
using chokepoint::testing::ServeProcess;
using chokepoint::testing::Shell;
using J = nlohmann::json;

struct Authority {
  std::string code;
  std::unique_ptr<store::testing::TestDatabase> db;
  std::unique_ptr<ServeProcess> server;
  std::string key;
  // role → token, for the organization bound to the exchange ("own") and another one.
  std::map<std::string, std::string> own, other;
};

class ThreeNodes : public store::testing::OnEachBackend {
 protected:
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    for (const char* code : {"CN", "US", "JP"}) {
      auto a = std::make_unique<Authority>();
      a->code = code;
      a->db = std::make_unique<store::testing::TestDatabase>(GetParam());
      ASSERT_TRUE(a->db->ok()) << a->db->skip_reason();
      Cli(*a, "admin create-org '" + a->code + " authority'");
      Cli(*a, "admin create-org 'Other org at " + a->code + "'");
      for (const char* role : {"admin", "analyst", "auditor"}) {
        a->own[role] = Token(*a, a->code + " authority", role);
        a->other[role] = Token(*a, "Other org at " + a->code, role);
      }
      std::string init =
          Cli(*a, "exchange init --authority " + a->code + " --org '" + a->code + " authority'");
      a->key = J::parse(init.substr(init.find('{')), nullptr, false).value("public_key", "");
      ASSERT_EQ(a->key.size(), 44u) << init;
      a->server = std::make_unique<ServeProcess>(
          a->db->target(), a->db->dir() + "/serve.log",
          "--list data/examples/blocklist.jsonl --lists-dir " + a->db->dir() + "/lists");
      ASSERT_TRUE(a->server->Start()) << a->server->log();
      nodes_[code] = std::move(a);
    }
    for (auto& [code, a] : nodes_)
      for (auto& [peer, b] : nodes_)
        if (code != peer)
          Cli(*a, "exchange peer add --authority " + peer + " --url " + b->server->url() +
                      " --key " + b->key);
  }
  void TearDown() override { nodes_.clear(); }

  std::string Cli(Authority& a, const std::string& args, int want = 0) {
    int rc = -1;
    std::string out = Shell(ChokepointBin() + " " + args + " --db '" + a.db->target() + "'", &rc);
    EXPECT_EQ(rc, want) << args << ": " << out;
    return out;
  }
  std::string Token(Authority& a, const std::string& org, const std::string& role) {
    std::string out = Cli(a, "admin create-token --org '" + org +
                                 "' --format json --rate-limit 100000 --role " + role);
    return J::parse(out.substr(out.find('{')), nullptr, false).value("token", "");
  }
  Authority& N(const std::string& code) { return *nodes_.at(code); }
  // {status, json} as the node's own analyst.
  std::pair<int, J> Api(const std::string& code, const std::string& method, const std::string& path,
                        const J& body = nullptr, const std::string& role = "analyst") {
    auto r =
        N(code).server->Send(method, path, N(code).own.at(role), body.is_null() ? "" : body.dump());
    return {r.status, J::parse(r.body, nullptr, false)};
  }
  std::string Create(const std::string& code, const J& req) {
    auto [st, j] = Api(code, "POST", "/v1/exchange/records", req);
    EXPECT_EQ(st, 201) << j.dump();
    return j.value("id", "");
  }
  void Event(const std::string& code, const std::string& id, const J& ev, int want = 201) {
    auto [st, j] = Api(code, "POST", "/v1/exchange/records/" + id + "/events", ev);
    EXPECT_EQ(st, want) << code << " " << ev.dump() << ": " << j.dump();
  }
  // Polls GET path on `code` until `ok(json)` (deliveries are asynchronous); false after ~60 s.
  bool WaitFor(const std::string& code, const std::string& path,
               const std::function<bool(const J&)>& ok) {
    for (int i = 0; i < 6000; ++i) {
      auto [st, j] = Api(code, "GET", path);
      if (st == 200 && ok(j)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling interval
    }
    std::string outboxes;
    for (const auto& [c, a] : nodes_)
      outboxes += "\n" + c +
                  " outbox: " + Api(c, "GET", "/v1/exchange/outbox?all=true").second.dump() + "\n" +
                  c + " log: " + a->server->log();
    ADD_FAILURE() << "waiting on " << code << " " << path << ": "
                  << Api(code, "GET", path).second.dump() << outboxes;
    return false;
  }
  bool WaitState(const std::string& code, const std::string& id, const std::string& who,
                 const std::string& state) {
    return WaitFor(code, "/v1/exchange/records/" + id, [&](const J& j) {
      return j.contains("states") && j["states"].value(who, "") == state;
    });
  }
  std::string ScreenOrder(const std::string& code, const std::string& order_id) {
    std::ifstream in("data/examples/orders.jsonl");
    std::string line;
    while (std::getline(in, line))
      if (line.find("\"SO-2025-0008\"") != std::string::npos) break;
    J o = J::parse(line);
    o["id"] = order_id;
    auto [st, j] = Api(code, "POST", "/v1/orders/screen", o);
    EXPECT_EQ(st, 201) << j.dump();
    return order_id;
  }

  static J Notification(const std::vector<std::string>& to, const std::string& tlp) {
    return {{"kind", "notification"},
            {"to", to},
            {"tlp", tlp},
            {"body",
             {{"exporter", {{"name", "Hebei Example Chemical Co"}, {"country", "CN"}}},
              {"importer", {{"name", "Pacific Example Labs"}, {"country", "US"}}},
              {"consignee", "Pacific Example Labs"},
              {"substance", "4-anilinopiperidine"},
              {"quantity_kg", 25},
              {"point_of_entry", "Port of Long Beach"},
              {"dispatch_date", "2026-12-20"},
              {"hs_code", "2933.39"},
              {"export_authorization", "CN-EXP-2026-0042"},
              {"transit_countries", {"KR"}},
              {"reply_deadline", "2099-12-31"}}}};
  }
  static J Incident(const std::vector<std::string>& to, const std::string& tlp) {
    return {{"kind", "incident"},
            {"to", to},
            {"tlp", tlp},
            {"body",
             {{"incident_type", "seizure"},
              {"date", "2026-11-30"},
              {"substances", {{{"substance", "N-phenethyl-4-piperidone"}, {"quantity_kg", 40}}}},
              {"route", {"CN", "MX", "US"}},
              {"parties", {{{"name", "Example Forwarding Ltd"}, {"role", "forwarder"}}}},
              {"modus_operandi", "declared as dye intermediates"}}}};
  }
  static J Lead(const std::vector<std::string>& to, const std::string& tlp) {
    return {
        {"kind", "lead"},
        {"to", to},
        {"tlp", tlp},
        {"body",
         {{"subjects",
           {{"parties", {"Example Pharma Trading"}}, {"emails", {"sales@example-pharma.example"}}}},
          {"substances", {"4-anilinopiperidine"}},
          {"evidence_summary", "repeated 4-AP orders, crypto payment"}}}};
  }

  std::map<std::string, std::unique_ptr<Authority>> nodes_;
};

TEST_P(ThreeNodes, EveryKindTravelsAndEveryStateMachineRuns) {
  // report: a seller's authority node (JP here) reports a decided order to CN.
  ScreenOrder("JP", "SO-EX-1");
  std::string report = Create(
      "JP",
      {{"kind", "report"}, {"to", {"CN"}}, {"tlp", "amber"}, {"body", {{"order_id", "SO-EX-1"}}}});
  ASSERT_TRUE(WaitState("CN", report, "CN", "received"));
  auto [rst, rj] = Api("CN", "GET", "/v1/exchange/records/" + report);
  EXPECT_EQ(rj["body"]["report"]["order_id"], "SO-EX-1") << rj["body"].dump();
  for (const char* t : {"acknowledge", "under_review"}) Event("CN", report, {{"type", t}});
  Event("CN", report, {{"type", "action_taken"}, {"action", "inspection"}});
  Event("CN", report, {{"type", "close"}});

  // notification CN → US: the full pre-export path.
  std::string notif = Create("CN", Notification({"US"}, "green"));
  ASSERT_TRUE(WaitState("US", notif, "US", "received"));
  auto [nst, nj] = Api("US", "GET", "/v1/exchange/records/" + notif);
  ASSERT_EQ(nj["classification"].size(), 1u);
  EXPECT_EQ(nj["classification"][0]["input"], "4-anilinopiperidine");
  EXPECT_TRUE(nj["classification"][0]["ok"].get<bool>()) << nj["classification"].dump();
  Event("US", notif, {{"type", "acknowledge"}});
  Event("US", notif, {{"type", "shipped"}},
        409);  // only the originator ships, and only once cleared
  Event("US", notif, {{"type", "clear"}});
  ASSERT_TRUE(WaitState("CN", notif, "US", "cleared"));
  Event("CN", notif, {{"type", "shipped"}});
  ASSERT_TRUE(WaitState("US", notif, "US", "shipped"));
  Event("US", notif, {{"type", "arrived"}});
  ASSERT_TRUE(WaitState("CN", notif, "US", "arrived"));

  // incident CN → US, JP: shared among all three.
  std::string inc = Create("CN", Incident({"US", "JP"}, "amber"));
  ASSERT_TRUE(WaitState("US", inc, "US", "received"));
  ASSERT_TRUE(WaitState("JP", inc, "JP", "received"));
  Event("US", inc, {{"type", "acknowledge"}});
  Event("JP", inc, {{"type", "request_info"}, {"note", "which vessel?"}});
  ASSERT_TRUE(WaitState("JP", inc, "US", "acknowledged"));  // US's answer reached JP too
  ASSERT_TRUE(WaitState("CN", inc, "JP", "info_requested"));
  Event("CN", inc, {{"type", "close"}});
  ASSERT_TRUE(WaitState("US", inc, "US", "closed"));
  ASSERT_TRUE(WaitState("JP", inc, "JP", "closed"));

  // lead CN → US worked to the end; lead JP → US declined.
  std::string lead = Create("CN", Lead({"US"}, "amber+strict"));
  ASSERT_TRUE(WaitState("US", lead, "US", "delivered"));
  Event("US", lead, {{"type", "outcome"}, {"outcome", {{"arrests", 1}}}}, 409);
  auto [ist, ij] =
      Api("US", "POST", "/v1/exchange/records/" + lead + "/events", {{"type", "close"}});
  EXPECT_EQ(ist, 409);
  EXPECT_EQ(ij["allowed"], J({"acknowledge", "decline"})) << ij.dump();
  Event("US", lead, {{"type", "acknowledge"}});
  Event("US", lead, {{"type", "under_review"}});
  Event("US", lead, {{"type", "action_taken"}, {"action", "seizure"}});
  Event(
      "US", lead,
      {{"type", "outcome"},
       {"outcome", {{"arrests", 3}, {"prosecutions", 2}, {"convictions", 1}, {"seized_kg", 7.5}}}});
  Event("US", lead, {{"type", "close"}});
  ASSERT_TRUE(WaitState("CN", lead, "US", "closed"));
  std::string lead2 = Create("JP", Lead({"US"}, "red"));
  ASSERT_TRUE(WaitState("US", lead2, "US", "delivered"));
  Event("US", lead2, {{"type", "decline"}, {"note", "no nexus to our jurisdiction"}});
  ASSERT_TRUE(WaitState("JP", lead2, "US", "declined"));
  ASSERT_TRUE(WaitState("JP", report, "CN", "closed"));

  // Every envelope of the lead was receipted by its recipient, and the originator holds them.
  auto [gst, gj] = Api("CN", "GET", "/v1/exchange/records/" + lead);
  EXPECT_EQ(gj["timeline"].size(), 6u);  // created + 5 events
  EXPECT_EQ(gj["receipts"].size(), 6u);  // US's receipt of the record, CN's of the 5 events
  // Nothing left in any outbox.
  for (const char* code : {"CN", "US", "JP"})
    EXPECT_TRUE(
        WaitFor(code, "/v1/exchange/outbox", [](const J& j) { return j["envelopes"].empty(); }));
  // CN's indicators show US's answer to the lead.
  auto [xst, xj] = Api("CN", "GET", "/v1/exchange/indicators?partner=US");
  ASSERT_EQ(xst, 200) << xj.dump();
  const J& l = xj["partners"][0]["sent"]["leads"];
  EXPECT_EQ(l["sent"], 1);
  EXPECT_EQ(l["acted_on"], 1);
  EXPECT_EQ(l["arrests"], 3);
  EXPECT_EQ(xj["partners"][0]["sent"]["notifications"]["answered"], 1);
  auto csv = N("CN").server->Send("GET", "/v1/exchange/indicators?partner=US&format=csv",
                                  N("CN").own["auditor"]);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("partner,period,direction,", 0), 0u) << csv.body;
}

TEST_P(ThreeNodes, PeerOfflineThenBackGetsTheRecordOnceAfterRestarts) {
  int us_port = N("US").server->port(), cn_port = N("CN").server->port();
  N("US").server->Stop();
  std::string id = Create("CN", Lead({"US"}, "amber"));
  // The sender tried, failed, and says why.
  ASSERT_TRUE(WaitFor("CN", "/v1/exchange/outbox", [&](const J& j) {
    return !j["envelopes"].empty() && j["envelopes"][0]["attempts"].get<int>() >= 1 &&
           !j["envelopes"][0]["last_error"].is_null();
  }));
  // The sender's node restarts too; the outbox is in its database.
  N("CN").server->Stop();
  ASSERT_TRUE(N("US").server->Start(us_port)) << N("US").server->log();
  ASSERT_TRUE(N("CN").server->Start(cn_port)) << N("CN").server->log();
  ASSERT_TRUE(WaitState("US", id, "US", "delivered"));
  ASSERT_TRUE(WaitState("CN", id, "US", "delivered"));  // the receipt came back
  auto [st, out] = Api("CN", "GET", "/v1/exchange/outbox?all=true");
  ASSERT_EQ(out["envelopes"].size(), 1u);
  EXPECT_EQ(out["envelopes"][0]["state"], "delivered");
  EXPECT_GE(out["envelopes"][0]["attempts"].get<int>(), 1);
  // Once: one record, one envelope on US.
  auto [lst, list] = Api("US", "GET", "/v1/exchange/records?box=inbox");
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(Api("US", "GET", "/v1/exchange/records/" + id).second["timeline"].size(), 1u);
}

TEST_P(ThreeNodes, ReplayedDuplicatedForgedAlteredAndUnknownEnvelopesOnTheWire) {
  std::string id = Create("CN", Lead({"US"}, "amber"));
  ASSERT_TRUE(WaitState("CN", id, "US", "delivered"));
  std::string bundle = Cli(N("CN"), "exchange export --to US --all 2>/dev/null");
  std::string envelope = bundle.substr(0, bundle.find('\n'));
  ASSERT_NE(envelope.find("\"payload\""), std::string::npos) << bundle;
  // A replay: 200 and the stored receipt, the same bytes every time.
  auto first = N("US").server->Send("POST", "/v1/exchange/inbound", "", envelope);
  EXPECT_EQ(first.status, 200) << first.body;
  J stored = Api("CN", "GET", "/v1/exchange/records/" + id).second["receipts"][0]["receipt"];
  EXPECT_EQ(J::parse(first.body), stored);
  // Duplicates at once from 8 clients: all answered with the same receipt, nothing new stored.
  std::vector<std::string> bodies(8);
  std::vector<std::thread> ts;
  for (int i = 0; i < 8; ++i)
    ts.emplace_back([&, i] {
      bodies[i] = N("US").server->Send("POST", "/v1/exchange/inbound", "", envelope).body;
    });
  for (auto& t : ts) t.join();
  for (const auto& b : bodies) EXPECT_EQ(b, first.body);
  EXPECT_EQ(Api("US", "GET", "/v1/exchange/records").second["total"], 1);

  auto post = [&](const std::string& node, const std::string& body) {
    return N(node).server->Send("POST", "/v1/exchange/inbound", "", body);
  };
  auto code = [](const ServeProcess::Answer& a) {
    return J::parse(a.body, nullptr, false).value("code", "");
  };
  // One byte of the payload altered.
  Envelope e = *ParseEnvelope(envelope);
  Envelope altered = e;
  altered.payload[altered.payload.find("crypto payment") + 1] ^= 0x20;
  auto a1 = post("US", EnvelopeText(altered));
  EXPECT_EQ(a1.status, 403);
  EXPECT_EQ(a1.content_type, "application/problem+json");
  EXPECT_EQ(code(a1), "bad_signature");
  // A new id, signed by a key nobody trusts, in CN's name.
  KeyPair forger = NewKeyPair();
  std::string p = e.payload;
  p.replace(p.find("\"id\":\"CN-") + 9, 4, "FAKE");
  auto a2 = post("US", EnvelopeText(SignPayload(p, forger.secret_key)));
  EXPECT_EQ(code(a2), "bad_signature");
  // An unknown sender.
  std::string zz =
      R"({"version":1,"id":"ZZ-1","from":"ZZ","to":["US"],"sent_at":"2026-12-07T00:00:00Z","type":"event","event":{}})";
  auto a3 = post("US", EnvelopeText(SignPayload(zz, forger.secret_key)));
  EXPECT_EQ(a3.status, 403);
  EXPECT_EQ(code(a3), "unknown_sender");
  // JP is not among the recipients of CN's envelope to US.
  auto a4 = post("JP", envelope);
  EXPECT_EQ(a4.status, 403);
  EXPECT_EQ(code(a4), "not_addressed");
  EXPECT_EQ(code(post("US", "{\"payload\":\"x\"}")), "malformed_envelope");
  // Nothing of it was stored; every rejection is in the audit log.
  EXPECT_EQ(Api("US", "GET", "/v1/exchange/records").second["total"], 1);
  EXPECT_EQ(Api("JP", "GET", "/v1/exchange/records").second["total"], 0);
  std::string audit = Cli(N("US"), "audit export");
  size_t rejects = 0;
  for (size_t at = 0; (at = audit.find("exchange.inbound.reject", at)) != std::string::npos; ++at)
    ++rejects;
  EXPECT_EQ(rejects, 4u) << audit;

  // A flood of bad envelopes from one address: past a few per second they are answered 429 and
  // not recorded, so the audit log holds exactly the rejections answered 4xx below the limit.
  int limited = 0;
  const int flood = 150;  // the server allows 50 a second (its default --rate-limit)
  for (int i = 0; i < flood; ++i) {
    auto a = post("US", "{\"payload\":\"x\"}");
    if (a.status == 429) {
      ++limited;
      EXPECT_EQ(code(a), "rate_limited");
    } else {
      EXPECT_EQ(code(a), "malformed_envelope");
    }
  }
  EXPECT_GT(limited, 0);
  audit = Cli(N("US"), "audit export");
  rejects = 0;
  for (size_t at = 0; (at = audit.find("exchange.inbound.reject", at)) != std::string::npos; ++at)
    ++rejects;
  EXPECT_EQ(rejects, 4u + static_cast<size_t>(flood - limited));
}

// Every kind × TLP, addressed to US only; read by every role of both organizations on the
// originator (CN), the addressed node (US) and a node not addressed (JP), on every read route.
TEST_P(ThreeNodes, AudienceMatrixHasNoLeaks) {
  ScreenOrder("CN", "SO-AUD-1");
  struct Rec {
    std::string id, kind, tlp, mark, canary;
  };
  std::vector<Rec> recs;
  for (const auto& kind : {"notification", "incident", "lead", "report"})
    for (const auto& tlp : {"clear", "green", "amber", "amber+strict", "red"}) {
      Rec r{"", kind, tlp, std::string("MARK-") + kind + "-" + tlp,
            std::string("CANARY-") + kind + "-" + tlp};
      J req = std::string(kind) == "notification" ? Notification({"US"}, tlp)
              : std::string(kind) == "incident"   ? Incident({"US"}, tlp)
              : std::string(kind) == "lead"       ? Lead({"US"}, tlp)
                                                  : J{{"kind", "report"},
                                                {"to", {"US"}},
                                                {"tlp", tlp},
                                                {"body", {{"order_id", "SO-AUD-1"}}}};
      req["body"]["marker"] = r.mark;
      req["body"]["trade_secret"] = r.canary;
      req["confidential"] = {"trade_secret"};
      r.id = Create("CN", req);
      recs.push_back(r);
    }
  ASSERT_TRUE(WaitFor("US", "/v1/exchange/records?box=inbox",
                      [&](const J& j) { return j["total"] == recs.size(); }));
  ASSERT_TRUE(
      WaitFor("CN", "/v1/exchange/outbox", [](const J& j) { return j["envelopes"].empty(); }));
  // A missing record's 404, to compare foreign ones with.
  int combinations = 0, leaks = 0;
  for (const char* node : {"CN", "US", "JP"})
    for (bool own : {true, false})
      for (const char* role : {"admin", "analyst", "auditor"}) {
        Authority& a = N(node);
        const std::string& token = own ? a.own.at(role) : a.other.at(role);
        bool party = std::string(node) != "JP";  // originator or addressed
        bool sees_records = own && party;
        bool sees_secrets = sees_records && std::string(role) != "auditor";
        auto missing = a.server->Send("GET", "/v1/exchange/records/CN-NO-SUCH-RECORD", token);
        auto check = [&](const ServeProcess::Answer& r, const Rec* rec, const std::string& what) {
          ++combinations;
          SCOPED_TRACE(std::string(node) + (own ? " own " : " other ") + role + " " + what);
          for (const Rec& x : recs) {
            bool echoed =
                rec && rec->id == x.id;  // the id the reader asked for comes back in the 404
            bool leak = (!sees_records && (r.body.find(x.mark) != std::string::npos ||
                                           (!echoed && r.body.find(x.id) != std::string::npos))) ||
                        (!sees_secrets && r.body.find(x.canary) != std::string::npos);
            if (leak) {
              ++leaks;
              ADD_FAILURE() << "leak of " << x.id << ": " << r.body.substr(0, 400);
            }
          }
          if (rec && !sees_records) {
            EXPECT_EQ(r.status, 404) << r.body;
            std::string a1 = r.body, b1 = missing.body;
            a1.replace(a1.find(rec->id) == std::string::npos ? 0 : a1.find(rec->id),
                       a1.find(rec->id) == std::string::npos ? 0 : rec->id.size(), "ID");
            b1.replace(b1.find("CN-NO-SUCH-RECORD") == std::string::npos
                           ? 0
                           : b1.find("CN-NO-SUCH-RECORD"),
                       b1.find("CN-NO-SUCH-RECORD") == std::string::npos ? 0 : 17, "ID");
            EXPECT_EQ(a1, b1)
                << "a record not for this reader must look exactly like a missing one";
          }
        };
        auto list = a.server->Send("GET", "/v1/exchange/records", token);
        check(list, nullptr, "list");
        if (own) {
          EXPECT_EQ(list.status, 200);
          EXPECT_EQ(J::parse(list.body)["total"], party ? recs.size() : 0u);
        } else {
          EXPECT_EQ(list.status, 404);
        }
        auto ind = a.server->Send("GET", "/v1/exchange/indicators", token);
        check(ind, nullptr, "indicators");
        EXPECT_EQ(ind.status, own ? 200 : 404);
        for (const Rec& r : recs) {
          auto get = a.server->Send("GET", "/v1/exchange/records/" + r.id, token);
          check(get, &r, "get " + r.kind + " " + r.tlp);
          auto events = a.server->Send("GET", "/v1/exchange/records/" + r.id + "/events", token);
          check(events, &r, "events " + r.kind + " " + r.tlp);
          if (sees_records) {
            EXPECT_EQ(get.status, 200);
            EXPECT_NE(get.body.find(r.mark), std::string::npos);
            EXPECT_EQ(get.body.find(r.canary) != std::string::npos, sees_secrets)
                << get.body.substr(0, 300);
            EXPECT_EQ(events.status, 200);
          }
        }
      }
  std::printf(
      "audience matrix: %d reads (4 kinds x 5 TLP x 3 nodes x 2 organizations x 3 roles, 4 "
      "routes), %d leaks\n",
      combinations, leaks);
  EXPECT_EQ(leaks, 0);
  // Writing is the analysts' (and admins'): an auditor may not record an event.
  auto w = N("US").server->Send("POST", "/v1/exchange/records/" + recs[0].id + "/events",
                                N("US").own["auditor"], R"({"type":"acknowledge"})");
  EXPECT_EQ(w.status, 403);
  // Another organization cannot write either: the same 404 as for reads.
  w = N("US").server->Send("POST", "/v1/exchange/records/" + recs[0].id + "/events",
                           N("US").other["analyst"], R"({"type":"acknowledge"})");
  EXPECT_EQ(w.status, 404);
  // TLP:RED forbids re-sharing, whatever the creator asks.
  J red = Lead({"US"}, "red");
  red["handling"] = {{"re_share", true}};
  auto [rst, rj] = Api("CN", "POST", "/v1/exchange/records", red);
  EXPECT_EQ(rst, 400);
  EXPECT_EQ(rj.value("detail", ""),
            "handling.re_share: TLP:red forbids re-sharing beyond the addressed authorities");
}

INSTANTIATE_TEST_SUITE_P(Backends, ThreeNodes, store::testing::AllBackends(),
                         store::testing::BackendName);

}  // namespace
}  // namespace chokepoint::exchange
