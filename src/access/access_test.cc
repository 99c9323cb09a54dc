#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "access/audit_log.h"
#include "access/crypto.h"
#include "access/directory.h"
#include "access/role.h"
#include "store/schema.h"
#include "store/testing.h"
#include "util/date.h"

namespace chokepoint::access {
namespace {

// Directory and AuditLog on each backend, a fresh database per test.
class AccessOn : public store::testing::OnEachBackend {
 protected:
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    auto db = store::OpenDatabase(db_->target());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    conn_ = std::move(*db);
  }
  std::unique_ptr<store::Connection> conn_;
};

TEST(Crypto, Sha256KnownAnswer) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, TokensAre256BitHex) {
  std::string a = NewToken(), b = NewToken();
  EXPECT_EQ(a.size(), 67u);
  EXPECT_EQ(a.substr(0, 3), "cp_");
  EXPECT_NE(a, b);
}

TEST(Roles, AuditorNeverWrites) {
  EXPECT_FALSE(Allowed(Role::kAuditor, Action::kScreenOrder));
  EXPECT_FALSE(Allowed(Role::kAuditor, Action::kReviewOrder));
  EXPECT_TRUE(Allowed(Role::kAuditor, Action::kReadOrders));
  EXPECT_TRUE(Allowed(Role::kAuditor, Action::kReadAudit));
  EXPECT_FALSE(Allowed(Role::kScreener, Action::kReadOrders));
  EXPECT_FALSE(Allowed(Role::kScreener, Action::kReviewOrder));
  EXPECT_TRUE(Allowed(Role::kAnalyst, Action::kReviewOrder));
  EXPECT_FALSE(Allowed(Role::kAnalyst, Action::kReadAudit));
  EXPECT_EQ(ParseRole("screener"), Role::kScreener);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
}

TEST_P(AccessOn, TokenLifecycle) {
  auto& db = conn_;
  Directory dir(*db);
  ASSERT_TRUE(dir.CreateOrg("Acme").ok());
  EXPECT_EQ(dir.CreateOrg("Acme").status().tag(), "org_exists");
  ASSERT_TRUE(dir.CreateUser("Acme", "alice", Role::kAnalyst).ok());
  auto issued = dir.CreateToken({.org = "Acme", .role = Role::kAnalyst, .user = "alice"});
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  auto p = dir.Authenticate(issued->token, NowIso());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->org, "Acme");
  EXPECT_EQ(p->role, Role::kAnalyst);
  EXPECT_EQ(p->Actor(), "alice (token:" + std::to_string(issued->info.id) + ")");

  // Only the hash is stored.
  auto st = db->Prepare("SELECT count(*) FROM api_tokens WHERE token_hash = ?");
  ASSERT_TRUE(st.ok());
  st->Bind(1, issued->token);
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 0);

  ASSERT_TRUE(dir.RevokeToken(issued->info.id).ok());
  EXPECT_EQ(dir.Authenticate(issued->token, NowIso()).status().tag(), "invalid_token");
  EXPECT_EQ(dir.RevokeToken(issued->info.id).status().tag(), "already_revoked");
  EXPECT_EQ(dir.RevokeToken(999).status().tag(), "unknown_token");
}

TEST_P(AccessOn, ExpiredAndMalformedTokensFail) {
  Directory dir(*conn_);
  ASSERT_TRUE(dir.CreateOrg("Acme").ok());
  auto t = dir.CreateToken({.org = "Acme", .role = Role::kScreener, .expires_at = "2020-01-01"});
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(dir.Authenticate(t->token, NowIso()).ok());
  EXPECT_TRUE(dir.Authenticate(t->token, "2019-12-31T23:59:59.000Z").ok());
  EXPECT_FALSE(dir.Authenticate("cp_" + std::string(64, '0'), NowIso()).ok());
  EXPECT_FALSE(dir.Authenticate("", NowIso()).ok());
  EXPECT_EQ(dir.CreateToken({.org = "Nope"}).status().tag(), "unknown_org");
  EXPECT_EQ(dir.CreateToken({.org = "Acme", .user = "bob"}).status().tag(), "unknown_user");
}

TEST_P(AccessOn, AuditChainVerifies) {
  auto& db = conn_;
  AuditLog log(*db);
  auto v0 = log.Verify();
  ASSERT_TRUE(v0.ok());
  EXPECT_TRUE(v0->ok);
  EXPECT_EQ(v0->head_hash, kGenesisHash);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(log.Append({.org_id = 1,
                            .actor = "cli:test",
                            .role = "cli",
                            .action = "token.create",
                            .target = "token:" + std::to_string(i),
                            .source = "cli"})
                    .ok());
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 5);
  EXPECT_EQ(v->head_seq, 5);
  // The triggers refuse edits through SQL.
  EXPECT_FALSE(db->Exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM audit_log WHERE seq = 2").ok());
  if (GetParam() == store::Backend::kPostgres) {
    EXPECT_FALSE(db->Exec("TRUNCATE audit_log").ok());
  }
}

TEST(AuditLog, CanonicalEncodingSeparatesFields) {
  AuditEntry a, b;
  a.event.actor = "ab";
  a.event.role = "c";
  b.event.actor = "a";
  b.event.role = "bc";
  EXPECT_NE(CanonicalEncoding(a), CanonicalEncoding(b));
  EXPECT_NE(EntryHash(a), EntryHash(b));
}

TEST_P(AccessOn, AuditScanFiltersByOrg) {
  AuditLog log(*conn_);
  ASSERT_TRUE(
      log.Append(
             {.org_id = 1, .actor = "a", .role = "r", .action = "x", .target = "t", .source = "s"})
          .ok());
  ASSERT_TRUE(
      log.Append(
             {.org_id = 2, .actor = "a", .role = "r", .action = "x", .target = "t", .source = "s"})
          .ok());
  int n = 0;
  ASSERT_TRUE(log.Scan({.org_id = 2},
                       [&](const AuditEntry& e) {
                         EXPECT_EQ(*e.event.org_id, 2);
                         ++n;
                         return true;
                       })
                  .ok());
  EXPECT_EQ(n, 1);
}

// Appends from several connections at once (several nodes) make one chain.
TEST_P(AccessOn, ConcurrentAppendsMakeOneChain) {
  constexpr int kThreads = 4, kEach = 30;
  std::vector<std::thread> threads;
  std::vector<Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto c = store::Connection::Open(db_->target());
      if (!c.ok()) {
        failures[t] = c.status();
        return;
      }
      AuditLog log(**c);
      for (int i = 0; i < kEach; ++i) {
        auto e = log.Append({.org_id = t,
                             .actor = "node" + std::to_string(t),
                             .role = "cli",
                             .action = "x",
                             .target = "t:" + std::to_string(i),
                             .source = "test"});
        if (!e.ok()) {
          failures[t] = e.status();
          return;
        }
      }
    });
  for (auto& th : threads) th.join();
  for (const Status& s : failures) EXPECT_TRUE(s.ok()) << s.message();
  auto v = AuditLog(*conn_).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, kThreads * kEach);
  EXPECT_EQ(v->head_seq, kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessOn, store::testing::AllBackends(),
                         store::testing::BackendName);

}  // namespace
}  // namespace chokepoint::access
