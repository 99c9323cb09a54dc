// Authorization matrix: every route × every role × own/other organization, over HTTP.
//
// Two organizations each screen their own orders. For every combination the status must be
// what the role table (access::Allowed) says, and no cross-organization read or write may
// succeed or leak: another organization's order answers 404 exactly like a missing one, and
// lists, stats and the audit log of one organization never contain the other's order ids or
// customers. The number of cross-organization successes is printed and must be 0.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "api_fixture.h"

namespace chokepoint::server::testing {
namespace {

using access::Role;

struct OrgState {
  std::string name;
  int64_t id = 0;
  std::map<Role, std::string> tokens;
  std::set<int64_t> token_ids;
  std::vector<std::string>
      seeded;                 //!< order ids screened before the matrix (seeded[i] probed by role i)
  std::set<std::string> ids;  //!< every order id the organization holds
  std::vector<std::string> secrets;  //!< customer names only this organization's orders carry
};

// An example order under another id and buyer name, so every organization's data is unique.
std::string OrderAs(const std::string& example, const std::string& id, const std::string& buyer) {
  Json o = Json::parse(ExampleOrders().at(example));
  o["id"] = id;
  o["buyer"]["name"] = buyer;
  return o.dump();
}

class AuthzMatrix : public BackendTest {
 protected:
  void SetUp() override {
    CP_START_SERVER_OR_SKIP();
    orgs_[0].name = "Acme Distribution";
    orgs_[1].name = "Borealis Chemicals";
    const char* examples[4] = {"SO-2025-0011", "SO-2025-0001", "SO-2025-0007", "SO-2025-0002"};
    for (int k = 0; k < 2; ++k) {
      OrgState& o = orgs_[k];
      srv_->CreateOrg(o.name);
      o.id = srv_->directory().FindOrg(o.name)->id;
      for (Role r : access::AllRoles()) {
        auto t = srv_->CreateToken(o.name, r);
        o.tokens[r] = t.token;
        o.token_ids.insert(t.info.id);
      }
      std::string prefix = k == 0 ? "ACME" : "BORE";
      for (int i = 0; i < 4; ++i) {
        std::string id = prefix + "-ORD-" + std::to_string(i + 1);
        std::string buyer = prefix + " Secret Buyer " + std::to_string(i + 1) + " Inc";
        Response r = srv_->Post("/v1/orders/screen", OrderAs(examples[i], id, buyer),
                                o.tokens[Role::kScreener]);
        ASSERT_EQ(r.status, 201) << Show(r);
        o.seeded.push_back(id);
        o.ids.insert(id);
        o.secrets.push_back(buyer);
      }
      // Some history in each: a review and an audit read.
      ASSERT_EQ(srv_->Post("/v1/orders/" + o.seeded[0] + "/review",
                           R"({"disposition": "block", "note": "seed"})", o.tokens[Role::kAnalyst])
                    .status,
                201);
      ASSERT_EQ(srv_->Get("/v1/audit", o.tokens[Role::kAuditor]).status, 200);
    }
  }

  // Strings of `org` that must never appear in an answer to the other organization.
  std::vector<std::string> Private(const OrgState& org, const std::string& except = "") {
    std::vector<std::string> out(org.secrets.begin(), org.secrets.end());
    for (const auto& id : org.ids)
      if (id != except) out.push_back(id);
    return out;
  }

  OrgState orgs_[2];
};

struct Probe {
  std::string method, path, body;
  int ok_status = 200;
};

// The request a caller makes for `route`; `id` fills {id}. Empty method: the matrix does not
// know the route (a new route must be added here).
Probe ProbeFor(const RouteInfo& r, const std::string& id, const std::string& order_body) {
  Probe p{r.method, r.path, "", 200};
  auto at = p.path.find("{id}");
  if (at != std::string::npos) p.path.replace(at, 4, Q(id));
  const std::string& n = r.name;
  if (n == "healthz" || n == "metrics" || n == "openapi" || n == "whoami" || n == "rulebooks" ||
      n == "lists" || n == "getOrder" || n == "orderReport") {
  } else if (n == "classify") {
    p.body = R"({"substance": "fentanyl"})";
  } else if (n == "depict") {
    p.path += "?substance=CCO";
  } else if (n == "screenParties") {
    p.body = R"({"party": {"name": "Li Wei Trading Ltd"}})";
  } else if (n == "screenOrder") {
    p.body = order_body;
    p.ok_status = 201;
  } else if (n == "listOrders") {
    p.path += "?limit=1000";
  } else if (n == "reviewOrder") {
    p.body = R"({"disposition": "report", "note": "authorization matrix"})";
    p.ok_status = 201;
  } else if (n == "stats") {
    p.path += "?days=3660";
  } else if (n == "auditLog") {
    p.path += "?limit=1000";
  } else if (n == "exchangeInbound") {
    p.body = "{}";  // signature-authenticated: a malformed envelope, whoever sends it
    p.ok_status = 400;
  } else if (n.rfind("exchange", 0) == 0) {
    // This server has no exchange identity: every organization gets the exchange's 404
    // (tests/exchange/ cover a bound node: roles, organizations and audiences).
    if (r.method == "POST") p.body = R"({"type": "acknowledge"})";
    p.ok_status = 404;
  } else {
    p.method.clear();
  }
  return p;
}

TEST_P(AuthzMatrix, EveryRouteRoleAndOrganization) {
  int combinations = 0, cross_org_successes = 0, leaks = 0;
  // Phase 1: every route but the cross-organization order screening (phase 2), which adds
  // the other organization's ids to the caller's own records.
  struct Deferred {
    int caller;
    Role role;
    const RouteInfo* route;
  };
  std::vector<Deferred> phase2;
  for (const auto& route : Server::Routes()) {
    for (int k = 0; k < 2; ++k) {
      OrgState& me = orgs_[k];
      OrgState& other = orgs_[1 - k];
      for (size_t ri = 0; ri < access::AllRoles().size(); ++ri) {
        Role role = access::AllRoles()[ri];
        for (bool cross : {false, true}) {
          SCOPED_TRACE(me.name + " " + access::RoleName(role) + " " + route.method + " " +
                       route.path + (cross ? " (other organization)" : " (own organization)"));
          if (route.name == "screenOrder" && cross) {
            phase2.push_back({k, role, &route});
            continue;
          }
          ++combinations;
          bool has_id = route.path.find("{id}") != std::string::npos;
          std::string target = has_id ? (cross ? other.seeded[ri] : me.seeded[ri]) : "";
          std::string new_id = me.name.substr(0, 4) + "-NEW-" + access::RoleName(role);
          for (auto& c : new_id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          Probe p =
              ProbeFor(route, target, OrderAs("SO-2025-0002", new_id, me.name + " own buyer"));
          ASSERT_FALSE(p.method.empty())
              << "route " << route.name << " has no probe in the authorization matrix";
          Response r = srv_->Send(p.method, p.path, me.tokens[role], p.body);
          ASSERT_NE(r.status, -1);
          bool allowed = !route.authenticated || access::Allowed(role, route.action);
          bool success = r.status >= 200 && r.status < 300;

          if (!allowed) {
            EXPECT_EQ(r.status, 403) << Show(r);
            EXPECT_EQ(r.content_type, "application/problem+json");
          } else if (cross && has_id) {
            // Another organization's record: 404, and the same 404 as a missing record.
            EXPECT_EQ(r.status, 404) << Show(r);
            Response missing = srv_->Send(p.method, ProbeFor(route, "NO-SUCH-ORDER", "").path,
                                          me.tokens[role], p.body);
            std::string a = r.body, b = missing.body;
            if (a.find(target) != std::string::npos) a.replace(a.find(target), target.size(), "ID");
            if (b.find("NO-SUCH-ORDER") != std::string::npos)
              b.replace(b.find("NO-SUCH-ORDER"), 13, "ID");
            EXPECT_EQ(a, b) << "a foreign record must look exactly like a missing one";
          } else {
            EXPECT_EQ(r.status, p.ok_status) << Show(r);
          }
          if (cross && has_id && success) ++cross_org_successes;
          if (success && route.name == "screenOrder") me.ids.insert(new_id);

          // No answer to `me` carries the other organization's data.
          bool leaked = false;
          for (const auto& s : Private(other, cross ? target : ""))
            if (r.body.find(s) != std::string::npos) {
              ADD_FAILURE() << "leak of '" << s << "': " << Show(r);
              leaked = true;
              break;
            }
          // Organization-scoped collections hold exactly the caller's records.
          if (allowed && success) {
            Json j = r.json();
            if (route.name == "listOrders") {
              std::set<std::string> got;
              for (const auto& o : j.at("orders")) got.insert(o.at("id").get<std::string>());
              EXPECT_EQ(got, me.ids);
              for (const auto& id : got) leaked |= !me.ids.count(id);
            } else if (route.name == "stats") {
              EXPECT_EQ(j.at("orders").get<size_t>(), me.ids.size());
              leaked |= j.at("orders").get<size_t>() > me.ids.size();
            } else if (route.name == "auditLog") {
              EXPECT_FALSE(j.at("entries").empty());
              for (const auto& e : j.at("entries")) {
                bool mine = e.at("org_id") == me.id;
                EXPECT_TRUE(mine) << e.dump();
                leaked |= !mine;
              }
            } else if (route.name == "whoami") {
              EXPECT_EQ(j.at("org"), me.name);
            } else if (route.name == "getOrder") {
              EXPECT_EQ(j.at("id"), target);
              for (const auto& rv : j.at("reviews")) {
                std::string actor = rv.at("actor");
                int64_t tid = std::stoll(actor.substr(actor.find("token:") + 6));
                EXPECT_TRUE(me.token_ids.count(tid))
                    << "review by another organization's token: " << rv.dump();
                leaked |= !me.token_ids.count(tid);
              }
            }
          }
          if (leaked) {
            ++leaks;
            if (!(cross && has_id && success)) ++cross_org_successes;
          }
        }
      }
    }
  }

  // Phase 2: screening an order whose id the other organization already holds decides a new
  // order in the caller's organization; it never answers the other's stored decision.
  for (const auto& d : phase2) {
    OrgState& me = orgs_[d.caller];
    OrgState& other = orgs_[1 - d.caller];
    size_t ri = std::find(access::AllRoles().begin(), access::AllRoles().end(), d.role) -
                access::AllRoles().begin();
    std::string target = other.seeded[ri];
    SCOPED_TRACE(me.name + " " + access::RoleName(d.role) +
                 " screens the other organization's id " + target);
    ++combinations;
    std::string mine = me.name + " probe buyer";
    Probe p = ProbeFor(*d.route, "", OrderAs("SO-2025-0002", target, mine));
    Response r = srv_->Send(p.method, p.path, me.tokens[d.role], p.body);
    bool allowed = access::Allowed(d.role, d.route->action);
    if (!allowed) {
      EXPECT_EQ(r.status, 403) << Show(r);
      continue;
    }
    EXPECT_EQ(r.status, 201) << Show(r);
    Json j = r.json();
    bool foreign =
        r.status == 200 || !j.is_object() || j.value("stored", true) || j.value("id", "") != target;
    for (const auto& s : Private(other, target)) foreign |= r.body.find(s) != std::string::npos;
    if (foreign) {
      ++cross_org_successes;
      ADD_FAILURE() << "answered the other organization's decision: " << Show(r);
    }
    me.ids.insert(target);
    // Both organizations now hold `target`, each its own.
    Response mine_detail = srv_->Get("/v1/orders/" + target, me.tokens[Role::kAdmin]);
    ASSERT_EQ(mine_detail.status, 200) << Show(mine_detail);
    EXPECT_EQ(mine_detail.json().at("order").at("buyer").at("name"), mine);
    Response theirs = srv_->Get("/v1/orders/" + target, other.tokens[Role::kAdmin]);
    ASSERT_EQ(theirs.status, 200) << Show(theirs);
    EXPECT_EQ(theirs.json().at("order").at("buyer").at("name"), other.secrets[ri]);
    EXPECT_EQ(theirs.body.find(mine), std::string::npos);
  }

  size_t expected = Server::Routes().size() * access::AllRoles().size() * 2 * 2;
  EXPECT_EQ(combinations, static_cast<int>(expected));
  std::printf("AUTHZ_MATRIX combinations=%d cross_org_successes=%d leaks=%d\n", combinations,
              cross_org_successes, leaks);
  std::fflush(stdout);
  EXPECT_EQ(cross_org_successes, 0);
  EXPECT_EQ(leaks, 0);
}

// An organization's admin has no global view: it manages its own organization only.
TEST_P(AuthzMatrix, AdminOfOneOrganizationSeesNothingOfAnother) {
  const OrgState& a = orgs_[0];
  const OrgState& b = orgs_[1];
  const std::string& admin = a.tokens.at(Role::kAdmin);
  for (const auto& id : b.ids) {
    EXPECT_EQ(srv_->Get("/v1/orders/" + id, admin).status, 404) << id;
    EXPECT_EQ(srv_->Get("/v1/orders/" + id + "/report", admin).status, 404) << id;
    EXPECT_EQ(srv_->Post("/v1/orders/" + id + "/review",
                         R"({"disposition": "release", "note": "x"})", admin)
                  .status,
              404)
        << id;
  }
  // B's orders carry no review by A.
  for (const auto& id : b.ids) {
    Response d = srv_->Get("/v1/orders/" + id, b.tokens.at(Role::kAuditor));
    ASSERT_EQ(d.status, 200) << Show(d);
    for (const auto& rv : d.json().at("reviews")) EXPECT_EQ(rv.at("note"), "seed") << rv.dump();
  }
  for (const std::string q :
       {"", "?decision=block", "?status=open", "?customer=Secret", "?from=2000-01-01"}) {
    Response l = srv_->Get("/v1/orders" + q, admin);
    ASSERT_EQ(l.status, 200) << Show(l);
    for (const auto& o : l.json().at("orders"))
      EXPECT_TRUE(a.ids.count(o.at("id").get<std::string>())) << o.dump();
    for (const auto& s : b.secrets) EXPECT_EQ(l.body.find(s), std::string::npos) << q;
  }
  Response st = srv_->Get("/v1/stats?days=3660", admin);
  ASSERT_EQ(st.status, 200);
  EXPECT_EQ(st.json().at("orders"), a.ids.size());
  Response au = srv_->Get("/v1/audit?limit=1000", admin);
  ASSERT_EQ(au.status, 200);
  for (const auto& e : au.json().at("entries")) EXPECT_EQ(e.at("org_id"), a.id) << e.dump();
  for (const auto& id : b.ids) EXPECT_EQ(au.body.find(id), std::string::npos) << id;
  // B's own admin and auditor still see all of B's records, with A's attempts absent.
  Response bl = srv_->Get("/v1/orders", b.tokens.at(Role::kAuditor));
  std::set<std::string> got;
  for (const auto& o : bl.json().at("orders")) got.insert(o.at("id").get<std::string>());
  EXPECT_EQ(got, b.ids);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthzMatrix, store::testing::AllBackends(),
                         store::testing::BackendName);

}  // namespace
}  // namespace chokepoint::server::testing
