// Two `chokepoint serve` processes on one database, as behind a load balancer: they share
// orders, tokens, rate limits (PostgreSQL) and the audit log; concurrent appends from both
// keep one hash chain (`chokepoint audit verify` passes); the same order sent to both at once
// is decided once. Real binaries, real HTTP, a real database per backend.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../shell.h"
#include "store/connection.h"
#include "store/testing.h"

namespace {

using chokepoint::store::Backend;
using Json = nlohmann::json;

std::string Bin() {
  const char* b = std::getenv("CHOKEPOINT_BIN");
  return b ? b : "build/chokepoint";
}

using chokepoint::testing::ReadFile;
using chokepoint::testing::Shell;

// The first example order with another id.
std::string OrderWithId(const std::string& id) {
  std::ifstream in("data/examples/orders.jsonl");
  std::string line;
  std::getline(in, line);
  Json o = Json::parse(line);
  o["id"] = id;
  return o.dump();
}

// One `chokepoint serve` process on a free loopback port.
class Node {
 public:
  Node(const std::string& db, const std::string& dir, const std::string& name) {
    log_ = dir + "/" + name + ".log";
    pid_ = ::fork();
    if (pid_ == 0) {
      std::string cmd = "exec " + Bin() + " serve --db '" + db +
                        "' --listen 127.0.0.1:0 --threads 8 --list " +
                        "data/examples/blocklist.jsonl --lists-dir " + dir + "/lists 2>" + log_;
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The port is in the "listening on" line; poll the log for it (a polling interval, not a
    // timing assumption: a slow start only takes longer).
    for (int i = 0; i < 6000 && port_ == 0; ++i) {
      std::string text = ReadFile(log_);
      auto at = text.find("listening on http://127.0.0.1:");
      if (at != std::string::npos)
        port_ = std::atoi(text.c_str() + at + 30);
      else if (::waitpid(pid_, nullptr, WNOHANG) == pid_)
        break;
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Node() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_); }

  // {status, body}
  std::pair<int, Json> Send(const std::string& method, const std::string& path,
                            const std::string& token, const std::string& body = "") const {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(60, 0);
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    auto r = method == "GET" ? cli.Get(path, h) : cli.Post(path, h, body, "application/json");
    if (!r) return {-1, Json()};
    return {r->status, Json::parse(r->body, nullptr, false)};
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_;
};

class TwoNodes : public chokepoint::store::testing::OnEachBackend {
 protected:
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    Cli("admin create-org Acme");
    // Far above the server default (50/s): these tests send bursts and count every answer.
    screener_ = Token("screener", "--rate-limit 100000");
    analyst_ = Token("analyst", "--rate-limit 100000");
    a_ = std::make_unique<Node>(db_->target(), db_->dir(), "a");
    b_ = std::make_unique<Node>(db_->target(), db_->dir(), "b");
    ASSERT_GT(a_->port(), 0) << a_->log();
    ASSERT_GT(b_->port(), 0) << b_->log();
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
  }

  std::string Cli(const std::string& args, int want = 0) {
    int rc = -1;
    std::string out = Shell(Bin() + " " + args + " --db '" + db_->target() + "'", &rc);
    EXPECT_EQ(rc, want) << args << ": " << out;
    return out;
  }
  std::string Token(const std::string& role, const std::string& extra = "") {
    std::string out =
        Cli("admin create-token --org Acme --format json --role " + role + " " + extra);
    Json j = Json::parse(out.substr(out.find('{')), nullptr, false);
    return j.is_object() ? j.value("token", "") : "";
  }
  // Audit entries by action (`chokepoint audit export`).
  std::map<std::string, int> AuditActions(const std::string& target_prefix = "") {
    std::map<std::string, int> n;
    std::istringstream in(Cli("audit export"));
    for (std::string line; std::getline(in, line);) {
      Json e = Json::parse(line, nullptr, false);
      if (e.is_object() && e.value("target", "").rfind(target_prefix, 0) == 0)
        ++n[e.value("action", "")];
    }
    return n;
  }

  std::unique_ptr<Node> a_, b_;
  std::string screener_, analyst_;
};

TEST_P(TwoNodes, ShareOrdersTokensAndRateLimits) {
  auto [st, decided] = a_->Send("POST", "/v1/orders/screen", screener_, OrderWithId("SHARED-1"));
  ASSERT_EQ(st, 201) << decided.dump();
  // Decided on one node, read on the other.
  auto [st2, read] = b_->Send("GET", "/v1/orders/SHARED-1", analyst_);
  ASSERT_EQ(st2, 200) << read.dump();
  EXPECT_EQ(read.value("decision", ""), decided.value("decision", "x"));
  // Screened again on the other node: the stored decision.
  auto [st3, again] = b_->Send("POST", "/v1/orders/screen", screener_, OrderWithId("SHARED-1"));
  EXPECT_EQ(st3, 200);
  EXPECT_EQ(again.value("stored", false), true);

  // A token revoked from the command line stops working on both nodes.
  std::string doomed = Token("screener");
  EXPECT_EQ(a_->Send("GET", "/v1/me", doomed).first, 200);
  EXPECT_EQ(b_->Send("GET", "/v1/me", doomed).first, 200);
  std::string id = std::to_string(b_->Send("GET", "/v1/me", doomed).second.value("token_id", 0));
  Cli("admin revoke-token " + id);
  EXPECT_EQ(a_->Send("GET", "/v1/me", doomed).first, 401);
  EXPECT_EQ(b_->Send("GET", "/v1/me", doomed).first, 401);

  if (GetParam() == Backend::kPostgres) {
    // One request per 1000 s, one bucket: spent on one node, it is spent on the other.
    std::string slow = Token("screener", "--rate-limit 0.001");
    EXPECT_EQ(a_->Send("GET", "/v1/me", slow).first, 200);
    EXPECT_EQ(b_->Send("GET", "/v1/me", slow).first, 429);
    EXPECT_EQ(a_->Send("GET", "/v1/me", slow).first, 429);
  }
}

// Both nodes decide, read and audit at once; the log stays one chain.
TEST_P(TwoNodes, ConcurrentRunKeepsOneAuditChain) {
  auto before = AuditActions();
  constexpr int kClients = 4, kOrders = 25;  // per node
  std::vector<std::thread> clients;
  std::atomic<int> failures{0};
  for (int c = 0; c < 2 * kClients; ++c)
    clients.emplace_back([&, c] {
      const Node& node = c % 2 ? *b_ : *a_;
      for (int i = 0; i < kOrders; ++i) {
        std::string id = "RUN-" + std::to_string(c) + "-" + std::to_string(i);
        if (node.Send("POST", "/v1/orders/screen", screener_, OrderWithId(id)).first != 201)
          ++failures;
        if (node.Send("GET", "/v1/orders/" + id, analyst_).first != 200) ++failures;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures, 0);
  int rc = -1;
  std::string verify = Shell(Bin() + " audit verify --db '" + db_->target() + "'", &rc);
  EXPECT_EQ(rc, 0) << verify;
  EXPECT_NE(verify.find("chain intact"), std::string::npos) << verify;
  auto after = AuditActions();
  EXPECT_EQ(after["order.decide"] - before["order.decide"], 2 * kClients * kOrders);
  EXPECT_EQ(after["order.read"] - before["order.read"], 2 * kClients * kOrders);
}

// The same order sent to both nodes at the same moment: one decision, the other node answers
// with it (200, stored), and one order.decide entry in the log.
TEST_P(TwoNodes, SameOrderOnBothNodesIsDecidedOnce) {
  constexpr int kOrders = 30;
  std::vector<std::array<std::pair<int, Json>, 2>> got(kOrders);
  std::barrier sync(2);
  auto client = [&](int k) {
    const Node& node = k ? *b_ : *a_;
    for (int i = 0; i < kOrders; ++i) {
      sync.arrive_and_wait();  // both send order i together
      got[i][k] = node.Send("POST", "/v1/orders/screen", screener_,
                            OrderWithId("TWIN-" + std::to_string(i)));
    }
  };
  std::thread ta(client, 0), tb(client, 1);
  ta.join();
  tb.join();
  for (int i = 0; i < kOrders; ++i) {
    SCOPED_TRACE("TWIN-" + std::to_string(i));
    auto& [ra, rb] = got[i];
    std::multiset<int> statuses{ra.first, rb.first};
    EXPECT_EQ(statuses, (std::multiset<int>{200, 201}));
    ra.second.erase("stored");
    rb.second.erase("stored");
    EXPECT_EQ(ra.second, rb.second);
  }
  auto actions = AuditActions("order:TWIN-");
  EXPECT_EQ(actions["order.decide"], kOrders);
  EXPECT_EQ(actions["order.read"], kOrders);
  auto c = chokepoint::store::Connection::Open(db_->target());
  ASSERT_TRUE(c.ok());
  auto st = (*c)->Prepare("SELECT COUNT(*) FROM decisions WHERE order_id LIKE 'TWIN-%'");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), kOrders);
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoNodes, chokepoint::store::testing::AllBackends(),
                         chokepoint::store::testing::BackendName);

}  // namespace
